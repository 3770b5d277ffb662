# Every target installs what it needs first: a fresh machine needs only python3 and make.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export TF_CPP_MIN_LOG_LEVEL ?= 2
export TF_ENABLE_ONEDNN_OPTS ?= 0
export NO_MKDOCS_2_WARNING ?= 1
export PYTHONHASHSEED ?= 0

# uv from PATH, or a private copy installed with pip into .uv/ the first time.
UV := $(shell command -v uv 2>/dev/null || echo .uv/bin/uv)
RUN := $(UV) run --locked
# The site's build needs the main dependencies and the docs group only. The porting group
# (PyTorch, JAX, ONNX Runtime: several GB) is for the tests; building and serving neither
# install it nor remove it when it is there (--inexact).
DOCS_ONLY := --no-default-groups --group docs
RUN_DOCS := $(UV) run --locked $(DOCS_ONLY)

.PHONY: help install install-docs serve site test lint pytest outputs figures notebooks page bench check clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

.uv/bin/uv:
	python3 -m venv .uv
	.uv/bin/python -m pip install --quiet uv

install: $(if $(findstring .uv/,$(UV)),.uv/bin/uv) ## Install the locked dependencies
	$(UV) sync --locked

install-docs: $(if $(findstring .uv/,$(UV)),.uv/bin/uv) ## Install what the build needs (no PyTorch, JAX, ONNX)
	$(UV) sync --locked --inexact $(DOCS_ONLY)

serve: install-docs ## Build and serve the site with live reload at http://127.0.0.1:8000/
	$(RUN_DOCS) mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

site: install-docs ## Strict build of the site into site/
	$(RUN_DOCS) mkdocs build --strict --site-dir site

lint: install ## ruff (lint and format); both run, and a failure says how to fix it
	@status=0; \
	$(RUN) ruff check . || { status=1; echo "make lint: fix with \`$(RUN) ruff check --fix .\` (what it cannot fix, by hand)" >&2; }; \
	$(RUN) ruff format --check . || { status=1; echo "make lint: fix with \`$(RUN) ruff format .\`" >&2; }; \
	exit $$status

pytest: install ## Every pytest check (uses site/ when SITE_DIR=site)
	$(RUN) pytest --cov --cov-report=term-missing:skip-covered

# make test runs the suite on every core (pytest-xdist); the browser tests share one worker, which
# serves the site on SITE_URL's port (tests/conftest.py's scheduler). TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
PARALLEL := -n $(TEST_WORKERS)

test: install lint site ## Every check: lint, workflows, snippets vs TensorFlow, docs, browser, strict build
	SITE_DIR=site $(RUN) pytest $(PARALLEL) --cov --cov-report=term-missing:skip-covered

outputs: install ## Re-capture what every snippet section prints, and the Keras backends report
	$(RUN) python -m sitekit.outputs
	$(RUN) python -m sitekit.backends

figures: install ## Regenerate every figure and animation under docs/assets/
	$(RUN) python -m snippets.figures

notebooks: install ## Regenerate the .ipynb copies of docs/notebooks/*.py (for download and Colab)
	$(RUN) python -m sitekit.notebooks

page: install ## New page: make page KIND=concept|myth|pitfall NAME=my-page TITLE="My page"
	$(RUN) python -m sitekit.scaffold "$(KIND)" "$(NAME)" "$(TITLE)"

check: install ## One page's checks: make check PAGE=docs/myths/my-page.md (snippets, questions, figures, build, browser)
	$(RUN) python -m sitekit.check "$(PAGE)"

bench: install ## Build and test times, page weight, animation and playground bytes
	$(RUN) python -m sitekit.bench --parallel "$(PARALLEL)"

clean: ## Remove build products
	rm -rf site .pytest_cache .coverage test-artifacts
