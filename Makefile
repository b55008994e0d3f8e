# Rasad: the two commands of the README are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Only this machine by default; HOST=0.0.0.0 make run listens on every interface.
HOST ?= 127.0.0.1
PG_URL ?= postgres://postgres@127.0.0.1:5432/rasad
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per core; each gets its own test database.
TEST_WORKERS ?= auto

.PHONY: run worker beat install install-dev system-deps messages browser-deps bench-deps test test-postgres lint ci bench loadtest backup-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python system-deps
	$(BIN)/pip install --quiet -r requirements.txt
	$(MAKE) --no-print-directory messages

install-dev: $(BIN)/python system-deps
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(MAKE) --no-print-directory messages

## system-deps: Debian's gettext (compiles the English catalogue), Pango (WeasyPrint's briefing PDFs)
## and poppler-utils (the tests look at a briefing's pages as PNG)
system-deps:
	@if ! command -v msgfmt >/dev/null || ! command -v pdftoppm >/dev/null || ! ldconfig -p 2>/dev/null | grep -q libpango-1.0; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gettext libpango-1.0-0 libpangoft2-1.0-0 poppler-utils fonts-noto-core >/dev/null; \
	fi

## messages: compile the translations (.po -> .mo; the .mo files are built, not committed)
messages:
	$(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0

## run: install, migrate the embedded SQLite database, load demo content, serve on $(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddemo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## worker / beat: Celery (needs CELERY_BROKER_URL, e.g. amqp://guest:guest@127.0.0.1:5672//)
worker: install
	$(BIN)/celery -A rasad worker --loglevel=INFO

beat: install
	$(BIN)/celery -A rasad beat --loglevel=INFO --schedule=$(VENV)/celerybeat-schedule

## browser-deps: Debian's Chromium and an Arabic-script font for the Playwright tests, and Java
## for the W3C HTML checker (vnu.jar)
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans Arabic" || ! command -v java >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-core fontconfig default-jre-headless >/dev/null; \
	fi

## test: install test tools and the browser, then run the whole suite (DATABASE_URL picks the database)
test: install-dev browser-deps
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-postgres:
	DATABASE_URL=$(PG_URL) $(MAKE) test

## lint: ruff (style, complexity), formatting, types (mypy + django-stubs), the apps' layers, migrations
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

ci:
	bash .ci/run

## bench-deps: wrk, the HTTP load generator bench/run.py drives (Debian package)
bench-deps:
	@if ! command -v wrk >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; \
	fi

## bench: 100k articles in DATABASE_URL (use a dedicated PostgreSQL database), figures to bench/results/latest.json
bench: install-dev bench-deps
	$(BIN)/python bench/run.py --articles 100000 --json bench/results/latest.json

## loadtest: a minute of readers and writers against gunicorn; fails on any error or lost write
loadtest: install
	$(BIN)/python bench/loadtest.py --duration 60

## backup-check: pg_dump DATABASE_URL (default PG_URL), restore into <db>_restore, compare every table's row count
backup-check:
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} bash rasad/deploy/backup-check.sh

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
