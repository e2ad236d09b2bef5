#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 300), one at a time, from its seeds (fuzz/seeds,
# a few KB in git) and its dictionary; the growing corpus stays in fuzz/corpus (not in git).
# Prints each target's executions and findings; crashes land in fuzz/artifacts/TARGET/.
#   fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-300}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(authorization envelope request_json request_query server_auth)
mkdir -p logs
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  dict=()
  case "$target" in
    request_*) dict=(-dict=dict/request.dict) ;;
    authorization|server_auth) dict=(-dict=dict/authorization.dict) ;;
  esac
  seeds=()
  [ -d "seeds/$target" ] && seeds=("seeds/$target")
  status=0
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" -print_final_stats=1 "${dict[@]}" > "logs/$target.log" 2>&1 || status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$target.log" | grep -o '[0-9]*$' || echo '?')
  crashes=$(find "artifacts/$target" -type f 2>/dev/null | wc -l)
  echo "$target: ${seconds} s, ${runs} executions, exit ${status}, ${crashes} crash artifacts"
done
