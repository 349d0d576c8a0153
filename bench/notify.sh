#!/usr/bin/env bash
# Benchmark of notify-service's webhook deliveries (issue #15, speed). On a broker of its own and a
# scratch database (pledge_notify_bench, fresh for every run, so the everyday subscriptions and
# log are not touched), notify-service alone:
#  1. healthy: SUBS subscriptions to ticket.*, all pointing at one local receiver (pledge-tools
#     notify-bench: JDK HttpServer, 8 worker threads, answers 204, checks every signature, counts
#     by subscription and webhook-id); ticket.opened events straight to Kafka at RATE a second
#     (a new ticket each, keyed by ticket id, binary-mode CloudEvents as intake publishes them) for
#     15 s of warm-up and SECONDS measured. Figures from the receiver (arrival) and the database
#     (exact: attempted_at + latency_ms - published_at of each delivered delivery's 2xx attempt);
#  2. dead-hang and dead-refuse, at DEAD_RATE: the same, with SUBS more subscriptions to dead
#     endpoints (a port that accepts connections and never answers, so each attempt waits out the
#     10 s answer timeout; then a port where nothing listens); the healthy subscriptions' figures,
#     beside a healthy run at DEAD_RATE (the one of step 1 if DEAD_RATE is RATE);
#  3. baselines, same receiver and the body of a real delivery: ab (apache2-utils) with 256
#     keep-alive clients (the service's notify.webhooks.max-in-flight), and pledge-tools
#     notify-bench load, the JDK HttpClient the service uses, 256 requests in flight, as the
#     service runs it and with a common ForkJoinPool of 4;
#  4. healthy runs at each further rate given (the highest rate at which p99 <= 1 s holds).
#
# Usage: bench/notify.sh [rate, default 200] [seconds, default 60] [dead-rate, default rate] [further rates...]
# A dead endpoint's effect on the healthy ones means something only at a rate the service keeps up
# with: give that rate as dead-rate.
# PROFILE_DIR=dir: every run's notify-service writes a flight recording there (notify-<run>.jfr).
set -euo pipefail
# The whole benchmark holds the shared Maven lock: it takes the everyday broker away and needs the
# two cores to itself, so no build, test run or demo may start meanwhile (the builds of
# pledge.sh start run inside it). -o: processes started from here (the services, a broker) do not
# inherit the lock.
if [[ -z "${NOTIFY_BENCH_LOCKED:-}" ]]; then
  exec env NOTIFY_BENCH_LOCKED=1 flock -o /tmp/pledge-mvn.lock bash "${BASH_SOURCE[0]}" "$@"
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RATE="${1:-200}"
SECONDS_MEASURED="${2:-60}"
DEAD_RATE="${3:-$RATE}"
SWEEP=("${@:4}")
SUBS=50
# The receiver is the JDK HttpServer: it closes keep-alive connections beyond 200 idle ones, which at
# 256 in flight resets the clients' connections (ab stops; a POST sent on a closed one fails).
TOOLS="java -Dsun.net.httpserver.maxIdleConnections=1024 -jar system-tests/target/pledge-tools.jar"
WORK="$(mktemp -d)"

# shellcheck source=bench/lib.sh
source bench/lib.sh
use_bench_broker
trap 'rm -rf "$WORK"; leave_bench_broker' EXIT
bash deploy/local/postgres.sh start >/dev/null
bash deploy/local/kafka.sh start >/dev/null

admin_psql() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@" 2>/dev/null || psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"; }
bench_psql() { PGPASSWORD=pledge_notify psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -U pledge_notify pledge_notify_bench "$@"; }
export PLEDGE_DB_NAME=pledge_notify_bench

# A Maven build or test run (its launcher, or a forked test JVM) would share the two cores: wait
# for it to end. A Maven merely waiting for the shared lock is no load.
quiet_machine() {
  while pgrep -f 'surefirebooter|plexus-classworlds' >/dev/null; do echo "(a Maven run is going; waiting)"; sleep 30; done
}

start_notify() {   # $1 = run name
  bash deploy/local/pledge.sh down >/dev/null
  admin_psql -d postgres -c "drop database if exists pledge_notify_bench" -c "create database pledge_notify_bench owner pledge_notify"
  local opts="${PLEDGE_JAVA_OPTS:-}"
  if [[ -n "${PROFILE_DIR:-}" ]]; then
    mkdir -p "$PROFILE_DIR"
    opts="$opts -XX:StartFlightRecording=filename=$PROFILE_DIR/notify-$1.jfr,settings=profile"
  fi
  # pledge.sh start builds first (the lock is ours already)
  PLEDGE_JAVA_OPTS="$opts" bash deploy/local/pledge.sh start notify >/dev/null
}

