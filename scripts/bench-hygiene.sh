#!/usr/bin/env bash
# Key hygiene on 10,000 users and 20,000 keys (BENCHMARKS.md §Key hygiene):
#  1. `camtui whois` of a key used in the past 90 days, through a proxy that adds 50 ms to every
#     request: wall time of each run, and the calls it made, counted in the server's audit trail;
#  2. `camtui report -o json` against `camtui serve --real-limits` (each action's documented
#     rate, as every server here): wall time next to the time the limits allow, the
#     RequestLimitExceeded refusals it met (from the audit trail), peak memory;
#  3. at the same time, the console (tmux, 120x40) loading the same report from a second server
#     over a copy of the data (so the two do not share the limits): peak memory once it is in.
#   scripts/bench-hygiene.sh                 # the whole run: about 10 minutes after seeding
#   USERS=200 KEYS=400 EVENTS=2000 PROFILE=dev scripts/bench-hygiene.sh   # a quick check
set -euo pipefail
cd "$(dirname "$0")/.."

command -v tmux >/dev/null || { apt-get update && apt-get install -y tmux; }
# PROFILE=dev for a quick check of the script itself (figures come from release builds).
PROFILE=${PROFILE:-release}
cargo build --profile "$PROFILE" --quiet --bin camtui --example server_load
OUT=$PWD/target/$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")
CAMTUI=$OUT/camtui
LOAD=$OUT/examples/server_load
USERS=${USERS:-10000}
KEYS=${KEYS:-20000}
EVENTS=${EVENTS:-200000}
WHOIS_RUNS=${WHOIS_RUNS:-5}

WORK=$(mktemp -d)
SESSION=camtui-hygiene-$$
PIDS=()
cleanup() {
  tmux kill-session -t "$SESSION" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 200); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }

"$LOAD" seed --db "$WORK/cam.db" --credential-file "$WORK/root.json" \
  --users "$USERS" --keys "$KEYS" --events "$EVENTS"
cp "$WORK/cam.db" "$WORK/console.db"
cp "$WORK/cam.db.key" "$WORK/console.db.key" 2>/dev/null || true
ROOT_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["secretId"])' "$WORK/root.json")

serve() { # DB PORT
  "$CAMTUI" serve --listen "127.0.0.1:$2" --db "$1" --root-credential-file "$WORK/root.json" \
    --real-limits > "$WORK/serve-$2.log" 2>&1 &
  PIDS+=($!)
  wait_port "$2"
}
PORT=$(free_port); serve "$WORK/cam.db" "$PORT"
CONSOLE_PORT=$(free_port); serve "$WORK/console.db" "$CONSOLE_PORT"
PROXY_PORT=$(free_port)
"$LOAD" proxy --listen "127.0.0.1:$PROXY_PORT" --upstream "127.0.0.1:$PORT" --delay-ms 50 \
  2> "$WORK/proxy.log" &
PIDS+=($!)
wait_port "$PROXY_PORT"

cat > "$WORK/config.toml" <<EOF
[profiles.direct]
endpoint = "http://127.0.0.1:$PORT"
credentials = { file = "$WORK/root.json" }
[profiles.proxy]
endpoint = "http://127.0.0.1:$PROXY_PORT"
credentials = { file = "$WORK/root.json" }
[profiles.console]
endpoint = "http://127.0.0.1:$CONSOLE_PORT"
credentials = { file = "$WORK/root.json" }
EOF
export HOME=$WORK/home CAMTUI_DATA_DIR=$WORK/data
mkdir -p "$HOME"
CAM=("$CAMTUI" --config "$WORK/config.toml")
# The root key's calls between two times, as the audit trail has them.
calls_between() { # START END [ApiErrorCode]
  local attributes="[{\"AttributeKey\": \"AccessKeyId\", \"AttributeValue\": \"$ROOT_ID\"}"
  [ -n "${3:-}" ] && attributes="$attributes, {\"AttributeKey\": \"ApiErrorCode\", \"AttributeValue\": \"$3\"}"
  "${CAM[@]}" --profile direct call DescribeEvents --service cloudaudit \
    --json "{\"StartTime\": $1, \"EndTime\": $2, \"MaxResults\": 50, \"LookupAttributes\": $attributes]}"
}

