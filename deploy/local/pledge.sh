#!/usr/bin/env bash
# Pledge on one machine, without Docker: PostgreSQL (the machine's), Kafka (KRaft, from Maven
# Central jars) and the five services as plain JVM processes.
#
# Usage: deploy/local/pledge.sh <command>
#   up        build, start everything, play a short demo through the REST APIs, print where to
#             look, and keep running until Ctrl-C (which stops the five services)
#   start [S...]  build and start everything in the background, no demo (benchmarks, scripts);
#             with service names (intake sla complaint survey kpi) only those services
#   down      stop the five services started by `up` or `start` (Kafka and PostgreSQL keep running)
#   test      the whole test suite (unit, integration, end-to-end) against real Kafka and PostgreSQL
#   token R   print a development JWT for role(s) R, e.g. `token supervisor` or `token agent,admin`
#   simulate  the traffic simulator (pledge-tools simulate --help)
#
# State (logs, pids, broker data) lives in $PLEDGE_STATE_DIR (default <repo>/.pledge, git-ignored).
# PLEDGE_JAVA_OPTS adds JVM options to every service started (e.g. a flight recording to profile).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE_DIR="${PLEDGE_STATE_DIR:-$ROOT/.pledge}"
SERVICES=(intake sla complaint survey kpi)
declare -A PORTS=([intake]=8081 [sla]=8082 [complaint]=8083 [survey]=8084 [kpi]=8085)
# Their management interfaces (health, metrics, OpenAPI): production's default, 9000, would be the
# same for all five, so each gets its own, as in development (blueprint: 9081-9086).
declare -A MANAGEMENT_PORTS=([intake]=9081 [sla]=9082 [complaint]=9083 [survey]=9084 [kpi]=9085)
TOOLS_JAR="$ROOT/system-tests/target/pledge-tools.jar"
cd "$ROOT"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

infrastructure() {
  bash deploy/local/postgres.sh start
  bash deploy/local/kafka.sh start
}

pid_file() { echo "$STATE_DIR/services/$1.pid"; }

