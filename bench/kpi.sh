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
#     of its team's count that includes it;
#  5. a rebuild (POST /api/v1/kpis/rebuild) of everything on the topics, timed until every
#     partition is replayed: with the one replica, then with REPLICAS replicas (the others on ports
#     8095, 8096... and management 9095...), the rebuild asked of the last one started.
#
# Usage: bench/kpi.sh [events, default 60000] [rate, default 1000] [replicas, default 2]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
EVENTS="${1:-60000}"
RATE="${2:-1000}"
REPLICAS="${3:-2}"
TOOLS="java -jar system-tests/target/pledge-tools.jar"

# shellcheck source=bench/lib.sh
source bench/lib.sh
use_bench_broker
REPLICA_PIDS=()
stop_kpi_replicas() {
  for pid in "${REPLICA_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${REPLICA_PIDS[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done; done
}
trap 'stop_kpi_replicas; leave_bench_broker' EXIT

# Another kpi-service replica on port $1 (management $1 + 1000), configured as pledge.sh configures
# the first one: same database and consumer group.
start_kpi_replica() {
  local port=$1 deadline=$((SECONDS + 120))
  mkdir -p "$PLEDGE_STATE_DIR/logs"
  # shellcheck disable=SC2046  # dev-secrets.env gives plain NAME=value lines
  env $(grep -v '^#' deploy/local/dev-secrets.env | xargs) \
    PLEDGE_DASHBOARD_SLA_URL=http://localhost:8082 PLEDGE_DASHBOARD_COMPLAINT_URL=http://localhost:8083 \
    PLEDGE_DB_PASSWORD=pledge_kpi PLEDGE_JWT_ISSUER=pledge-dev \
    PLEDGE_JWT_PUBLIC_KEY_LOCATION="file:$ROOT/deploy/local/jwt/public.pem" PLEDGE_SECURITY_DEVELOPMENT_KEYS_ALLOWED=true \
    QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT=$((port + 1000)) \
    nohup java -Xmx256m -XX:+UseSerialGC ${PLEDGE_JAVA_OPTS:-} -jar kpi-service/target/quarkus-app/quarkus-run.jar \
    >"$PLEDGE_STATE_DIR/logs/kpi-service-$port.log" 2>&1 &
  REPLICA_PIDS+=($!)
  until curl -fsS "http://127.0.0.1:$((port + 1000))/q/health/ready" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then echo "kpi-service on $port did not become ready" >&2; return 1; fi
    sleep 0.5
  done
}
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
$TOOLS kpi-bench measure-rebuild --replicas 1 || true
if ((REPLICAS > 1)); then
  for ((i = 1; i < REPLICAS; i++)); do start_kpi_replica $((8094 + i)); done
  $TOOLS kpi-bench measure-rebuild --replicas "$REPLICAS" --url "http://127.0.0.1:$((8094 + REPLICAS - 1))" || true
fi
stop_kpi_replicas

bash deploy/local/pledge.sh down >/dev/null
admin_psql -d postgres -c "drop database if exists pledge_kpi_bench"
