# `make run` and `make test` set everything up themselves on a machine with only Python 3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install language-server run test test-oldest lint format bench golden docs clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# A second environment with the oldest release of every dependency that pyproject.toml
# allows (constraints/oldest.txt), so that a lower bound that no longer works is caught here.
OLDEST := .venv-oldest
OLDEST_STAMP := $(OLDEST)/.installed-stamp

$(OLDEST_STAMP): pyproject.toml constraints/oldest.txt
	$(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet --disable-pip-version-check \
		-c constraints/oldest.txt -e '.[dev]'
	touch $(OLDEST_STAMP)

# The YAML language server that tests/test_language_server.py drives, at the version that
# tests/yaml_language_server/package-lock.json pins. Without npm the test is skipped, and says so.
LANGUAGE_SERVER := tests/yaml_language_server
LANGUAGE_SERVER_STAMP := $(LANGUAGE_SERVER)/node_modules/.installed-stamp

language-server: $(LANGUAGE_SERVER_STAMP)

$(LANGUAGE_SERVER_STAMP): $(LANGUAGE_SERVER)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(LANGUAGE_SERVER) --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: tests/test_language_server.py will be skipped"; \
	fi

run: install
	$(BIN)/metaethno check .
	$(BIN)/metaethno translate . --format table
	mkdir -p build
	$(BIN)/metaethno report . -o build/report.md --force
	@echo "read build/report.md in any Markdown viewer; docs/report.md explains each section"

test: lint language-server
	$(BIN)/python -m pytest
	$(BIN)/metaethno check .

test-oldest: $(OLDEST_STAMP) language-server
	$(OLDEST)/bin/python -m pytest -p no:cacheprovider

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/suggest.py
	$(BIN)/python bench/compare.py

# Rewrite the expected outputs of tests/cases and the golden files after a deliberate change.
golden: install
	METAETHNO_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q
	$(BIN)/python -m metaethno.checks.docs > docs/checks.md

docs: install
	$(BIN)/python -m metaethno.checks.docs > docs/checks.md
	$(BIN)/python -c 'from metaethno.cli import app; from metaethno.cli.help_source import write_pages; write_pages(app)'

clean:
	rm -rf $(VENV) $(OLDEST) build .pytest_cache .mypy_cache .ruff_cache $(LANGUAGE_SERVER)/node_modules
