#!/usr/bin/env bash
# Two camtui builds against each other in the same conditions (BENCHMARKS.md §Before and after):
# alternating rounds on the same machine (before-after, then after-before, so a drifting load
# average weighs on both alike), each build with its own load generator and its own
# fresh copy of a data set that generator seeded (a newer build may migrate the database, which
# an older one cannot open). BEFORE and AFTER are directories holding `camtui` and `server_load`.
#   BEFORE=/path/to/old/bin AFTER=/path/to/new/bin scripts/bench-ab.sh
# LOAD=/path/to/bin drives both servers with that directory's server_load, so that both get
# exactly the same requests (each data set is still seeded by its own build); SCENARIOS picks
# some of "list 64", "list 64 --rate 30000", "cycle 64" and "events 1" (comma-separated). PEER=1
# also opens each database in a second, idle `camtui serve` of the same build, as a console and a
# subcommand on one sandbox do: the measured server then keeps the change log for it (issue 13).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BEFORE:?set BEFORE to a directory with the older camtui and server_load}"
: "${AFTER:?set AFTER to a directory with the newer camtui and server_load}"
DIR=${BENCH_DIR:-target/bench-ab}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-8}
EVENTS=${EVENTS:-1000000}
USERS=10000 KEYS=20000
mkdir -p "$DIR"

bin() { if [ "$1" = before ]; then echo "$BEFORE"; else echo "$AFTER"; fi; }
for which in before after; do
  if [ ! -f "$DIR/$which-pristine/cam.db" ]; then
    mkdir -p "$DIR/$which-pristine"
    "$(bin "$which")/server_load" seed --db "$DIR/$which-pristine/cam.db" \
      --credential-file "$DIR/$which-pristine/root.json" --users "$USERS" --keys "$KEYS" --events "$EVENTS"
  fi
done

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  order="before after"
  [ $((round % 2)) = 0 ] && order="after before"
  for which in $order; do
    db=$DIR/$which-run
    rm -rf "$db"
    cp -r "$DIR/$which-pristine" "$db"
    # The copy's 300 MB written back now, not during the measurement.
    sync
    "$(bin "$which")/camtui" serve --listen 127.0.0.1:0 --db "$db/cam.db" \
      --root-credential-file "$db/root.json" 2>"$db/serve.log" &
    pid=$!
    port=
    for _ in $(seq 1 600); do
      port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$db/serve.log" 2>/dev/null | grep -o '[0-9]*$' || true)
      [ -n "$port" ] && break
      sleep 0.05
    done
    [ -n "$port" ] || { cat "$db/serve.log"; exit 1; }
    peer=
    if [ "${PEER:-0}" = 1 ]; then
      "$(bin "$which")/camtui" serve --listen 127.0.0.1:0 --db "$db/cam.db" \
        --root-credential-file "$db/root.json" 2>"$db/peer.log" &
      peer=$!
      for _ in $(seq 1 600); do
        grep -q 'listening on' "$db/peer.log" 2>/dev/null && break
        sleep 0.05
      done
    fi
    IFS=, read -ra scenarios <<< "${SCENARIOS:-list 64,list 64 --rate 30000,cycle 64,events 1}"
    for args in "${scenarios[@]}"; do
      set -- $args
      "${LOAD:-$(bin "$which")}/server_load" run --endpoint "http://127.0.0.1:$port" \
        --credential-file "$db/root.json" --users "$USERS" --keys "$KEYS" \
        --scenario "$1" --connections "$2" "${@:3}" --duration "$DURATION" --server-pid "$pid" |
        sed "s/^/round=$round build=$which /"
    done
    kill "$pid" $peer
    wait "$pid" $peer 2>/dev/null || true
    rm -rf "$db"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
