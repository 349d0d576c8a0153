#!/usr/bin/env bash
# Local SMTP + IMAP server (GreenMail standalone) without Docker, for notify-service's mail in local
# runs and in the tests: the services send by SMTP, the tests read what arrived by IMAP.
#
# The server is the shaded runnable jar com.icegreen:greenmail-standalone from Maven Central,
# fetched once with the repo's ./mvnw; its version is the root pom.xml's <greenmail.version> (one
# place for the tests' and this script's GreenMail). Needs only a JDK and ./mvnw.
#
# Usage: deploy/local/greenmail.sh {start|stop|restart|status}
#   start    start the server (idempotent) and wait until SMTP and IMAP answer
#   stop     graceful stop (SIGTERM, then SIGKILL after GREENMAIL_STOP_TIMEOUT s), idempotent
#   restart  stop + start (GreenMail keeps mail in memory: a restart empties every mailbox)
#   status   exit 0 if the server is running and its SMTP port answers, 1 otherwise
#
# Authentication is disabled: any user name and password log in, and a mailbox is created for
# every address that receives mail. Log in over IMAP with the full address as the user name
# (ops@example.com, any password).
#
# Environment (all optional):
#   PLEDGE_STATE_DIR          state root (default <repo>/.pledge, git-ignored)
#   GREENMAIL_SMTP_PORT       SMTP port                           (default 3025)
#   GREENMAIL_IMAP_PORT       IMAP port                           (default 3143)
#   GREENMAIL_API_PORT        GreenMail's REST API port           (default 3080; 8080 would be
#                             GreenMail's own default, too close to the services' 808x)
#   GREENMAIL_HEAP_OPTS       heap                                (default -Xms32m -Xmx128m)
#   GREENMAIL_START_TIMEOUT   seconds to wait for readiness       (default 30)
#   GREENMAIL_STOP_TIMEOUT    seconds to wait before SIGKILL      (default 10)
#   JAVA_HOME                 JDK to use (default: java on PATH)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

STATE_DIR="${PLEDGE_STATE_DIR:-$REPO_ROOT/.pledge}"
HOST=127.0.0.1
SMTP_PORT="${GREENMAIL_SMTP_PORT:-3025}"
IMAP_PORT="${GREENMAIL_IMAP_PORT:-3143}"
API_PORT="${GREENMAIL_API_PORT:-3080}"
HEAP_OPTS="${GREENMAIL_HEAP_OPTS:--Xms32m -Xmx128m}"
START_TIMEOUT="${GREENMAIL_START_TIMEOUT:-30}"
STOP_TIMEOUT="${GREENMAIL_STOP_TIMEOUT:-10}"
# the same plugin version deploy/local/kafka/pom.xml pins, so nothing new is downloaded for it
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

