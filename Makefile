# The README's commands. `make run` sets everything up and serves the portal;
# `make test` runs the linters, the migrations check and the whole test suite.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install browsers servers migrate seed lint screenshots loadtest bench scale-demo clean

run: export DEBUG ?= 1
run: seed
	$(MANAGE) runserver $(HOST):$(PORT)

test: export DJANGO_SETTINGS_MODULE = tests.settings
test: install browsers servers lint
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# What the browser tests need: Debian's Chromium, Java and the Nu HTML Checker (npm).
browsers: node_modules/.installed
	scripts/ensure-packages /usr/bin/chromium:chromium java:default-jre-headless

node_modules/.installed: package.json package-lock.json
	scripts/ensure-packages npm:npm
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# What the deployment tests (tests/deployment) run in front of gunicorn: Debian's nginx.
servers:
	scripts/ensure-packages /usr/sbin/nginx:nginx

# Screenshots of the home page, an article and a result at phone and desktop widths.
screenshots: install browsers
	$(BIN)/python -m tests.browser.screenshots screenshots

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

migrate: install
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) load_articles
	$(MANAGE) load_help

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# 50 connections for 60 s against gunicorn and PostgreSQL, then the same with PostgreSQL
# stopped in the middle (see scripts/loadtest.py).
loadtest: install
	$(BIN)/python scripts/loadtest.py

# The article page against the static-file limit, cached and uncached, and the questionnaire.
bench: install
	$(BIN)/python scripts/bench.py

# Two app servers behind nginx with shared PostgreSQL and Redis, on this machine.
scale-demo: install
	$(BIN)/python scripts/scale_demo.py

clean:
	rm -rf $(VENV) node_modules staticfiles staticfiles-manifest screenshots .pytest_cache .ruff_cache .hypothesis
