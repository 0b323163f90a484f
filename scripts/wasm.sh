#!/usr/bin/env bash
# Run a command in the WebAssembly build environment: scripts/wasm.sh trunk build --release
set -euo pipefail
source "$(dirname "$0")/env.sh"
qp_wasm_env
exec "$@"
