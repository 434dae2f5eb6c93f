# The two commands: `make run` serves the console, `make test` runs the whole suite.
PYTHON ?= $(shell scripts/find-python)
VENV ?= .venv
BIN := $(VENV)/bin
HOST_PORT ?= 127.0.0.1:8000
PYTEST_ARGS ?=

.PHONY: run test test-only test-py313 lint format install chromium messages bench audit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py migrate --no-input
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py runserver $(HOST_PORT)

# Browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

# ruff, then import-linter: an app imports only from the layers below it (pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install chromium lint test-only

test-only: install
	$(BIN)/pytest $(PYTEST_ARGS)

# The suite again on Python 3.13 (pyproject allows 3.12 and newer), in a virtualenv of its own.
test-py313: chromium
	@python=$$(scripts/find-python 3.13) && \
		$(MAKE) --no-print-directory test-only VENV=.venv313 PYTHON="$$python"

# Regenerates the Simplified Chinese catalogue from the code and compiles it.
messages: install
	DEBUG=true $(BIN)/python manage.py makemessages --locale zh_Hans --no-obsolete --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'tests/*'
	DEBUG=true $(BIN)/python manage.py compilemessages --locale zh_Hans --ignore '.venv/*'

# Load test, not part of `make test`: Debian's wrk against gunicorn on loopback, a fresh database
# under bench/ (or `<name>_bench` on the server DATABASE_URL names). BENCH_ARGS="--help" for options.
BENCH_ARGS ?=
bench: install
	@command -v wrk >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk; }
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Lighthouse and the Nu HTML checker on the main pages (README, "Interface audit"): both come
# from the npm registry into .audit-tools/, vnu runs on Debian's Java, Lighthouse drives Chromium.
audit: install chromium
	@command -v java >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless; }
	@[ -x .audit-tools/node_modules/.bin/lighthouse ] || \
		npm install --prefix .audit-tools --no-audit --no-fund --ignore-scripts lighthouse@12 vnu-jar
	$(BIN)/python -m bench.audit

clean:
	rm -rf $(VENV) .venv313 staticfiles .pytest_cache .audit-tools
