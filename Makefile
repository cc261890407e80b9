# dossier: two commands matter, `make demo` and `make test`. Both bootstrap .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= $(abspath ../shared)
STAMP := $(VENV)/.installed
DEMO_DB ?= build/demo.db

export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: install assets system demo test test-busy lint typecheck eval bench check clean

VENDOR := dossier/web/static/vendor
NPM_PKGS := cytoscape@3 vis-timeline@8

install: $(STAMP) assets

# Web UI vendor JS (Cytoscape.js, vis-timeline) from npm; optional: without it (or
# without npm) the pages fall back to plain lists.
assets: $(VENDOR)/cytoscape.min.js

$(VENDOR)/cytoscape.min.js:
	mkdir -p $(VENDOR) build/npm
	command -v npm >/dev/null || bash scripts/bootstrap-system.sh npm || true
	@if command -v npm >/dev/null; then \
	  npm install --silent --no-audit --no-fund --prefix build/npm $(NPM_PKGS) && \
	  cp build/npm/node_modules/vis-timeline/dist/vis-timeline-graph2d.min.js \
	     build/npm/node_modules/vis-timeline/dist/vis-timeline-graph2d.min.css $(VENDOR)/ && \
	  cp build/npm/node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR)/ || \
	  echo "npm install failed: web UI graph and timeline will show plain lists" >&2; \
	else echo "npm not found: web UI graph and timeline will show plain lists" >&2; fi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

demo: install
	mkdir -p build
	rm -f $(DEMO_DB)
	$(BIN)/dossier --db $(DEMO_DB) demo
	$(BIN)/dossier --db $(DEMO_DB) report "Quds Aviation Industry" --format html -o build/demo-brief.html
	@echo "A brief to attach to an email: build/demo-brief.html"

system:
	bash scripts/bootstrap-system.sh

# Every test has a deadline (pyproject.toml, tests/deadlines.py); the 20 slowest are listed.
test: install system
	SHARED=$(SHARED) $(BIN)/python -m pytest -q --durations=20

# The suite on a loaded machine, as CI may be: scripts/busy.py burns one core with a bounded
# loop (at most BUSY_SECONDS) while the suite runs, stops it however the suite ends, and
# prints the suite's wall time.
BUSY_SECONDS ?= 1800
test-busy: install system
	$(BIN)/python scripts/busy.py --seconds $(BUSY_SECONDS) -- \
	  env SHARED=$(SHARED) $(BIN)/python -m pytest -q --durations=20

lint: install
	$(BIN)/ruff check dossier tests eval bench train
	$(BIN)/ruff format --check dossier tests eval bench train

typecheck: install
	$(BIN)/mypy dossier

# Rebuild the trained models in dossier/data/models/ from ../shared/eval (dev + train).
train: install
	SHARED=$(SHARED) nice -n 10 $(BIN)/python -m train
	SHARED=$(SHARED) nice -n 10 $(BIN)/python -m train.screen

# Leave-one-topic-out cross-validation (fold models cached in build/cv/), then the dev gate.
eval: install
	SHARED=$(SHARED) $(BIN)/python eval/cv.py
	SHARED=$(SHARED) $(BIN)/python eval/gate.py
	SHARED=$(SHARED) nice -n 10 $(BIN)/python eval/cv_screen.py
	SHARED=$(SHARED) $(BIN)/python eval/ru.py

bench: install
	for script in bench/*.py; do SHARED=$(SHARED) $(BIN)/python $$script || exit 1; done

check: lint typecheck test

clean:
	rm -rf $(VENV) build .mypy_cache .ruff_cache .pytest_cache
