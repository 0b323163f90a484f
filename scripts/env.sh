# Sourced by the other scripts: where tools live and how WebAssembly is built here.
#
# QP_TOOLS   user-local prefix for tools installed by scripts/setup.sh (kept between clones,
#            so a second clone or a second run installs nothing)
# QP_ROUTE   "rustup": the active rustup toolchain has the wasm32 target (a usual laptop);
#            "debian": no wasm32 std can be fetched, so Debian's rustc-web builds std itself.

QP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QP_TOOLS="${QP_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/quota-planner}"
export QP_ROOT QP_TOOLS
# The Trunk that setup installs and check-tools expects.
QP_TRUNK_VERSION=0.22.1

qp_log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

# Where Debian's packages put the wasm toolchain (tests point these at a scratch folder).
QP_DEBIAN_BIN="${QP_DEBIAN_BIN:-/usr/bin}"
QP_RUST_SRC="${QP_RUST_SRC:-/usr/lib/rustlib/src/rust/library}"

qp_route() {
  if [ -n "${QP_ROUTE:-}" ]; then
    echo "$QP_ROUTE"
  elif command -v rustup >/dev/null 2>&1 &&
    rustup target list --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'; then
    echo rustup
  else
    echo debian
  fi
}

# The wasm-bindgen version the crate is locked to; the CLI must match it exactly.
qp_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$QP_ROOT/Cargo.lock"
}

# Environment for commands that build WebAssembly (trunk, cargo --target wasm32-…).
# RUSTC_BOOTSTRAP is set here only: with it, rustup's stable cargo would obey [unstable]
# for native builds too and fail.
qp_wasm_env() {
  export TRUNK_SKIP_VERSION_CHECK=true
  export PATH="$QP_TOOLS/bin:$QP_ROOT/node_modules/.bin:$PATH"
  if [ "$(qp_route)" = debian ]; then
    # Debian's cargo/rustc (1.96, rustc-web) first, then build std for wasm32 from rust-web-src.
    export PATH="$QP_TOOLS/bin:$QP_ROOT/node_modules/.bin:$QP_DEBIAN_BIN:$PATH"
    export RUSTC_BOOTSTRAP=1
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    # Since std is built here anyway, build it and the app smaller: std's size-optimized
    # code paths, no file/line in panic locations, no Debug formatting (nothing shown to a
    # user uses it; see js_error_text). This variable replaces .cargo/config.toml's
    # rustflags, so it repeats them. About 5% off the gzipped download (docs/PERFORMANCE.md).
    export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zlocation-detail=none -Zfmt-debug=none"
    export CARGO_TARGET_DIR="$QP_ROOT/target/wasm-debian"
    # rustup's proxies would otherwise pick a toolchain for the cargo subprocesses.
    unset RUSTUP_TOOLCHAIN
    export RUSTC="$QP_DEBIAN_BIN/rustc" CARGO="$QP_DEBIAN_BIN/cargo"
  fi
}
