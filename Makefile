# Two entry points: `make site` (build, `make serve` to also serve) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

CHROMIUM := /usr/bin/chromium

.PHONY: site serve check test lint clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python build.py

serve: $(STAMP)
	$(BIN)/python build.py serve

check: $(STAMP)
	$(BIN)/python build.py check

# the browser tests drive Debian's chromium; install it when missing (CI runs as root)
browser:
	@test -x $(CHROMIUM) || { if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Install Debian's chromium package (sudo apt-get install chromium) for the browser tests."; fi; }

# the Nu HTML Checker: vnu-jar from npm, run with Java from Debian
VNU := .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU):
	@command -v java >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	mkdir -p .cache/vnu && cd .cache/vnu && npm install --no-save --silent --no-audit --no-fund vnu-jar@26

test: $(STAMP) browser $(VNU)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

clean:
	rm -rf site $(VENV) .pytest_cache .ruff_cache .cache
