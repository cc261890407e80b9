# dossier: two commands matter, `make demo` and `make test`. Both bootstrap .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= $(abspath ../shared)
STAMP := $(VENV)/.installed
DEMO_DB ?= build/demo.db

export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: install system demo test lint typecheck eval bench check clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

demo: install
	mkdir -p build
	rm -f $(DEMO_DB)
	$(BIN)/dossier --db $(DEMO_DB) demo

system:
	bash scripts/bootstrap-system.sh

test: install system
	SHARED=$(SHARED) $(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check dossier tests eval bench
	$(BIN)/ruff format --check dossier tests eval bench

typecheck: install
	$(BIN)/mypy dossier

eval: install
	SHARED=$(SHARED) $(BIN)/python eval/gate.py

bench: install
	for script in bench/*.py; do SHARED=$(SHARED) $(BIN)/python $$script || exit 1; done

check: lint typecheck test

clean:
	rm -rf $(VENV) build .mypy_cache .ruff_cache .pytest_cache
