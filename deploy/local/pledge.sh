#!/usr/bin/env bash
# Pledge on one machine, without Docker: PostgreSQL (the machine's), Kafka (KRaft, from Maven
# Central jars), GreenMail (SMTP and IMAP, from Maven Central) and the six services as plain JVM
# processes.
#
# Usage: deploy/local/pledge.sh <command>
#   up        build, start everything, play a short demo through the REST APIs, print where to
#             look, and keep running until Ctrl-C (which stops the six services and the demo's
#             webhook receiver)
#   start [S...]  build and start everything in the background, no demo (benchmarks, scripts);
#             with service names (intake sla complaint survey kpi notify) only those services are
#             (re)started, the others left as they are
#   down [S...]   stop the services started by `up` or `start` (all six, or those named), and with
#             notify-service the demo's webhook receiver (Kafka, GreenMail and PostgreSQL keep running)
#   test      the whole test suite (unit, integration, end-to-end) against real Kafka, PostgreSQL
#             and GreenMail; the broker and GreenMail are stopped afterwards if this started them
#   token R   print a development JWT for role(s) R, e.g. `token supervisor` or `token agent,admin`
#   simulate  the traffic simulator (pledge-tools simulate --help)
#
# State (logs, pids, broker data) lives in $PLEDGE_STATE_DIR (default <repo>/.pledge, git-ignored).
# PLEDGE_JAVA_OPTS adds JVM options to every service started (e.g. a flight recording to profile).
# A service that exits by itself (say, a boot that failed while PostgreSQL was restarting) is
# started again after 1, 2, 4 ... 60 s, as the kubelet would; its log says why and when.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE_DIR="${PLEDGE_STATE_DIR:-$ROOT/.pledge}"
SERVICES=(intake sla complaint survey kpi notify)
declare -A PORTS=([intake]=8081 [sla]=8082 [complaint]=8083 [survey]=8084 [kpi]=8085 [notify]=8086)
# Their management interfaces (health, metrics, OpenAPI): production's default, 9000, would be the
# same for all six, so each gets its own, as in development (blueprint: 9081-9086).
declare -A MANAGEMENT_PORTS=([intake]=9081 [sla]=9082 [complaint]=9083 [survey]=9084 [kpi]=9085 [notify]=9086)
TOOLS_JAR="$ROOT/system-tests/target/pledge-tools.jar"
# The demo: the CRM's webhook receiver (webhook-receiver.py), and the agent notify-service mails (at GreenMail).
RECEIVER_URL="http://127.0.0.1:8099/hook"
DEMO_AGENT=agent-demo
DEMO_MAIL=agent-demo@example.com
cd "$ROOT"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

infrastructure() {
  bash deploy/local/postgres.sh start
  bash deploy/local/kafka.sh start
  # notify-service's mail goes here; the tests read it back by IMAP
  bash deploy/local/greenmail.sh start
}

pid_file() { echo "$STATE_DIR/services/$1.pid"; }

# A service's own production settings, NAME=value a line (what its ConfigMap says on Kubernetes).
service_env() {
  case "$1" in
    intake)
      # the tracking links in tickets open intake-service's page on this machine
      echo PLEDGE_TRACKING_PUBLIC_BASE_URL=http://localhost:8081
      ;;
    sla | complaint)
      # the dashboard (kpi-service's page) reads the at-risk clocks and overdue complaints from the browser
      echo PLEDGE_DASHBOARD_ORIGIN=http://localhost:8085
      ;;
    kpi)
      echo PLEDGE_DASHBOARD_SLA_URL=http://localhost:8082
      echo PLEDGE_DASHBOARD_COMPLAINT_URL=http://localhost:8083
      ;;
    notify)
      # GreenMail (deploy/local/greenmail.sh): plain SMTP, any login accepted
      echo PLEDGE_SMTP_HOST=127.0.0.1
      echo PLEDGE_SMTP_PORT=3025
      echo PLEDGE_SMTP_FROM=pledge@localhost
      echo PLEDGE_SMTP_START_TLS=DISABLED
      # the "CRM" of this machine is intake-service's own ticket API
      echo 'PLEDGE_NOTIFY_TICKET_LINK_TEMPLATE=http://localhost:8081/api/v1/tickets/{ticketId}'
      # production delivers only to public https addresses; the demo's receiver is plain http on
      # this machine
      echo PLEDGE_WEBHOOK_HTTPS_ONLY=false
      echo PLEDGE_WEBHOOK_ALLOWED_ADDRESSES=127.0.0.1/32
      ;;
  esac
}

