"""End to end on the real engine: a Celery worker on RabbitMQ, an SMTP server on loopback.

Publishing an article that matches one reader's saved search delivers exactly one e-mail, with
the one-click unsubscribe headers, to that reader and nobody else. The worker is a separate
process, so it needs a database it can open too: PostgreSQL (skipped on SQLite's in-memory test
database). ``.ci/run`` starts RabbitMQ when it is down.
"""

from __future__ import annotations

import email
import os
import socket
import subprocess
import sys
import time
import uuid
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from rasad.alerts.models import Alert
from rasad.celery import app as celery_app
from tests.factories import make_article, make_user
from tests.world import SENTINEL, days

BROKER = os.environ.get("RASAD_TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
SMTP_PORT = int(os.environ.get("RASAD_TEST_SMTP_PORT", "8125"))
ROOT = Path(__file__).resolve().parents[2]


def _broker_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5672), timeout=2).close()
    except OSError:
        return False
    return True


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.Message]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802 (aiosmtpd's hook)
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    yield inbox
    controller.stop()


@pytest.fixture
def worker(transactional_db, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the worker is another process: it needs PostgreSQL (DATABASE_URL), not SQLite's in-memory test db")
    if not _broker_up():
        pytest.fail("RabbitMQ is not running on 127.0.0.1:5672 (.ci/run starts it)")
    queue = f"rasad-test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rasad.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": BROKER,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SMTP_PORT),
        "CONN_MAX_AGE": "0",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "rasad",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
    )
    old = {k: celery_app.conf[k] for k in ("task_always_eager", "broker_url", "task_default_queue")}
    celery_app.conf.update(task_always_eager=False, broker_url=BROKER, task_default_queue=queue)
    try:
        yield proc
    finally:
        celery_app.conf.update(old)
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_publishing_a_match_sends_one_email_with_unsubscribe_headers_to_the_right_reader(worker, smtp):
    reader = make_user("live-reader")
    other = make_user("live-other")
    Alert.objects.create(user=reader, kind="search", name="گاز", q="گاز طبیعی")
    Alert.objects.create(user=other, kind="search", name="برنج", q="برنج")
    make_article(
        title="بازار گاز طبیعی اروپا", summary="گاز طبیعی روسیه.", body=f"<p>{SENTINEL}</p>", published_on=days(0)
    )
    deadline = time.monotonic() + 60
    while not smtp.messages and time.monotonic() < deadline:
        assert worker.poll() is None, "the worker died"
        time.sleep(0.5)
    time.sleep(3)  # anything else it would (wrongly) send arrives meanwhile
    assert len(smtp.messages) == 1
    to, message = smtp.messages[0]
    assert to == ["live-reader@example.com"]
    assert "بازار گاز طبیعی اروپا" in str(make_header(decode_header(message["Subject"])))
    unsubscribe = "".join(message["List-Unsubscribe"].split())  # unfolded (RFC 5322 folding)
    assert unsubscribe.startswith("<http") and "/alerts/unsubscribe/" in unsubscribe and unsubscribe.endswith("/>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    parts = {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in message.walk()
        if not part.is_multipart()
    }
    assert set(parts) == {"text/plain", "text/html"}
    assert all(SENTINEL not in text for text in parts.values())