# The database's exact figures for the healthy subscriptions' deliveries of the window's events.
database_figures() {   # $1 = measured-from, $2 = measured-to (epoch ms)
  bench_psql <<SQL
with delivered as (
  select extract(epoch from (a.attempted_at + a.latency_ms * interval '1 millisecond' - d.published_at)) * 1000 as delay_ms
  from webhook_delivery d
  join webhook_subscription s on s.id = d.subscription_id and s.description like 'notify-bench healthy%'
  join webhook_attempt a on a.delivery_id = d.id and a.status between 200 and 299
  where d.state = 'DELIVERED' and d.published_at between to_timestamp($1 / 1000.0) and to_timestamp($2 / 1000.0))
select format('database: %s deliveries; delay p50=%s ms p99=%s ms max=%s ms', count(*),
  round(percentile_disc(0.5) within group (order by delay_ms)), round(percentile_disc(0.99) within group (order by delay_ms)),
  round(max(delay_ms)))
from delivered;
select format('database: %s attempts in all (%s to dead endpoints), %s deliveries finished during the window = %s/s',
  (select count(*) from webhook_attempt),
  (select count(*) from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id
     join webhook_subscription s on s.id = d.subscription_id where s.description like 'notify-bench dead%'),
  count(*), round(count(*) / (($2 - $1) / 1000.0)))
from webhook_delivery d where d.state = 'DELIVERED' and d.finished_at between to_timestamp($1 / 1000.0) and to_timestamp($2 / 1000.0);
select format('database: after the window, %s deliveries in %s s = %s/s (the backlog drained with no new events)',
  count(*), round(extract(epoch from max(finished_at) - to_timestamp($2 / 1000.0))),
  round(count(*) / greatest(1, extract(epoch from max(finished_at) - to_timestamp($2 / 1000.0)))))
from webhook_delivery d where d.state = 'DELIVERED' and d.finished_at > to_timestamp($2 / 1000.0);
SQL
}

run() {   # $1 = run name, $2 = rate, further: notify-bench options
  local name=$1 rate=$2 out window
  shift 2
  quiet_machine
  start_notify "$name"
  echo "== $name: $SUBS healthy subscriptions, $rate events/s, ${SECONDS_MEASURED} s measured $*"
  out="$($TOOLS notify-bench run --token "$(bash deploy/local/pledge.sh token admin)" --subscriptions "$SUBS" \
    --rate "$rate" --duration "PT${SECONDS_MEASURED}S" "$@" || true)"
  grep -v '^measured-from' <<<"$out"
  window="$(sed -nE 's/^measured-from=([0-9]+) measured-to=([0-9]+)$/\1 \2/p' <<<"$out")"
  if [[ -n "$window" ]]; then
    # shellcheck disable=SC2086  # two numbers
    database_figures $window
  fi
  bash deploy/local/pledge.sh down >/dev/null
}

run healthy "$RATE" --save-body "$WORK/body.json"
if [[ "$DEAD_RATE" != "$RATE" ]]; then
  run "healthy-$DEAD_RATE" "$DEAD_RATE"
fi
run dead-hang "$DEAD_RATE" --dead "$SUBS" --dead-mode hang
run dead-refuse "$DEAD_RATE" --dead "$SUBS" --dead-mode refuse

echo "== baselines: the same receiver, the body of a real delivery ($(wc -c <"$WORK/body.json") bytes), 256 in flight"
quiet_machine
PORT=18086
$TOOLS notify-bench receiver --port "$PORT" --body "$WORK/body.json" --headers-out "$WORK/headers" --duration PT150S &
receiver=$!
until [[ -s "$WORK/headers" ]]; do sleep 0.2; done
headers=()
while read -r line; do [[ "$line" == content-type:* ]] || headers+=(-H "$line"); done <"$WORK/headers"
ab -q -k -c 256 -t 10 -n 100000000 -p "$WORK/body.json" -T 'application/cloudevents+json; charset=utf-8' "${headers[@]}" \
  "http://127.0.0.1:$PORT/hook/0" >/dev/null 2>&1 || true   # warm-up
ab -q -k -c 256 -t 30 -n 100000000 -p "$WORK/body.json" -T 'application/cloudevents+json; charset=utf-8' "${headers[@]}" \
  "http://127.0.0.1:$PORT/hook/0" >"$WORK/ab.txt" 2>&1 || true
grep -E '^(Complete requests|Failed requests|Keep-Alive requests|Requests per second|  50%|  99%|ab: )' "$WORK/ab.txt" | sed 's/^/ab: /'
$TOOLS notify-bench load --url "http://127.0.0.1:$PORT/hook/0" --body "$WORK/body.json" --concurrency 256 \
  --warm-up PT10S --duration PT30S || true
# The same with a common ForkJoinPool of 4: on 2 processors its parallelism is 1, and the JDK HTTP
# client's sendAsync then completes every response through a thread of its own
# (CompletableFuture's ThreadPerTaskExecutor).
echo "with -Djava.util.concurrent.ForkJoinPool.common.parallelism=4:"
java -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -jar system-tests/target/pledge-tools.jar notify-bench load \
  --url "http://127.0.0.1:$PORT/hook/0" --body "$WORK/body.json" --concurrency 256 --warm-up PT10S --duration PT30S || true
wait "$receiver" || true

for rate in "${SWEEP[@]}"; do
  run "healthy-$rate" "$rate"
done

bash deploy/local/pledge.sh down >/dev/null
admin_psql -d postgres -c "drop database if exists pledge_notify_bench"
