# Two commands do all the set-up on a fresh Debian 12 machine:
#   make demo   - creates .venv, installs the renderer, renders the samples (two articles and a
#                 twelve-article briefing packet) into out/
#   make test   - creates .venv with the test extras, installs the validators, runs pytest
#   make bench  - creates .venv with the bench extras, measures, writes bench/results/latest.json
#   make eval   - creates .venv with the eval extras, measures the readers against their peers
#                 on public corpora (CORPORA=DIR, default ../shared/corpora), writes the tables
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PYTEST_ARGS ?=

.PHONY: demo test soak bench eval validators system-deps lint wheel-check clean help

help:
	@echo "make demo        render samples/ into out/ (creates .venv)"
	@echo "make test        run the test suite with EPUBCheck and Ace (creates .venv, installs validators)"
	@echo "make soak        the property tests with all their examples (make test runs two fifths)"
	@echo "make bench       benchmark (about 15 minutes on 2 cores): bench/results/latest.json + table"
	@echo "make eval        readers vs trafilatura/readability-lxml/naive on real pages (CORPORA=DIR)"
	@echo "make lint        ruff"
	@echo "make wheel-check build the wheel, install it in a fresh venv outside the checkout, render the seed"
	@echo "make clean       remove .venv, out/, build artefacts"

system-deps:
	@tools/system-deps.sh

$(VENV)/.demo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.demo
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

# pip 23 trips over lxml[html-clean] spelled two ways by the eval peers: one at a time.
$(VENV)/.eval: pyproject.toml $(VENV)/.demo
	$(PY) -m pip install --quiet lxml_html_clean
	$(PY) -m pip install --quiet -e '.[eval]'
	@touch $@

$(VENV)/.bench: pyproject.toml $(VENV)/.demo
	$(PY) -m pip install --quiet -e '.[bench]'
	@touch $@

demo: system-deps $(VENV)/.demo
	$(VENV)/bin/renderer build samples/isil-losing-ground.txt samples/coastal-flood-exercise.md samples/briefing-packet.toml -o out/

validators:
	@tools/install-validators.sh .validators

test: system-deps validators $(VENV)/.test
	@tools/system-deps.sh --test
	$(PY) -m pytest -n auto --durations=15 $(PYTEST_ARGS)

# The property tests with all their examples (make test runs a bounded share of them).
soak: system-deps validators $(VENV)/.test
	RENDERER_SOAK=1 $(PY) -m pytest -n auto tests/hostile/test_properties.py $(PYTEST_ARGS)

# Timings are only comparable within one run on one machine; check `uptime` first.
bench: system-deps $(VENV)/.bench
	$(PY) bench/run.py --json bench/results/latest.json

# The corpora are data outside the repository (docs/eval.md says where each comes from).
CORPORA ?=
eval: system-deps $(VENV)/.eval
	@tools/system-deps.sh --eval
	$(PY) -m eval.run $(if $(CORPORA),--corpora $(CORPORA)) --markdown docs/eval.md --readme README.md
	$(PY) tools/make-heldout-corpus.py --out .eval-cache/corpora
	$(PY) -m eval.run --corpora .eval-cache/corpora --corpus newspaper4k-tests --markdown docs/eval.md

lint: $(VENV)/.test
	$(VENV)/bin/ruff check renderer tests tools bench eval

wheel-check: system-deps $(VENV)/.demo
	@tools/wheel-check.sh

clean:
	rm -rf $(VENV) out build dist *.egg-info .pytest_cache
