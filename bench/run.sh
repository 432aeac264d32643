#!/usr/bin/env bash
# The performance harness: builds the release binary, seeds (and caches) boards of the asked sizes,
# serves each on SQLite and/or PostgreSQL, drives it with wrk (closed loop) and oha (open loop) on
# loopback, and prints one Markdown table per backend and size. See "Performance" in README.md.
#
#   bench/run.sh [sqlite|postgres|both] [SIZE ...]      SIZE = IDEAS:VOTES, e.g. 10k:100k 100k:1m
#   bench/run.sh mix [sqlite|postgres|both] [SIZE ...]  the browser mix (bench/browser_mix.py)
#   bench/run.sh search [sqlite|postgres|both] [IDEAS]  searches nobody asked before (bench/search.py)
#   bench/run.sh staff [sqlite|postgres|both] [SIZE]    the triage inbox and the response figures (bench/staff.py)
#
# Defaults: both backends, sizes 10k:100k and 100k:1m (1m:10m on request). Needs wrk and oha; it
# installs them if missing (apt-get, cargo install). Everything stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null; then
    echo "installing wrk (Debian package)" >&2
    apt-get install -y wrk >/dev/null
fi
if ! command -v oha >/dev/null && [ ! -x "$HOME/.cargo/bin/oha" ]; then
    echo "installing oha (crates.io; a few minutes, once)" >&2
    cargo install oha --locked --quiet
fi
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --release --quiet
if [ "${1:-}" = mix ]; then
    shift
    exec python3 bench/browser_mix.py "$@"
fi
if [ "${1:-}" = search ]; then
    shift
    exec python3 bench/search.py "$@"
fi
if [ "${1:-}" = staff ]; then
    shift
    exec python3 bench/staff.py "$@"
fi
exec python3 bench/harness.py "$@"
