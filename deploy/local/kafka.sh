#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, broker+controller in one JVM) without Docker.
#
# The broker jars come from Maven Central through deploy/local/kafka/pom.xml, so the
# only requirements are a JDK 17+ and the repo's ./mvnw.
#
# Usage: deploy/local/kafka.sh {start|stop|restart|status|topics|reset}
#   start    start the broker (idempotent), wait until it answers, create the topics
#   stop     graceful stop (SIGTERM, then SIGKILL after KAFKA_STOP_TIMEOUT s), idempotent
#   restart  stop + start (data is kept)
#   status   exit 0 if the broker is running and its port answers, 1 otherwise
#   topics   create every project topic that does not exist yet (idempotent)
#   reset    stop and DELETE all broker data (next start formats a fresh cluster)
#
# Environment (all optional):
#   PLEDGE_STATE_DIR        state root (default <repo>/.pledge, git-ignored)
#   KAFKA_PORT              client listener port            (default 9092)
#   KAFKA_CONTROLLER_PORT   KRaft controller listener port  (default 9093)
#   KAFKA_PARTITIONS        partitions for project topics   (default 6)
#   KAFKA_HEAP_OPTS         broker heap                     (default -Xms256m -Xmx512m)
#   KAFKA_START_TIMEOUT     seconds to wait for readiness   (default 60)
#   KAFKA_STOP_TIMEOUT      seconds to wait before SIGKILL  (default 30)
#   JAVA_HOME               JDK to use (default: java on PATH)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
POM="$SCRIPT_DIR/kafka/pom.xml"

STATE_DIR="${PLEDGE_STATE_DIR:-$REPO_ROOT/.pledge}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_PARTITIONS="${KAFKA_PARTITIONS:-6}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"

if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

# Project topics; each also gets a "<topic>.dlq" dead-letter topic.
TOPICS=(pledge.tickets pledge.sla pledge.complaints pledge.surveys pledge.surveys.links pledge.kpi.snapshots
        pledge.notifications)
# Topics holding "latest value per key" state are compacted. Their DLQs are not:
# compaction rejects null-key records, and dead letters may have no key.
COMPACTED_TOPICS=(pledge.kpi.snapshots)

log() { printf '[kafka.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# All state lives under $STATE_DIR/kafka; made absolute because we pass it to java.
init_dirs() {
  mkdir -p "$STATE_DIR/kafka"
  KAFKA_DIR="$(cd "$STATE_DIR/kafka" && pwd)"
  DATA_DIR="$KAFKA_DIR/data"
  PID_FILE="$KAFKA_DIR/kafka.pid"
  LOG_FILE="$KAFKA_DIR/kafka.log"
  CP_FILE="$KAFKA_DIR/classpath.txt"
  PROPS_FILE="$KAFKA_DIR/server.properties"
  CLIENT_PROPS="$KAFKA_DIR/client.properties"
  CONTROLLER_PORT_FILE="$KAFKA_DIR/controller.port"
}

# Serialize start/stop/reset so parallel CI steps cannot launch two brokers.
take_lock() {
  exec 9>"$KAFKA_DIR/.lock"
  flock -w 180 9 || die "could not get $KAFKA_DIR/.lock within 180 s"
}

# ---------------------------------------------------------------- classpath --

# Resolve the broker classpath with Maven once and cache it; re-resolve only when
# the pom changed or a jar vanished from ~/.m2 (keeps the second start fast).
# Sets the global CP.
CP=""
load_classpath() {
  [[ -n "$CP" ]] && return
  if ! [[ -s "$CP_FILE" && "$CP_FILE" -nt "$POM" ]] || ! cp_jars_exist; then
    log "resolving Kafka classpath with Maven (first run only)..."
    local tmp="$CP_FILE.tmp.$$"
    (cd "$REPO_ROOT" && ./mvnw -q -B -f "$POM" dependency:build-classpath \
        -Dmdep.outputFile="$tmp" -Dmdep.includeScope=runtime </dev/null >&2) \
      || { rm -f "$tmp"; die "Maven could not resolve the Kafka classpath"; }
    [[ -s "$tmp" ]] || die "Maven wrote an empty classpath"
    mv -f "$tmp" "$CP_FILE"
  fi
  CP="$(cat "$CP_FILE")"
}

cp_jars_exist() {
  local jar jars
  [[ -s "$CP_FILE" ]] || return 1
  IFS=: read -r -a jars <"$CP_FILE"
  for jar in "${jars[@]}"; do [[ -f "$jar" ]] || return 1; done
}

check_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (set JAVA_HOME or PATH)"
  local v
  v="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [[ "${v%%.*}" =~ ^[0-9]+$ && "${v%%.*}" -ge 17 ]] || die "Kafka 4.x needs Java 17+, found '$v' ($JAVA)"
}

