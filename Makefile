# Two commands set everything up on a fresh machine with Python 3.11:
#   make demo   - creates .venv, installs the pinned dependencies, runs tieline on examples/, prints a timeline
#   make test   - the same install, then ruff and the test suite
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= tieline.duckdb

.PHONY: install demo test lint typecheck bench clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Everything comes from requirements.lock (pinned, with hashes); the project itself is installed editable.
$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/tieline run examples/ --db $(DB) || test $$? -eq 1
	$(BIN)/tieline timeline KAZ USA --db $(DB)
	$(BIN)/tieline timeline KAZ USA --db $(DB) --format html -o demo-kaz-usa.html

# ruff, and mypy over src/tieline (config in pyproject.toml): `make test` runs both.
lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy

typecheck: install
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/throughput.py ../shared/corpus/voa/voa_stories.jsonl

# Regenerate requirements.lock after changing dependencies in pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile --generate-hashes --extra dev --python-version 3.11 \
	  --python-platform x86_64-manylinux_2_28 --no-header -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) $(DB) demo-kaz-usa.html test-artifacts build *.egg-info src/*.egg-info .pytest_cache .ruff_cache \
	  .mypy_cache
