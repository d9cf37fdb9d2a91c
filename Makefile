PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/trucewatch demo

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/extract_throughput.py

eval: install
	$(BIN)/trucewatch eval ../shared/eval/dev.jsonl

clean:
	rm -rf $(VENV) build dist src/*.egg-info
