# Tapcast: `make run` serves the app, `make test` runs every test. Both set up what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

# Debian packages: what the running server uses, and what the tests add.
RUN_DEBS := ffmpeg espeak-ng
TEST_DEBS := $(RUN_DEBS) chromium redis-server sox docker-compose nginx-light
BENCH_DEBS := $(TEST_DEBS) nginx-light wrk

.PHONY: run test lint bench build setup ferretdb clean

run: setup
	@$(PY) -m devtools.run

test: setup
	@./scripts/system-deps.sh $(TEST_DEBS)
	$(PY) -m ruff check .
	$(PY) -m pytest
	node --test tests/unit/
	npm run -s build
	$(PY) -m devtools.e2e

lint: $(VENV_STAMP)
	$(PY) -m ruff check .

bench: setup
	@./scripts/system-deps.sh $(BENCH_DEBS)
	$(PY) -m bench

# The packaged phone app (dist/app/), for HBuilder and for serving with long-lived caching.
build: $(NODE_STAMP)
	npm run -s build

setup: $(VENV_STAMP) $(NODE_STAMP) ferretdb
	@./scripts/system-deps.sh $(RUN_DEBS)

# Builds FerretDB once per machine (cached under ~/.cache/tapcast), unless MONGO_URI is set.
ferretdb: $(VENV_STAMP)
	@if [ -z "$$MONGO_URI" ]; then $(PY) -m devtools.ferretdb build >/dev/null; fi

$(VENV_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $@

# --ignore-scripts: vue-awesome-mui declares build tools (node-sass) whose install scripts
# download binaries; Tapcast needs only the MUI files it ships, copied by copy-mui.
$(NODE_STAMP): package.json package-lock.json scripts/copy-mui.mjs
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	npm run -s copy-mui
	@touch $@

clean:
	rm -rf $(VENV) node_modules mobile/lib dist var test-artifacts
