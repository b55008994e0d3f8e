#!/usr/bin/env python
"""Reading figures' cost: `python bench/reading_bench.py --json bench/results/reading.json`.

Needs DATABASE_URL (a dedicated PostgreSQL database) and REDIS_URL (the buffer and sessions live
in Redis, as in production). In one run:

1. a logged-in subscriber's article pages (distinct URLs, uncached) under wrk against gunicorn,
   alternating rounds with counting off (``RASAD_READING_STATS=0``) and on; the ratio of the
   medians is the cost of counting (target ≥ 0.95);
2. folding a day of ``--views`` buffered views (1M by default) into the daily counts (target < 60 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _server  # noqa: E402
from bench.run import wrk  # noqa: E402

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def corpus(n: int) -> list[str]:
    """At least ``n`` published articles (made here when missing); their paths."""
    from rasad.articles.models import Article

    have = Article.objects.filter(source_url__startswith="https://bench.rasad/reading/").count()
    if have < n:
        today = dt.date.today()
        Article.objects.bulk_create(
            [
                Article(
                    title=f"مقالهٔ سنجش خواندن {i}", slug=f"reading-{i}", summary="خلاصهٔ کوتاه برای سنجش.",
                    body="<p>" + "متن کامل برای سنجش شمارش خواندن. " * 80 + "</p>",
                    source_url=f"https://bench.rasad/reading/{i}", status=Article.Status.PUBLISHED,
                    published_on=today - dt.timedelta(days=i % 300),
                )
                for i in range(have, n)
            ],
            batch_size=1000,
        )  # fmt: skip
    rows = Article.objects.filter(source_url__startswith="https://bench.rasad/reading/").values_list("pk", "slug")[:n]
    return [f"/articles/{pk}/{slug}/" for pk, slug in rows]


def subscriber_cookie() -> str:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from rasad.access.models import Subscription

    user, _ = get_user_model().objects.get_or_create(username="bench-reading-subscriber")
    today = dt.date.today()
    Subscription.objects.get_or_create(user=user, starts_on=today, ends_on=today + dt.timedelta(days=30))
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def measure_pages(paths: list[str], cookie: str, *, rounds: int, duration: int) -> dict:
    rates: dict[str, list[float]] = {"off": [], "on": []}
    for _round in range(rounds):
        for mode in ("off", "on"):
            os.environ["RASAD_READING_STATS"] = "1" if mode == "on" else "0"
            with _server.gunicorn() as port:
                random.shuffle(paths)
                warm = wrk(
                    port, paths, duration=2, connections=4, threads=2, headers={"Cookie": cookie, "User-Agent": BROWSER}
                )
                result = wrk(
                    port,
                    paths,
                    duration=duration,
                    connections=8,
                    threads=2,
                    headers={"Cookie": cookie, "User-Agent": BROWSER},
                )
                if result["errors"] or warm["errors"]:
                    raise RuntimeError(f"errors with counting {mode}: {result['errors']}")
                rates[mode].append(result["rps"])
                print(
                    f"  round {_round + 1}, counting {mode}: {result['rps']} req/s, p95 {result['p95_ms']} ms",
                    flush=True,
                )
    off, on = statistics.median(rates["off"]), statistics.median(rates["on"])
    return {"rps_off": off, "rps_on": on, "ratio_on_vs_off": round(on / off, 3), "rounds": rates}


def measure_fold(views: int, articles: list[int]) -> dict:
    from rasad.insights import buffer
    from rasad.insights.models import DailyCount
    from rasad.insights.services import reading_stats_fold

    client = buffer._redis()
    if client is None:
        raise RuntimeError("REDIS_URL must be set: the buffer is a Redis set")
    day = dt.date.today() - dt.timedelta(days=400)  # a day no real view is buffered under
    client.delete(buffer._key(day))
    kinds = [("view_anon", "gate"), ("view_reader", "gate"), ("view_sub", "full")]
    started = time.perf_counter()
    pipe = client.pipeline(transaction=False)
    for n in range(views):
        kind = kinds[n % 3]
        pipe.sadd(buffer._key(day), buffer.member(articles[n % len(articles)], kind, f"{n:016x}"))
        if n % 20000 == 19999:
            pipe.execute()
    pipe.execute()
    filled = time.perf_counter() - started
    started = time.perf_counter()
    folded = reading_stats_fold(today=day + dt.timedelta(days=5))
    seconds = time.perf_counter() - started
    total = sum(DailyCount.objects.filter(day=day).values_list("count", flat=True))
    DailyCount.objects.filter(day=day).delete()
    return {
        "views": views, "fold_seconds": round(seconds, 2), "fill_seconds": round(filled, 2),
        "events_folded": folded.get(day), "counts_stored": total, "views_per_second": round(views / seconds),
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--views", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("set DATABASE_URL (PostgreSQL) and REDIS_URL")
    _server.setup_environment()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    paths = corpus(args.articles)
    cookie = subscriber_cookie()
    print(f"article pages, {len(paths)} distinct URLs, logged-in subscriber:", flush=True)
    pages = measure_pages(paths, cookie, rounds=args.rounds, duration=args.duration)
    from rasad.articles.models import Article

    ids = list(
        Article.objects.filter(source_url__startswith="https://bench.rasad/reading/").values_list("pk", flat=True)
    )
    fold = measure_fold(args.views, ids)
    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
        "load_average": os.getloadavg(), "article_pages": pages, "fold": fold,
        "targets": {"ratio_on_vs_off >= 0.95": pages["ratio_on_vs_off"] >= 0.95, "fold < 60 s": fold["fold_seconds"] < 60},
    }  # fmt: skip
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 0 if all(report["targets"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
