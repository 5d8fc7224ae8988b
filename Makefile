# The two commands of the README: `make html` and `make test`. Everything they need
# is set up here on first use: the virtual environment, the pinned Python packages,
# and for the tests Debian's Chromium and the W3C HTML checker.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
SOURCE   := docs
BUILD    := docs/_build
SPHINX   := $(BIN)/python -m sphinx
SPHINXOPTS ?= -W --keep-going -n
CHROMIUM := /usr/bin/chromium
VNU      := node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: help html test test-compat lint format livehtml linkcheck screenshots bench clean

help:
	@echo "make html       build the site into $(BUILD)/html (warnings are errors)"
	@echo "make test       lint, then run the whole test suite"
	@echo "make test-compat  the suite (no browser tests) on the oldest supported Sphinx"
	@echo "make livehtml   preview on http://127.0.0.1:8000, rebuilding on every edit"
	@echo "make linkcheck  check the site's external links"
	@echo "make screenshots  full-page PNGs of two pages, light/dark, desktop/phone"
	@echo "make bench      time the directives at scale and the site's rebuilds (minutes)"
	@echo "make lighthouse  Lighthouse scores of the landing page and a project page (minutes)"
	@echo "make clean      remove builds and the virtual environment"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency files change.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -c constraints.txt -e ".[docs,test,dev]"
	@touch $@

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

$(VNU): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

html: $(STAMP)
	$(SPHINX) $(SPHINXOPTS) -b html -d $(BUILD)/doctrees $(SOURCE) $(BUILD)/html
	@echo "Open $(BUILD)/html/index.html in a browser, or run make livehtml."

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(STAMP) $(CHROMIUM) $(VNU) lint
	$(BIN)/python -m pytest -n auto

# The suite, browser tests aside, on the oldest Sphinx of pyproject.toml's range, in a
# venv of its own pinned like constraints.txt except for Sphinx and the docutils it needs.
COMPAT        := $(VENV)/compat
COMPAT_SPHINX := sphinx==8.2.3 docutils==0.21.2

$(COMPAT)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PYTHON) -m venv $(COMPAT)
	grep -v -i -E '^(sphinx|docutils)==' constraints.txt > $(COMPAT)/constraints.txt
	$(COMPAT)/bin/python -m pip install --disable-pip-version-check -q \
		-c $(COMPAT)/constraints.txt -e ".[docs,test]" $(COMPAT_SPHINX)
	@touch $@

test-compat: $(COMPAT)/.installed $(VNU)
	$(COMPAT)/bin/python -m pytest -n 2 -m "not browser"

livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port 8000 $(SPHINXOPTS) \
		-d $(BUILD)/doctrees $(SOURCE) $(BUILD)/html

linkcheck: $(STAMP)
	$(SPHINX) $(SPHINXOPTS) -b linkcheck -d $(BUILD)/doctrees $(SOURCE) $(BUILD)/linkcheck

# The landing page and a project page, light and dark, 1280 and 390 px wide.
screenshots: html $(CHROMIUM)
	$(BIN)/python tests/browser/screenshots.py $(BUILD)/html $(BUILD)/screenshots

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

# Lighthouse from npm (12.x, the newest that runs on Debian's Node 20) with Debian's
# Chromium, on the site served from 127.0.0.1; see benchmarks/README.md.
.PHONY: lighthouse
LIGHTHOUSE := node_modules/.bin/lighthouse

$(LIGHTHOUSE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lighthouse: html $(CHROMIUM) $(LIGHTHOUSE)
	$(BIN)/python benchmarks/lighthouse.py

clean:
	rm -rf $(BUILD) $(VENV) node_modules
