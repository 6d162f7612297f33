# clusterfacts: `make warehouse` builds the warehouse from the sample corpus,
# `make test` runs every test. Both set up .venv first when it is missing or stale.

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
ARTICLES ?= data/articles
export CLUSTERFACTS_DB ?= $(CURDIR)/warehouse/clusterfacts.duckdb
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1
# how long `make warehouse` and `make dbt` wait while another process (a BI tool) has the warehouse open
WAIT ?= 60

.PHONY: setup warehouse dbt docs report metrics browser test test-fast lint conventions score bench clean

# The extractor's modules are compiled with mypyc whenever their build is missing or older than a source.
setup: $(VENV)/.installed
	@$(BIN)/python scripts/build_native.py --if-stale

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "clusterfacts needs Python 3.11 or later")'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

warehouse: setup
	$(BIN)/clusterfacts load $(ARTICLES) --wait $(WAIT)
	$(BIN)/clusterfacts build --wait $(WAIT)
	$(BIN)/clusterfacts status

# dbt build, then the unit tests (clusterfacts/marts/building.py); the results are kept beside the
# warehouse, where `clusterfacts status` reads them, failed or not.
dbt: setup
	$(BIN)/clusterfacts build --wait $(WAIT)

# dbt's documentation of every model, column, test and exposure, with the warehouse's catalog,
# as one self-contained page that opens from file:// without internet.
docs: setup
	$(BIN)/dbt docs generate --static --quiet
	@echo "open target/static_index.html"

# a static site of the marts to look at, warehouse/report/index.html (clusterfacts/marts/reporting.py)
report: setup
	$(BIN)/clusterfacts report --wait $(WAIT)

# the semantic layer's saved queries (models/marts/_metrics.yml), each answered by MetricFlow
# from the warehouse; `.venv/bin/mf query --metrics ... --group-by ...` asks anything else
metrics: setup
	@$(BIN)/dbt parse --quiet
	@for query in $$($(BIN)/python -c 'import json; print(*(q["name"] for q in json.load(open("target/semantic_manifest.json"))["saved_queries"]))'); do \
	  echo "== $$query"; $(BIN)/mf query --saved-query $$query --decimals 2 || exit 1; done

test: setup browser
	$(BIN)/pytest

# Debian's Chromium, for the report's browser test (tests/test_report_browser.py); installed
# here, as root, when it is missing (about 20 s), and named when it cannot be.
CHROMIUM ?= /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { test "$$(id -u)" = 0 && command -v apt-get >/dev/null && \
	  { echo "installing Debian's chromium for the browser test"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 || \
	    { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; }; } || \
	  echo "no Chromium at $(CHROMIUM) and no way to install it here: the browser test will say so (apt-get install chromium)"

# The tests marked fast (tests/conftest.py): the extractor's rules and the gold scores, in under a minute.
test-fast: setup
	$(BIN)/pytest -m fast -q

lint: setup
	$(BIN)/ruff check clusterfacts scripts tests
	$(BIN)/sqlfluff lint models tests/dbt

# dbt_project_evaluator's rules, read from the manifest of the last dbt run (docs/dbt_conventions.md).
conventions: setup
	@$(BIN)/python scripts/check_dbt_conventions.py

# The extractor against gold: the sample (in the repo) and, when shared/ sits beside the repo, its devset.
DEVSET ?= ../shared/devset
score: setup
	@echo "== sample (data/articles, data/gold)"
	@$(BIN)/python scripts/score_facts.py --corpus $(ARTICLES) --gold data/gold --cmd '$(BIN)/clusterfacts extract'
	@if [ -d $(DEVSET)/gold ]; then echo "== devset ($(DEVSET))"; \
	  $(BIN)/python scripts/score_facts.py --corpus $(DEVSET)/corpus --gold $(DEVSET)/gold --cmd '$(BIN)/clusterfacts extract'; \
	else echo "== devset: $(DEVSET)/gold is missing (set DEVSET=...)"; fi

# Figures printed, nothing asserted. BENCH_ARGS="--million" adds the 1M-article run.
bench: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.lock
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf target logs build .mypy_cache warehouse/*.duckdb warehouse/*.wal
