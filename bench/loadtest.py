#!/usr/bin/env python
"""Load test: readers browse while writers save to reading lists and annotate, for ≥ 60 s.

    python bench/loadtest.py --duration 60 --readers 6 --writers 4

Against gunicorn (rasad/deploy/gunicorn.conf.py) on 127.0.0.1 and the configured database
(DATABASE_URL). Reader threads request the feed, feed pages, article pages and search, some
anonymous and some logged in; writer threads, each a separate logged-in user with a CSRF token,
POST saves (`/library/save/<id>/`) and annotations (`/annotations/articles/<id>/`). Every write
the server acknowledged (2xx/3xx) is then looked up in the database. Exits non-zero on any 5xx,
4xx on a write, connection error, or acknowledged write that is not in the database.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import http.client
import random
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _server  # noqa: E402

SAVE_URL = "/library/save/{id}/"
ANNOTATE_URL = "/annotations/articles/{id}/"
USER_PREFIX = "loadtest-"


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    reads: collections.Counter = field(default_factory=collections.Counter)
    writes: collections.Counter = field(default_factory=collections.Counter)
    errors: list[str] = field(default_factory=list)
    saves: list[tuple[int, int]] = field(default_factory=list)  # (user_id, article_id) acknowledged
    notes: list[tuple[int, int, str]] = field(default_factory=list)  # (user_id, article_id, marker)

    def error(self, message: str) -> None:
        with self.lock:
            if len(self.errors) < 1000:
                self.errors.append(message)


def request(port: int, method: str, path: str, *, cookies: dict[str, str], body: dict | None = None, csrf: str = ""):
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
    data = None
    if body is not None:
        data = urlencode(body).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["X-CSRFToken"] = csrf
    conn = http.client.HTTPConnection(_server.HOST, port, timeout=30)
    try:
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


# --- setup, in-process ------------------------------------------------------------------------


def prepare(n_articles: int, readers: int, writers: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from rasad.access.models import Membership, Organisation
    from rasad.articles.models import Article

    if Article.objects.published().count() < 100:
        from bench.corpus import build_corpus

        build_corpus(n_articles, stdout=sys.stdout)
    User = get_user_model()
    User.objects.filter(username__startswith=USER_PREFIX).delete()  # earlier runs' users and their writes
    today = dt.date.today()
    org, _ = Organisation.objects.update_or_create(
        slug="loadtest",
        defaults={
            "name": "سازمان آزمون بار",
            "access_starts_on": today - dt.timedelta(days=30),
            "access_ends_on": today + dt.timedelta(days=30),
        },
    )

    def session_for(username: str, member: bool) -> tuple[int, str]:
        user = User.objects.create_user(username=username, password=secrets.token_urlsafe(16))
        if member:
            Membership.objects.create(organisation=org, user=user)
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        from django.conf import settings

        return user.pk, client.cookies[settings.SESSION_COOKIE_NAME].value

    published = list(
        Article.objects.published().order_by("-published_on", "-id").values_list("pk", "slug", "summary")[:2000]
    )
    from rasad.articles.models import Topic

    topics = list(Topic.objects.values_list("name", flat=True)[:15]) or ["ایران"]
    return {
        "writers": [session_for(f"{USER_PREFIX}writer-{i}", True) for i in range(writers)],
        "readers": [session_for(f"{USER_PREFIX}reader-{i}", i % 2 == 0) for i in range(max(1, readers // 2))],
        "articles": published,
        "queries": topics,
    }


# --- load -------------------------------------------------------------------------------------


def reader(port: int, deadline: float, setup: dict, tally: Tally, seed: int, session: str | None) -> None:
    from django.conf import settings

    rng = random.Random(seed)
    cookies = {settings.SESSION_COOKIE_NAME: session} if session else {}
    while time.monotonic() < deadline:
        roll = rng.random()
        if roll < 0.3:
            path = "/" if rng.random() < 0.7 else f"/?page={rng.randint(2, 5)}"
        elif roll < 0.8:
            pk, slug, _ = rng.choice(setup["articles"])
            path = f"/articles/{pk}/{quote(slug)}/"
        else:
            path = f"/search/?q={quote(rng.choice(setup['queries']))}"
        try:
            status = request(port, "GET", path, cookies=cookies)
        except OSError as exc:
            tally.error(f"GET {path}: {exc!r}")
            continue
        with tally.lock:
            tally.reads[status] += 1
        if status >= 500 or status == 404 and path.startswith("/search/"):
            tally.error(f"GET {path}: {status}")


def writer(port: int, deadline: float, setup: dict, tally: Tally, seed: int, user_id: int, session: str) -> None:
    from django.conf import settings

    rng = random.Random(seed)
    csrf = secrets.token_hex(16)  # a well-formed CSRF secret (32 characters) of our own, sent as cookie and header
    cookies = {settings.SESSION_COOKIE_NAME: session, settings.CSRF_COOKIE_NAME: csrf}
    articles = list(setup["articles"])
    rng.shuffle(articles)
    seq = 0
    while time.monotonic() < deadline and articles:
        pk, _, summary = articles.pop()
        seq += 1
        try:
            status = request(port, "POST", SAVE_URL.format(id=pk), cookies=cookies, body={"saved": "1"}, csrf=csrf)
        except OSError as exc:
            tally.error(f"POST save {pk}: {exc!r}")
            continue
        with tally.lock:
            tally.writes[f"save {status}"] += 1
            if 200 <= status < 400:
                tally.saves.append((user_id, pk))
        if status >= 400:
            tally.error(f"POST {SAVE_URL.format(id=pk)}: {status}")
        # Any summary with a few words will do: a passage of up to 30 characters from anywhere in it
        # (only annotating summaries of 40+ characters once made no annotation at all).
        if len(summary.strip()) < 5:
            continue
        start = rng.randrange(0, max(1, len(summary) - 5))
        end = min(len(summary), start + rng.randint(5, 30))
        marker = f"یادداشت آزمون بار {user_id}-{seq}-{secrets.token_hex(4)}"
        body = {
            "field": "summary",
            "exact": summary[start:end],
            "prefix": summary[max(0, start - 32) : start],
            "suffix": summary[end : end + 32],
            "start": start,
            "end": end,
            "note": marker,
            "visibility": rng.choice(["private", "team"]),
        }
        try:
            status = request(port, "POST", ANNOTATE_URL.format(id=pk), cookies=cookies, body=body, csrf=csrf)
        except OSError as exc:
            tally.error(f"POST annotation {pk}: {exc!r}")
            continue
        with tally.lock:
            tally.writes[f"annotation {status}"] += 1
            if 200 <= status < 400:
                tally.notes.append((user_id, pk, marker))
        if status >= 400:
            tally.error(f"POST {ANNOTATE_URL.format(id=pk)}: {status}")


def verify(tally: Tally) -> tuple[int, list[str]]:
    """How many acknowledged writes are in the database, and which are lost."""
    from rasad.annotations.models import Annotation
    from rasad.library.models import SavedArticle

    lost = []
    found = 0
    for user_id, article_id in tally.saves:
        if SavedArticle.objects.filter(user_id=user_id, article_id=article_id).exists():
            found += 1
        else:
            lost.append(f"save of article {article_id} by user {user_id}")
    for user_id, article_id, marker in tally.notes:
        if Annotation.objects.filter(author_id=user_id, article_id=article_id, note__contains=marker).exists():
            found += 1
        else:
            lost.append(f"annotation «{marker}» on article {article_id}")
    return found, lost


# Every kind of write the test makes (write_counts) must have been acknowledged at least --min-writes times.


def write_counts(tally: Tally) -> dict[str, int]:
    return {"saves": len(tally.saves), "annotations": len(tally.notes)}


def verdict(tally: Tally, lost: list[str], *, elapsed: float, duration: int, min_writes: int) -> list[str]:
    """Why the run failed (empty: it passed). A run that made too few of any kind of write proves
    nothing about that kind, so it fails like a run with errors."""
    reasons = []
    if tally.errors:
        reasons.append(f"{len(tally.errors)} errors")
    if lost:
        reasons.append(f"{len(lost)} lost writes")
    for kind, count in write_counts(tally).items():
        if count < min_writes:
            reasons.append(f"only {count} {kind} (at least {min_writes} required)")
    if elapsed < min(duration, 60) * 0.95:
        reasons.append(f"ran {elapsed:.0f} s of {duration}")
    return reasons


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--readers", type=int, default=6, help="reader threads (default 6)")
    parser.add_argument("--writers", type=int, default=4, help="writer threads, one user each (default 4)")
    parser.add_argument("--articles", type=int, default=2000, help="corpus size if the database has none")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: the config's)")
    parser.add_argument(
        "--min-writes", type=int, default=20, help="fail unless every kind of write happened this often (default 20)"
    )
    args = parser.parse_args(argv)

    _server.setup_environment()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    setup = prepare(args.articles, args.readers, args.writers)
    connection.close()

    tally = Tally()
    log_path = Path("/tmp") / f"rasad-loadtest-gunicorn-{time.time_ns()}.log"
    with _server.gunicorn(workers=args.workers, log_path=log_path) as port:
        print(f"gunicorn on {_server.HOST}:{port}; {args.readers} readers, {args.writers} writers, {args.duration} s")
        deadline = time.monotonic() + args.duration
        threads = []
        for i in range(args.readers):
            session = setup["readers"][i % len(setup["readers"])][1] if i % 2 else None
            threads.append(threading.Thread(target=reader, args=(port, deadline, setup, tally, i, session)))
        for i, (user_id, session) in enumerate(setup["writers"]):
            threads.append(
                threading.Thread(target=writer, args=(port, deadline, setup, tally, 1000 + i, user_id, session))
            )
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.duration + 120)
        elapsed = time.monotonic() - started

    found, lost = verify(tally)
    acknowledged = len(tally.saves) + len(tally.notes)
    reads = sum(tally.reads.values())
    print(f"\n{elapsed:.0f} s: {reads} reads ({reads / elapsed:.0f}/s) {dict(tally.reads)}")
    print(f"writes: {dict(tally.writes)}")
    counts = ", ".join(f"{kind} {count}" for kind, count in write_counts(tally).items())
    print(f"acknowledged writes: {acknowledged} ({counts}); in the database: {found}")
    print(f"errors: {len(tally.errors)}; lost writes: {len(lost)}")
    for line, count in collections.Counter(tally.errors + lost).most_common(20):
        print(f"  {line}" + (f"  (×{count})" if count > 1 else ""))
    reasons = verdict(tally, lost, elapsed=elapsed, duration=args.duration, min_writes=args.min_writes)
    print("PASS" if not reasons else f"FAIL: {'; '.join(reasons)} (gunicorn log: {log_path})")
    return 0 if not reasons else 1


if __name__ == "__main__":
    sys.exit(main())
