#!/usr/bin/env bash
# Install what is missing, nothing else. A second run checks and returns in seconds.
#
#   Debian packages : chromium, chromium-driver, a CJK font (fonts-noto-cjk), poppler-utils
#                     (pdftotext: the print test reads the printed brief); nodejs and npm
#                     when absent; and, when the rustup toolchain has no wasm32 target,
#                     rustc-web cargo-web rust-web-src rust-web-llvm lld-22 (std is then built
#                     from source). Every package is named: apt runs with
#                     --no-install-recommends, and rust-web-llvm (/usr/bin/rust-lld, the wasm
#                     linker rustc-web calls) is only a recommendation of rustc-web.
#   cargo tools     : trunk 0.22.1 and wasm-bindgen-cli (= the version in Cargo.lock),
#                     into $QP_TOOLS/bin (default ~/.cache/quota-planner/bin).
#   npm packages    : binaryen (wasm-opt 132), workbox-build (the service worker) and
#                     playwright-core, from package-lock.json.
#   crates          : fetched once, so builds run offline.
# Then scripts/check-tools.sh: every tool the builds and tests call must be found, or setup
# stops here naming the tool and its package.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$QP_ROOT"

need_apt=()

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

route="$(qp_route)"
pkgs=(chromium chromium-driver fonts-noto-cjk poppler-utils)
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
[ "$route" = debian ] && pkgs+=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22)
for p in "${pkgs[@]}"; do have_pkg "$p" || need_apt+=("$p"); done

if [ "${#need_apt[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  qp_log "apt: installing ${need_apt[*]} (browser for tests, CJK font, wasm toolchain) — a few minutes"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

mkdir -p "$QP_TOOLS/bin"

# Trunk 0.22.1 needs rustc >= 1.96.1: prefer rustup's nightly when the stable is older.
if [ "$("$QP_TOOLS/bin/trunk" --version 2>/dev/null)" != "trunk $QP_TRUNK_VERSION" ]; then
  toolchain=()
  if command -v rustup >/dev/null 2>&1 && rustup toolchain list | grep -q '^nightly'; then
    toolchain=(+nightly)
  fi
  qp_log "cargo: building trunk $QP_TRUNK_VERSION ${toolchain[*]} into $QP_TOOLS/bin — about 11 minutes on 2 cores, once"
  cargo "${toolchain[@]}" install trunk --version "$QP_TRUNK_VERSION" --locked --root "$QP_TOOLS"
fi

wbg="$(qp_wasm_bindgen_version)"
if [ "$("$QP_TOOLS/bin/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
  # --locked fails on a yanked transitive version; the CLI's own pins keep it reproducible.
  qp_log "cargo: building wasm-bindgen-cli $wbg (must equal Cargo.lock) into $QP_TOOLS/bin — about 4 minutes, once"
  cargo install wasm-bindgen-cli --version "$wbg" --root "$QP_TOOLS"
fi

if [ ! -f node_modules/.qp-stamp ] || [ package-lock.json -nt node_modules/.qp-stamp ]; then
  qp_log "npm: installing binaryen (wasm-opt), workbox-build and playwright-core from package-lock.json"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --prefer-offline
  touch node_modules/.qp-stamp
fi

# Offline builds need every crate (std's own dependencies included) in cargo's cache.
if [ ! -f "$QP_TOOLS/fetched.lock" ] || ! cmp -s Cargo.lock "$QP_TOOLS/fetched.lock"; then
  qp_log "cargo: fetching crates so that builds can run offline"
  cargo fetch
  (qp_wasm_env && cargo fetch --target wasm32-unknown-unknown)
  cp Cargo.lock "$QP_TOOLS/fetched.lock"
fi

scripts/check-tools.sh
