#!/usr/bin/env bash
# Benchmark of the whole platform (issue #17). On a broker of its own, the six services as
# `pledge.sh start` runs them (production profile, the everyday databases), then pledge-tools
# platform-bench drives full ticket lives over the REST APIs, open-loop (tickets started on a
# schedule, whatever the answers take) at each rate for one step: open; first reply; for 1 in 3 a
# customer message and a reply; resolve; for 1 in 4 the survey answered through its link; 1 in 10
# opened as a COMPLAINT, which complaint-service registers from ticket.opened. Per step: opened
# tickets/s achieved, REST p50/p99 (HdrHistogram, every call of the step's lives) and each
# consumer's lag, Kafka timestamp of an event → its effect: sla clock started (sla-service,
# ticket.opened), complaint registered (complaint-service, a COMPLAINT's ticket.opened), survey
# scheduled (survey-service, ticket.resolved), KPI counted (kpi-service, every event it reads).
#
# The lag is exact from the databases afterwards: every consumer records processed_event(consumer,
# event_id, event_type, processed_at) in the transaction of the effect, and it is joined with the
# Kafka timestamps (CreateTime, set by the outbox relay) of the same event ids (ce_id) the driver
# read from the topics. processed_at is now(), the START of the consumer's transaction: the effect
# is visible only at its commit, so processed_at under-states the lag by the transaction's length
# (one event's work, or a whole poll's for a consumer that applies a poll per transaction). The
# report gives, beside it, an upper bound: the start of the same consumer's next transaction (each
# consumer applies its transactions one after another on its channel's thread, so the next one
# starts after this one committed; when the consumer idles, the bound also holds the idle gap).
#
# The platform's figure: the highest step at which the asked rate was kept up (≥ 95 % opened, no
# failed call) and every consumer's lag p99 ≤ 1 s. Then, in the same run, intake alone: the
# consumers' services stopped, the same lives (no survey answers: survey-service is stopped) at the
# same open-loop rates, and one further step at twice the last rate if that one was kept up; its figure
# is the highest step kept up with REST p99 ≤ 1 s. At the end of the platform part, a check that
# nothing was lost (every ticket's SLA clocks, complaint, survey, KPI ledger entry), waiting up to
# 5 minutes for the consumers to catch up. Each part begins with a warm-up of lives at the first
# rate (--warm-up), not measured (JIT, connection pools), and its steps once every consumer group
# with members has caught up with them. Prints Markdown tables for docs/benchmarks.md; the raw
# files stay in .pledge/platform-bench/<time>/.
#
# Usage: bench/platform.sh [rates..., default 5 10 20 40 80] [--step PT60S] [--warm-up PT5M] [--platform-only]
# --platform-only: no intake-alone part (for a spike compared with a platform part of the same
# session; the platform's figure as a ratio needs the whole run).
# The warm-up is long on purpose: six JVMs, Kafka and PostgreSQL on two cores are still compiling
# (the JIT) minutes after they start, and a shorter one measures the JIT, not the consumers.
# Run it under the shared lock: flock -o /tmp/pledge-mvn.lock bash bench/platform.sh ...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RATES=()
STEP=PT60S
WARM_UP=PT5M
INTAKE_ALONE=true
while (($#)); do
  case "$1" in
    --step) STEP="$2"; shift 2 ;;
    --step=*) STEP="${1#--step=}"; shift ;;
    --warm-up) WARM_UP="$2"; shift 2 ;;
    --warm-up=*) WARM_UP="${1#--warm-up=}"; shift ;;
    --platform-only) INTAKE_ALONE=false; shift ;;
    *) RATES+=("$1"); shift ;;
  esac
