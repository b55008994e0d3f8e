"""Import benchmark: JSON Lines articles per second, against a naive one-``save()``-per-row baseline,
and peak memory at two file sizes (it must stay flat: the importer streams, it never loads the file).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rasad_bench_import \\
        python bench/import_bench.py --articles 100000

Not a test: nothing here asserts a time. It uses (and empties) its own database.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/rasad_bench_import"
NAIVE_ROWS = 2000  # the naive baseline is slow; its rate is measured on this many rows


def iter_records(n: int, seed: int = 1403) -> Iterator[dict]:
    from bench.corpus import iter_article_records

    return iter_article_records(n, seed=seed)


def write_jsonl(path: Path, n: int, seed: int = 1403) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in iter_records(n, seed):
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.write("\n")
    return path


# --- Django ------------------------------------------------------------------------------------


def setup_django(database_url: str | None = None) -> None:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rasad.settings")
    os.environ.setdefault("DEBUG", "false")  # measure what production runs
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _empty_database() -> None:
    from django.core.management import call_command

    call_command("flush", verbosity=0, interactive=False)


def naive_import(path: Path, limit: int) -> int:
    """The baseline: one ``save()`` per row, names looked up one by one, M2M set per article."""
    from rasad.articles.models import Article, Author, ThinkTank, Topic
    from rasad.imports.records import clean_record

    count = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if count >= limit:
                break
            record = clean_record(json.loads(line))
            think_tank = ThinkTank.objects.get_or_create(name=record.think_tank)[0] if record.think_tank else None
            article = Article.objects.filter(source_url=record.source_url).first() or Article(
                source_url=record.source_url
            )
            article.title, article.summary, article.body = record.title, record.summary, record.body
            article.published_on, article.status = record.published_on, record.status
            article.think_tank, article.observer_name = think_tank, record.observer
            article.open_access = record.open_access
            article.save()
            article.authors.set([Author.objects.get_or_create(name=name)[0] for name in record.authors])
            article.topics.set([Topic.objects.get_or_create(name=name)[0] for name in record.topics])
            count += 1
    return count


def _timed_import(path: Path) -> tuple[float, object]:
    from rasad.imports.services import import_articles

    start = time.perf_counter()
    report = import_articles(paths_or_files=[path], suggest=False)
    return time.perf_counter() - start, report


def _peak_memory_mib(path: Path) -> float:
    """Peak Python heap while importing ``path`` (tracemalloc), in MiB."""
    from rasad.imports.services import import_articles

    _empty_database()
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    import_articles(paths_or_files=[path], suggest=False)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(peak / 2**20, 2)


def measure_import(*, n: int = 20000, workdir) -> dict:
    """Import ``n`` JSON Lines articles; compare with the naive baseline; memory at two sizes."""
    from django.db import connection

    from rasad.articles.models import Article
    from rasad.articles.similarity import refresh_suggestions

    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    big = write_jsonl(workdir / f"articles-{n}.jsonl", n)
    small_n = max(n // 10, 1000)
    small = write_jsonl(workdir / f"articles-{small_n}.jsonl", small_n)

    _empty_database()
    elapsed, report = _timed_import(big)
    assert report.landed and report.created == Article.objects.count(), report
    again, report_again = _timed_import(big)  # the same file again: nothing changes
    assert report_again.unchanged == report.created, report_again

    ids = list(Article.objects.order_by("-id").values_list("pk", flat=True)[:500])
    start = time.perf_counter()
    refresh_suggestions(article_ids=ids)
    suggestions_elapsed = time.perf_counter() - start

    _empty_database()
    naive_n = min(n, NAIVE_ROWS)
    start = time.perf_counter()
    naive_import(big, naive_n)
    naive_elapsed = time.perf_counter() - start

    peak_small = _peak_memory_mib(small)
    peak_big = _peak_memory_mib(big)
    _empty_database()

    import_rate = report.created / elapsed
    naive_rate = naive_n / naive_elapsed
    return {
        "database": connection.vendor,
        "articles": report.created,
        "import_seconds": round(elapsed, 2),
        "import_articles_per_s": round(import_rate, 1),
        "reimport_unchanged_seconds": round(again, 2),
        "reimport_articles_per_s": round(report.created / again, 1),
        "naive_articles": naive_n,
        "naive_articles_per_s": round(naive_rate, 1),
        "import_speedup_vs_naive": round(import_rate / naive_rate, 1),
        "suggestions_articles_per_s": round(len(ids) / suggestions_elapsed, 1),
        "peak_memory_mib_small": peak_small,
        "peak_memory_small_articles": small_n,
        "peak_memory_mib_large": peak_big,
        "peak_memory_large_articles": n,
        "peak_memory_growth_ratio": round(peak_big / peak_small, 2) if peak_small else None,
        "file_mib_large": round(big.stat().st_size / 2**20, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "rasad-import-bench"))
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    setup_django(args.database_url)
    results = measure_import(n=args.articles, workdir=args.workdir)
    text = json.dumps(results, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
