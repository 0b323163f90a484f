# quota-planner — every entry point. Each target first runs scripts/setup.sh, which installs
# only what is missing (seconds when nothing is).
SHELL := /bin/bash
.DEFAULT_GOAL := help
WASM := scripts/wasm.sh
# Test artifacts (screenshots, logs) land here.
export QP_ARTIFACTS ?= $(CURDIR)/test-results

.PHONY: help setup serve dist test test-native test-wasm test-e2e lint fmt bench clean

help:
	@echo "make serve   install what is missing, build, serve on http://127.0.0.1:8080"
	@echo "make test    install what is missing, run every test (native, wasm, browser)"
	@echo "make dist    release build into dist/ (deploy to any static web server)"
	@echo "make bench   engine benchmark (criterion)"
	@echo "make lint    cargo fmt --check and clippy -D warnings"

setup:
	@scripts/setup.sh

serve: setup
	$(WASM) trunk serve --release

dist: setup
	$(WASM) trunk build --release

test: setup lint test-native test-wasm test-e2e
	@echo "make test: all test suites passed"

test-native:
	cargo test --all-targets

# Unit and integration tests compiled to wasm32, run in headless Chromium by
# wasm-bindgen-test-runner through chromedriver (flags in webdriver.json).
test-wasm:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
	$(WASM) cargo test --offline --target wasm32-unknown-unknown --test wasm_browser

# End-to-end: the release build in dist/, served on 127.0.0.1, driven by Playwright.
test-e2e: dist
	rm -rf $(QP_ARTIFACTS) && mkdir -p $(QP_ARTIFACTS)
	node --test --test-concurrency=1 tests/e2e/

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings

fmt:
	cargo fmt

# The engine's criterion benchmark: plan() at 10 → 10,000 enterprises, three projects each.
# (The browser benchmark, edit → paint, is not written yet.)
bench:
	cargo bench --bench plan

clean:
	rm -rf dist target test-results
