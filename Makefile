# The two commands of the README: `make html` and `make test`. Everything they need
# is set up here on first use: uv, the virtual environment with the packages of
# uv.lock, and for the tests Debian's Chromium and the W3C HTML checker.

PYTHON   ?= python3
UV_VERSION := 0.13.9
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
TOOLS    := .venv-tools
# uv from PATH, else the pinned one, installed into $(TOOLS) with $(PYTHON)'s pip.
UV       ?= $(or $(shell command -v uv),$(TOOLS)/bin/uv)
SOURCE   := docs
BUILD    := docs/_build
SPHINX   := $(BIN)/python -m sphinx
SPHINXOPTS ?= -W --keep-going -n
CHROMIUM := /usr/bin/chromium
VNU      := node_modules/vnu-jar/build/dist/vnu.jar

# uv uses the Python it is given and never downloads one: that cannot work offline.
export UV_PYTHON_DOWNLOADS := never
# Fails with one line on what to do unless $(PYTHON) is 3.11 or newer.
CHECK_PYTHON = $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	|| { echo "make: needs Python 3.11 or newer, and '$(PYTHON)' is \
	$$($(PYTHON) -V 2>/dev/null || echo 'not found'): install one, then run \
	make PYTHON=/path/to/python3.13 $(MAKECMDGOALS)" >&2; exit 1; }
PYTHON_EXE = $$($(PYTHON) -c 'import sys; print(sys.executable)')

.PHONY: help html check test dist fuzz test-matrix lock lint format livehtml linkcheck screenshots \
	bench clean

help:
	@echo "make html       build the site into $(BUILD)/html (warnings are errors)"
	@echo "make check      before pushing a change to the site: the data files against their"
	@echo "                schemas, then the whole site, warnings as errors (seconds)"
	@echo "make test       lint (ruff, mypy on the package and the tests), then the test suite"
	@echo "make fuzz       the generated-input tests with many more examples (minutes)"
	@echo "make test-matrix  the suite on every Python 3.11+ found here, oldest and newest Sphinx"
	@echo "make dist       build the sdist and wheel into dist/ and check them (TAG=vX.Y.Z too)"
	@echo "make lock       update uv.lock after changing the dependencies in pyproject.toml"
	@echo "make livehtml   preview on http://127.0.0.1:8000, rebuilding on every edit"
	@echo "make linkcheck  check the site's external links"
	@echo "make screenshots  full-page PNGs of two pages, light/dark, desktop/phone"
	@echo "make bench      time the directives at scale and the site's rebuilds (minutes)"
	@echo "make lighthouse  Lighthouse scores of the landing page and a project page (minutes)"
	@echo "make clean      remove builds and the virtual environments"

# With the Python's own pip when it has one: putting pip into the venv takes seconds.
$(TOOLS)/bin/uv:
	@$(CHECK_PYTHON)
	$(PYTHON) -m venv --without-pip $(TOOLS)
	$(PYTHON) -m pip --python $(TOOLS)/bin/python install --disable-pip-version-check -q \
		uv==$(UV_VERSION) 2>/dev/null \
		|| { $(TOOLS)/bin/python -m ensurepip >/dev/null \
		&& $(TOOLS)/bin/python -m pip install --disable-pip-version-check -q uv==$(UV_VERSION); }

# Reinstall only when the dependency files change; a lock older than pyproject.toml fails.
$(STAMP): pyproject.toml uv.lock | $(UV)
	@$(CHECK_PYTHON)
	@$(UV) lock --check --quiet --python "$(PYTHON_EXE)" \
		|| { echo "make: uv.lock does not match pyproject.toml: run make lock, commit uv.lock" >&2; \
		exit 1; }
	$(UV) sync --locked --quiet --python "$(PYTHON_EXE)" --extra docs --group test --group dev
	@touch $@

lock: | $(UV)
	$(UV) lock --python "$(PYTHON_EXE)"

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

# What a content contributor runs before pushing: the data files against the schemas their
# modelines name, then a fresh build (-E: Sphinx repeats no warning of a page it does not
# reread), -q so that only the problems are printed. Both run, and either fails the check.
check: $(STAMP)
	@status=0; \
	$(BIN)/python tools/check_data.py || status=1; \
	$(SPHINX) $(SPHINXOPTS) -E -q -b html -d $(BUILD)/doctrees $(SOURCE) $(BUILD)/html \
		|| status=1; \
	if [ $$status = 0 ]; then echo "make check: no problems found."; fi; \
	exit $$status

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/mypy --config-file tests/mypy.ini

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(STAMP) $(CHROMIUM) $(VNU) lint
	$(BIN)/python -m pytest -n auto

# The release's artefacts, checked as the release workflow checks them before publishing.
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/python tools/release.py check dist $(if $(TAG),--tag $(TAG))

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -n auto tests/test_generated_*.py

# The suite, browser tests aside, on every Python found here with the oldest and the
# newest Sphinx it allows; then the browser tests once.
test-matrix: $(STAMP) $(CHROMIUM) $(VNU)
	UV=$(UV) tests/matrix.sh
	$(BIN)/python -m pytest -n 2 -m browser

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
	rm -rf $(BUILD) $(VENV) $(TOOLS) .venv-matrix node_modules dist
