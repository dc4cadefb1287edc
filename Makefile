# The two commands: `make run` talks to careerbot, `make test` runs every test. Both set up .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run repl test check kbtest bench load clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "careerbot needs Python 3.11 or newer")'
	@echo "Setting up $(VENV) (first run only) ..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/careerbot serve

repl: $(STAMP)
	$(BIN)/careerbot repl

AXE := tests/browser/node_modules/axe-core/axe.min.js

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest

# axe-core for the browser tests' accessibility checks, pinned by tests/browser/package-lock.json.
$(AXE): tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund || echo "npm is missing: the browser tests will say why they cannot run"

bench: $(STAMP)
	$(BIN)/python bench/bench.py

load: $(STAMP)
	$(BIN)/python bench/load.py --seconds 30 --clients 32

check: $(STAMP)
	$(BIN)/careerbot kb check kb

# The question sets through `careerbot kb test`, with their pass figures (make test checks their floors).
kbtest: $(STAMP)
	$(BIN)/careerbot kb test tests/questions.yaml tests/conversations.yaml tests/calculations.yaml --quiet
	$(BIN)/careerbot kb test tests/corpus/dev.yaml --quiet --min-pass 0
	for f in tests/corpus/dev[0-9]*.yaml tests/corpus/frozen.yaml; do printf "%s: " $$f; $(BIN)/careerbot kb test $$f --quiet --min-pass 0 | tail -n 1; done
	$(BIN)/careerbot kb test tests/kbs/pharmtech/questions.yaml --kb tests/kbs/pharmtech --quiet --min-pass 0

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis tests/browser/node_modules tests/artifacts
