"""Search latency on a realistic corpus, against a naive ``icontains`` baseline in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rasad_bench_search \\
        python bench/search_bench.py --articles 100000

Builds the corpus when the database does not hold exactly ``--articles`` articles, draws
``--queries`` distinct queries from the corpus's own words (seeded: the same corpus gives the same
queries), times ``search_articles`` (the whole page a reader waits for: ids, count, cards,
snippets) once per query, and the same page found by ``icontains`` on title and summary for a
sample of them, prints a table and ``EXPLAIN ANALYZE`` for one search. Search is called directly,
so no page cache is involved. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import random
import re
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

# Hand-written queries of every kind the syntax allows; the bulk of the run is drawn from the corpus.
FIXED_QUERIES = [
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
_DISPLAY_WORD = re.compile(r"[^\W\d_]{3,}")
_ARABIC = str.maketrans({"ی": "ي", "ک": "ك"})


def corpus_queries(n: int, *, seed: int = 1403) -> list[str]:
    """``n`` distinct queries made of words the corpus's titles and summaries use, the way readers
    type them: one to three words (often adjacent in a title), a word still being typed, a quoted
    phrase, an excluded word, Arabic letters, the words joined by a half-space."""
    rng = random.Random(seed)
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    sample = rng.sample(ids, min(len(ids), 4000))
    texts = [f"{t} {s}" for t, s in Article.objects.filter(pk__in=sample).values_list("title", "summary")]
    runs = [_DISPLAY_WORD.findall(text) for text in texts]
    runs = [r for r in runs if len(r) >= 3]
    queries = dict.fromkeys(FIXED_QUERIES)
    while len(queries) < n:
        run = rng.choice(runs)
        kind = rng.random()
        size = 1 if kind < 0.25 else (3 if kind > 0.85 else 2)
        start = rng.randrange(0, len(run) - size + 1)
        words = run[start : start + size] if rng.random() < 0.7 else rng.sample(run, size)
        shape = rng.random()
        if shape < 0.15 and len(words[-1]) > 4:  # still typing the last word
            text = " ".join(words)[: -rng.randint(1, 2)]
        elif shape < 0.22 and size > 1:
            text = "«" + " ".join(words) + "»"
        elif shape < 0.27:
            text = " ".join(words) + " -" + rng.choice(rng.choice(runs))
        elif shape < 0.35:
            text = " ".join(words).translate(_ARABIC)
        elif shape < 0.40 and size > 1:
            text = "\u200c".join(words)
        else:
            text = " ".join(words) + " "
        queries.setdefault(text.strip() if not text.endswith(" ") else text)
    return list(queries)[:n]


PER_PAGE = 12


def _icontains_page(text: str) -> list[Article]:
    """The naive baseline: every word somewhere in title or summary, newest first, one page."""
    words = [w.strip('"«»') for w in text.split() if not w.startswith("-")]
    queryset = Article.objects.for_feed()
    for word in words:
        queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    return list(queryset[: PER_PAGE + 1])


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def _time(fn, queries: list[str], slowest: list[tuple[float, str]] | None = None) -> list[float]:
    timings = []
    for text in queries:
        start = time.perf_counter()
        fn(text)
        timings.append((time.perf_counter() - start) * 1000)
    if slowest is not None:
        slowest.extend(sorted(zip(timings, queries, strict=True), reverse=True)[:10])
    return timings


def measure_search(*, rounds: int = 1000, user=None, baseline_rounds: int | None = None) -> dict:
    """p50/p95 (ms) of a page of search results, each of ``rounds`` distinct corpus queries once,
    and of the ``icontains`` baseline on a sample of the same queries.

    ``search_speedup_vs_icontains`` is the ratio of the p50s (baseline p50 / search p50).
    ``user`` None searches as an anonymous reader (public document only).
    """
    from django.contrib.auth.models import AnonymousUser

    user = user or AnonymousUser()

    def search(text: str) -> None:
        page = search_articles(text=text, user=user, per_page=PER_PAGE)
        list(page.articles)

    queries = corpus_queries(rounds)
    for text in FIXED_QUERIES:  # warm caches and connections for both sides alike
        search(text)
        _icontains_page(text)
    slowest: list[tuple[float, str]] = []
    search_ms = _time(search, queries, slowest)
    # The baseline is slow (≈ 0.4 s a query at 100k): a seeded sample of the same queries suffices.
    baseline_rounds = baseline_rounds or max(len(FIXED_QUERIES), rounds // 10)
    baseline = random.Random(7).sample(queries, min(baseline_rounds, len(queries)))
    icontains_ms = _time(_icontains_page, baseline)
    result = {
        "articles": Article.objects.count(),
        "database": connection.vendor,
        "rounds": len(queries),
        "distinct_queries": len(set(queries)),
        "baseline_rounds": len(baseline),
        "search_p50_ms": round(statistics.median(search_ms), 2),
        "search_p95_ms": round(_percentile(search_ms, 95), 2),
        "search_mean_ms": round(statistics.fmean(search_ms), 2),
        "icontains_p50_ms": round(statistics.median(icontains_ms), 2),
        "icontains_p95_ms": round(_percentile(icontains_ms, 95), 2),
        "icontains_mean_ms": round(statistics.fmean(icontains_ms), 2),
    }
    result["search_speedup_vs_icontains"] = round(result["icontains_p50_ms"] / max(result["search_p50_ms"], 1e-6), 1)
    result["search_over_50ms"] = sum(ms > 50 for ms in search_ms)
    result["search_slowest"] = [f"{ms:.1f} ms {text!r}" for ms, text in slowest]
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
    parser.add_argument("--rounds", type=int, default=1000, help="distinct corpus queries, each searched once")
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
