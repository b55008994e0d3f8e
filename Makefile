# Rasad: the two commands of the README are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/rasad
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per core; each gets its own test database.
TEST_WORKERS ?= auto

.PHONY: run worker beat install install-dev browser-deps bench-deps test test-postgres lint ci bench loadtest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt

## run: install, migrate the embedded SQLite database, load demo content, serve on :$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddemo
	$(BIN)/python manage.py runserver 0.0.0.0:$(PORT)

## worker / beat: Celery (needs CELERY_BROKER_URL, e.g. amqp://guest:guest@127.0.0.1:5672//)
worker: install
	$(BIN)/celery -A rasad worker --loglevel=INFO

beat: install
	$(BIN)/celery -A rasad beat --loglevel=INFO --schedule=$(VENV)/celerybeat-schedule

## browser-deps: Debian's Chromium and an Arabic-script font for the Playwright tests
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans Arabic"; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-core fontconfig >/dev/null; \
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

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
