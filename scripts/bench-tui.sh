#!/usr/bin/env bash
# The console in a real terminal (tmux, 120x40) (BENCHMARKS.md §Console):
#  1. start-up to the first frame and to the sandbox being connected, as the console's own log
#     (camtui.log in CAMTUI_DATA_DIR) measures them from the start of main, for the first run
#     (which creates and seeds the sandbox) and later runs;
#  2. resident memory with 50,000 users loaded from a local `camtui serve`.
#   scripts/bench-tui.sh            # 10 start-ups
#   RUNS=3 USERS=1000 scripts/bench-tui.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v tmux >/dev/null || { apt-get update && apt-get install -y tmux; }
cargo build --release --quiet --bin camtui --example server_load
CAMTUI=$PWD/target/release/camtui
LOAD=$PWD/target/release/examples/server_load
RUNS=${RUNS:-10}
USERS=${USERS:-50000}

WORK=$(mktemp -d)
SESSION=camtui-bench-$$
SERVER=
cleanup() {
  tmux kill-session -t "$SESSION" 2>/dev/null || true
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

wait_for() { # FILE PATTERN SECONDS
  for _ in $(seq 1 $(( $3 * 20 ))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "timed out waiting for '$2' in $1" >&2
  cat "$1" >&2 || true
  return 1
}
screen_shows() { # PATTERN SECONDS
  for _ in $(seq 1 $(( $2 * 20 ))); do
    tmux capture-pane -p -t "$SESSION" 2>/dev/null | grep -q "$1" && return 0
    sleep 0.05
  done
  echo "timed out waiting for '$1' on screen" >&2
  tmux capture-pane -p -t "$SESSION" >&2 || true
  return 1
}
after_ms() { # LOG MESSAGE
  grep "$2" "$1" | grep -o 'after_ms=[0-9.]*' | head -1 | cut -d= -f2
}

# 1. Start-up with the sandbox.
export HOME=$WORK/home CAMTUI_DATA_DIR=$WORK/data
mkdir -p "$HOME"
for run in $(seq 1 "$RUNS"); do
  log=$CAMTUI_DATA_DIR/camtui.log
  rm -f "$log"
  tmux new-session -d -s "$SESSION" -x 120 -y 40 \
    "CAMTUI_DATA_DIR=$CAMTUI_DATA_DIR HOME=$HOME $CAMTUI --sandbox"
  wait_for "$log" "first frame drawn" 10
  wait_for "$log" "connected" 30
  screen_shows " users " 30
  tmux send-keys -t "$SESSION" q
  for _ in $(seq 1 100); do tmux has-session -t "$SESSION" 2>/dev/null || break; sleep 0.05; done
  tmux kill-session -t "$SESSION" 2>/dev/null || true
  label=$([ "$run" = 1 ] && echo "first run, creates and seeds the sandbox" || echo "sandbox exists")
  echo "start-up run $run ($label): first frame $(after_ms "$log" "first frame drawn") ms," \
    "sandbox connected $(after_ms "$log" "connected") ms"
done

# 2. Resident memory with $USERS users.
"$LOAD" seed --db "$WORK/big.db" --credential-file "$WORK/root.json" \
  --users "$USERS" --keys 0 --events 0
"$CAMTUI" serve --listen 127.0.0.1:0 --db "$WORK/big.db" --root-credential-file "$WORK/root.json" \
  2>"$WORK/serve.log" &
SERVER=$!
wait_for "$WORK/serve.log" "listening on http" 30
ENDPOINT=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.log" | head -1)
ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["secretId"])' "$WORK/root.json")
KEY=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["secretKey"])' "$WORK/root.json")
started=$(date +%s%N)
tmux new-session -d -s "$SESSION" -x 120 -y 40 \
  "CAMTUI_DATA_DIR=$WORK/big-data HOME=$HOME TENCENTCLOUD_SECRET_ID=$ID TENCENTCLOUD_SECRET_KEY=$KEY $CAMTUI --endpoint $ENDPOINT"
screen_shows "· $USERS users " 120
loaded_ms=$(( ($(date +%s%N) - started) / 1000000 ))
PID=$(pgrep -f -n "^$CAMTUI --endpoint $ENDPOINT")
rss=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
# A filter over all of them, then the memory again.
tmux send-keys -t "$SESSION" / u s e r - 4 2
screen_shows "filter: user-42" 10
rss_filtered=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
echo "$USERS users: on screen after ${loaded_ms} ms (ListUsers + ListCollaborators from a local server," \
  "polled every 50 ms); resident ${rss} KiB once loaded, ${rss_filtered} KiB after filtering, peak ${hwm} KiB"
tmux send-keys -t "$SESSION" Escape q
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
