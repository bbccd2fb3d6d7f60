# Set-up and everyday commands. `make site` then `make test` is all a new machine needs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
GOLD := ../shared/eval/gold-seeds.yaml

.PHONY: site serve test lint eval bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (Python 3.11 is needed)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

site: $(STAMP)  ## create .venv, install, build data/records/, docs/ and site/
	$(BIN)/csto-kb build
	@echo "Site built: open site/index.html in a browser, or run 'make serve' for http://127.0.0.1:8000/"

serve: $(STAMP)  ## preview the site, rebuilding when a source or the curation file changes
	$(BIN)/csto-kb serve

# Two workers (pytest-xdist), one per core; each test module runs whole on one of them, in
# the order of tests/conftest.py (the corpus site first). `pytest` alone runs in one process.
XDIST := -n 2 --dist loadscope --no-loadscope-reorder

test: $(STAMP)  ## run the whole test suite (includes the headless-Chromium tests)
	$(BIN)/python -m pytest -q $(XDIST)

lint: $(STAMP)  ## type-check (mypy) and lint (ruff), as configured in pyproject.toml
	$(BIN)/mypy
	$(BIN)/ruff check .

EVAL_SETS ?= $(patsubst eval/%-gold.yaml,%,$(sort $(wildcard eval/*-gold.yaml)))

eval: $(STAMP)  ## score extraction on the seeds and on each eval/ set (EVAL_SETS="dev wire" for some)
	@rm -rf .cache/eval
	@for set in seeds $(EVAL_SETS); do \
	  if [ $$set = seeds ]; then src=data/sources; gold=$(GOLD); else src=eval/$$set; gold=eval/$$set-gold.yaml; fi; \
	  echo "--- $$set ($$src against $$gold) ---"; \
	  $(BIN)/csto-kb extract --sources $$src --out .cache/eval/$$set >/dev/null && \
	  $(BIN)/python ../shared/eval/score.py --gold $$gold --records .cache/eval/$$set --sources $$src --errors; \
	done

bench: $(STAMP)  ## benchmark on synthetic corpora (see bench/README.md)
	$(BIN)/python -m bench.run

clean:
	rm -rf site .cache .pytest_cache
