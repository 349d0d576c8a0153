#!/usr/bin/env bash
# Benchmark of POST /api/v1/tickets (issue: intake-service speed). For 1, 16 and 64 concurrent
# clients, in one session so the figures compare: pgbench runs the bare transaction (one ticket
# row + one outbox row, bench/ticket-and-outbox.sql) against a scratch copy of the intake schema,
# then the traffic simulator drives the running intake-service for the same time and checks that
# every accepted ticket's ticket.opened reached Kafka. Only intake-service runs (with Kafka and
# PostgreSQL): the four consumers would otherwise compete for the same two cores and measure the
# whole platform instead. Prints a Markdown table for docs/benchmarks.md.
#
# Usage: bench/intake.sh [seconds per run, default 30]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_PER_RUN="${1:-30}"
CLIENTS=(1 16 64)

# shellcheck source=bench/lib.sh
source bench/lib.sh
use_bench_broker
bash deploy/local/pledge.sh start intake >/dev/null

# A scratch database with intake's real schema, owned by intake's role.
admin_psql() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@" 2>/dev/null || psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"; }
admin_psql -d postgres -c "drop database if exists pledge_bench" -c "create database pledge_bench owner pledge_intake"
for migration in platform/src/main/resources/db/platform/*.sql intake-service/src/main/resources/db/migration/*.sql; do
  PGPASSWORD=pledge_intake psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U pledge_intake -d pledge_bench -f "$migration"
done

echo "| clients | pgbench tx/s | simulator tickets/s | ratio | p50 ms | p99 ms | on Kafka |"
echo "|---:|---:|---:|---:|---:|---:|---|"
for clients in "${CLIENTS[@]}"; do
  pg_tps=$(PGPASSWORD=pledge_intake pgbench -n -h 127.0.0.1 -U pledge_intake -c "$clients" -j 2 \
             -T "$SECONDS_PER_RUN" -f bench/ticket-and-outbox.sql pledge_bench 2>/dev/null \
           | sed -nE 's/^tps = ([0-9.]+).*/\1/p')
  sim=$(bash deploy/local/pledge.sh simulate --clients "$clients" --duration "PT${SECONDS_PER_RUN}S" --warm-up PT15S || true)
  line=$(grep '^clients=' <<<"$sim")
  rate=$(sed -nE 's/.*throughput=([0-9.]+).*/\1/p' <<<"$line")
  p50=$(sed -nE 's/.*p50=([0-9.]+)ms.*/\1/p' <<<"$line")
  p99=$(sed -nE 's/.*p99=([0-9.]+)ms.*/\1/p' <<<"$line")
  kafka=$(sed -nE 's/^kafka: (.*)/\1/p' <<<"$sim")
  ratio=$(awk -v a="$rate" -v b="$pg_tps" 'BEGIN { printf "%.0f %%", 100 * a / b }')
  printf '| %s | %.0f | %.0f | %s | %s | %s | %s |\n' "$clients" "$pg_tps" "$rate" "$ratio" "$p50" "$p99" "$kafka"
done
admin_psql -d postgres -c "drop database if exists pledge_bench"
