"""gunicorn settings for Rasad: `gunicorn -c rasad/deploy/gunicorn.conf.py rasad.wsgi`.

Every value can be overridden from the environment (GUNICORN_*), so one file serves a small
server, a bigger one and the benchmark. https://docs.gunicorn.org/en/stable/settings.html
"""

from __future__ import annotations

import multiprocessing
import os

# Behind nginx on the same machine: listen on loopback (or a unix socket, e.g. unix:/run/rasad/gunicorn.sock).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: each handles one request at a time and keeps one persistent database connection
# (CONN_MAX_AGE), so PostgreSQL sees at most `workers` connections per app server. nginx buffers
# slow clients, which is what makes sync workers safe for the public internet.
# https://docs.gunicorn.org/en/stable/design.html#how-many-workers
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# A request slower than this is killed and logged; the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# Recycle workers now and then so a slow leak can never grow without bound; jitter avoids all
# workers restarting at once.
# (0 turns recycling off; bench/run.py does, so that no worker restarts cold in the middle of a run.)
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "10000"))

# Load the app once in the master, then fork: faster starts, shared memory pages.
# Database connections are opened lazily in each worker, never shared across the fork.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"

# Logs to stdout/stderr (journald collects them). The access log is off by default: nginx keeps one.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Trust X-Forwarded-* only from the local nginx.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

proc_name = "rasad"
