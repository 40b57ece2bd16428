# wuzhangai — two commands for a fresh Debian 12 machine with Python 3.11:
#   make demo   set up what is missing, run the whole pipeline on the bundled sample data
#   make test   set up test needs, run the whole suite (make test-fast: without browser and corpus tests)
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .stamps
OUT ?= demo-output
# Debian packages the tool needs at run time (browser, CJK fonts, Pango for PDF) and in tests (pdftotext; postgresql:
# the PostgreSQL tests start a throwaway server from its binaries; redis-server: the broker of the worker tests).
APT_PACKAGES := chromium fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 openssl poppler-utils postgresql redis-server

.PHONY: demo test test-fast bench setup setup-test clean help

help:
	@echo "make demo   - install what is missing, scan the bundled sample site, write outputs to $(OUT)/"
	@echo "make test   - install test needs and run the whole test suite"
	@echo "make test-fast - the same without the tests that start Chromium or read the corpora (README: Tests)"
	@echo "make bench  - benchmarks against peer tools (bench/README.md)"

$(STAMPS):
	@mkdir -p $(STAMPS)

# apt-get only when a package is missing, so the second run is instant and non-root users with
# everything installed are never asked for root.
$(STAMPS)/apt: | $(STAMPS)
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "正在安装系统软件包 / installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@touch $@

$(STAMPS)/venv: pyproject.toml | $(STAMPS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[geo,reports,forms,service,pg,queue]'
	@touch $@

$(STAMPS)/venv-test: $(STAMPS)/venv
	$(BIN)/pip install -q --disable-pip-version-check -e '.[geo,reports,forms,service,pg,queue,test]'
	@touch $@

# Node packages inlined into reports (Leaflet) come from the npm registry at set-up, never at run time.
$(STAMPS)/npm: package.json | $(STAMPS)
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --silent; else npm install --no-audit --no-fund --silent; fi
	@touch $@

setup: $(STAMPS)/apt $(STAMPS)/venv $(STAMPS)/npm
setup-test: $(STAMPS)/apt $(STAMPS)/venv-test $(STAMPS)/npm

demo: setup
	$(BIN)/wuzhangai demo --out $(OUT)

# three test processes on two cores: the browser and cluster tests spend much of their time waiting (servers that
# answer slowly on purpose, redelivery and schedule timers), and a third process fills those waits (measured on a
# clean clone: 16 min 1 s with -n 3 and the xdist groups working, all 1,321 passed)
test: setup-test
	$(BIN)/python -m pytest -n 3 --dist loadgroup -q $(PYTEST_ARGS)

test-fast: setup-test
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q -m "not e2e and not corpus and not slow" $(PYTEST_ARGS)

bench: setup-test
	$(MAKE) -C bench all PY=$(abspath $(BIN)/python)

clean:
	rm -rf $(STAMPS) $(VENV) $(OUT) wuzhangai.db node_modules