# Run a Kafka CLI class. Short-lived JVM flags: small heap, C1 only, quiet logging.
# Bounded by `timeout` so a half-up broker can never hang a CI job.
run_tool() {
  local cls="$1"; shift
  load_classpath
  timeout 60 "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$SCRIPT_DIR/kafka/log4j2-tools.properties" \
    -cp "$CP" "$cls" "$@" </dev/null
}

# TopicCommand against our broker, with short admin-client timeouts.
topic_cmd() {
  run_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
    --command-config "$CLIENT_PROPS" "$@"
}

# ------------------------------------------------------------------ config --

write_config() {
  # Regenerated on every start so port/partition env changes apply; the data
  # (and the cluster id in meta.properties) is what persists across restarts.
  cat >"$PROPS_FILE" <<EOF
# Generated by deploy/local/kafka.sh - edits are overwritten on start.
process.roles=broker,controller
node.id=1
# Dynamic single-voter quorum (formatted with 'StorageTool format --standalone').
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$DATA_DIR
# Topics must be created explicitly (see 'kafka.sh topics'), like in production.
auto.create.topics.enable=false
num.partitions=$KAFKA_PARTITIONS
# Single node: every internal topic can only have one replica.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Tests start consumers right away; don't wait 3 s for more group members.
group.initial.rebalance.delay.ms=0
EOF
  cat >"$CLIENT_PROPS" <<EOF
request.timeout.ms=10000
default.api.timeout.ms=20000
EOF
}

# Format the KRaft storage exactly once; later starts reuse the data dir.
format_if_needed() {
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    # The controller endpoint is recorded in the quorum at format time.
    local formatted_port
    formatted_port="$(cat "$CONTROLLER_PORT_FILE" 2>/dev/null || echo "$KAFKA_CONTROLLER_PORT")"
    [[ "$formatted_port" == "$KAFKA_CONTROLLER_PORT" ]] || die \
      "data was formatted with KAFKA_CONTROLLER_PORT=$formatted_port, not $KAFKA_CONTROLLER_PORT; use that port or run '$0 reset'"
    return
  fi
  log "formatting new KRaft storage in $DATA_DIR"
  mkdir -p "$DATA_DIR"
  local cluster_id
  cluster_id="$(run_tool kafka.tools.StorageTool random-uuid)"
  run_tool kafka.tools.StorageTool format --standalone \
    --cluster-id "$cluster_id" --config "$PROPS_FILE" >&2
  echo "$KAFKA_CONTROLLER_PORT" >"$CONTROLLER_PORT_FILE"
}

# ----------------------------------------------------------------- process --

# Running = pid file points at a live process that really is our kafka.Kafka
# (guards against a stale pid file whose pid was reused).
broker_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "kafka.Kafka $PROPS_FILE" || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

launch() {
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"   # keep one previous log
  load_classpath
  local heap
  read -r -a heap <<<"$KAFKA_HEAP_OPTS"   # word-split on purpose: several flags
  # setsid+nohup: the broker survives the calling shell/CI step and its Ctrl-C.
  # The inner bash writes its own pid then execs java, so the pid file is exact.
  # 9>&- : don't let the broker inherit (and hold forever) our lock fd.
  # shellcheck disable=SC2016  # $$/$0/$@ are for the inner shell
  setsid nohup "$BASH" -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    "$JAVA" -server "${heap[@]}" \
      -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
      -Dkafka.logs.dir="$KAFKA_DIR" \
      -Dlog4j2.configurationFile="$SCRIPT_DIR/kafka/log4j2-broker.properties" \
      -cp "$CP" kafka.Kafka "$PROPS_FILE" \
    </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  # Wait for the pid file written by the child.
  for _ in $(seq 1 50); do [[ -s "$PID_FILE" ]] && break; sleep 0.1; done
}

