# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
CONSTRAINTS := requirements/constraints.txt
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test migrate demo bench bench-http lint messages clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml $(CONSTRAINTS)
	$(PIP) install --quiet -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install --quiet -c $(CONSTRAINTS) -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-test
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install-test
	$(PY) bench/run.py $(BENCH_ARGS)

# nginx-less edge benchmark: a throwaway PostgreSQL with the demo content, Redis, gunicorn
# (2 workers) and Varnish; wrk against five pages, straight and cached (bench/http.py).
bench-http: install-test
	pg_virtualenv -t -v 15 $(PY) bench/http.py $(BENCH_HTTP_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/djhtml --check templates

messages: install
	$(PY) manage.py makemessages -l sv --ignore=.venv --ignore=staticfiles --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .test-media .pytest_cache
