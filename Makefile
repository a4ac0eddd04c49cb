# Draaiboek: `make book` builds the default edition, `make test` runs every test.
# Both set up .venv themselves on a fresh machine (Python 3.11+).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# nbgrader shells out to alembic: the venv's bin/ must be on PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: book alles test bench check demo clean

$(BIN)/draaiboek: pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $@

book: $(BIN)/draaiboek
	$(BIN)/draaiboek build

alles: $(BIN)/draaiboek
	$(BIN)/draaiboek build --alles

check: $(BIN)/draaiboek
	$(BIN)/draaiboek check

test: $(BIN)/draaiboek
	$(BIN)/draaiboek check
	$(BIN)/python -m pytest

demo: $(BIN)/draaiboek
	$(BIN)/draaiboek cursus demo

# Lighthouse 12 from npm, pinned in benchmarks/package-lock.json (13.x needs Node >= 22).
LIGHTHOUSE := benchmarks/node_modules/.bin/lighthouse

$(LIGHTHOUSE): benchmarks/package.json benchmarks/package-lock.json
	cd benchmarks && npm ci --no-audit --no-fund
	@touch $@

bench: $(BIN)/draaiboek $(LIGHTHOUSE)
	$(BIN)/python benchmarks/build.py
	$(BIN)/python benchmarks/cases.py
	$(BIN)/python benchmarks/autograde.py
	$(BIN)/python benchmarks/lighthouse.py
	# 30 learners on a local JupyterHub; installs configurable-http-proxy (tests/hub) with npm ci.
	$(BIN)/python benchmarks/hub.py

clean:
	rm -rf _build
