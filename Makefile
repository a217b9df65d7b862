# Medborger: the two commands a municipality needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.8
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test install assets messages lint typecheck architecture migrations-check pytest pytest-sqlite pytest-postgres browser-deps lock serve clean

demo: install
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py load_demo
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py runserver 127.0.0.1:8000

test: install browser-deps lint typecheck architecture migrations-check pytest

install: $(VENV)/.installed node_modules/.installed messages

$(VENV)/.installed: requirements/dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet "uv==$(UV_VERSION)"
	$(UV) pip sync --quiet --python $(PY) --require-hashes requirements/dev.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The .po files are in the repository; the compiled .mo files are made at install.
messages: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

# Debian's Chromium for the browser tests; never a downloaded browser build.
browser-deps:
	@command -v chromium >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core; }
	@# WeasyPrint (hearing reports as PDF) needs Pango; pdftoppm lets us look at the pages.
	@{ ldconfig -p | grep -q libpangoft2-1.0 && command -v pdftoppm >/dev/null; } || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy config medborger

architecture: install
	$(VENV)/bin/lint-imports

migrations-check: install
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

pytest: pytest-sqlite pytest-postgres

pytest-sqlite: install
	env -u DATABASE_URL $(VENV)/bin/pytest -p no:cacheprovider

# On PostgreSQL when DATABASE_URL is set; in CI a missing DATABASE_URL is a failure, not a skip.
pytest-postgres: install
	@if [ -z "$$DATABASE_URL" ]; then \
	  if [ -n "$$CI" ]; then echo "CI must run the suite on PostgreSQL: set DATABASE_URL" >&2; exit 1; fi; \
	  echo "DATABASE_URL is not set: the PostgreSQL run is skipped on this machine."; \
	else \
	  $(VENV)/bin/pytest -p no:cacheprovider --require-postgres; \
	fi

# Re-resolve the pinned dependencies after editing pyproject.toml (see README).
lock: $(VENV)/.installed
	$(UV) pip compile pyproject.toml --python-version 3.11 --generate-hashes --no-header -q -o requirements/prod.lock
	$(UV) pip compile pyproject.toml --group dev --python-version 3.11 --generate-hashes --no-header -q -o requirements/dev.lock

clean:
	rm -rf $(VENV) node_modules staticfiles var/medborger.sqlite3*