log() { printf '[greenmail.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The one place the version is pinned: the root pom's property (the tests use the same).
version() {
  local v
  v="$(sed -n 's:.*<greenmail\.version>\([^<]*\)</greenmail\.version>.*:\1:p' "$REPO_ROOT/pom.xml" | head -n 1)"
  [[ -n "$v" ]] || die "no <greenmail.version> in $REPO_ROOT/pom.xml"
  echo "$v"
}

# All state lives under $STATE_DIR/greenmail; made absolute because we pass it to java.
init_dirs() {
  mkdir -p "$STATE_DIR/greenmail"
  GM_DIR="$(cd "$STATE_DIR/greenmail" && pwd)"
  PID_FILE="$GM_DIR/greenmail.pid"
  LOG_FILE="$GM_DIR/greenmail.log"
}

# Serialize start/stop so parallel CI steps cannot launch two servers.
take_lock() {
  exec 9>"$GM_DIR/.lock"
  flock -w 120 9 || die "could not get $GM_DIR/.lock within 120 s"
}

# The jar, copied out of the local Maven repository once per version (a later start needs no Maven).
# Sets the global JAR.
JAR=""
fetch_jar() {
  local v; v="$(version)"
  JAR="$GM_DIR/lib/greenmail-standalone-$v.jar"
  [[ -s "$JAR" ]] && return
  log "fetching com.icegreen:greenmail-standalone:$v with Maven (first run only)..."
  mkdir -p "$GM_DIR/lib"
  # Run where there is no pom: the goal needs no project, and the reactor is not loaded.
  (cd "$GM_DIR" && "$REPO_ROOT/mvnw" -q -B "$DEPENDENCY_PLUGIN:copy" \
      -Dartifact="com.icegreen:greenmail-standalone:$v:jar" -DoutputDirectory="$GM_DIR/lib" \
      </dev/null >&2) || die "Maven could not fetch com.icegreen:greenmail-standalone:$v"
  [[ -s "$JAR" ]] || die "Maven wrote no $JAR"
}

# Running = pid file points at a live process that really is our GreenMail
# (guards against a stale pid file whose pid was reused).
server_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-jar $GM_DIR/lib/greenmail-standalone-" || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# A server's first line (SMTP "220 ...", IMAP "* OK ..."), read with a 2 s limit.
greeting() {
  (exec 3<>"/dev/tcp/$HOST/$1" && IFS= read -r -t 2 line <&3 && printf '%s' "$line") 2>/dev/null
}

ready() {
  [[ "$(greeting "$SMTP_PORT")" == 220* ]] && [[ "$(greeting "$IMAP_PORT")" == "* OK"* ]]
}

launch() {
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"   # keep one previous log
  local heap
  read -r -a heap <<<"$HEAP_OPTS"   # word-split on purpose: several flags
  # setsid+nohup: the server survives the calling shell/CI step and its Ctrl-C.
  # The inner bash writes its own pid then execs java, so the pid file is exact.
  # 9>&- : don't let the server inherit (and hold forever) our lock fd.
  # Every listener on 127.0.0.1 only; the REST API (mail and users, readiness) too.
  # shellcheck disable=SC2016  # $$/$0/$@ are for the inner shell
  setsid nohup "$BASH" -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    "$JAVA" "${heap[@]}" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
      -Dgreenmail.hostname="$HOST" \
      -Dgreenmail.smtp.port="$SMTP_PORT" \
      -Dgreenmail.imap.port="$IMAP_PORT" \
      -Dgreenmail.api.hostname="$HOST" \
      -Dgreenmail.api.port="$API_PORT" \
      -Dgreenmail.auth.disabled \
      -jar "$JAR" \
    </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  for _ in $(seq 1 50); do [[ -s "$PID_FILE" ]] && break; sleep 0.1; done
}

# Bounded wait until SMTP and IMAP greet.
wait_ready() {
  local deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! server_pid >/dev/null; then
      log "GreenMail exited during startup; last log lines:"
      tail -n 30 "$LOG_FILE" >&2 || true
      return 1
    fi
    ready && return 0
    sleep 0.3
  done
  log "GreenMail did not answer on $HOST:$SMTP_PORT (SMTP) and $HOST:$IMAP_PORT (IMAP) within ${START_TIMEOUT}s; last log lines:"
  tail -n 30 "$LOG_FILE" >&2 || true
  return 1
}

cmd_start() {
  take_lock
  local pid started=$SECONDS
  if pid="$(server_pid)"; then
    log "already running (pid $pid)"
  else
    rm -f "$PID_FILE"
    command -v "$JAVA" >/dev/null 2>&1 || die "java not found (set JAVA_HOME or PATH)"
    local p
    for p in "$SMTP_PORT" "$IMAP_PORT" "$API_PORT"; do
      ! port_open "$p" || die "port $p is already in use by another process (another GreenMail?)"
    done
    fetch_jar
    launch
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    log "started GreenMail (pid ${pid:-?}), log: $LOG_FILE"
  fi
  wait_ready || die "GreenMail failed to start"
  log "ready after $((SECONDS - started))s: SMTP $HOST:$SMTP_PORT, IMAP $HOST:$IMAP_PORT, API http://$HOST:$API_PORT/"
}

cmd_stop() {
  take_lock
  local pid
  if ! pid="$(server_pid)"; then
    log "not running"
    rm -f "$PID_FILE"
    return 0
  fi
  log "stopping GreenMail (pid $pid)..."
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(server_pid)" && port_open "$SMTP_PORT"; then
    echo "greenmail: running (pid $pid): SMTP $HOST:$SMTP_PORT, IMAP $HOST:$IMAP_PORT, API http://$HOST:$API_PORT/"
    return 0
  elif [[ -n "${pid:-}" ]]; then
    echo "greenmail: process $pid alive but $HOST:$SMTP_PORT not answering"
    return 1
  fi
  echo "greenmail: not running"
  return 1
}

main() {
  local cmd="${1:-}"
  init_dirs
  case "$cmd" in
    start)   cmd_start ;;
    stop)    cmd_stop ;;
    restart) cmd_stop; exec 9>&-; cmd_start ;;
    status)  cmd_status ;;
    *) echo "usage: $0 {start|stop|restart|status}" >&2; exit 2 ;;
  esac
}

main "$@"
