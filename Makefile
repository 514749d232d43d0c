# Observatoire CIL — the two commands of a new user: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := data/demo.duckdb
PORT ?= 8501
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
DEBIAN_PACKAGES := chromium fonts-dejavu poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

.PHONY: run test lint format install demo chromium libreoffice clean bench bench-rapide bench-visite

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstalled only when pyproject.toml changes: the second call is quick.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# Leaflet and its plugins for the offline map, from the npm registry (dashboard/vendor.py):
# fetched only when a file is missing or the pinned packages changed (a quick check otherwise).
install: $(STAMP)
	@$(BIN)/python -m dashboard.vendor

$(DEMO_DB): | $(STAMP)
	$(BIN)/cil demo

demo: install  ## rebuild the demo database from scratch
	$(BIN)/cil demo

run: install $(DEMO_DB)
	$(BIN)/python -m dashboard.server --server.port $(PORT) --server.headless true

# Browser tests drive Debian's Chromium (never a browser downloaded by Playwright).
chromium:
	@if [ -x /usr/bin/chromium ]; then :; else \
		echo "Installation de Chromium (paquets Debian)…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEBIAN_PACKAGES) >/dev/null; \
	fi

# Export tests open every CSV and XLSX with a real spreadsheet: LibreOffice Calc, Debian's
# package without a desktop (about 2 minutes the first time).
libreoffice:
	@if command -v soffice >/dev/null 2>&1; then :; else \
		echo "Installation de LibreOffice Calc (paquet Debian)…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libreoffice-calc-nogui >/dev/null; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The whole suite: two workers, then alone the tests that time pages or put a load. The
# longest tests go first (marker `long`, tests/conftest.py) and an idle worker takes tests
# queued on the other (worksteal): neither waits alone at the end.
test: install chromium libreoffice lint
	$(BIN)/python -m pytest -n 2 --dist worksteal -m "not serial" --durations=15
	$(BIN)/python -m pytest -m serial --durations=5

# Performance benchmark (bench/run.py): figures printed and written to bench/results.md.
# The demo databases of each scale are cached in bench/cache/ (the national one takes minutes).
bench: install chromium
	$(BIN)/python -m bench.run

bench-rapide: install chromium  ## territory and department only
	$(BIN)/python -m bench.run --rapide

bench-visite: install chromium  ## first visit of every page against a one-line page
	$(BIN)/python -m bench.first_visit

clean:
	rm -rf $(VENV) $(DEMO_DB) data/demo_extraits artifacts .pytest_cache
