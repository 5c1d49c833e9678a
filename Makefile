# Every target that needs the project depends on the stamp file, so a fresh clone
# needs nothing but `make run` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

PROTOS    := $(wildcard protos/accountsvc/v1/*.proto)
GENERATED := $(PROTOS:protos/%.proto=%_pb2.py)

DATABASE ?= sqlite:///var/accountsvc.db
LISTEN   ?= 127.0.0.1:50051

.PHONY: install generate compile pure run audit-sample test bench lint clean

install: $(STAMP) $(GENERATED) compile

# Code generated from protos/ (never edited by hand, not committed), with typed stubs.
generate: $(GENERATED)

accountsvc/v1/%_pb2.py: protos/accountsvc/v1/%.proto $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m grpc_tools.protoc -Iprotos \
		--python_out=. --grpc_python_out=. --mypy_out=. --mypy_grpc_out=. $<

# accounts.proto imports lint.proto's messages.
accountsvc/v1/accounts_pb2.py: protos/accountsvc/v1/lint.proto

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,compile]'
	touch $(STAMP)

# The linter's hot modules, compiled with Cython (scripts/compile_modules.py says which).
# The script rebuilds only the modules whose source is newer than their extension, and
# removes extensions whose source is gone; with nothing to do it takes a moment.
compile: $(STAMP)
	$(BIN)/python scripts/compile_modules.py

# Back to the pure Python modules (slower, same results); `make` compiles them again.
pure: $(STAMP)
	$(BIN)/python scripts/compile_modules.py --clean

# Migrate the embedded SQLite database (var/accountsvc.db) and serve until Ctrl-C.
run: install
	$(BIN)/accountsvc migrate --database $(DATABASE)
	$(BIN)/accountsvc serve --listen $(LISTEN) --database $(DATABASE)

# The linter on the sample contacts. Exit status 1 means "findings", which is what the
# sample is for, so only 2 (unusable input) fails.
audit-sample: install
	$(BIN)/contactlint audit examples/contacts.csv --offline || test $$? -eq 1

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/run.py

lint: install
	$(BIN)/ruff check linter accountsvc tests scripts bench
	$(BIN)/ruff format --check linter accountsvc tests scripts bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache accountsvc/v1
	find linter -name '*.so' -delete
