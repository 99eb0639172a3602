# Two commands do everything: `make run` (site on SQLite with demo data) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install lint services-up services-down load load-short faults faults-short fuzz restore-drill

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) requirements.txt requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_data
	$(PY) manage.py search_reindex
	$(PY) manage.py ensure_local_admin
	$(PY) manage.py apply_due_decisions
	$(PY) manage.py runserver 127.0.0.1:8000

# Statement coverage may not fall below this (per-app figures are printed after the run).
COVERAGE_FLOOR ?= 90

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/check_complexity.py
	npm ci --silent --no-audit --no-fund
	$(VENV)/bin/pytest --cov --cov-report=
	bash scripts/test_sqlite_pass.sh
	$(PY) scripts/coverage_by_app.py
	$(VENV)/bin/coverage report --fail-under=$(COVERAGE_FLOOR) --format=total

lint: install
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

services-up:
	bash scripts/services.sh up

services-down:
	bash scripts/services.sh down

# Production-readiness checks (issue 9); they print their tables. See bench/load/RESULTS.md.
load: install
	$(PY) bench/load/run.py

load-short: install
	$(PY) bench/load/run.py --short

faults: install
	$(PY) bench/faults.py

faults-short: install
	$(PY) bench/faults.py --short

fuzz: install
	$(PY) bench/fuzz.py $(FUZZ_ARGS)

restore-drill:
	bash scripts/restore_drill.sh
