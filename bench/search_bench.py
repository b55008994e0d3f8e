"""Search latency on a realistic corpus, against a naive ``icontains`` baseline in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rasad_bench_search \\
        python bench/search_bench.py --articles 100000

Builds the corpus when the database does not hold exactly ``--articles`` articles, times
``search_articles`` (the whole page a reader waits for: ids, cards, snippets) and the same page
found by ``icontains`` on title and summary, prints a table and ``EXPLAIN ANALYZE`` for one search.
Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasad.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402

from rasad.articles.models import Article  # noqa: E402
from rasad.search.selectors import search_articles  # noqa: E402

# What readers type: several words, spelling variants, and a last word still being typed.
QUERIES = [
    "تحریم های ثانویه",
    "صادرات نفت ايران",
    "برنامه هسته ای",
    "امنیت انرژی اروپا",
    "رییس جمهور روسیه",
    "شرکت کنندگان نشست",
    "بانك مركزي",
    "کریدور شمال جنوب",
    "مذاکرات وین",
    "پالایشگاه نفتی",
    "نیروگاه هسته",
    "بازار گاز قطر",
    "همکاری نظامی چین",
    "سرمایه گذاری خارجی",
    "خودروسازی صنع",
    "کشتیرانی دریا",
    '"نظم بین المللی"',
    "تحریم -روسیه",
    "زنجیره تأمین هند",
    "مالیات دیجیتال",
]
PER_PAGE = 12


def _icontains_page(text: str) -> list[Article]:
    """The naive baseline: every word somewhere in title or summary, newest first, one page."""
    words = [w.strip('"') for w in text.split() if not w.startswith("-")]
    queryset = Article.objects.for_feed()
    for word in words:
        queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    return list(queryset[: PER_PAGE + 1])


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def _time(fn, rounds: int) -> list[float]:
    timings = []
    for i in range(rounds):
        text = QUERIES[i % len(QUERIES)]
        start = time.perf_counter()
        fn(text)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def measure_search(*, rounds: int = 300, user=None) -> dict:
    """p50/p95 (ms) of a page of search results and of the ``icontains`` baseline.

    ``search_speedup_vs_icontains`` is the ratio of the p50s (baseline p50 / search p50).
    ``user`` None searches as an anonymous reader (public document only).
    """
    from django.contrib.auth.models import AnonymousUser

    user = user or AnonymousUser()

    def search(text: str) -> None:
        page = search_articles(text=text, user=user, per_page=PER_PAGE)
        list(page.articles)

    for text in QUERIES:  # warm caches and connections for both sides alike
        search(text)
        _icontains_page(text)
    search_ms = _time(search, rounds)
    baseline_rounds = max(len(QUERIES), rounds // 5)  # the baseline is slow; fewer rounds suffice
    icontains_ms = _time(_icontains_page, baseline_rounds)
    result = {
        "articles": Article.objects.count(),
        "database": connection.vendor,
        "rounds": rounds,
        "baseline_rounds": baseline_rounds,
        "search_p50_ms": round(statistics.median(search_ms), 2),
        "search_p95_ms": round(_percentile(search_ms, 95), 2),
        "search_mean_ms": round(statistics.fmean(search_ms), 2),
        "icontains_p50_ms": round(statistics.median(icontains_ms), 2),
        "icontains_p95_ms": round(_percentile(icontains_ms, 95), 2),
        "icontains_mean_ms": round(statistics.fmean(icontains_ms), 2),
    }
    result["search_speedup_vs_icontains"] = round(result["icontains_p50_ms"] / max(result["search_p50_ms"], 1e-6), 1)
    return result


def explain(text: str = "بانک مرکزی") -> str:
    """``EXPLAIN ANALYZE`` of the statements that find the ids for ``text`` (PostgreSQL), as an
    anonymous reader: the search runs once, and each date slice it queried is explained."""
    from django.utils import timezone

    from rasad.search.backends import Filters, search_ids
    from rasad.search.selectors import vocabulary
    from rasad.search.text import exact_tokens, expand_prefixes, parse_query, prefixes, prune

    if connection.vendor != "postgresql":
        return "(EXPLAIN ANALYZE is shown on PostgreSQL only)"

    def plans(words: str) -> str:
        query = parse_query(words)
        known, expansions = vocabulary(exact_tokens(query), prefixes(query))
        query = prune(query, known)
        query = query and expand_prefixes(query, expansions)
        if query is None:
            return "(no document has every word)"
        statements: list[tuple[str, list]] = []

        def record(execute, sql, params, many, context):
            if "ts_rank" in sql or "@@" in sql:
                statements.append((sql, list(params)))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            search_ids(
                query,
                full=False,
                filters=Filters(),
                today=timezone.localdate(),
                newest=False,
                offset=0,
                limit=PER_PAGE + 1,
            )
        out = []
        with connection.cursor() as cursor:
            for number, (sql, params) in enumerate(statements, 1):
                cursor.execute("EXPLAIN ANALYZE " + sql, params)
                out.append(f"-- statement {number} of {len(statements)}")
                out.extend(row[0] for row in cursor.fetchall())
        return "\n".join(out)

    # Common words fill the ranking window from the newest date slice; a rare one needs more slices.
    return plans(text) + "\n\n-- «پالایشگاه نفتی»\n" + plans("پالایشگاه نفتی")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description="Search latency versus icontains.")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1403)
    parser.add_argument("--reindex", action="store_true", help="rebuild the search index of an existing corpus")
    args = parser.parse_args(argv)

    from django.core.management import call_command

    from bench.corpus import build_corpus

    call_command("migrate", verbosity=0)
    if Article.objects.count() != args.articles:
        print(f"building a corpus of {args.articles} articles…")
        Article.objects.all().delete()
        start = time.perf_counter()
        build_corpus(args.articles, seed=args.seed)
        print(f"corpus built in {time.perf_counter() - start:.0f} s")
    elif args.reindex:  # after a change to the tokeniser, stored tokens must be rebuilt
        from rasad.search.indexing import rebuild_index

        rebuild_index()
    result = measure_search(rounds=args.rounds)
    width = max(len(k) for k in result)
    print()
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    print()
    print(explain())
    return result


if __name__ == "__main__":
    main()
