"""A small stand-in for ``bench/corpus.py`` so the harness runs before the real generator exists.

Same shape as ``bench.corpus`` (``iter_article_records`` / ``build_corpus``): Persian titles,
summaries and bodies, think tanks, authors and topics, a few years of dates. It fills tables with
``bulk_create`` and builds no search index. ``bench/run.py`` prefers the real module when present.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import TextIO

SOURCE_PREFIX = "https://bench.rasad.example/"

THINK_TANKS = [
    "مؤسسهٔ بروکینگز",
    "شورای روابط خارجی",
    "اندیشکدهٔ رند",
    "مرکز مطالعات راهبردی و بین‌المللی",
    "بنیاد کارنگی",
    "چتم هاوس",
    "مؤسسهٔ واشنگتن",
    "شورای آتلانتیک",
    "بنیاد هریتیج",
    "مؤسسهٔ هوور",
    "مرکز ویلسون",
    "مؤسسهٔ بین‌المللی مطالعات استراتژیک",
    "شورای اروپایی روابط خارجی",
    "مؤسسهٔ خاورمیانه",
    "گروه بین‌المللی بحران",
    "مؤسسهٔ صلح آمریکا",
    "مرکز امنیت نوین آمریکا",
    "مؤسسهٔ کوئینسی",
    "اندیشکدهٔ بروگل",
    "مؤسسهٔ لووی",
    "مؤسسهٔ مطالعات امنیتی اتحادیهٔ اروپا",
    "مرکز پژوهش پیو",
]
TOPICS = [
    "برنامهٔ هسته‌ای",
    "تحریم‌ها",
    "انرژی",
    "امنیت خلیج فارس",
    "روابط ایران و چین",
    "روسیه",
    "اقتصاد جهانی",
    "تجارت",
    "آب و اقلیم",
    "فناوری",
    "هوش مصنوعی",
    "حقوق بشر",
    "مهاجرت",
    "افغانستان",
    "عراق",
    "سوریه",
    "یمن",
    "لبنان",
    "قفقاز",
    "آسیای مرکزی",
    "اروپا",
    "ایالات متحده",
    "دیپلماسی",
    "انتخابات",
    "نفت و گاز",
]
FIRST = [
    "جان",
    "سارا",
    "مایکل",
    "الیزابت",
    "رابرت",
    "کریم",
    "علی",
    "مریم",
    "دیوید",
    "آنا",
    "پیتر",
    "لیلا",
    "توماس",
    "نادیا",
    "جیمز",
]
LAST = [
    "اسمیت",
    "جانسون",
    "نصر",
    "واعظ",
    "مالونی",
    "کاتزمن",
    "گیلبرت",
    "رحیمی",
    "وایت",
    "براون",
    "کلارک",
    "حسینی",
    "لین",
    "مور",
    "تیلور",
]
WORDS = " ".join(
    [
        "ایران چین روسیه آمریکا اروپا تحریم انرژی نفت گاز برجام مذاکره توافق امنیت منطقه خلیج فارس سیاست خارجی "
        "اقتصاد تورم بازار تجارت صادرات واردات فناوری هوش مصنوعی دیپلماسی راهبرد بحران جنگ صلح مرز آب اقلیم "
        "انتخابات دولت مجلس رهبری نظامی موشک پهپاد هسته‌ای غنی‌سازی آژانس بازرسی گزارش پژوهش تحلیل چشم‌انداز "
        "همکاری رقابت ائتلاف بندر کریدور ترانزیت بانک ارز سرمایه‌گذاری زیرساخت مهاجرت جمعیت جوانان حقوق زنان"
    ]
).split()


def _sentence(rng: random.Random, n_min: int = 8, n_max: int = 18) -> str:
    words = rng.choices(WORDS, k=rng.randint(n_min, n_max))
    return " ".join(words) + "."


def iter_article_records(n: int, *, seed: int = 1403) -> Iterator[dict]:
    rng = random.Random(seed)
    authors = [f"{a} {b}" for a in FIRST for b in LAST]
    start = dt.date(2021, 3, 21)
    for i in range(n):
        title = " ".join(rng.choices(WORDS, k=rng.randint(5, 10)))
        summary = " ".join(_sentence(rng) for _ in range(rng.randint(4, 7)))
        body = "".join(f"<p>{' '.join(_sentence(rng) for _ in range(5))}</p>" for _ in range(rng.randint(4, 8)))
        yield {
            "title": title,
            "summary": summary,
            "body": body,
            "source_url": f"{SOURCE_PREFIX}{seed}/{i}",
            "published": (start + dt.timedelta(days=rng.randint(0, 1800))).isoformat(),
            "authors": rng.sample(authors, k=rng.randint(1, 3)),
            "think_tank": rng.choice(THINK_TANKS),
            "topics": rng.sample(TOPICS, k=rng.randint(1, 3)),
        }


def build_corpus(n: int, *, seed: int = 1403, stdout: TextIO | None = None) -> None:
    """Replace earlier fallback articles with ``n`` fresh ones, in batches of bulk inserts."""
    from django.db import transaction

    from rasad.articles.models import Article, Author, ThinkTank, Topic, persian_slug

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")
            stdout.flush()

    Article.objects.filter(source_url__startswith=SOURCE_PREFIX).delete()
    think_tanks = {name: ThinkTank.objects.get_or_create(name=name)[0] for name in THINK_TANKS}
    topics = {name: Topic.objects.get_or_create(name=name)[0] for name in TOPICS}
    authors: dict[str, Author] = {a.name: a for a in Author.objects.all()}
    AuthorLink = Article.authors.through
    TopicLink = Article.topics.through
    batch: list[dict] = []

    def flush() -> None:
        for record in batch:
            for name in record["authors"]:
                if name not in authors:
                    authors[name] = Author.objects.create(name=name)
        with transaction.atomic():
            created = Article.objects.bulk_create(
                [
                    Article(
                        title=r["title"],
                        slug=persian_slug(r["title"], 200),
                        summary=r["summary"],
                        body=r["body"],
                        source_url=r["source_url"],
                        think_tank=think_tanks[r["think_tank"]],
                        published_on=dt.date.fromisoformat(r["published"]),
                        status=Article.Status.PUBLISHED,
                        open_access=int(r["source_url"].rsplit("/", 1)[1]) % 10 == 0,
                    )
                    for r in batch
                ]
            )
            AuthorLink.objects.bulk_create(
                [
                    AuthorLink(article_id=a.pk, author_id=authors[name].pk)
                    for a, r in zip(created, batch, strict=True)
                    for name in r["authors"]
                ]
            )
            TopicLink.objects.bulk_create(
                [
                    TopicLink(article_id=a.pk, topic_id=topics[name].pk)
                    for a, r in zip(created, batch, strict=True)
                    for name in r["topics"]
                ]
            )
        batch.clear()

    for i, record in enumerate(iter_article_records(n, seed=seed), start=1):
        batch.append(record)
        if len(batch) >= 2000:
            flush()
            say(f"  {i} / {n} articles")
    if batch:
        flush()
    # A few editor's picks, as the real site has.
    picks = list(Article.objects.filter(source_url__startswith=SOURCE_PREFIX).order_by("-published_on")[:6])
    for rank, article in enumerate(picks, start=1):
        Article.objects.filter(pk=article.pk).update(editors_choice_rank=rank)
    say(f"  {n} articles ready (fallback corpus: no search index)")
