#!/usr/bin/env bash
# Two camtui builds against each other in the same conditions: alternating rounds on copies of one data set
# (BENCHMARKS.md §What changed). Needs the data set of scripts/bench-server.sh.
#   BEFORE=/path/to/old/camtui AFTER=target/release/camtui scripts/bench-ab.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BEFORE:?set BEFORE to the older camtui binary}"
AFTER=${AFTER:-target/release/camtui}
DB=${BENCH_DIR:-target/bench-server}/events-1000000
LOAD=target/release/examples/server_load
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-6}
[ -f "$DB/cam.db" ] || { echo "run scripts/bench-server.sh first (it seeds $DB)"; exit 1; }
# Each build gets its own copy of the data set, made once (a newer build may migrate its schema,
# which an older one then refuses to open); the rounds alternate between them.
for which in before after; do
  rm -rf "$DB-$which"
  cp -r "$DB" "$DB-$which"
done

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for which in before after; do
    binary=$BEFORE
    [ "$which" = after ] && binary=$AFTER
    copy=$DB-$which
    "$binary" serve --listen 127.0.0.1:0 --db "$copy/cam.db" --root-credential-file "$copy/root.json" \
      2>"$copy/ab.log" &
    pid=$!
    port=
    for _ in $(seq 1 600); do
      port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$copy/ab.log" 2>/dev/null | grep -o '[0-9]*$' || true)
      [ -n "$port" ] && break
      sleep 0.05
    done
    for args in "list 64" "cycle 64" "events 1"; do
      set -- $args
      "$LOAD" run --endpoint "http://127.0.0.1:$port" --credential-file "$copy/root.json" \
        --scenario "$1" --connections "$2" --duration "$DURATION" --server-pid "$pid" |
        sed "s/^/round=$round build=$which /"
    done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  done
done
rm -rf "$DB-before" "$DB-after"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
