"""A realistic Persian think-tank corpus for benchmarks: records in the import schema, and a fast
loader that fills the configured database.

The text is assembled from hand-written Persian sentence patterns about the subjects Rasad's
think tanks write on, then spelled the way real sources spell: some sources type Arabic ي/ك, some
drop or replace half-spaces, some use Latin digits.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

THINK_TANKS = [
    "اندیشکده کارنگی", "مؤسسهٔ بروکینگز", "شورای روابط خارجی", "اندیشکده رند", "چتم هاوس",
    "مؤسسهٔ واشنگتن", "مرکز مطالعات راهبردی و بین‌المللی", "شورای آتلانتیک", "مؤسسهٔ هادسون",
    "اندیشکده ولدای", "مؤسسهٔ بین‌المللی مطالعات راهبردی", "شورای اروپایی روابط خارجی",
    "بنیاد دفاع از دموکراسی‌ها", "مؤسسهٔ کوئینسی", "گروه بین‌المللی بحران", "مرکز امنیت نوین آمریکا",
    "مؤسسهٔ خاورمیانه", "اندیشکده استیمسون", "مؤسسهٔ مطالعات امنیت ملی", "مرکز الجزیره برای مطالعات",
    "اندیشکده بروگل", "مؤسسهٔ پترسون", "مرکز ویلسون", "مؤسسهٔ لووی", "اندیشکده بلفر",
    "مرکز سیاست اروپایی", "مؤسسهٔ سیاست خارجی", "اندیشکده هریتیج", "مرکز مطالعات چین", "مؤسسهٔ کاتو",
]  # fmt: skip
TOPICS = [
    "تحریم‌ها", "انرژی", "امنیت منطقه‌ای", "برنامهٔ هسته‌ای", "اقتصاد جهانی", "روسیه", "چین",
    "خاورمیانه", "اروپا", "آمریکا", "فناوری", "حقوق بشر", "مهاجرت", "تغییرات اقلیمی", "بازار نفت",
    "دیپلماسی", "جنگ اوکراین", "قفقاز", "آسیای مرکزی", "خلیج فارس", "تجارت", "بانک مرکزی",
    "انتخابات", "افغانستان", "عراق", "ترکیه", "اسرائیل", "هند", "پهپادها", "امنیت سایبری",
]  # fmt: skip
FIRST = [
    "علی",
    "محمد",
    "حسین",
    "رضا",
    "سارا",
    "مریم",
    "زهرا",
    "نرگس",
    "کاوه",
    "بابک",
    "جان",
    "مایکل",
    "رابرت",
    "سوزان",
    "الیزابت",
    "دیوید",
    "ولادیمیر",
    "آنا",
    "کریم",
    "لیلا",
]
LAST = [
    "رئیسی", "کاظمی", "احمدی", "اسمیت", "جانسون", "براون", "کارپنتر", "واعظ", "نصر", "پارسی",
    "والش", "میلر", "تکیه", "فیتزپاتریک", "کوپچان", "ایوانف", "پتروف", "مالونی", "گیلبرت", "حسینی",
    "لیندزی", "هالیدی", "بلوسف", "ژانگ", "وانگ", "سینگ", "یلدیز", "کوهن", "گلدبرگ", "سلیمانی",
]  # fmt: skip
COUNTRIES = [
    "ایران",
    "روسیه",
    "چین",
    "آمریکا",
    "ترکیه",
    "عربستان",
    "هند",
    "اروپا",
    "عراق",
    "قطر",
    "امارات",
    "پاکستان",
    "اوکراین",
    "آلمان",
    "فرانسه",
]
CITIES = [
    "تهران",
    "مسکو",
    "پکن",
    "واشنگتن",
    "آنکارا",
    "ریاض",
    "دهلی",
    "بروکسل",
    "بغداد",
    "دوحه",
    "ابوظبی",
    "وین",
    "ژنو",
    "تبریز",
    "استانبول",
]
ACTORS = [
    "رئیس جمهور", "وزیر امور خارجه", "بانک مرکزی", "شورای امنیت", "وزارت دفاع", "پارلمان",
    "نمایندگان کنگره", "کارشناسان اقتصادی", "مقام‌های ارشد", "دیپلمات‌های اروپایی", "فرماندهان نظامی",
    "شرکت‌کنندگان نشست", "پژوهشگران دانشگاه", "سرمایه‌گذاران خارجی", "رهبران منطقه",
]  # fmt: skip
SUBJECTS = [
    "تحریم‌های ثانویه", "صادرات نفت", "برنامهٔ هسته‌ای", "امنیت انرژی", "بازار گاز", "نرخ تورم",
    "همکاری نظامی", "توافق تجاری", "مذاکرات وین", "خطوط لوله", "کریدور شمال جنوب", "بازار ارز",
    "پهپادهای نظامی", "امنیت سایبری", "زنجیرهٔ تأمین", "سرمایه‌گذاری خارجی", "روابط راهبردی",
    "بحران آب", "مهاجرت نیروی کار", "فناوری‌های نوین", "رقابت قدرت‌ها", "نظم بین‌المللی",
]  # fmt: skip
NOUNS = [
    "بازار",
    "سیاست",
    "امنیت",
    "اقتصاد",
    "صنعت",
    "فناوری",
    "انرژی",
    "تجارت",
    "بودجه",
    "بانک",
    "بندر",
    "مرز",
    "ارتش",
    "ناوگان",
    "دانشگاه",
    "رسانه",
    "دولت",
    "مجلس",
    "دادگاه",
    "قانون",
    "سرمایه",
    "بدهی",
    "یارانه",
    "مالیات",
    "صادرات",
    "واردات",
    "پالایشگاه",
    "نیروگاه",
    "معدن",
    "کشاورزی",
    "گردشگری",
    "خودروسازی",
    "کشتیرانی",
    "هوانوردی",
    "مخابرات",
    "سلامت",
    "آموزش",
    "مسکن",
    "شهرسازی",
    "دیپلماسی",
    "اطلاعات",
    "پلیس",
    "قرارداد",
    "ائتلاف",
    "پیمان",
    "اتحادیه",
    "کنسرسیوم",
    "فولاد",
    "مس",
    "آلومینیوم",
    "سیمان",
    "پتروشیمی",
    "داروسازی",
    "واکسن",
    "بیمارستان",
    "راه\u200cآهن",
    "جاده",
    "فرودگاه",
    "اسکله",
    "خط\u200cلوله",
    "شبکه",
    "ماهواره",
    "موشک",
    "زیردریایی",
    "ناو",
    "جنگنده",
    "رادار",
    "پدافند",
    "گمرک",
    "بورس",
    "تورم",
    "رکود",
    "اشتغال",
    "بیکاری",
    "دستمزد",
    "بازنشستگی",
    "بیمه",
    "صندوق",
    "اوراق",
    "ارز",
    "طلا",
    "رمزارز",
    "استارتاپ",
    "هوش\u200cمصنوعی",
    "نیمه\u200cرسانا",
    "تراشه",
    "باتری",
    "لیتیوم",
    "خورشید",
    "باد",
    "آب",
    "سد",
    "خشکسالی",
    "غذا",
    "گندم",
    "برنج",
    "شکر",
    "پناهجو",
    "مهاجر",
    "اقلیت",
    "قومیت",
    "مذهب",
    "انتخابات",
    "حزب",
    "ائتلاف\u200cسازی",
    "مشروعیت",
    "اعتراض",
    "سانسور",
    "اینترنت",
    "حکمرانی",
    "فساد",
    "شفافیت",
    "بوروکراسی",
    "استان",
    "شهرداری",
    "روستا",
    "مرزبانی",
    "قاچاق",
    "مواد",
    "سلاح",
    "تروریسم",
]
ADJECTIVES = [
    "ملی",
    "منطقه\u200cای",
    "جهانی",
    "نظامی",
    "اقتصادی",
    "دیجیتال",
    "هسته\u200cای",
    "سبز",
    "نفتی",
    "دریایی",
    "مرزی",
    "شهری",
    "روستایی",
    "صنعتی",
    "بین\u200cالمللی",
    "داخلی",
    "خارجی",
    "راهبردی",
    "عمومی",
    "خصوصی",
    "دولتی",
    "غیررسمی",
    "پایدار",
    "شکننده",
    "نوظهور",
    "سنتی",
    "فرامرزی",
    "دوجانبه",
    "چندجانبه",
    "امنیتی",
    "سیاسی",
    "اجتماعی",
    "فرهنگی",
    "حقوقی",
    "مالی",
    "پولی",
    "تجاری",
    "فنی",
]
SENTENCES = [
    "{actor} {country} در دیدار با همتای خود در {city} دربارهٔ {subject} گفتگو کرد.",
    "به باور {actor}، {subject} در سال {year} به مهم‌ترین موضوع روابط {country} و {country2} تبدیل می‌شود.",
    "گزارش تازه نشان می‌دهد که {subject} در {number} ماه گذشته بیش از {percent} درصد تغییر کرده است.",
    "{country} می‌کوشد با گسترش {subject} از فشار {subject2} بکاهد.",
    "تحلیلگران می‌گویند پیامدهای {subject} برای {country} هنوز روشن نیست.",
    "در نشست {city} که با حضور {actor} برگزار شد، دربارهٔ آیندهٔ {subject} بحث شد.",
    "این گزارش یادآوری می‌کند که {country} و {country2} در زمینهٔ {subject} منافع مشترکی دارند.",
    "نویسندگان پیشنهاد می‌کنند سیاست‌گذاران پیش از هر تصمیمی دربارهٔ {subject} با {actor} مشورت کنند.",
    "هزینهٔ {subject} برای اقتصاد {country} تا سال {year} به {number} میلیارد دلار می‌رسد.",
    "از نگاه {actor}، بدون توافق دربارهٔ {subject} ثبات منطقه ممکن نیست.",
    "رقابت {country} و {country2} بر سر {subject} به کشورهای همسایه هم کشیده شده است.",
    "داده‌های بانک جهانی نشان می‌دهد که {subject} در {country} از سال {year} کاهش یافته است.",
]  # fmt: skip
TITLES = [
    "{subject} و آیندهٔ روابط {country} و {country2}",
    "چرا {country} به {subject} نیاز دارد؟",
    "{actor} {country} و معمای {subject}",
    "پیامدهای {subject} برای {country}",
    "{subject} پس از نشست {city}",
    "نگاهی تازه به {subject} در {country}",
]  # fmt: skip

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _fill(rng: random.Random, pattern: str) -> str:
    country, country2 = rng.sample(COUNTRIES, 2)
    subject, subject2 = (
        rng.choice(SUBJECTS) if rng.random() < 0.25 else f"{rng.choice(NOUNS)} {rng.choice(ADJECTIVES)}"
        for _ in range(2)
    )
    return pattern.format(
        actor=rng.choice(ACTORS), country=country, country2=country2, city=rng.choice(CITIES),
        subject=subject, subject2=subject2, year=rng.randint(1395, 1410),
        number=rng.randint(2, 90), percent=rng.randint(3, 60),
    )  # fmt: skip


class Spelling:
    """How one source spells: Arabic letters or not, what it does with half-spaces, its digits."""

    def __init__(self, rng: random.Random):
        self.arabic = rng.random() < 0.2
        self.zwnj = rng.choices(["keep", "space", "none"], weights=[6, 3, 2])[0]
        self.persian_digits = rng.random() < 0.7

    def __call__(self, text: str) -> str:
        if self.arabic:
            text = text.replace("ی", "ي").replace("ک", "ك")
        if self.zwnj == "space":
            text = text.replace("\u200c", " ")
        elif self.zwnj == "none":
            text = text.replace("\u200c", "")
        if self.persian_digits:
            text = text.translate(PERSIAN_DIGITS)
        return text


def iter_article_records(n: int, *, seed: int = 1403) -> Iterator[dict]:
    """``n`` articles in the import schema: title, summary, body (HTML), source_url, published (ISO
    date), authors (names), think_tank (name), topics (names). Deterministic for a ``seed``."""
    rng = random.Random(seed)
    authors = sorted({f"{f} {last}" for f in FIRST for last in LAST})
    start = dt.date(2019, 1, 1)
    for i in range(n):
        spell = Spelling(rng)
        title = _fill(rng, rng.choice(TITLES))
        summary = " ".join(_fill(rng, rng.choice(SENTENCES)) for _ in range(rng.randint(3, 5)))
        paragraphs = [
            " ".join(_fill(rng, rng.choice(SENTENCES)) for _ in range(rng.randint(3, 5)))
            for _ in range(rng.randint(3, 4))
        ]
        yield {
            "title": spell(title),
            "summary": spell(summary),
            "body": "".join(f"<p>{spell(p)}</p>" for p in paragraphs),
            "source_url": f"https://bench.example.org/{seed}/{i}",
            "published": (start + dt.timedelta(days=rng.randint(0, 2000))).isoformat(),
            "authors": rng.sample(authors, rng.choice([1, 1, 1, 2, 2, 3])),
            "think_tank": rng.choice(THINK_TANKS),
            "topics": rng.sample(TOPICS, rng.randint(1, 3)),
        }


def build_corpus(n: int, *, seed: int = 1403, stdout=None) -> None:
    """Fill the configured database with ``n`` published articles, fast: ``bulk_create`` in batches,
    bulk inserts into the M2M through tables, then one bulk rebuild of the search index."""
    from django.db import transaction

    from rasad.articles.models import Article, Author, ThinkTank, Topic, persian_slug
    from rasad.search.indexing import rebuild_index

    out = stdout or sys.stdout
    batch = 2000
    tanks = {t.name: t.pk for t in ThinkTank.objects.all()}
    topics = {t.name: t.pk for t in Topic.objects.all()}
    authors = {a.name: a.pk for a in Author.objects.all()}

    def ensure(model, cache: dict, names: set[str]) -> None:
        missing = sorted(names - cache.keys())
        if missing:
            start = len(cache)
            model.objects.bulk_create(
                [model(name=name, slug=f"{persian_slug(name)}-{start + k}") for k, name in enumerate(missing)]
            )
            cache.update(model.objects.filter(name__in=missing).values_list("name", "pk"))

    records = iter_article_records(n, seed=seed)
    done = 0
    while done < n:
        chunk = [next(records) for _ in range(min(batch, n - done))]
        with transaction.atomic():
            ensure(ThinkTank, tanks, {r["think_tank"] for r in chunk})
            ensure(Topic, topics, {t for r in chunk for t in r["topics"]})
            ensure(Author, authors, {a for r in chunk for a in r["authors"]})
            articles = Article.objects.bulk_create(
                [
                    Article(
                        title=r["title"],
                        slug=persian_slug(r["title"], 200),
                        summary=r["summary"],
                        body=r["body"],  # generated, already safe HTML (bulk_create skips save())
                        source_url=r["source_url"],
                        think_tank_id=tanks[r["think_tank"]],
                        published_on=dt.date.fromisoformat(r["published"]),
                        status=Article.Status.PUBLISHED,
                    )
                    for r in chunk
                ],
                batch_size=500,
            )
            Article.authors.through.objects.bulk_create(
                [
                    Article.authors.through(article_id=a.pk, author_id=authors[name])
                    for a, r in zip(articles, chunk, strict=True)
                    for name in r["authors"]
                ],
                batch_size=5000,
            )
            Article.topics.through.objects.bulk_create(
                [
                    Article.topics.through(article_id=a.pk, topic_id=topics[name])
                    for a, r in zip(articles, chunk, strict=True)
                    for name in r["topics"]
                ],
                batch_size=5000,
            )
        done += len(chunk)
        out.write(f"articles: {done}/{n}\n")
    out.write("search index…\n")
    rebuild_index(stdout=None)
    from rasad.core.statistics import analyze_after_bulk
    from rasad.search.models import SearchDocument, SearchToken

    analyze_after_bulk([Article, Author, ThinkTank, Topic, SearchDocument, SearchToken], rows=n)
    out.write("done\n")


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasad.settings")
    import django

    django.setup()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1403)
    args = parser.parse_args()
    setup_django()
    build_corpus(args.articles, seed=args.seed)
