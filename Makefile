# The two commands: `make run` talks to careerbot, `make test` runs every test. Both set up .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "careerbot needs Python 3.11 or newer")'
	@echo "Setting up $(VENV) (first run only) ..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/careerbot repl

test: $(STAMP)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/careerbot kb check kb

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