service_running() {
  local pid_file; pid_file="$(pid_file "$1")"
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

# Runs service $1 until it is stopped (TERM): a JVM that exits by itself is started again with a
# growing delay (reset once it has stayed up for 5 minutes), and each restart is written to its log.
supervise() {
  local svc=$1 log="$STATE_DIR/logs/$1-service.log" delay=1 started status java waiting=""
  trap '[[ -n "$waiting" ]] && kill "$waiting" 2>/dev/null; kill -TERM "$java" 2>/dev/null; wait "$java"; exit 0' TERM INT
  : >"$log"
  while true; do
    started=$SECONDS
    # The production profile, configured the way Kubernetes configures it: from the environment.
    # shellcheck disable=SC2046  # dev-secrets.env and service_env give plain NAME=value lines
    env $(grep -v '^#' deploy/local/dev-secrets.env | xargs) $(service_env "$svc") \
    PLEDGE_DB_PASSWORD="pledge_$svc" \
    PLEDGE_JWT_ISSUER="pledge-dev" \
    PLEDGE_JWT_PUBLIC_KEY_LOCATION="file:$ROOT/deploy/local/jwt/public.pem" \
    PLEDGE_SECURITY_DEVELOPMENT_KEYS_ALLOWED=true \
    PLEDGE_SURVEY_PUBLIC_BASE_URL="http://localhost:8084/s/" \
    QUARKUS_MANAGEMENT_PORT="${MANAGEMENT_PORTS[$svc]}" \
      java -Xmx256m -XX:+UseSerialGC ${PLEDGE_JAVA_OPTS:-} -jar "$svc-service/target/quarkus-app/quarkus-run.jar" \
      >>"$log" 2>&1 &
    java=$!
    echo "$java" >"$(pid_file "$svc").java"
    status=0
    wait "$java" || status=$?
    if ((SECONDS - started >= 300)); then delay=1; fi
    echo "[pledge.sh] $(date -u +%FT%TZ) $svc-service exited by itself (status $status); starting it again in ${delay} s" >>"$log"
    sleep "$delay" &
    waiting=$!
    wait "$waiting" || true
    waiting=""
    delay=$((delay * 2 > 60 ? 60 : delay * 2))
  done
}

start_services() {
  mkdir -p "$STATE_DIR/services" "$STATE_DIR/logs"
  for svc in "${SERVICES[@]}"; do
    if service_running "$svc"; then
      echo "$svc-service already running (pid $(cat "$(pid_file "$svc")"))"
      continue
    fi
    # HUP ignored (as nohup would): the services outlive the shell that started them
    (trap '' HUP; supervise "$svc") </dev/null >/dev/null 2>&1 &
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

# Stops the services in SERVICES: each one's supervisor passes TERM on to the JVM (a flight
# recording is written then) and waits for it; after 15 s both are killed.
stop_services() {
  local demo=false
  if [[ " ${SERVICES[*]} " == *" notify "* ]]; then demo=true; unsubscribe_demo; fi
  for svc in "${SERVICES[@]}"; do
    if service_running "$svc"; then
      local pid; pid="$(cat "$(pid_file "$svc")")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$(cat "$(pid_file "$svc").java" 2>/dev/null)" "$pid" 2>/dev/null || true
      fi
      echo "$svc-service stopped"
    fi
    rm -f "$(pid_file "$svc")" "$(pid_file "$svc").java"
  done
  if $demo; then stop_receiver; fi
}

# The demo's webhook receiver, trusting the subscription's secret $1 (from the environment, so that
# it is not in the process list).
start_receiver() {
  stop_receiver
  WEBHOOK_SECRET="$1" nohup python3 deploy/local/webhook-receiver.py 8099 \
    >"$STATE_DIR/logs/webhook-receiver.log" 2>&1 &
  echo $! >"$(pid_file webhook-receiver)"
  local deadline=$((SECONDS + 10))
  until curl -s -o /dev/null "$RECEIVER_URL"; do
    ((SECONDS < deadline)) || { echo "the webhook receiver did not start; see $STATE_DIR/logs/webhook-receiver.log" >&2; return 1; }
    sleep 0.2
  done
}

# The demo's subscription goes with its receiver: left behind, it would collect deliveries nobody
# answers (from the tests too, which share the database). If notify-service is not running, the next
# demo deletes it.
unsubscribe_demo() {
  local id_file="$STATE_DIR/services/demo-webhook.id"
  if [[ -f "$id_file" ]] && service_running notify; then
    curl -sS -o /dev/null -X DELETE -H "Authorization: Bearer $(token admin)" \
      "http://127.0.0.1:8086/api/v1/webhooks/$(cat "$id_file")" || true
    rm -f "$id_file"
  fi
}

stop_receiver() {
  if service_running webhook-receiver; then
    kill "$(cat "$(pid_file webhook-receiver)")" 2>/dev/null || true
    echo "webhook receiver stopped"
  fi
  rm -f "$(pid_file webhook-receiver)"
}

token() {
  [[ -f "$TOOLS_JAR" ]] || ./mvnw -B -q package -DskipTests -pl system-tests -am
  # further options go to the token command: --team T --department D --client C (default: all, pledge-dev-crm)
  java -jar "$TOOLS_JAR" token --role "$1" --key "$ROOT/deploy/local/jwt/private.pem" "${@:2}"
}

# A field of the JSON object on stdin.
field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# The subjects of the mails GreenMail holds for $DEMO_MAIL, oldest first (an unknown address has none).
subjects() {
  local answer
  answer="$(curl -fsS "http://127.0.0.1:3080/api/user/$DEMO_MAIL/messages" 2>/dev/null)" || return 0
  python3 -c 'import json, sys; [print(m["subject"]) for m in json.load(sys.stdin)]' <<<"$answer"
}
mails() { subjects | wc -l; }

# Waits until $1 (a command printing a number) prints at least $2, for up to 60 s.
wait_for() {
  local deadline=$((SECONDS + 60))
  until (($($1) >= $2)); do
    ((SECONDS < deadline)) || { echo "(not there within 60 s)"; return 0; }
    sleep 1
  done
}

# The receiver's lines about the demo's two tickets ($DEMO_TICKETS: id|id), and how many of type $1.
demo_lines() { grep -E "subject=($DEMO_TICKETS)" "$STATE_DIR/logs/webhook-receiver.log" || true; }
received() { demo_lines | grep -c "type=$1" || true; }
received_tickets() { received ticket.opened; }
received_breaches() { received sla.breached; }

# notify-service before the tickets: a CRM's webhook subscription to ticket.* and sla.* of the tickets
# it opened (pledge-dev-crm, the development token's client; not the tests'), answered by
# webhook-receiver.py, and the phone inquiry's agent in the staff directory, with an address at
# GreenMail.
notify_setup() {
  local admin answer
  admin="$(token admin)"
  log "Demo: a CRM subscribes to Pledge's webhooks, and the agent of the phone inquiry below to its alert mails"
  # a previous run's subscription would deliver here too, signed with a secret this receiver does not know
  unsubscribe_demo
  answer="$(curl -fsS -X POST http://127.0.0.1:8086/api/v1/webhooks \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"url\":\"$RECEIVER_URL\",\"eventTypes\":[\"ticket.*\",\"sla.*\"],\"sourceSystem\":\"pledge-dev-crm\",\"description\":\"pledge.sh demo\"}")"
  WEBHOOK_ID="$(field id <<<"$answer")"
  echo "$WEBHOOK_ID" >"$STATE_DIR/services/demo-webhook.id"
  echo "POST /api/v1/webhooks -> subscription $WEBHOOK_ID; its signing secret (shown only in this answer) goes to the receiver"
  start_receiver "$(field secret <<<"$answer")"
  echo "webhook receiver on $RECEIVER_URL (log: $STATE_DIR/logs/webhook-receiver.log)"
  # PUT replaces what an earlier run put there; the first run creates the entry
  local person="{\"id\":\"$DEMO_AGENT\",\"name\":\"Demo Agent\",\"email\":\"$DEMO_MAIL\"}"
  if [[ "$(curl -sS -o /dev/null -w '%{http_code}' -X PUT "http://127.0.0.1:8086/api/v1/recipients/$DEMO_AGENT" \
      -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d "$person")" == 404 ]]; then
    curl -fsS -o /dev/null -X POST http://127.0.0.1:8086/api/v1/recipients \
      -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d "$person"
  fi
  echo "PUT /api/v1/recipients/$DEMO_AGENT -> $DEMO_MAIL"
  MAILS_BEFORE="$(mails)"
}

# notify-service after the tickets: what the receiver got, the delivery log, and the agent's mail.
notify_show() {
  log "notify-service delivered the tickets' events to the CRM's receiver, signed (Standard Webhooks)"
  wait_for received_tickets 2
  demo_lines
  log "Its delivery log: GET /api/v1/webhooks/$WEBHOOK_ID/deliveries"
  curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:8086/api/v1/webhooks/$WEBHOOK_ID/deliveries" |
    python3 -c 'import json, sys
for d in reversed(json.load(sys.stdin)["items"]):
    if d["ticketId"] in sys.argv[1].split("|"):
        print("  %-20s %-9s attempts %s, last answer %s" % (d["eventType"], d["state"], d["attempts"], d["lastStatus"]))' "$DEMO_TICKETS"
  log "Nobody answers the phone inquiry within 30 s: its agent is mailed at 75 % and 90 % of the promise, and at the breach"
  wait_for mails $((MAILS_BEFORE + 3))
  subjects | tail -n +$((MAILS_BEFORE + 1)) | sed 's/^/  /'
  echo "(GreenMail: http://127.0.0.1:3080/api/user/$DEMO_MAIL/messages, or curl 'imap://127.0.0.1:3143/INBOX;UID=1' --user '$DEMO_MAIL:any')"
  log "...and the CRM's receiver got the same SLA events"
  wait_for received_breaches 1
  demo_lines | grep -E 'type=sla\.(warning|breached)'
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
  notify_setup
  log "Demo: a CRM hands over an e-mail complaint and a phone inquiry for $DEMO_AGENT"
  local complaint inquiry
  complaint="$(curl -fsS -X POST http://127.0.0.1:8081/api/v1/tickets \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: demo-$(date +%s%N)" \
    -d '{"channel":"EMAIL","category":"COMPLAINT","priority":"HIGH","subject":"Invoice charged twice",
         "customer":{"externalId":"CRM-1001","tier":"GOLD"},"team":"billing"}')"
  echo "POST /api/v1/tickets -> $complaint"
  inquiry="$(curl -fsS -X POST http://127.0.0.1:8081/api/v1/tickets \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"channel":"PHONE","category":"INQUIRY","subject":"Opening hours",
         "customer":{"externalId":"CRM-2002"},"team":"front-desk","agent":"'"$DEMO_AGENT"'"}')"
  echo "POST /api/v1/tickets -> $inquiry"
  local complaint_id inquiry_id
  complaint_id="$(sed -E 's/.*"id":"([^"]+)".*/\1/' <<<"$complaint")"
  inquiry_id="$(sed -E 's/.*"id":"([^"]+)".*/\1/' <<<"$inquiry")"
  DEMO_TICKETS="$complaint_id|$inquiry_id"

  log "sla-service started a first-response clock for each (e-mail 24 h, phone 30 s)"
  get_when_ready "http://127.0.0.1:8082/api/v1/tickets/$complaint_id/sla"
  get_when_ready "http://127.0.0.1:8082/api/v1/tickets/$inquiry_id/sla"
  log "complaint-service registered the complaint (the inquiry is not one)"
  get_when_ready "http://127.0.0.1:8083/api/v1/complaints?ticketId=$complaint_id"
  log "survey-service keeps what it needs to survey the customer later"
  get_when_ready "http://127.0.0.1:8084/api/v1/tickets/$complaint_id/survey"
  log "kpi-service counted both (tickets opened today, all channels)"
  get_when_ready "http://127.0.0.1:8085/api/v1/kpis?metric=tickets.opened&dimension=all&bucket=day"
  notify_show
  echo
}

where_to_look() {
  cat <<TXT
Where to look
  APIs                http://127.0.0.1:8081/api/v1  (8082 sla, 8083 complaint, 8084 survey, 8085 kpi, 8086 notify)
  Management          http://127.0.0.1:9081/q/health/ready   /q/metrics   /q/openapi  (9082 sla ... 9086 notify)
  Swagger UI          dev mode only: ./mvnw quarkus:dev -pl intake-service, then http://127.0.0.1:9081/q/swagger-ui
  A token             bash deploy/local/pledge.sh token agent
  Service logs        $STATE_DIR/logs/
  Kafka               127.0.0.1:9092 (log: $STATE_DIR/kafka/kafka.log); PostgreSQL 127.0.0.1:5432
  Mail (GreenMail)    SMTP 127.0.0.1:3025, IMAP 127.0.0.1:3143 (user: the full address, any password),
                      http://127.0.0.1:3080/api/user/<address>/messages
  Webhook receiver    $RECEIVER_URL (deploy/local/webhook-receiver.py), log: $STATE_DIR/logs/webhook-receiver.log
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
    log "Starting the six services"
    start_services
    demo
    trap - ERR
    where_to_look
    log "Pledge is running. Press Ctrl-C to stop the services (Kafka, GreenMail and PostgreSQL keep running: deploy/local/kafka.sh stop, deploy/local/greenmail.sh stop)."
    while true; do sleep 3600 & wait $!; done
    ;;
  start)
    shift
    if (($#)); then SERVICES=("$@"); fi
    infrastructure
    ./mvnw -B -q package -DskipTests
    stop_services >/dev/null
    trap 'stop_services' ERR
    start_services
    ;;
  down)
    shift
    if (($#)); then SERVICES=("$@"); fi
    stop_services
    ;;
  test)
    # What this starts it stops again: a broker left on 9092 would take the port from the next
    # clone's `up`, or from CI.
    started_here=()
    bash deploy/local/kafka.sh status >/dev/null 2>&1 || started_here+=(kafka)
    bash deploy/local/greenmail.sh status >/dev/null 2>&1 || started_here+=(greenmail)
    trap 'for part in "${started_here[@]}"; do bash "deploy/local/$part.sh" stop >/dev/null || true; done' EXIT
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
    # the comment block at the top of this file
    sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"
    exit 2
    ;;
esac
