#!/usr/bin/env bash
# What the shared rate limit costs (issue #14): POST /api/v1/tickets driven by the traffic
# simulator with the limit off (baseline) and on, in one session so the figures compare. The
# limit takes a token from a bucket row in intake's database on every request (Bucket4j, select
# for update), and the simulator calls as one token subject from every client: the worst case, all
# clients queuing on one row. Only intake-service runs. Prints a Markdown table for docs/benchmarks.md.
#
# Usage: bench/ratelimit.sh [seconds per run, default 20]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_PER_RUN="${1:-20}"
CLIENTS=(1 16)

# shellcheck source=bench/lib.sh
source bench/lib.sh
use_bench_broker

run() {   # $1 = true|false (limit enabled), $2 = clients
  PLEDGE_RATE_LIMIT_ENABLED="$1" bash deploy/local/pledge.sh start intake >/dev/null
  bash deploy/local/pledge.sh simulate --clients "$2" --duration "PT${SECONDS_PER_RUN}S" --warm-up PT10S | grep '^clients=' || true
  bash deploy/local/pledge.sh down >/dev/null
}

echo "| clients | limit off tickets/s | limit on tickets/s | ratio | p99 off ms | p99 on ms |"
echo "|---:|---:|---:|---:|---:|---:|"
for clients in "${CLIENTS[@]}"; do
  off=$(run false "$clients")
  on=$(run true "$clients")
  rate() { sed -nE 's/.*throughput=([0-9.]+).*/\1/p' <<<"$1"; }
  p99() { sed -nE 's/.*p99=([0-9.]+)ms.*/\1/p' <<<"$1"; }
  ratio=$(awk -v a="$(rate "$on")" -v b="$(rate "$off")" 'BEGIN { printf "%.0f %%", 100 * a / b }')
  printf '| %s | %.0f | %.0f | %s | %s | %s |\n' "$clients" "$(rate "$off")" "$(rate "$on")" "$ratio" "$(p99 "$off")" "$(p99 "$on")"
done
