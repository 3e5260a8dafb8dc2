# Amur Invest: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The interpreter that creates .venv: the one .python-version selects (pyenv),
# or whatever PYTHON names; it must be 3.12 or newer.
PYTHON ?= $(shell for p in python3 python3.12 python3.13 python3.14; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help run serve worker test lint format messages migrations-check demo bench clean

help:
	@echo "make run      set up, migrate, load demo data, serve http://127.0.0.1:$(PORT)/ on SQLite"
	@echo "make test     set up and run linters, migration check and the whole test suite"
	@echo "make serve    gunicorn + whitenoise with DJANGO_DEBUG=0"
	@echo "make worker   the background workers beside make serve: mail; PDFs, thumbnails and pages"
	@echo "make lint     ruff check and ruff format --check"
	@echo "make messages makemessages + compilemessages for ru, ja, en"
	@echo "make bench    benchmarks under bench/"

$(VENV)/.installed-base: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed: install it or pass PYTHON=/path/to/python3.12" >&2; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-base pyproject.toml
	$(PY) -m pip install --quiet ".[dev]"
	@touch $@

run: $(VENV)/.installed-base
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_demo_admin --port $(PORT)
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

serve: $(VENV)/.installed-base
	DJANGO_DEBUG=0 $(PY) manage.py collectstatic --no-input --verbosity 0
	DJANGO_DEBUG=0 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=0 $(VENV)/bin/gunicorn amur_invest.wsgi --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

# Background work beside `make serve`, one worker per kind, so that mail never
# waits behind a PDF conversion or a thumbnail: the first sends mail (queue
# "default"), the second converts PDFs and makes thumbnails. If either stops,
# both stop (for the supervisor to start them again).
worker: $(VENV)/.installed-base
	trap 'kill $$(jobs -p) 2>/dev/null' EXIT; \
	DJANGO_DEBUG=0 $(PY) manage.py db_worker --queue-name default & \
	DJANGO_DEBUG=0 $(PY) manage.py db_worker --queue-name pdf,thumbnails,pages & \
	wait -n

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: $(VENV)/.installed-base
	$(PY) manage.py makemigrations --check --dry-run

test: lint migrations-check $(VENV)/.installed-dev
	$(VENV)/bin/pytest -n $${PYTEST_WORKERS:-2} --create-db $(PYTEST_ARGS)

messages: $(VENV)/.installed-base
	# English is the source language: its catalogue is rebuilt, every msgstr its msgid.
	rm -f locale/en/LC_MESSAGES/django.po
	$(PY) manage.py makemessages -l ru -l ja -l en --no-obsolete --no-location --no-wrap \
		--ignore='.venv/*' --ignore='bench/*' --ignore='tests/*' --ignore='staticfiles/*'
	msgen --no-wrap -o locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po
	$(PY) manage.py compilemessages --ignore=.venv

bench: $(VENV)/.installed-dev
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles build *.egg-info
