# Every target that needs the project depends on the stamp file, so a fresh clone
# needs nothing but `make run` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Until the service exists, `run` audits the sample contacts. Exit status 1 means
# "findings", which is what the sample is for, so only 2 (unusable input) fails.
run: $(STAMP)
	$(BIN)/contactlint audit examples/contacts.csv --offline || test $$? -eq 1

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check linter accountsvc tests scripts bench
	$(BIN)/ruff format --check linter accountsvc tests scripts bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
