#!/usr/bin/env python
"""Rasad's benchmark: `python bench/run.py --articles 100000 --json bench/results/latest.json`.

Builds a corpus of N articles in the configured database (DATABASE_URL), then measures, each
against a baseline taken in the same run:

- requests per second for the feed, an article page and search under wrk against gunicorn
  (rasad/deploy/gunicorn.conf.py), divided by the rate of a bare Django view with the same
  middleware (`/bench/bare/`);
- search p50/p95 latency and its speed-up over `icontains` (bench/search_bench.py);
- import rate and its speed-up over one save() per row (bench/import_bench.py);
- SQL queries on the feed with 20 and with 100 items.

Prints a table, writes the JSON, and exits non-zero if a measurement failed or is missing.
Traffic goes only to 127.0.0.1; every run is bounded by --duration.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _server  # noqa: E402

TARGETS = {
    # key: (description, test)
    "feed_rps_ratio_vs_bare_django": ("≥ 0.5", lambda v: v >= 0.5),
    "search_rps_ratio_vs_bare_django": ("≥ 0.3", lambda v: v >= 0.3),
    "search_speedup_vs_icontains": ("≥ 20×", lambda v: v >= 20),
    "search_p95_ms": ("< 50 ms", lambda v: v < 50),
    "import_speedup_vs_naive": ("≥ 5×", lambda v: v >= 5),
    "feed_queries_20_vs_100_items": ("equal", lambda v: v[0] == v[1]),
    "logged_in.feed_rps_ratio_vs_bare_django": ("≥ 0.25", lambda v: v >= 0.25),
    "logged_in.article_rps_ratio_vs_bare_django": ("≥ 0.25", lambda v: v >= 0.25),
    "logged_in.search_rps_ratio_vs_bare_django": ("≥ 0.1", lambda v: v >= 0.1),
    "logged_in.feed_p95_ms": ("< 20 ms", lambda v: v < 20),
    "logged_in.article_p95_ms": ("< 20 ms", lambda v: v < 20),
    "logged_in.search_p95_ms": ("< 50 ms", lambda v: v < 50),
    "distinct_search_queries": ("≥ 1000", lambda v: v >= 1000),
    "distinct_article_urls": ("≥ 5000", lambda v: v >= 5000),
}

WRK_SCRIPT = """
local paths = {%(paths)s}
local headers = {%(headers)s}
local i = math.random(0, #paths - 1)
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%%d,"duration_us":%%d,"bytes":%%d,"connect":%%d,"read":%%d,"write":%%d,"status":%%d,"timeout":%%d,"p50_us":%%d,"p95_us":%%d,"p99_us":%%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def log(message: str) -> None:
    print(message, flush=True)


# --- corpus ---------------------------------------------------------------------------------


BENCH_URL_PREFIX = "https://bench.example.org/"


def clear_previous_corpus() -> None:
    """Empty a database that holds only an earlier benchmark corpus; refuse to touch any other."""
    from django.db import connection

    from rasad.articles.models import Article

    if not Article.objects.exists():
        return
    if Article.objects.exclude(source_url__startswith=BENCH_URL_PREFIX).exists():
        raise SystemExit(
            "this database holds articles that are not a benchmark corpus: use a dedicated database "
            "(see README, «Performance») or --skip-build"
        )
    log("replacing the previous benchmark corpus")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Everything that hangs off articles (index documents, links, saves, notes) goes with them.
            cursor.execute("TRUNCATE articles_article, articles_author, articles_thinktank, articles_topic CASCADE")
        else:
            Article.objects.all().delete()


def build(n: int) -> str:
    """Fill the database with N articles (bench/corpus.py); returns which generator did it."""
    from bench.corpus import build_corpus

    clear_previous_corpus()
    started = time.perf_counter()
    build_corpus(n, stdout=sys.stdout)
    log(f"corpus of {n} built in {time.perf_counter() - started:.1f} s by bench/corpus.py")
    return "bench/corpus.py"


# --- in-process measurements ------------------------------------------------------------------


def feed_query_counts() -> list[int]:
    """Queries for one uncached anonymous feed page with 20 and with 100 cards."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    counts = []
    for size in (20, 100):
        with (
            override_settings(RASAD_PAGE_SIZE=size, RASAD_PAGE_CACHE_SECONDS=0),
            CaptureQueriesContext(connection) as ctx,
        ):
            response = Client().get("/")
        if response.status_code != 200:
            raise RuntimeError(f"feed answered {response.status_code}")
        cards = response.content.decode().count('<article class="card"')
        if cards < min(size, 20):
            raise RuntimeError(f"feed with page size {size} showed only {cards} cards")
        counts.append(len(ctx.captured_queries))
    return counts


ARTICLE_URLS = 5000
SEARCH_QUERIES = 1000
FEED_PAGES = 50
ANNOTATED_ARTICLES = 300


def article_path(pk: int, slug: str) -> str:
    return f"/articles/{pk}/{quote(slug)}/"


def search_paths(queries: list[str], rng: random.Random) -> list[str]:
    """One URL per query; a fifth of them narrowed by a think tank, topic or date filter."""
    from rasad.articles.models import ThinkTank, Topic

    tanks = list(ThinkTank.objects.values_list("pk", flat=True)[:50])
    topics = list(Topic.objects.values_list("pk", flat=True)[:50])
    paths = []
    for q in queries:
        path = f"/search/?q={quote(q)}"
        kind = rng.random()
        if kind < 0.08 and tanks:
            path += f"&think_tank={rng.choice(tanks)}"
        elif kind < 0.16 and topics:
            path += f"&topic={rng.choice(topics)}"
        elif kind < 0.2:
            path += "&sort=newest"
        paths.append(path)
    return paths


def sample_paths(seed: int = 1403) -> dict[str, list[str]]:
    """URLs for the HTTP scenarios, drawn from the whole corpus: feed pages first to deep, thousands
    of distinct articles, a thousand distinct searches made of the corpus's own words."""
    from bench.search_bench import corpus_queries
    from rasad.articles.models import Article

    rng = random.Random(seed)
    ids = list(Article.objects.published().values_list("pk", "slug"))
    if not ids:
        raise RuntimeError("the database has no published articles")
    articles = [article_path(pk, slug) for pk, slug in rng.sample(ids, k=min(ARTICLE_URLS, len(ids)))]
    annotated = rng.sample(ids, k=min(ANNOTATED_ARTICLES, len(ids)))
    queries = corpus_queries(SEARCH_QUERIES, seed=seed)
    pages = max(1, min(FEED_PAGES, len(ids) // 20))
    return {
        "bare": ["/bench/bare/"],
        # The first page most often, then deeper pages down to the fiftieth.
        "feed": ["/"] * 10 + [f"/?page={p}" for p in range(2, pages + 1)],
        "article": articles,
        "article_notes": [article_path(pk, slug) for pk, slug in annotated],
        "annotated_ids": [pk for pk, _ in annotated],
        "search": search_paths(queries, rng),
        "library": ["/library/"],
        "team": ["/annotations/team/"],
        "queries": queries,
    }


def optional_measurement(module: str, function: str, **kwargs) -> tuple[dict, str | None]:
    """Run bench/<module>.py's <function>; a missing module is reported, not fatal."""
    try:
        imported = __import__(f"bench.{module}", fromlist=[function])
    except ImportError as exc:
        return {}, f"bench/{module}.py is missing ({exc})"
    try:
        return dict(getattr(imported, function)(**kwargs)), None
    except Exception:  # report any failure in the table and JSON, keep the other figures
        return {}, f"bench/{module}.py:{function} failed:\n{traceback.format_exc()}"


# --- HTTP load ----------------------------------------------------------------------------------


def wrk(
    port: int,
    paths: list[str],
    *,
    duration: int,
    connections: int,
    threads: int,
    headers: dict[str, str] | None = None,
) -> dict:
    script = WRK_SCRIPT % {
        "paths": ", ".join(json.dumps(p) for p in paths),
        "headers": ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in (headers or {}).items()),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        result = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{duration}s",
                "--timeout",
                "10s",
                "-s",
                handle.name,
                f"http://{_server.HOST}:{port}",
            ],
            capture_output=True,
            text=True,
            timeout=duration + 60,
        )
    finally:
        os.unlink(handle.name)
    match = re.search(r"^WRKJSON (\{.*\})$", result.stdout, re.M)
    if result.returncode != 0 or not match:
        raise RuntimeError(f"wrk failed: {result.stdout}\n{result.stderr}")
    raw = json.loads(match.group(1))
    errors = {k: raw[k] for k in ("connect", "read", "write", "status", "timeout") if raw[k]}
    return {
        "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "requests": raw["requests"],
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "errors": errors,
        "paths": len(paths),
    }


def check_paths(port: int, name: str, paths: list[str], headers: dict[str, str] | None = None) -> str | None:
    """One request to each scenario's first URL, so a missing endpoint is named plainly."""
    try:
        status, _ = _server.get(port, paths[0], headers, timeout=30)
    except OSError as exc:
        return f"{name}: {paths[0]} did not answer ({exc})"
    if status == 404:
        return f"{name}: {paths[0]} answers 404 (endpoint missing?)"
    if status >= 400:
        return f"{name}: {paths[0]} answers {status}"
    return None


# --- machine --------------------------------------------------------------------------------


def machine_info() -> dict:
    from django import get_version
    from django.db import connection

    info: dict[str, object] = {
        "cpus": os.cpu_count(),
        "load_average_at_start": [round(v, 2) for v in os.getloadavg()],
        "python": platform.python_version(),
        "django": get_version(),
        "platform": platform.platform(),
        "database": connection.vendor,
    }
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
        info["cpu_model"] = model.group(1).strip() if model else platform.processor()
        meminfo = Path("/proc/meminfo").read_text()
        kb = int(re.search(r"^MemTotal:\s*(\d+)", meminfo, re.M).group(1))
        info["ram_gib"] = round(kb / 1024 / 1024, 1)
    except (OSError, AttributeError):
        pass
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
    info["wrk"] = (subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines() or ["?"])[0]
    info["gunicorn_workers"] = int(os.environ.get("GUNICORN_WORKERS") or (os.cpu_count() or 1) * 2 + 1)
    info["cache"] = "redis" if os.environ.get("REDIS_URL") else "locmem (per worker)"
    return info


# --- report ---------------------------------------------------------------------------------


def fmt(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, list | tuple):
        return " vs ".join(str(v) for v in value)
    return str(value)


def print_table(report: dict) -> None:
    rows = [
        ("bare Django view (req/s)", report["http"].get("bare_rps"), ""),
        ("feed (req/s)", report["http"].get("feed", {}).get("rps"), ""),
        ("article page (req/s)", report["http"].get("article", {}).get("rps"), ""),
        ("search (req/s)", report["http"].get("search", {}).get("rps"), ""),
    ]
    rows += [
        ("feed ÷ bare", report.get("feed_rps_ratio_vs_bare_django"), "feed_rps_ratio_vs_bare_django"),
        ("article ÷ bare", report.get("article_rps_ratio_vs_bare_django"), ""),
        ("search ÷ bare", report.get("search_rps_ratio_vs_bare_django"), "search_rps_ratio_vs_bare_django"),
        ("search p50 (ms)", report.get("search_p50_ms"), ""),
        ("search p95 (ms)", report.get("search_p95_ms"), "search_p95_ms"),
        ("icontains p95 (ms)", report.get("icontains_p95_ms"), ""),
        ("search speed-up vs icontains", report.get("search_speedup_vs_icontains"), "search_speedup_vs_icontains"),
        ("import (articles/s)", report.get("import_articles_per_s"), ""),
        ("naive import (articles/s)", report.get("naive_articles_per_s"), ""),
        ("import speed-up vs save()", report.get("import_speedup_vs_naive"), "import_speedup_vs_naive"),
        ("feed queries, 20 vs 100 items", report.get("feed_queries_20_vs_100_items"), "feed_queries_20_vs_100_items"),
        ("distinct article URLs", report.get("distinct_article_urls"), "distinct_article_urls"),
        ("distinct search queries", report.get("distinct_search_queries"), "distinct_search_queries"),
    ]
    for name in SIGNED_IN:
        key = f"logged_in.{name}_rps_ratio_vs_bare_django"
        rows.append((f"signed in: {name} ÷ bare", lookup(report, key), key if key in TARGETS else ""))
    for name in ONE_CLIENT:
        key = f"logged_in.{name}_p95_ms"
        rows.append((f"signed in: {name} p95, one client (ms)", lookup(report, key), key))
    for name in ("search", "article"):
        rows.append((f"PostgreSQL share of {name}", lookup(report, f"postgres_share.{name}"), ""))
    log("")
    log(f"Rasad benchmark: {report['articles']:,} articles on {report['machine'].get('database')}")
    log(f"load average {report.get('load_average_after_http')}")
    log(f"{'measure':<34} {'value':>14}  target")
    log("-" * 64)
    for label, value, key in rows:
        target = ""
        if key:
            met = report["targets"].get(key, {}).get("met")
            target = f"{TARGETS[key][0]:<8} {'ok' if met else ('MISSING' if met is None else 'MISSED')}"
        log(f"{label:<34} {fmt(value):>14}  {target}")
    for problem in report["problems"]:
        log(f"PROBLEM: {problem.splitlines()[0]}")


ANONYMOUS = ("feed", "article", "search")
SIGNED_IN = ("feed", "article", "article_notes", "search", "library", "team")
ONE_CLIENT = ("feed", "article", "search")


def run_scenario(
    port: int, args: argparse.Namespace, name: str, paths: list[str], problems: list[str], **options
) -> dict:
    """wrk over ``paths`` (after ``--warmup`` seconds unless warmup=False); errors become problems."""
    headers = options.get("headers")
    connections = options.get("connections", args.connections)
    threads = min(args.threads, connections)
    problem = check_paths(port, name, paths, headers)
    if problem:
        problems.append(problem)
    if args.warmup and options.get("warmup", True):
        wrk(port, paths, duration=args.warmup, connections=connections, threads=threads, headers=headers)
    duration = options.get("duration", args.duration)
    result = wrk(port, paths, duration=duration, connections=connections, threads=threads, headers=headers)
    if result["errors"]:
        problems.append(f"{name}: {result['errors']} errors out of {result['requests']} requests")
    log(
        f"  {name:<28} {result['rps']:>9,.1f} req/s  p50 {result['p50_ms']} ms  p95 {result['p95_ms']} ms"
        f"  ({connections} conn., {result['paths']} URLs)  errors {result['errors'] or 0}"
    )
    return result


def measure_http(args: argparse.Namespace, paths: dict, cookie: str, report: dict, problems: list[str]) -> None:
    """Requests/s of each scenario against gunicorn, anonymous and signed in, each one's ratio to the
    bare view; the signed-in pages also with one client (their latency); a cold start first."""
    from django.core.cache import cache
    from django.db import connection

    signed_in = {"Cookie": cookie}
    log_path = Path(tempfile.gettempdir()) / f"rasad-bench-gunicorn-{os.getpid()}.log"
    cache.clear()  # the shared (Redis) cache; a local-memory one starts empty in the new workers
    connection.close()  # gunicorn forks from a separate process; keep nothing open across the load.
    http = report["http"]
    logged = report["logged_in"]["http"] = {}
    cold = report["cold"] = {}
    with _server.gunicorn(workers=args.workers, log_path=log_path) as port:
        log(f"gunicorn on {_server.HOST}:{port} (log {log_path}); load {os.getloadavg()}")
        # Cold: fresh workers (no compiled templates, no connections), empty page cache.
        short = max(3, args.duration // 3)
        cold["article_logged_in_one_client"] = run_scenario(
            port, args, "cold: article, signed in", paths["article"], problems,
            headers=signed_in, connections=1, warmup=False, duration=short,
        )  # fmt: skip
        cold["article_anonymous"] = run_scenario(
            port, args, "cold: article, anonymous", paths["article"][::-1], problems, warmup=False, duration=short
        )
        http["bare"] = run_scenario(port, args, "bare", paths["bare"], problems)
        for name in ANONYMOUS:
            http[name] = run_scenario(port, args, f"anonymous {name}", paths[name], problems)
        for name in SIGNED_IN:
            logged[name] = run_scenario(port, args, f"signed in {name}", paths[name], problems, headers=signed_in)
        for name in ONE_CLIENT:
            logged[f"{name}_one_client"] = run_scenario(
                port, args, f"signed in {name}, one client", paths[name], problems, headers=signed_in, connections=1
            )
        cold["article_logged_in_one_client_warm"] = logged["article_one_client"]
        http["bare_after"] = run_scenario(port, args, "bare (after)", paths["bare"], problems)
    report["load_average_after_http"] = [round(v, 2) for v in os.getloadavg()]

    bare = (http["bare"]["rps"] + http["bare_after"]["rps"]) / 2
    http["bare_rps"] = round(bare, 1)

    def ratio(result: dict) -> float | None:
        return round(result["rps"] / bare, 3) if not result["errors"] and bare > 0 else None

    for name in ANONYMOUS:
        report[f"{name}_rps_ratio_vs_bare_django"] = ratio(http[name])
    summary = report["logged_in"]
    for name in SIGNED_IN:
        summary[f"{name}_rps_ratio_vs_bare_django"] = ratio(logged[name])
    for name in ONE_CLIENT:
        one = logged[f"{name}_one_client"]
        answered = one["requests"] > 0 and not one["errors"]  # no latency from a run nothing came back in
        summary[f"{name}_p50_ms"] = one["p50_ms"] if answered else None
        summary[f"{name}_p95_ms"] = one["p95_ms"] if answered else None


def postgres_share(paths: list[str], cookie_user, *, sample: int = 60) -> dict:
    """For ``sample`` of ``paths`` requested in process as the signed-in reader: the whole request's
    time, and PostgreSQL's own planning + execution time for the same statements (EXPLAIN ANALYZE
    of each captured SELECT). The share is how close the page is to what the database alone costs."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        return {}
    client = Client()
    client.force_login(cookie_user)
    for path in paths[:5]:  # compiled templates and connection, as a warm worker has them
        client.get(path)
    request_ms = 0.0
    pg_ms = 0.0
    queries = 0
    for path in paths[:sample]:
        # Each request starts by emptying the query log (request_started → reset_queries); start at 0
        # so the context's slice of the log is this request's statements.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(path)
            request_ms += (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        with connection.cursor() as cursor:
            for query in ctx.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                queries += 1
                cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
                pg_ms += plan[0]["Planning Time"] + plan[0]["Execution Time"]
    n = min(sample, len(paths))
    return {
        "requests": n,
        "request_ms_mean": round(request_ms / n, 2),
        "postgres_ms_mean": round(pg_ms / n, 2),
        "selects_per_request": round(queries / n, 1),
        "share": round(pg_ms / request_ms, 3) if request_ms else None,
    }


def lookup(report: dict, key: str) -> object:
    """``report["a"]["b"]`` for the dotted key ``a.b`` (None when missing)."""
    value: object = report
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def targets_of(report: dict) -> dict:
    """Each target with its value and whether it was met (None: not measured)."""
    targets = {}
    for key, (description, test) in TARGETS.items():
        value = lookup(report, key)
        targets[key] = {"target": description, "value": value, "met": None if value is None else bool(test(value))}
    return targets


def measure_pages(args: argparse.Namespace, report: dict, problems: list[str]) -> None:
    """The HTTP scenarios, anonymous and signed in, and PostgreSQL's share of search and article."""
    from bench.readers import bench_reader, session_cookie

    paths = sample_paths()
    queries = paths.pop("queries")
    report["search_queries_sample"] = queries[:30]
    report["distinct_search_queries"] = len(set(paths["search"]))
    report["distinct_article_urls"] = len(set(paths["article"]))
    annotated = paths.pop("annotated_ids")
    reader = bench_reader(annotated_ids=annotated, saved_ids=annotated[:60])
    report["logged_in"] = {"user": "subscriber in a team with notes, no page cache"}
    measure_http(args, paths, session_cookie(reader), report, problems)
    report["postgres_share"] = {}
    for name in ("search", "article"):
        try:
            floor = postgres_share(paths[name], reader)
        except Exception as exc:
            problems.append(f"postgres share of {name} failed: {exc}")
            continue
        report.setdefault("postgres_floor", {})[name] = floor
        report["postgres_share"][name] = floor.get("share")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="corpus size (default 100000)")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per HTTP scenario (default 20)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of unrecorded load before each scenario")
    parser.add_argument("--connections", type=int, default=10, help="wrk connections (default 10)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: the config's)")
    parser.add_argument("--skip-build", action="store_true", help="use the articles already in the database")
    parser.add_argument("--import-rows", type=int, default=20_000, help="rows for the import measurement")
    parser.add_argument("--search-rounds", type=int, default=300, help="queries for the search latency measurement")
    args = parser.parse_args(argv)

    if not shutil.which("wrk"):
        log("wrk is not installed: `make bench-deps` installs it")
        return 2
    _server.setup_environment()
    if args.workers:
        os.environ["GUNICORN_WORKERS"] = str(args.workers)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        log(f"note: the targets are for PostgreSQL; this run uses {connection.vendor}")
    problems: list[str] = []
    report: dict = {
        "articles": args.articles,
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "settings": {"duration_s": args.duration, "wrk_connections": args.connections, "wrk_threads": args.threads},
        "http": {},
    }

    call_command("migrate", interactive=False, verbosity=0)
    if args.skip_build:
        report["corpus"] = "existing"
    else:
        report["corpus"] = build(args.articles)
    from rasad.articles.models import Article

    if connection.vendor == "postgresql":
        # What autovacuum does to a live database: statistics, and a visibility map for index-only scans.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    report["articles_in_database"] = Article.objects.count()
    call_command("collectstatic", interactive=False, verbosity=0)

    try:
        report["feed_queries_20_vs_100_items"] = feed_query_counts()
    except Exception as exc:
        problems.append(f"feed query count failed: {exc}")

    measure_pages(args, report, problems)

    for key in (
        "search_p50_ms",
        "search_p95_ms",
        "icontains_p50_ms",
        "icontains_p95_ms",
        "search_speedup_vs_icontains",
        "import_articles_per_s",
        "naive_articles_per_s",
        "import_speedup_vs_naive",
    ):
        report.setdefault(key, None)  # every key is in the JSON; null when its measurement is missing
    report.setdefault("feed_queries_20_vs_100_items", None)
    search, problem = optional_measurement("search_bench", "measure_search", rounds=args.search_rounds)
    # Each measurement reports the size it ran at under its own name, not over the corpus size.
    search["search_corpus_articles"] = search.pop("articles", None)
    report.update(search)
    if problem:
        problems.append(problem)
    with tempfile.TemporaryDirectory(prefix="rasad-import-") as workdir:
        imported, problem = optional_measurement(
            "import_bench", "measure_import", n=min(args.import_rows, max(args.articles, 1000)), workdir=Path(workdir)
        )
    imported["import_rows"] = imported.pop("articles", None)
    report.update(imported)
    if problem:
        problems.append(problem)

    report["targets"] = targets_of(report)
    report["all_targets_met"] = all(t["met"] for t in report["targets"].values())
    report["problems"] = problems
    report["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

    print_table(report)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        log(f"\nwritten {args.json}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
