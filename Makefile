# cjmap: `make demo` shows it working on the examples, `make test` runs every check.
# Both set up everything they need: a virtualenv in .venv, the package, and Graphviz.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint-code typecheck unit bench images golden setup graphviz chromium poppler jison mermaid-js clean

# Bytecode for cjmap's own modules, whatever PYTHONDONTWRITEBYTECODE says: an editable
# install never writes it, and compiling on every run cost each command ~65 ms.
# timestamp: Python checks each .pyc against its source's mtime, so an edit is used at
# once (compiled in memory until the next make writes its .pyc). docs/performance.md.
setup: $(STAMP)
	@$(BIN)/python -m compileall -q --invalidation-mode timestamp src

$(STAMP): pyproject.toml
	@sh scripts/ensure-venv.sh "$(PYTHON)" "$(VENV)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

graphviz:
	@sh scripts/ensure-system-tool.sh dot graphviz graphviz

chromium:
	@sh scripts/ensure-system-tool.sh chromium chromium "" || true
	@sh scripts/ensure-system-tool.sh chromedriver chromium-driver "" || true

# pdftoppm: the render tests turn print pages into PNGs to check them
poppler:
	@sh scripts/ensure-system-tool.sh pdftoppm poppler-utils poppler

# Mermaid's own journey grammar runs in node in the tests (tests/data/mermaid/record.js).
JISON := build/node/node_modules/jison/package.json

jison: $(JISON)

$(JISON):
	@sh scripts/ensure-system-tool.sh node nodejs node
	@sh scripts/ensure-system-tool.sh npm npm node
	npm install --silent --no-audit --no-fund --prefix build/node jison@0.4.18

# Mermaid itself (its browser bundle only), to draw exported journeys in headless Chromium.
MERMAID_VERSION := 11.17.2
MERMAID_JS := build/node/mermaid-$(MERMAID_VERSION)/package/dist/mermaid.min.js

mermaid-js: $(MERMAID_JS)

$(MERMAID_JS):
	@sh scripts/ensure-system-tool.sh npm npm node
	mkdir -p build/node/mermaid-$(MERMAID_VERSION)
	cd build/node/mermaid-$(MERMAID_VERSION) && npm pack --silent mermaid@$(MERMAID_VERSION) >/dev/null \
		&& tar -xzf mermaid-$(MERMAID_VERSION).tgz package/dist/mermaid.min.js

demo: setup graphviz
	@sh scripts/demo.sh "$(BIN)"

test: setup graphviz chromium poppler jison mermaid-js
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

bench: setup graphviz
	$(BIN)/python -m bench

images: setup graphviz chromium
	$(BIN)/python scripts/make_images.py
	CJMAP_UPDATE_IMAGES=1 $(BIN)/pytest -q tests/test_html_browser.py tests/test_site_browser.py -k screenshot
	$(BIN)/python scripts/make_history_image.py

golden: setup
	$(BIN)/python scripts/regen_golden.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