done
((${#RATES[@]})) || RATES=(5 10 20 40 80)
RATE_LIST="$(IFS=,; echo "${RATES[*]}")"
TOOLS="java -jar system-tests/target/pledge-tools.jar"
RUN="$ROOT/.pledge/platform-bench/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN"

# shellcheck source=bench/lib.sh
source bench/lib.sh
use_bench_broker
# The survey's invitation goes out at the resolution instead of an hour later, so that the
# customers answer within the step (the scan sends what is due every second, as in production).
export SURVEY_INVITATION_DELAY=PT0S
# pledge.sh start builds first (the lock is the caller's)
if ! bash deploy/local/pledge.sh start >"$RUN/start.log" 2>&1; then
  tail -40 "$RUN/start.log"
  exit 1
fi

svc_psql() {   # $1 = service: its own database, as its own role
  PGPASSWORD="pledge_$1" psql -X -q -A -t -F, -v ON_ERROR_STOP=1 -h 127.0.0.1 -U "pledge_$1" "pledge_$1"
}

load_tickets() {   # $1 = run directory
  echo "create temp table bench_ticket (ticket_id uuid, step int, complaint boolean, conversation boolean,
          resolved boolean, survey_wanted boolean, survey_answered boolean);
        \\copy bench_ticket from '$1/tickets.csv' with (format csv, header true)"
}

# What is still missing for the run's tickets, one "name,count" line each (all 0: nothing lost).
missing() {   # $1 = run directory
  { load_tickets "$1"; echo "select 'tickets without an SLA clock', count(*) from bench_ticket t
      where not exists (select 1 from sla_clock c where c.ticket_id = t.ticket_id);
    select 'resolved tickets with a clock still running', count(distinct t.ticket_id) from bench_ticket t
      join sla_clock c on c.ticket_id = t.ticket_id where t.resolved and c.state = 'RUNNING';"; } | svc_psql sla
  { load_tickets "$1"; echo "select 'complaints not registered', count(*) from bench_ticket t where t.complaint
      and not exists (select 1 from complaint c where c.ticket_id = t.ticket_id);"; } | svc_psql complaint
  { load_tickets "$1"; echo "select 'resolved tickets without a survey', count(*) from bench_ticket t
      where t.resolved and not t.complaint and not exists (select 1 from survey s where s.ticket_id = t.ticket_id);
    select 'answers not recorded', count(*) from bench_ticket t where t.survey_answered
      and not exists (select 1 from survey s where s.ticket_id = t.ticket_id and s.state = 'COMPLETED');"; } | svc_psql survey
  { load_tickets "$1"; echo "select 'tickets not counted as opened', count(*) from bench_ticket t
      where not exists (select 1 from kpi_ticket k where k.ticket_id = t.ticket_id and k.opened_at is not null);
    select 'resolved tickets not counted as resolved', count(*) from bench_ticket t where t.resolved
      and not exists (select 1 from kpi_ticket k where k.ticket_id = t.ticket_id and k.status = 'RESOLVED');"; } | svc_psql kpi
}

check_nothing_lost() {   # $1 = run directory
  local began=$SECONDS result
  while true; do
    result="$(missing "$1")"
    if ! grep -qv ',0$' <<<"$result" || ((SECONDS - began > 300)); then break; fi
    sleep 5
  done
  echo "nothing-lost check, $((SECONDS - began)) s after the driver ended:"
  sed 's/^/  /; s/,/: /' <<<"$result"
}

# Each consumer's lag per step, from its service's database: lines for lags.csv.
lags() {   # $1 = run directory, $2 = service, $3 = effect name or '', $4 = the effect's condition
  local began; began="$(cat "$1/began-epoch-ms")"
  {
    echo "create temp table bench_event (event_id text, topic text, type text, ticket_id uuid, step int,
            complaint boolean, kafka_ms bigint);
          \\copy bench_event from '$1/events.csv' with (format csv, header true)"
    cat <<SQL
create temp table run_processed as
  select consumer, event_id, processed_at from processed_event
  where processed_at >= to_timestamp($began / 1000.0) - interval '10 seconds';
-- each transaction's start, and the start of the same consumer's next one (the upper bound)
create temp table run_start as
  select consumer, processed_at, lead(processed_at) over (partition by consumer order by processed_at) as next_start
  from (select distinct consumer, processed_at from run_processed) d;
create temp table run_lag as
  select p.consumer, e.step, e.type, e.complaint,
         round(extract(epoch from p.processed_at) * 1000 - e.kafka_ms)::bigint as lag_ms,
         round(extract(epoch from s.next_start) * 1000 - e.kafka_ms)::bigint as upper_ms
  from bench_event e
  join run_processed p on p.event_id = e.event_id
  join run_start s on s.consumer = p.consumer and s.processed_at = p.processed_at;
select 'consumer', consumer, step, count(*), percentile_disc(0.5) within group (order by lag_ms),
       percentile_disc(0.99) within group (order by lag_ms), max(lag_ms), percentile_disc(0.99) within group (order by upper_ms)
from run_lag group by consumer, step order by 2, 3;
SQL
    if [[ -n "$3" ]]; then
      echo "select 'effect', '$3', step, count(*), percentile_disc(0.5) within group (order by lag_ms),
              percentile_disc(0.99) within group (order by lag_ms), max(lag_ms), percentile_disc(0.99) within group (order by upper_ms)
            from run_lag where $4 group by step order by step;"
    fi
  } | svc_psql "$2"
}

echo "== platform: all six services, rates $RATE_LIST tickets/s, steps of $STEP ($(date -u +%FT%TZ))"
$TOOLS platform-bench drive --rates "$RATE_LIST" --step "$STEP" --warm-up "$WARM_UP" --out "$RUN/platform" || echo "(the driver reported failures)"
check_nothing_lost "$RUN/platform"
{
  lags "$RUN/platform" sla "sla clock started" "consumer = 'sla-service.tickets' and type = 'ticket.opened'"
  lags "$RUN/platform" complaint "complaint registered" "consumer = 'complaint-service.tickets' and type = 'ticket.opened' and complaint"
  lags "$RUN/platform" survey "survey scheduled" "consumer = 'survey-service.tickets' and type = 'ticket.resolved' and not complaint"
  lags "$RUN/platform" kpi "KPI counted" "consumer like 'kpi-service.%'"
  lags "$RUN/platform" intake "" ""
  lags "$RUN/platform" notify "" ""
} >"$RUN/platform/lags.csv"

INTAKE_REPORT=()
if $INTAKE_ALONE; then
  echo "== intake alone: the consumers' services stopped, rates $RATE_LIST tickets/s (and one doubling if the last holds), steps of $STEP ($(date -u +%FT%TZ))"
  bash deploy/local/pledge.sh down sla complaint survey kpi notify >/dev/null
  $TOOLS platform-bench drive --rates "$RATE_LIST" --step "$STEP" --warm-up "$WARM_UP" --extend 1 --no-answer-surveys --out "$RUN/intake" \
    || echo "(the driver reported failures)"
  INTAKE_REPORT=(--intake-alone "$RUN/intake")
fi

echo "== report ($(date -u +%FT%TZ); files in $RUN)"
$TOOLS platform-bench report --platform "$RUN/platform" "${INTAKE_REPORT[@]}"