# Bounded wait until the broker answers a metadata request.
wait_ready() {
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! broker_pid >/dev/null; then
      log "broker process exited during startup; last log lines:"
      tail -n 30 "$LOG_FILE" >&2 || true
      return 1
    fi
    if port_open "$KAFKA_PORT" && topic_cmd --list >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  log "broker did not answer on $BOOTSTRAP within ${KAFKA_START_TIMEOUT}s; last log lines:"
  tail -n 30 "$LOG_FILE" >&2 || true
  return 1
}

# ---------------------------------------------------------------- commands --

cmd_start() {
  take_lock
  local pid started=$SECONDS
  if pid="$(broker_pid)"; then
    log "already running (pid $pid) on $BOOTSTRAP"
  else
    rm -f "$PID_FILE"
    check_java
    for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
      ! port_open "$p" || die "port $p is already in use by another process (another Kafka?)"
    done
    load_classpath
    write_config
    format_if_needed
    launch
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    log "started broker (pid ${pid:-?}), log: $LOG_FILE"
  fi
  wait_ready || die "Kafka failed to start"
  log "broker ready on $BOOTSTRAP after $((SECONDS - started))s"
  cmd_topics
}

cmd_stop() {
  take_lock
  local pid
  if ! pid="$(broker_pid)"; then
    log "not running"
    rm -f "$PID_FILE"
    return 0
  fi
  log "stopping broker (pid $pid)..."
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after ${KAFKA_STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(broker_pid)" && port_open "$KAFKA_PORT"; then
    echo "kafka: running (pid $pid) on $BOOTSTRAP"
    return 0
  elif [[ -n "${pid:-}" ]]; then
    echo "kafka: process $pid alive but $BOOTSTRAP not answering"
    return 1
  fi
  echo "kafka: not running"
  return 1
}

# Create missing topics. One --list, then one TopicCommand per *missing* topic
# (run in parallel), so this costs a single JVM once all topics exist.
cmd_topics() {
  broker_pid >/dev/null || die "broker is not running (run '$0 start')"
  load_classpath
  local existing t want=() pids=() failed=0
  existing="$(topic_cmd --list)" || die "could not list topics on $BOOTSTRAP"
  for t in "${TOPICS[@]}"; do want+=("$t" "$t.dlq"); done
  for t in "${want[@]}"; do
    grep -qxF "$t" <<<"$existing" && continue
    local extra=()
    [[ " ${COMPACTED_TOPICS[*]} " == *" $t "* ]] && extra=(--config cleanup.policy=compact)
    log "creating topic $t (${KAFKA_PARTITIONS} partitions${extra:+, compacted})"
    topic_cmd --create --if-not-exists --topic "$t" --partitions "$KAFKA_PARTITIONS" \
      --replication-factor 1 "${extra[@]}" >/dev/null &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  ((failed == 0)) || die "some topics could not be created"
  log "topics present: ${want[*]}"
}

cmd_reset() {
  cmd_stop
  log "deleting Kafka data in $DATA_DIR"
  rm -rf "$DATA_DIR" "$CONTROLLER_PORT_FILE"
}

main() {
  local cmd="${1:-}"
  init_dirs
  case "$cmd" in
    start)   cmd_start ;;
    stop)    cmd_stop ;;
    restart) cmd_stop; exec 9>&-; cmd_start ;;
    status)  cmd_status ;;
    topics)  cmd_topics ;;
    reset)   cmd_reset ;;
    *) echo "usage: $0 {start|stop|restart|status|topics|reset}" >&2; exit 2 ;;
  esac
}

main "$@"
