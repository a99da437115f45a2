# Shared by scripts/run and scripts/test: where things are.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
SERVER_BIN=$TARGET_DIR/release/server
export LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-$ROOT/target/site}
# cargo-leptos sets this while building and leptos reads it at compile time; setting
# it for plain `cargo test` too lets the tests reuse the release build.
export LEPTOS_OUTPUT_NAME=aura

# Use the local services unless DATABASE_URL / MONGODB_URI point elsewhere.
# LOCAL_PG tells whether DATABASE_URL is the local cluster's.
LOCAL_PG=false
use_local_services() {
  "$ROOT/scripts/services" up
  [ -n "${DATABASE_URL:-}" ] || LOCAL_PG=true
  local line
  while IFS= read -r line; do
    local name=${line%%=*}
    [ -n "${!name:-}" ] || export "$line"
  done < <("$ROOT/scripts/services" env)
}

build_release() {
  # Server binary, WASM bundle (size profile) and Tailwind CSS, in one build.
  # --precompress: brotli and gzip copies of the site's files, served as they are.
  (cd "$ROOT" && cargo leptos build --release --precompress)
}
