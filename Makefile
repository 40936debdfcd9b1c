# The two commands of the README: `make run` and `make test`. Each creates .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench system-deps clean

$(STAMP): pyproject.toml
	@bash scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	@touch $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

# Starts the sync service with demo data and the client signed in as a demo user.
run: $(STAMP)
	@bash scripts/system-deps.sh --desktop
	@$(BIN)/python -m compileall -q ecabinet_client  # bytecode ahead: a start need not compile the sources
	$(BIN)/python -m ecabinet_client.demo

# Sets everything up and runs the whole test suite offscreen.
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	@for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build/pyinstaller dist