service_running() {
  local pid_file; pid_file="$(pid_file "$1")"
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

start_services() {
  mkdir -p "$STATE_DIR/services" "$STATE_DIR/logs"
  for svc in "${SERVICES[@]}"; do
    if service_running "$svc"; then
      echo "$svc-service already running (pid $(cat "$(pid_file "$svc")"))"
      continue
    fi
    # The production profile, configured the way Kubernetes configures it: from the environment.
    # shellcheck disable=SC2046  # dev-secrets.env holds plain NAME=value lines
    env $(grep -v '^#' deploy/local/dev-secrets.env | xargs) \
    PLEDGE_DB_PASSWORD="pledge_$svc" \
    PLEDGE_JWT_ISSUER="pledge-dev" \
    PLEDGE_JWT_PUBLIC_KEY_LOCATION="file:$ROOT/deploy/local/jwt/public.pem" \
    PLEDGE_SECURITY_DEVELOPMENT_KEYS_ALLOWED=true \
    PLEDGE_SURVEY_PUBLIC_BASE_URL="http://localhost:8084/api/v1/s/" \
    QUARKUS_MANAGEMENT_PORT="${MANAGEMENT_PORTS[$svc]}" \
      nohup java -Xmx256m -XX:+UseSerialGC ${PLEDGE_JAVA_OPTS:-} -jar "$svc-service/target/quarkus-app/quarkus-run.jar" \
      >"$STATE_DIR/logs/$svc-service.log" 2>&1 &
    echo $! >"$(pid_file "$svc")"
  done
  for svc in "${SERVICES[@]}"; do
    local port=${PORTS[$svc]} management=${MANAGEMENT_PORTS[$svc]} deadline=$((SECONDS + 120))
    until curl -fsS "http://127.0.0.1:$management/q/health/ready" >/dev/null 2>&1; do
      if ((SECONDS > deadline)) || ! service_running "$svc"; then
        echo "$svc-service did not become ready; see $STATE_DIR/logs/$svc-service.log" >&2
        return 1
      fi
      sleep 0.5
    done
    echo "$svc-service ready on http://127.0.0.1:$port (health, metrics: http://127.0.0.1:$management/q)"
  done
}

stop_services() {
  for svc in "${SERVICES[@]}"; do
    if service_running "$svc"; then
      local pid; pid="$(cat "$(pid_file "$svc")")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$pid" 2>/dev/null || true
      echo "$svc-service stopped"
    fi
    rm -f "$(pid_file "$svc")"
  done
}

token() {
  [[ -f "$TOOLS_JAR" ]] || ./mvnw -B -q package -DskipTests -pl system-tests -am
  # further options go to the token command: --team T --department D --client C (default: all, pledge-dev-crm)
  java -jar "$TOOLS_JAR" token --role "$1" --key "$ROOT/deploy/local/jwt/private.pem" "${@:2}"
}

# GET with a bearer token, retried until it answers 200 (events take a moment to travel).
get_when_ready() {
  local url=$1 deadline=$((SECONDS + 30)) body
  while ((SECONDS < deadline)); do
    if body="$(curl -fsS -H "Authorization: Bearer $TOKEN" "$url" 2>/dev/null)"; then
      echo "$body"; return 0
    fi
    sleep 0.5
  done
  echo "(no answer from $url within 30 s)"
}

demo() {
  TOKEN="$(token integration,agent,supervisor,admin,dashboard)"
  log "Demo: a CRM hands over an e-mail complaint and a phone inquiry"
  local complaint inquiry
  complaint="$(curl -fsS -X POST http://127.0.0.1:8081/api/v1/tickets \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: demo-$(date +%s%N)" \
    -d '{"channel":"EMAIL","category":"COMPLAINT","priority":"HIGH","subject":"Invoice charged twice",
         "customer":{"externalId":"CRM-1001","tier":"GOLD"},"team":"billing"}')"
  echo "POST /api/v1/tickets -> $complaint"
  inquiry="$(curl -fsS -X POST http://127.0.0.1:8081/api/v1/tickets \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"channel":"PHONE","category":"INQUIRY","subject":"Opening hours",
         "customer":{"externalId":"CRM-2002"},"team":"front-desk"}')"
  echo "POST /api/v1/tickets -> $inquiry"
  local complaint_id inquiry_id
  complaint_id="$(sed -E 's/.*"id":"([^"]+)".*/\1/' <<<"$complaint")"
  inquiry_id="$(sed -E 's/.*"id":"([^"]+)".*/\1/' <<<"$inquiry")"

  log "sla-service started a first-response clock for each (e-mail 24 h, phone 30 s)"
  get_when_ready "http://127.0.0.1:8082/api/v1/tickets/$complaint_id/sla"
  get_when_ready "http://127.0.0.1:8082/api/v1/tickets/$inquiry_id/sla"
  log "complaint-service registered the complaint (the inquiry is not one)"
  get_when_ready "http://127.0.0.1:8083/api/v1/complaints?ticketId=$complaint_id"
  log "survey-service keeps what it needs to survey the customer later"
  get_when_ready "http://127.0.0.1:8084/api/v1/tickets/$complaint_id/survey"
  log "kpi-service counted both (tickets opened today, all channels)"
  get_when_ready "http://127.0.0.1:8085/api/v1/kpis?metric=tickets.opened&dimension=all&bucket=day"
  echo
}

where_to_look() {
  cat <<TXT
Where to look
  APIs                http://127.0.0.1:8081/api/v1  (8082 sla, 8083 complaint, 8084 survey, 8085 kpi)
  Management          http://127.0.0.1:9081/q/health/ready   /q/metrics   /q/openapi  (9082 sla ... 9085 kpi)
  Swagger UI          dev mode only: ./mvnw quarkus:dev -pl intake-service, then http://127.0.0.1:9081/q/swagger-ui
  A token             bash deploy/local/pledge.sh token agent
  Service logs        $STATE_DIR/logs/
  Kafka               127.0.0.1:9092 (log: $STATE_DIR/kafka/kafka.log); PostgreSQL 127.0.0.1:5432
TXT
}

case "${1:-}" in
  up)
    infrastructure
    log "Building the services"
    ./mvnw -B -q package -DskipTests
    stop_services >/dev/null
    trap 'trap "" INT TERM; echo; log "Stopping the services"; stop_services; exit 0' INT TERM
    trap 'stop_services' ERR
    log "Starting the five services"
    start_services
    demo
    trap - ERR
    where_to_look
    log "Pledge is running. Press Ctrl-C to stop the services (Kafka and PostgreSQL keep running: deploy/local/kafka.sh stop)."
    while true; do sleep 3600 & wait $!; done
    ;;
  start)
    infrastructure
    ./mvnw -B -q package -DskipTests
    stop_services >/dev/null
    shift
    if (($#)); then SERVICES=("$@"); fi
    trap 'stop_services' ERR
    start_services
    ;;
  down)
    stop_services
    ;;
  test)
    infrastructure
    # Services left running by `up` would share the tests' consumer groups.
    stop_services >/dev/null
    ./mvnw -B verify
    ;;
  token)
    token "${2:?usage: pledge.sh token <role[,role...]> [--team T] [--department D] [--client C]}" "${@:3}"
    ;;
  simulate)
    shift
    [[ -f "$TOOLS_JAR" ]] || ./mvnw -B -q package -DskipTests -pl system-tests -am
    java -jar "$TOOLS_JAR" simulate --key "$ROOT/deploy/local/jwt/private.pem" "$@"
    ;;
  *)
    sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
