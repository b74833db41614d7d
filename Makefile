# BLOK CMS – the verbs people expect.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# One public address: make run's HOST/PORT become the Site record's and every absolute link's.
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
# make test runs pytest-xdist with one worker per core; TEST_WORKERS=0 runs the tests serially.
TEST_WORKERS ?= auto
PYTEST_PARALLEL := -n $(TEST_WORKERS)

.PHONY: help install run serve test test-postgres lint format check bench audit backup restore clean

help:
	@echo "make run      – installiert, migriert, lädt die Inhalte und startet http://$(HOST):$(PORT)"
	@echo "make test     – führt alle Tests parallel aus (SQLite; DATABASE_URL=postgres://… für PostgreSQL; TEST_WORKERS=0 seriell)"
	@echo "make lint     – ruff check + format --check"
	@echo "make format   – ruff format + fix"
	@echo "make serve    – gunicorn mit Produktionseinstellungen"
	@echo "make bench    – Lasttest/Benchmark (schreibt docs/benchmarks.md)"
	@echo "make audit    – Lighthouse-Prüfung aller Seitentypen"
	@echo "make backup   – Datenbank (pg_dump) und Medien sichern (docs/backup.md)"
	@echo "make restore BACKUP=backups/blok-… – Sicherung wiederherstellen"

# make run needs only the runtime packages; tests and tools (pytest, Playwright, npm) come with
# make install / make test.
$(VENV)/.installed-run: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed: $(VENV)/.installed-run requirements-dev.txt
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm fehlt: axe-core/Lighthouse nicht installiert, Browser-Tests werden übersprungen."; \
	fi

install: $(VENV)/.installed node_modules/.installed

run: $(VENV)/.installed-run
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_initial_data
	$(PY) manage.py ensure_admin
	@# The scheduler (ops/scheduler.py) runs next to runserver and ends with it.
	@sched=; if [ "$${SCHEDULER_ENABLED:-1}" != 0 ]; then \
		$(PY) manage.py run_scheduler --parent-pid $$$$ & sched=$$!; fi; \
	trap '[ -z "$$sched" ] || kill $$sched 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

serve: $(VENV)/.installed-run
	@test -n "$$SECRET_KEY" || { echo "SECRET_KEY fehlt: export SECRET_KEY=… (siehe docs/deployment.md)"; exit 1; }
	DJANGO_SETTINGS_MODULE=blok_cms.settings.production $(PY) manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=blok_cms.settings.production $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=blok_cms.settings.production BIND=$(HOST):$(PORT) \
		$(VENV)/bin/gunicorn blok_cms.wsgi --config gunicorn.conf.py --no-control-socket

test: install
	@command -v chromium >/dev/null 2>&1 || test -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" || \
		echo "Hinweis: kein Chromium gefunden – Browser-Tests werden übersprungen (apt-get install chromium)."
	$(PY) -m pytest -rs $(PYTEST_PARALLEL) $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/blok} $(PY) -m pytest -rs $(PYTEST_PARALLEL) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	DJANGO_SETTINGS_MODULE=blok_cms.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=blok_cms.settings.test $(PY) manage.py makemigrations --check --dry-run

# --- Production: benchmark, backup and restore ---------------------------------------
bench: install
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get install -y -q wrk; \
		else echo "wrk fehlt: sudo apt-get install -y wrk"; exit 1; fi; }
	$(PY) bench/run.py

audit: install
	$(PY) bench/audit.py

backup:
	scripts/backup.sh $${BACKUP_DIR:-backups}

restore:
	@test -n "$(BACKUP)" || { echo "Aufruf: make restore BACKUP=backups/blok-…"; exit 1; }
	scripts/restore.sh "$(BACKUP)"

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
