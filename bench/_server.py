"""What bench/run.py and bench/loadtest.py share: production-like settings and a gunicorn on loopback.

All traffic goes to 127.0.0.1; the server is started by us and stopped by us (by its pid).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
GUNICORN_CONF = ROOT / "rasad" / "deploy" / "gunicorn.conf.py"


def setup_environment() -> None:
    """Production settings over plain HTTP on loopback, for this process and the server it starts.

    Variables already set (DATABASE_URL, REDIS_URL, GUNICORN_WORKERS…) are kept.
    """
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    defaults = {
        "DJANGO_SETTINGS_MODULE": "rasad.settings",
        "RASAD_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        # TLS is nginx's job; the benchmark speaks HTTP to gunicorn directly.
        "SECURE_SSL_REDIRECT": "0",
        "RASAD_BENCH": "1",
        "LOG_LEVEL": "WARNING",
        # Steady state: no worker recycling (and its cold caches) in the middle of a measurement.
        "GUNICORN_MAX_REQUESTS": "0",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(port: int, path: str, headers: dict[str, str] | None = None, timeout: float = 10) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@contextlib.contextmanager
def gunicorn(*, workers: int | None = None, log_path: Path | None = None) -> Iterator[int]:
    """Start gunicorn with rasad/deploy/gunicorn.conf.py on a free loopback port; yield the port."""
    port = free_port()
    env = dict(os.environ, GUNICORN_BIND=f"{HOST}:{port}")
    if workers:
        env["GUNICORN_WORKERS"] = str(workers)
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "rasad.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode} (log: {log_path})")
            try:
                status, _ = get(port, "/healthz", timeout=2)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer /healthz within 60 s")
            time.sleep(0.3)
        yield port
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if log is not subprocess.DEVNULL:
            log.close()
