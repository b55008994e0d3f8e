"""The daily digest at scale: readers with saved searches against a day of new articles.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rasad_bench_alerts \\
        python bench/digest_bench.py --articles 100000 --new 2000 --readers 10000 --workers 2

Builds the corpus (bench/corpus.py) when the database does not hold ``--articles`` articles, makes
``--new`` of them today's articles, and ``--readers`` readers with three saved searches each (daily
digest), drawn from queries made of the corpus's words (bench/search_bench.py). Then, with
``--workers`` Celery workers on RabbitMQ: matches the new articles (in tasks of 250 articles) and
sends every daily digest, timing both; the workers' peak memory (VmHWM); e-mails sent (counted by
the backend, bench/mail_counter.py) against e-mails expected (readers with a match); and the cost
per reader against one ``/search/`` page per reader (``search_articles``) for a sample of readers in
the same run. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BROKER = os.environ.get("CELERY_BROKER_URL") or "amqp://guest:guest@127.0.0.1:5672//"
QUEUE = f"rasad-bench-{uuid.uuid4().hex[:8]}"
MAIL_LOG = Path(tempfile.gettempdir()) / f"rasad-digest-bench-{QUEUE}.log"
os.environ.update(
    CELERY_BROKER_URL=BROKER,
    CELERY_TASK_DEFAULT_QUEUE=QUEUE,
    EMAIL_BACKEND="bench.mail_counter.CountingBackend",
    BENCH_MAIL_LOG=str(MAIL_LOG),
    DJANGO_SETTINGS_MODULE="rasad.settings",
    DEBUG="false",
)

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.corpus import build_corpus  # noqa: E402
from bench.search_bench import corpus_queries  # noqa: E402
from rasad.alerts import tasks  # noqa: E402
from rasad.alerts.models import Alert, Email, Match, MatchedArticle  # noqa: E402
from rasad.articles.models import Article  # noqa: E402
from rasad.search.models import SearchDocument  # noqa: E402
from rasad.search.selectors import search_articles  # noqa: E402

SEARCHES_PER_READER = 3
MATCH_TASK_SIZE = 250


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def prepare(args: argparse.Namespace) -> tuple[list[int], list[str]]:
    call_command("migrate", verbosity=0, interactive=False)
    if Article.objects.count() != args.articles:
        log(f"building a corpus of {args.articles} articles")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("TRUNCATE articles_article, articles_author, articles_thinktank, articles_topic CASCADE")
        build_corpus(args.articles, stdout=open(os.devnull, "w"))  # noqa: SIM115
    today = timezone.localdate()
    rng = random.Random(1403)
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    new = sorted(rng.sample(ids, args.new))
    # Every other article is older than today's; the new ones are today's and not matched yet.
    Article.objects.filter(published_on__gte=today).exclude(pk__in=new).update(
        published_on=today - dt.timedelta(days=2)
    )
    Article.objects.filter(pk__in=new).update(published_on=today)
    SearchDocument.objects.filter(published_on__gte=today).exclude(article_id__in=new).update(
        published_on=today - dt.timedelta(days=2)
    )
    SearchDocument.objects.filter(article_id__in=new).update(published_on=today)
    log("readers and their saved searches")
    Email.objects.all().delete()
    Match.objects.all().delete()
    MatchedArticle.objects.all().delete()
    Alert.objects.all().delete()
    User.objects.filter(username__startswith="bench-reader-").delete()
    users = User.objects.bulk_create(
        [User(username=f"bench-reader-{n}", email=f"reader{n}@bench.rasad", password="!") for n in range(args.readers)],
        batch_size=2000,
    )
    pool = corpus_queries(args.query_pool)
    # Readers' interests overlap: a few subjects are saved by many (Zipf-like), most by few.
    weights = [1 / (k + 1) for k in range(len(pool))]
    alerts, chosen = [], []
    for user in users:
        qs = rng.choices(pool, weights=weights, k=SEARCHES_PER_READER)
        chosen.append(qs[0])
        alerts += [
            Alert(user=user, kind="search", name=q.strip()[:100] or "q", q=q.strip(), delivery="daily") for q in qs
        ]
    Alert.objects.bulk_create(alerts, batch_size=5000)
    return new, chosen


def start_workers(n: int) -> list[subprocess.Popen]:
    cmd = [sys.executable, "-m", "celery", "-A", "rasad", "worker", "--pool=solo", "-Q", QUEUE, "--loglevel=WARNING",
           "--without-gossip", "--without-mingle", "--without-heartbeat"]  # fmt: skip
    procs = [subprocess.Popen([*cmd, f"--hostname=bench{k}@%h"], cwd=ROOT) for k in range(n)]
    time.sleep(6)
    return procs


def peak_mib(proc: subprocess.Popen) -> float:
    for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wait_until(condition, timeout: float) -> float:  # noqa: ANN001
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise SystemExit("timed out")
        time.sleep(0.5)
    return time.monotonic() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=2000)
    parser.add_argument("--readers", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--query-pool", type=int, default=3000)
    parser.add_argument("--baseline-sample", type=int, default=300)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    new, chosen = prepare(args)
    MAIL_LOG.unlink(missing_ok=True)
    procs = start_workers(args.workers)
    today = timezone.localdate()
    try:
        log("matching")
        started = time.monotonic()
        for k in range(0, len(new), MATCH_TASK_SIZE):
            tasks.match_articles.delay(new[k : k + MATCH_TASK_SIZE])
        match_s = wait_until(lambda: MatchedArticle.objects.count() >= len(new), 3600)
        expected = Match.objects.values("alert__user_id").distinct().count()
        log(f"digests for {expected} readers")
        digest_start = time.monotonic()
        tasks.send_daily_digests.delay(today.isoformat())
        done = (Email.Status.SENT, Email.Status.ABANDONED, Email.Status.FAILED)
        wait_until(
            lambda: Email.objects.count() >= expected and not Email.objects.exclude(status__in=done).exists(), 3600
        )
        digest_s = time.monotonic() - digest_start
        total_s = time.monotonic() - started
        peaks = [peak_mib(p) for p in procs]
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=60)
    lines = MAIL_LOG.read_text(encoding="utf-8").splitlines() if MAIL_LOG.exists() else []
    sent = len(lines)
    distinct = len({line.split("\t")[0] for line in lines})
    log("baseline: one /search/ page per reader")
    sample = chosen[: args.baseline_sample]
    base_start = time.perf_counter()
    for q in sample:
        search_articles(text=q, user=None, per_page=12)
    per_search_ms = (time.perf_counter() - base_start) / len(sample) * 1000
    per_reader_ms = total_s * 1000 * args.workers / args.readers  # worker-time per reader
    report = {
        "articles": args.articles, "new_articles": args.new, "readers": args.readers,
        "saved_searches": args.readers * SEARCHES_PER_READER, "workers": args.workers,
        "match_s": round(match_s, 1), "digest_send_s": round(digest_s, 1), "total_s": round(total_s, 1),
        "emails_expected": expected, "emails_sent": sent, "distinct_recipients": distinct,
        "sent_equals_expected": sent == expected == distinct,
        "failed_or_abandoned": Email.objects.exclude(status=Email.Status.SENT).count(),
        "worker_peak_mib": [round(p, 1) for p in peaks],
        "worker_ms_per_reader": round(per_reader_ms, 2), "search_page_ms": round(per_search_ms, 2),
        "cost_per_reader_vs_one_search": round(per_reader_ms / per_search_ms, 2),
        "database": connection.vendor,
    }  # fmt: skip
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 0 if report["sent_equals_expected"] and not report["failed_or_abandoned"] else 1


if __name__ == "__main__":
    sys.exit(main())
