# budgetwh: `make run` builds the warehouse from the bundled samples; `make test` runs every test.
# Both create .venv and install the pinned dependencies first.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
export DBT_PROFILES_DIR := $(CURDIR)/profiles

.PHONY: setup browser run test lint bench dashboard clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

run: setup
	$(BIN)/budgetwh ingest samples
	$(BIN)/budgetwh build

# Debian's Chromium for the dashboard's browser tests (browsers cannot be downloaded here)
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q chromium) >/dev/null 2>&1 \
		|| echo "chromium could not be installed: the browser tests will be skipped"

test: setup browser
	$(BIN)/python -m pytest

dashboard: setup
	$(BIN)/budgetwh dashboard

lint: setup
	$(BIN)/ruff check .

clean:
	rm -rf warehouse exports target logs
