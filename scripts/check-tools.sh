#!/usr/bin/env bash
# Is every tool the build and the tests call found? Run by scripts/setup.sh after installing,
# before anything builds: a missing tool stops here, named with the package that provides it,
# instead of failing half an hour later inside cargo ("linker `rust-lld` not found").
#
#   scripts/check-tools.sh            check, print one line per missing tool, exit 1 if any
#
# Looks the tools up on the PATH the builds use (scripts/env.sh: qp_wasm_env).
set -uo pipefail
source "$(dirname "$0")/env.sh"
qp_wasm_env

route="$(qp_route)"
# tool | what provides it | what calls it
tools=(
  "trunk|cargo install trunk --version $QP_TRUNK_VERSION (scripts/setup.sh, into $QP_TOOLS/bin)|make serve, make dist"
  "wasm-bindgen|cargo install wasm-bindgen-cli --version $(qp_wasm_bindgen_version) (scripts/setup.sh, into $QP_TOOLS/bin)|Trunk"
  "wasm-bindgen-test-runner|cargo install wasm-bindgen-cli --version $(qp_wasm_bindgen_version) (scripts/setup.sh, into $QP_TOOLS/bin)|make test-wasm"
  "wasm-opt|npm package binaryen (npm ci, package-lock.json)|Trunk release builds"
  "node|Debian package nodejs|Trunk's post-build hook, the browser tests"
  "chromium|Debian package chromium|the browser tests"
  "chromedriver|Debian package chromium-driver|make test-wasm"
  "pdftotext|Debian package poppler-utils|the print test (tests/e2e/layout.test.mjs)"
)
if [ "$route" = debian ]; then
  tools+=(
    "$QP_DEBIAN_BIN/rustc|Debian package rustc-web|every wasm build"
    "$QP_DEBIAN_BIN/cargo|Debian package cargo-web|every wasm build"
    "$QP_DEBIAN_BIN/rust-lld|Debian package rust-web-llvm (links /usr/bin/rust-lld to lld-22)|rustc-web, to link wasm32"
  )
fi

missing=0
for entry in "${tools[@]}"; do
  IFS='|' read -r tool provider caller <<<"$entry"
  # An absolute path is checked as it is: rustup's rustc elsewhere on PATH is not Debian's.
  if { [[ $tool == /* ]] && [ ! -x "$tool" ]; } || { [[ $tool != /* ]] && ! command -v "$tool" >/dev/null 2>&1; }; then
    printf 'missing tool: %s — provided by %s; needed by %s\n' "$tool" "$provider" "$caller" >&2
    missing=1
  fi
done
if [ "$route" = debian ] && [ ! -d "$QP_RUST_SRC" ]; then
  printf 'missing: the std sources in %s — provided by Debian package rust-web-src; needed by -Zbuild-std\n' "$QP_RUST_SRC" >&2
  missing=1
fi
if [ "$missing" -ne 0 ]; then
  printf 'scripts/check-tools.sh: stopping before any build (route: %s). Install the packages named above, or run scripts/setup.sh.\n' "$route" >&2
  exit 1
fi
