# Set-up and everyday commands. `make site` then `make test` is all a new machine needs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
GOLD := ../shared/eval/gold-seeds.yaml

.PHONY: site serve test eval bench clean

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

test: $(STAMP)  ## run the whole test suite (includes the headless-Chromium test)
	$(BIN)/python -m pytest -q

eval: $(STAMP)  ## score extraction on the seeds against the gold annotations
	@rm -rf .cache/eval && $(BIN)/csto-kb extract --sources data/sources --out .cache/eval/records >/dev/null
	@$(BIN)/python ../shared/eval/score.py --gold $(GOLD) --records .cache/eval/records --sources data/sources --errors
	@if [ -f tests/data/unseen-gold.yaml ]; then \
	  echo "--- unseen documents (tests/data/unseen) ---"; \
	  $(BIN)/csto-kb extract --sources tests/data/unseen --out .cache/eval/unseen >/dev/null; \
	  $(BIN)/python ../shared/eval/score.py --gold tests/data/unseen-gold.yaml --records .cache/eval/unseen --sources tests/data/unseen --errors; fi

bench: $(STAMP)  ## benchmark on synthetic corpora (see bench/README.md)
	$(BIN)/python -m bench.run

clean:
	rm -rf site .cache .pytest_cache
