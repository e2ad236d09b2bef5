#!/usr/bin/env bash
# Scriptable CLI against a local `camtui serve` (BENCHMARKS.md §Client): end-to-end time
# (hyperfine) and peak RSS (/usr/bin/time -v) of `camtui keys list USER`, and of the official
# `tccli cam ListAccessKeys` against the same server in the same run.
#   scripts/bench-client.sh          # 30 runs each
#   RUNS=5 scripts/bench-client.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || { apt-get update && apt-get install -y hyperfine; }
[ -x /usr/bin/time ] || { apt-get update && apt-get install -y time; }
VENV=target/compat-venv
if [ ! -x "$VENV/bin/tccli" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet tencentcloud-sdk-python tccli
fi
cargo build --release --quiet --bin camtui
CAMTUI=$PWD/target/release/camtui
TCCLI=$PWD/$VENV/bin/tccli
RUNS=${RUNS:-30}

WORK=$(mktemp -d)
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tccli $("$TCCLI" --version 2>&1 | tail -1), $("$CAMTUI" --version)"

"$CAMTUI" serve --listen 127.0.0.1:0 --db "$WORK/cam.db" --root-credential-file "$WORK/root.json" \
  --seed assets/seed/demo.json 2>"$WORK/serve.log" &
SERVER=$!
PORT=
for _ in $(seq 1 200); do
  PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$WORK/serve.log" 2>/dev/null | grep -o '[0-9]*$' || true)
  [ -n "$PORT" ] && break
  sleep 0.05
done
[ -n "$PORT" ] || { cat "$WORK/serve.log"; exit 1; }
ENDPOINT=http://127.0.0.1:$PORT

# Credentials from the environment only; HOME is empty so no config or credential file is read.
export HOME=$WORK/home
mkdir -p "$HOME"
TENCENTCLOUD_SECRET_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["secretId"])' "$WORK/root.json")
TENCENTCLOUD_SECRET_KEY=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["secretKey"])' "$WORK/root.json")
export TENCENTCLOUD_SECRET_ID TENCENTCLOUD_SECRET_KEY
# alice.chen in assets/seed/demo.json: a sub-user with two keys.
NAME=alice.chen
UIN=100000000103

BY_NAME="$CAMTUI --endpoint $ENDPOINT keys list $NAME"
BY_UIN="$CAMTUI --endpoint $ENDPOINT keys list $UIN"
TCCLI_CMD="$TCCLI cam ListAccessKeys --TargetUin $UIN --endpoint $ENDPOINT"
for cmd in "$BY_NAME" "$BY_UIN" "$TCCLI_CMD"; do
  $cmd >/dev/null || { echo "failed: $cmd"; exit 1; }
done
"$CAMTUI" --endpoint "$ENDPOINT" keys list "$NAME"

hyperfine -N --warmup 3 --runs "$RUNS" --export-markdown "$WORK/hyperfine.md" \
  -n "camtui keys list $NAME (GetUser + ListAccessKeys + GetSecurityLastUsed)" "$BY_NAME" \
  -n "camtui keys list $UIN (ListAccessKeys + GetSecurityLastUsed)" "$BY_UIN" \
  -n "tccli cam ListAccessKeys --TargetUin $UIN" "$TCCLI_CMD"
cat "$WORK/hyperfine.md"

peak_rss() { # command...: the largest of 5 runs' maximum resident set, in KiB
  local max=0
  for _ in 1 2 3 4 5; do
    local kib
    kib=$( { /usr/bin/time -v "$@" >/dev/null; } 2>&1 | awk '/Maximum resident set size/ {print $6}')
    [ "$kib" -gt "$max" ] && max=$kib
  done
  echo "$max"
}
# shellcheck disable=SC2086 # the commands are word lists
echo "peak RSS camtui keys list $NAME: $(peak_rss $BY_NAME) KiB"
# shellcheck disable=SC2086
echo "peak RSS camtui keys list $UIN: $(peak_rss $BY_UIN) KiB"
# shellcheck disable=SC2086
echo "peak RSS tccli cam ListAccessKeys: $(peak_rss $TCCLI_CMD) KiB"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
