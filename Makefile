# Veta: one command to start the app, one to run the tests. Both install what they need.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run serve-lan lan-hosts test lint validate build bench chromium gdal clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Veta needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

## make run: install everything and start the app on http://localhost:$(PORT), for this computer only
## (.streamlit/config.toml: server.address = 127.0.0.1)
run: $(VENV)/.installed
	$(PY) -m streamlit run serve.py --server.port $(PORT)

## make serve-lan HOSTS=name[,name...]: serve a classroom network on every interface, answering only requests
## for those host names (the names or addresses the class types); see docs/security.md
serve-lan: lan-hosts $(VENV)/.installed
	VETA_ALLOWED_HOSTS="$(HOSTS)" $(PY) -m streamlit run serve.py --server.address 0.0.0.0 --server.port $(PORT)

lan-hosts:
	@test -n "$(HOSTS)" || { echo "make serve-lan needs HOSTS=<the host names or addresses the class will type>, e.g. HOSTS=192.168.1.10 (docs/security.md)"; exit 2; }

## make test: install everything (Chromium and gdal-bin included) and run lint, the data validator and all tests
test: $(VENV)/.installed chromium gdal
	$(PY) -m ruff check .
	$(PY) -m veta validate
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(PY) -m ruff check .

validate: $(VENV)/.installed
	$(PY) -m veta validate

## make build: rebuild geodata/ from geodata/sources and geodata/content
build: $(VENV)/.installed
	$(PY) -m veta.build

## make bench: run the benchmarks in bench/ and print their figures
bench: $(VENV)/.installed chromium
	$(PY) bench/run.py

chromium:
	@sh scripts/ensure-chromium.sh

gdal:
	@sh scripts/ensure-gdal.sh

clean:
	rm -rf $(VENV) static/vendor .pytest_cache .ruff_cache
