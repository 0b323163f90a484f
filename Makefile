# quota-planner — every entry point. Each target first runs scripts/setup.sh, which installs
# only what is missing (seconds when nothing is).
SHELL := /bin/bash
.DEFAULT_GOAL := help
WASM := scripts/wasm.sh
# Test artifacts (screenshots, logs) land here.
export QP_ARTIFACTS ?= $(CURDIR)/test-results

.PHONY: help setup serve dist dist-single test test-deps test-engine test-native test-wasm test-e2e lint fmt bench bench-engine bench-browser fuzz fuzz-libfuzzer clean

help:
	@echo "make serve   install what is missing, build, serve on http://127.0.0.1:8080"
	@echo "make test    install what is missing, run every test (native, wasm, browser)"
	@echo "make dist    release build into dist/ (deploy to any static web server)"
	@echo "make dist-single  the app as one HTML file, dist-single/quota-planner.html (runs from file://)"
	@echo "make bench   engine (criterion) and browser benchmarks; writes docs/PERFORMANCE.md"
	@echo "make fuzz    the parsers' fuzz targets at 100,000 cases each"
	@echo "make fuzz-libfuzzer  the same parsers under libFuzzer + ASan (needs nightly, cargo-fuzz)"
	@echo "make lint    cargo fmt --check and clippy -D warnings"

setup:
	@scripts/setup.sh

serve: setup
	$(WASM) trunk serve --release

dist: setup
	$(WASM) trunk build --release

# One self-contained HTML file (wasm, JS and CSS inside), for a USB stick or an e-mail.
dist-single: dist
	node scripts/single-file.mjs dist dist-single/quota-planner.html

test: setup lint test-deps test-engine test-native test-wasm test-e2e
	@echo "make test: all test suites passed"

# The packages the project was specified with are in the app as it ships (the wasm build's
# dependency tree): a failure names the one that went missing.
SPECIFIED := leptos wasm-bindgen serde gloo-storage plotters csv
test-deps:
	@tree="$$(cargo tree -p quota-planner -e normal --target wasm32-unknown-unknown --prefix none)"; \
	for p in $(SPECIFIED); do \
		grep -q "^$$p v" <<<"$$tree" || { echo "the shipped app no longer depends on $$p"; exit 1; }; \
	done; echo "specified packages in the wasm build: $(SPECIFIED)"

# The engine crate alone: it builds and tests without any browser crate (a check that
# fails if one creeps into its dependencies), including the exact oracle over 10,000
# random counties (QP_ORACLE_CASES).
BROWSER_CRATES := leptos|web-sys|js-sys|wasm-bindgen|gloo
test-engine:
	@if cargo tree -p quota-engine -e normal,build,dev --prefix none | grep -E '^($(BROWSER_CRATES))( |-)'; then \
		echo "the engine crate depends on a browser crate (above)"; exit 1; fi
	cargo test -p quota-engine --all-targets

# The app and its storage (the engine's tests ran in test-engine). Includes a bounded fuzz
# run of every parser (tests/hostile_input.rs, 1,000 cases each).
test-native:
	cargo test -p quota-planner --all-targets

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
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

fmt:
	cargo fmt --all

# The engine's criterion benchmark (plan() at 10 → 10,000 enterprises, three projects each),
# then the browser benchmark (edit → paint in headless Chromium, against bench/vanilla.html);
# both write their tables into docs/PERFORMANCE.md.
BENCH_DATA ?= $(CURDIR)/target/bench-data
bench: bench-engine bench-browser

# Twice: as the WebAssembly ships (release profile, opt-level "z") and at opt-level 3, in its
# own target directory so that neither build evicts the other.
# glibc's malloc keeps what is freed (as the WebAssembly's dlmalloc does): by default it
# adapts when to hand large blocks back to the kernel to what ran before, and plan() at
# 10,000 enterprises measured 10.6 ms alone but 17.0 ms after the 1,000 case, with
# 2.2 million page faults instead of 20,000.
bench-engine: export GLIBC_TUNABLES = glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824
bench-engine: setup
	cargo bench -p quota-engine --bench plan -- --noplot | tee target/bench-engine.txt
	CARGO_PROFILE_BENCH_OPT_LEVEL=3 CARGO_TARGET_DIR=$(CURDIR)/target/bench-o3 cargo bench -p quota-engine --bench plan -- --noplot | tee target/bench-engine-o3.txt
	node bench/engine-report.mjs target/bench-engine.txt target/bench-engine-o3.txt

bench-browser: dist
	mkdir -p $(BENCH_DATA)
	cargo build --release -p quota-engine --example gen_scenario
	for n in 100 1000 10000; do target/release/examples/gen_scenario $$n 3 > $(BENCH_DATA)/gen$$n.json; done
	node bench/browser.mjs $(BENCH_DATA)
	node bench/workbook.mjs

# libFuzzer (cargo-fuzz, nightly with AddressSanitizer) on the same parsers, FUZZ_SECONDS each;
# the corpus grows in fuzz/corpus/, seeded from fuzz/seeds/. cargo-fuzz is installed from
# crates.io into QP_TOOLS when missing. Not part of `make test` (nightly is optional there).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := json_import share_link pasted_rows number stored_library
QP_TOOLS ?= $(HOME)/.cache/quota-planner
fuzz-libfuzzer:
	@command -v cargo-fuzz >/dev/null || PATH="$(QP_TOOLS)/bin:$$PATH" command -v cargo-fuzz >/dev/null || \
		cargo install cargo-fuzz --locked --root "$(QP_TOOLS)"
	for t in $(FUZZ_TARGETS); do \
		mkdir -p fuzz/corpus/$$t fuzz/seeds/$$t; \
		PATH="$(QP_TOOLS)/bin:$$PATH" cargo +nightly fuzz run -O $$t fuzz/corpus/$$t fuzz/seeds/$$t -- \
			-max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=65536 2>&1 | grep -E "^(Done|#[0-9]+ +DONE)|SUMMARY|panicked|ERROR" ; \
		test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

# Long fuzz run of the parsers (JSON import, share links, pasted rows, numbers, stored data),
# and of the exact oracle (every shown figure against rationals) over ORACLE_CASES counties.
FUZZ_CASES ?= 100000
ORACLE_CASES ?= 200000
fuzz:
	QP_FUZZ_CASES=$(FUZZ_CASES) cargo test --release -p quota-planner --test hostile_input -- --nocapture
	QP_ORACLE_CASES=$(ORACLE_CASES) cargo test --release -p quota-engine --test engine_properties every_figure_matches_the_exact_oracle

clean:
	rm -rf dist target test-results