# 1. whois of a key used this month (the newest event of a user's key), through the slow link.
NOW=$(date +%s)
KEY=$("${CAM[@]}" --profile direct call DescribeEvents --service cloudaudit \
  --json "{\"StartTime\": $((NOW - 2591999)), \"EndTime\": $NOW, \"MaxResults\": 50}" |
  python3 -c 'import json,sys; root=sys.argv[1]; print(next(e["SecretId"] for e in json.load(sys.stdin)["Events"] if e["SecretId"] != root))' "$ROOT_ID")
echo "whois $KEY through 50 ms a request ($WHOIS_RUNS runs):"
for run in $(seq 1 "$WHOIS_RUNS"); do
  sleep 1
  START=$(date +%s)
  sleep 1
  /usr/bin/time -f "%e s %M KB" -o "$WORK/time" "${CAM[@]}" --profile proxy whois "$KEY" > "$WORK/whois.txt"
  sleep 1
  END=$(date +%s)
  sleep 1
  CALLS=$(calls_between "$START" "$END" | python3 -c 'import json,sys; print(" ".join(e["EventName"] for e in reversed(json.load(sys.stdin)["Events"])))')
  echo "  run $run: $(cat "$WORK/time"); $(echo "$CALLS" | wc -w) calls: $CALLS; owner $(awk '/^Owner/ {print $2}' "$WORK/whois.txt")"
done

# 3 (started first, it takes as long): the console loads the report from its own server.
tmux new-session -d -s "$SESSION" -x 120 -y 40 \
  -e HOME="$HOME" -e CAMTUI_DATA_DIR="$CAMTUI_DATA_DIR" \
  "exec $CAMTUI --config $WORK/config.toml --profile console"
CONSOLE_PID=$(tmux display -p -t "$SESSION" '#{pane_pid}')
for _ in $(seq 1 600); do tmux capture-pane -p -t "$SESSION" | grep -q ' users ' && break; sleep 0.1; done
tmux send-keys -t "$SESSION" 4
CONSOLE_STARTED=$(date +%s.%N)

# 2. camtui report under the limits.
START=$(date +%s)
sleep 1
/usr/bin/time -f "%e %M" -o "$WORK/time" "${CAM[@]}" --profile direct report -o json > "$WORK/report.json"
sleep 1
END=$(date +%s)
read -r WALL RSS < "$WORK/time"
ROWS=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/report.json")
COLLABORATOR_PAGES=$(( (USERS / 10 + 99) / 100 ))
ALLOWED=$(python3 -c "print(max($USERS, ($KEYS + 9) // 10) / 20 + (1 + $COLLABORATOR_PAGES) / 20)")
REFUSED=$(calls_between "$START" "$END" RequestLimitExceeded |
  python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r["Events"]), "+" if not r.get("ListOver", True) else "")')
echo "report: $ROWS keys of $USERS users in $WALL s (the limits allow $ALLOWED s:" \
  "$(python3 -c "print(f'{$WALL / $ALLOWED * 100 - 100:+.1f} %')")), peak RSS $((RSS / 1024)) MB," \
  "RequestLimitExceeded met: $REFUSED"

# 3, continued: the console's report is in.
for _ in $(seq 1 18000); do
  tmux capture-pane -p -t "$SESSION" | grep -q "Every user's keys are in" && break
  sleep 0.1
done
CONSOLE_DONE=$(date +%s.%N)
tmux capture-pane -p -t "$SESSION" | sed -n 3,5p
echo "console: report loaded in $(python3 -c "print(round($CONSOLE_DONE - $CONSOLE_STARTED, 1))") s;" \
  "$(grep -E 'VmHWM|VmRSS' "/proc/$CONSOLE_PID/status" | tr -s ' \n' ' ')"
tmux send-keys -t "$SESSION" q
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
