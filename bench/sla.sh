#!/usr/bin/env bash
# Benchmark of sla-service (issue: SLA clocks, timing and scale). On a broker of its own:
#  1. a bench policy (tag "bench": first response within TARGET on 24x7) is added;
#  2. with sla-service stopped, N ticket.opened events are put on pledge.tickets (a backlog),
#     their openings spread over SPREAD so that their breaches spread too;
#  3. a plain consumer reads that backlog (the baseline rate);
#  4. sla-service starts and turns the backlog into clocks; then, as the clocks fall due, its alarm
#     scan announces the breaches; pledge-tools reads pledge.sla and reports the backlog rate and
#     the delay from each breach instant to its sla.breached record on Kafka.
#
# Usage: bench/sla.sh [tickets, default 20000] [target, default PT4M] [spread, default PT60S] [--backlog-only]
# --backlog-only stops once every clock has started: for a backlog too big for its breaches to be
# announced within the spread (1,000,000), give a target that outlasts the drain (PT3H).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TICKETS="${1:-20000}"
TARGET="${2:-PT4M}"
SPREAD="${3:-PT60S}"
MODE="${4:-}"
TOOLS="java -jar system-tests/target/pledge-tools.jar"

# shellcheck source=bench/lib.sh
source bench/lib.sh
use_bench_broker

bash deploy/local/pledge.sh start sla >/dev/null
ADMIN="$(bash deploy/local/pledge.sh token admin)"
policy=$(curl -fsS -X POST "http://127.0.0.1:8082/api/v1/sla-policies?position=1" \
  -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d "{\"name\": \"sla-bench\", \"conditions\": {\"tags\": [\"bench\"]},
       \"targets\": [{\"metric\": \"FIRST_RESPONSE\", \"duration\": \"$TARGET\", \"calendarId\": \"24x7\", \"warningThresholds\": []}]}" \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
bash deploy/local/pledge.sh down >/dev/null

$TOOLS sla-bench produce --tickets "$TICKETS" --spread "$SPREAD"
$TOOLS sla-bench raw-read
bash deploy/local/pledge.sh start sla >/dev/null
$TOOLS sla-bench measure --tickets "$TICKETS" --patience PT2H $MODE || true

curl -fsS -X DELETE "http://127.0.0.1:8082/api/v1/sla-policies/$policy" -H "Authorization: Bearer $ADMIN" || true

# The bench's clocks live in the everyday sla database: remove them, or clocks whose target
# outlasted the run (--backlog-only) would fall due later under whatever sla-service runs then.
PGPASSWORD=pledge_sla psql -q -h 127.0.0.1 -U pledge_sla pledge_sla <<'SQL'
begin;
delete from sla_clock_mark where clock_id in (select id from sla_clock where team = 'bench');
delete from sla_clock where team = 'bench';
delete from sla_ticket where 'bench' = any(tags);
commit;
SQL
