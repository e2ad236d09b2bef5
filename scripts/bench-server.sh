#!/usr/bin/env bash
# Server load benchmark (BENCHMARKS.md §Server): everything on 127.0.0.1, bounded in time.
#   scripts/bench-server.sh            # the full run (~6 min after the one-off 1M-event seed)
#   DURATION=3 scripts/bench-server.sh # shorter runs
#   SMOKE=1 scripts/bench-server.sh    # tiny data set, 1 s per run: checks that it all works
# Prints one line per measurement; the machine and its load average come first.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { apt-get update && apt-get install -y wrk; }
cargo build --release --quiet --bin camtui --example server_load
CAMTUI=target/release/camtui
LOAD=target/release/examples/server_load
DIR=${BENCH_DIR:-target/bench-server}
DURATION=${DURATION:-10}
if [ "${SMOKE:-0}" = 1 ]; then
  DURATION=1
  SIZES=(1000)
  USERS=100 KEYS=150
else
  SIZES=(10000 100000 1000000)
  USERS=10000 KEYS=20000
fi
mkdir -p "$DIR"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

PID=
PORT=
start_server() { # DB_DIR
  rm -f "$1/serve.log"
  local started=$(date +%s%N)
  "$CAMTUI" serve --listen 127.0.0.1:0 --db "$1/cam.db" --root-credential-file "$1/root.json" \
    2>"$1/serve.log" &
  PID=$!
  for _ in $(seq 1 600); do
    PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$1/serve.log" 2>/dev/null | grep -o '[0-9]*$' || true)
    [ -n "$PORT" ] && break
    sleep 0.05
  done
  [ -n "$PORT" ] || { cat "$1/serve.log"; exit 1; }
  echo "server start ($(basename "$1")): $(( ($(date +%s%N) - started) / 1000000 )) ms to listening"
}
stop_server() {
  rm -f "$DB/serve.log"
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
}
seed() { # DB_DIR EVENTS: a fresh copy of a data set seeded once
  local pristine=$DIR/pristine-$2
  if [ ! -f "$pristine/cam.db" ]; then
    mkdir -p "$pristine"
    "$LOAD" seed --db "$pristine/cam.db" --credential-file "$pristine/root.json" \
      --users "$USERS" --keys "$KEYS" --events "$2"
  fi
  rm -rf "$1"
  cp -r "$pristine" "$1"
}
run() { # SCENARIO CONNECTIONS [extra args]
  local scenario=$1 connections=$2
  shift 2
  "$LOAD" run --endpoint "http://127.0.0.1:$PORT" --credential-file "$DB/root.json" \
    --users "$USERS" --keys "$KEYS" --scenario "$scenario" --connections "$connections" \
    --duration "$DURATION" --server-pid "$PID" "$@"
}

# 1. DescribeEvents as the audit trail grows, on freshly seeded data sets (the load below adds an
# audit event per request, a million more in a few runs).
for size in "${SIZES[@]}"; do
  DB="$DIR/events-$size"
  seed "$DB" "$size"
  start_server "$DB"
  for s in events events-hot events-all; do run "$s" 1 | sed "s/^/events_stored=$size /"; done
  stop_server
done

# 2. The large data set: ListAccessKeys, create+delete cycles, DescribeEvents.
LARGEST=${SIZES[-1]}
DB="$DIR/events-$LARGEST"
start_server "$DB"
for c in 1 16 64; do run list "$c"; done
# The target's operating point: 30,000 requests/s paced over 64 connections.
run list 64 --rate 30000
"$LOAD" wrk-script --endpoint "http://127.0.0.1:$PORT" --credential-file "$DB/root.json" \
  --users "$USERS" >"$DIR/list.lua"
for c in 1 16 64; do
  before=$(awk '{print $14+$15}' "/proc/$PID/stat")
  out=$(wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"${DURATION}s" --latency -s "$DIR/list.lua" "http://127.0.0.1:$PORT/")
  after=$(awk '{print $14+$15}' "/proc/$PID/stat")
  echo "wrk list connections=$c $(echo "$out" | awk '/Requests\/sec/ {printf "req_per_s=%s ", $2} /^ +50%/ {printf "p50=%s ", $2} /^ +99%/ {printf "p99=%s ", $2} /wrk_api_errors/ {printf "%s ", $1} /Socket errors/ {printf "socket_errors=\"%s\" ", $0}')server_cpu_s=$(echo "($after - $before) / 100" | bc -l | cut -c1-5) loadavg=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)"
done
for c in 1 16 64; do run cycle "$c"; done
run cycle 64 --rate 2000
for s in events events-hot events-all; do run "$s" 1; done
run events 16

# 3. Durability: kill -9 the server in the middle of 64 connections of create+delete cycles;
# every acknowledged create and delete must be in the database afterwards.
since=$(date +%s)
run cycle 64 --expect-kill >"$DIR/kill.out" &
LOADER=$!
sleep $(( DURATION / 2 + 1 ))
kill -9 "$PID"
wait "$LOADER" || true
wait "$PID" 2>/dev/null || true
acked_creates=$(grep -o 'acknowledged_creates=[0-9]*' "$DIR/kill.out" | cut -d= -f2)
acked_deletes=$(grep -o 'acknowledged_deletes=[0-9]*' "$DIR/kill.out" | cut -d= -f2)
stored=$("$LOAD" count --db "$DB/cam.db" --since "$since")
stored_creates=$(echo "$stored" | awk '/CreateAccessKey/ {print $2}')
stored_deletes=$(echo "$stored" | awk '/DeleteAccessKey/ {print $2}')
verdict=ok
[ "$stored_creates" -ge "$acked_creates" ] && [ "$stored_deletes" -ge "$acked_deletes" ] || verdict=LOST
echo "kill -9 during cycles: acknowledged creates=$acked_creates deletes=$acked_deletes;" \
  "in the database after the kill: creates=$stored_creates deletes=$stored_deletes -> $verdict"

# The access logs hold a line per request: hundreds of megabytes.
rm -f "$DIR"/events-*/serve.log
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
