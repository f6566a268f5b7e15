# Minutebook: `make run` (SQLite, no services) and `make test` (PostgreSQL + Redis).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/minutebook
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# The suite runs in this many processes (pytest-xdist), a file to a process so a module's
# shared fixtures are built once; each process has its own database and Redis database.
TEST_WORKERS ?= 2
# Where `make run` serves; links it prints (and e-mails, calendar feeds) follow it.
RUN_ADDR ?= 127.0.0.1:8000

.PHONY: run test install services system-packages demo lint clean worker beat bench

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	SITE_URL=$${SITE_URL:-http://$(RUN_ADDR)} $(PY) manage.py load_demo --once
	SITE_URL=$${SITE_URL:-http://$(RUN_ADDR)} $(PY) manage.py runserver $(RUN_ADDR)

demo: install
	$(PY) manage.py load_demo

# Debian packages the suite needs: Chromium for browser tests, poppler for PDF checks.
system-packages:
	@command -v chromium >/dev/null && command -v pdftotext >/dev/null || { \
	  echo "Installing chromium and poppler-utils"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null; }

# Start PostgreSQL and Redis when they are not running (installing them if missing).
services:
	@pg_isready -q -h 127.0.0.1 || { \
	  command -v pg_ctlcluster >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }; \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | tail -1) main start; \
	  for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 && break; sleep 1; done; }
	@redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || { \
	  command -v redis-server >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }; \
	  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no; \
	  for i in 1 2 3 4 5; do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 1; done; }
	@pg_isready -h 127.0.0.1 && redis-cli -h 127.0.0.1 ping

test: install system-packages services
	$(VENV)/bin/lint-imports --no-cache
	mkdir -p var && $(PY) manage.py makemigrations --check --dry-run
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) DJANGO_ALLOW_ASYNC_UNSAFE=true \
	  $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

worker: install
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-config.settings.local} $(VENV)/bin/celery -A config worker -l info -c 2

beat: install
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-config.settings.local} $(VENV)/bin/celery -A config beat -l info

# Benchmarks on PostgreSQL (bench/run.py says what each prints); wrk from Debian for the load run.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/minutebook_bench
bench: install services
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	mkdir -p var
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var staticfiles
