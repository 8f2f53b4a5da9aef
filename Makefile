# The README's commands. `make run` sets everything up and serves the portal;
# `make test` runs the linters, the migrations check and the whole test suite.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate seed lint pytest clean

run: export DEBUG ?= 1
run: seed
	$(MANAGE) runserver $(HOST):$(PORT)

test: export DJANGO_SETTINGS_MODULE = tests.settings
test: install lint
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest

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

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis
