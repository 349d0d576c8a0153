#!/usr/bin/env bash
# Benchmark of kpi-service (issue: live KPIs, speed). On a broker of its own and a scratch KPI
# database (pledge_kpi_bench, so the everyday KPIs are not touched):
#  1. with kpi-service stopped, EVENTS mixed events go on pledge.tickets, pledge.sla and
#     pledge.surveys (per ticket: opened, SLA clock started, first response, SLA met, resolved,
#     survey answered);
#  2. a plain consumer reads that backlog (the baseline rate);
#  3. kpi-service starts and applies the backlog (replay); the rate is read from its consumer
#     group's commits;
#  4. with the backlog applied and its snapshots published (the snapshot topic quiet for 5 s),
#     ticket.opened goes out at RATE events/s for 60 s and each is timed to the first kpi.snapshot
#     of its team's count that includes it.
#
# Usage: bench/kpi.sh [events, default 60000] [rate, default 1000]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
EVENTS="${1:-60000}"
RATE="${2:-1000}"
TOOLS="java -jar system-tests/target/pledge-tools.jar"

# shellcheck source=bench/lib.sh
source bench/lib.sh
use_bench_broker
bash deploy/local/postgres.sh start >/dev/null
bash deploy/local/kafka.sh start >/dev/null

admin_psql() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@" 2>/dev/null || psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"; }
admin_psql -d postgres -c "drop database if exists pledge_kpi_bench" -c "create database pledge_kpi_bench owner pledge_kpi"
export PLEDGE_DB_NAME=pledge_kpi_bench

$TOOLS kpi-bench produce --events "$EVENTS"
$TOOLS kpi-bench raw-read
bash deploy/local/pledge.sh start kpi >/dev/null
$TOOLS kpi-bench measure-backlog || true
$TOOLS kpi-bench measure-latency --rate "$RATE" --duration PT60S || true

bash deploy/local/pledge.sh down >/dev/null
admin_psql -d postgres -c "drop database if exists pledge_kpi_bench"
