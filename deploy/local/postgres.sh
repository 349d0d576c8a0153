#!/usr/bin/env bash
# Local PostgreSQL for Pledge without Docker: uses (or installs) the machine's
# Debian PostgreSQL and gives every service its own role + database.
#
# Usage: deploy/local/postgres.sh {start|databases|status|autovacuum on|off|reset|show}
#   start      install PostgreSQL if missing (apt, Debian), start the cluster if it is
#              down, wait until 127.0.0.1:$PLEDGE_PG_PORT answers, then run 'databases'
#   databases  idempotently create role pledge_<svc> and database pledge_<svc> for each
#              service, lock each database to its own role, and verify the isolation
#   status     exit 0 if PostgreSQL answers on 127.0.0.1:$PLEDGE_PG_PORT
#   autovacuum show prints the server's autovacuum setting (on|off); on|off sets it server-wide
#              (ALTER SYSTEM, then a reload); reset takes that back to the server's own config.
#              The benchmarks switch it on when a machine has it off (some CI images do): without
#              it no table is ever vacuumed or analysed, the outbox's dead rows pile up and the
#              planner's row counts stay those of an empty table, so no figure means anything.
#
# Environment (all optional):
#   PLEDGE_PG_PORT                 server port                       (default 5432)
#   PLEDGE_DB_PASSWORD_<SVC>       password of pledge_<svc>, e.g. PLEDGE_DB_PASSWORD_SLA
#                                  (default: the role name - DEV ONLY)
#   PLEDGE_PG_SUPERUSER_PASSWORD   postgres password, only for the TCP fallback below
#   PLEDGE_PG_START_TIMEOUT        seconds to wait for the server    (default 60)
#   PLEDGE_PG_CLUSTER              Debian cluster name               (default main)
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT="${PLEDGE_PG_PORT:-5432}"
START_TIMEOUT="${PLEDGE_PG_START_TIMEOUT:-60}"
CLUSTER="${PLEDGE_PG_CLUSTER:-main}"
SERVICES=(intake sla complaint survey kpi notify)

# Never prompt for a password (CI has no TTY): fail instead.
export PGCONNECT_TIMEOUT=5

log() { printf '[postgres.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Root-only steps (apt, pg_ctlcluster): run directly as root, else via non-interactive sudo.
as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else die "need root for: $*"
  fi
}

ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1; }

# ------------------------------------------------------------------ server --

ensure_installed() {
  if command -v psql >/dev/null 2>&1 && command -v pg_ctlcluster >/dev/null 2>&1 \
     && compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
    return
  fi
  log "PostgreSQL not installed; installing it with apt (Debian package 'postgresql')"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql </dev/null
}

# Newest installed major version, e.g. "15" (Debian 12).
pg_version() {
  local v d
  for d in /etc/postgresql /usr/lib/postgresql; do   # config dir first, binaries as fallback
    v="$(find "$d" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "$v" ]] && break
  done
  [[ -n "$v" ]] || die "cannot find an installed PostgreSQL version"
  echo "$v"
}

ensure_running() {
  if ready; then log "PostgreSQL already up on $PG_HOST:$PG_PORT"; return; fi
  local ver
  ver="$(pg_version)"
  # Some images install the server with create_main_cluster=false.
  if [[ ! -d "/etc/postgresql/$ver/$CLUSTER" ]]; then
    log "creating cluster $ver/$CLUSTER on port $PG_PORT"
    as_root pg_createcluster --port "$PG_PORT" "$ver" "$CLUSTER" >&2
  fi
  # Containers/CI have no systemd: start the cluster directly.
  if ! pg_lsclusters -h "$ver" "$CLUSTER" 2>/dev/null | grep -q online; then
    log "starting cluster $ver/$CLUSTER"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$CLUSTER" start
  fi
  local deadline=$((SECONDS + START_TIMEOUT))
  until ready; do
    ((SECONDS < deadline)) || die "PostgreSQL not ready on $PG_HOST:$PG_PORT after ${START_TIMEOUT}s (is the cluster on another port? see pg_lsclusters)"
    sleep 0.5
  done
  log "PostgreSQL up on $PG_HOST:$PG_PORT"
}

# ------------------------------------------------------------------- admin --

# Run SQL as the postgres superuser. Preferred: peer auth over the Unix socket via
# runuser (works on a fresh Debian install, no password). Fallback: TCP as postgres
# (works where pg_hba trusts 127.0.0.1 or PLEDGE_PG_SUPERUSER_PASSWORD is given).
ADMIN_MODE=""
psql_admin() {
  local db="$1"; shift
  case "$ADMIN_MODE" in
    peer) (cd / && runuser -u postgres -- psql -X -w -q -At -v ON_ERROR_STOP=1 -p "$PG_PORT" -d "$db" "$@") ;;
    tcp)  PGPASSWORD="${PLEDGE_PG_SUPERUSER_PASSWORD:-}" psql -X -w -q -At -v ON_ERROR_STOP=1 \
            -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$db" "$@" ;;
    *)    die "internal: admin mode not chosen" ;;
  esac
}

choose_admin_mode() {
  local mode
  for mode in peer tcp; do
    if [[ $mode == peer ]] && ! { [[ $EUID -eq 0 ]] && command -v runuser >/dev/null 2>&1; }; then
      continue   # runuser needs root
    fi
    ADMIN_MODE=$mode
    if [[ "$(psql_admin postgres -c 'select 1' 2>/dev/null)" == 1 ]]; then
      log "admin SQL via: $mode"
      return
    fi
  done
  die "cannot run SQL as superuser 'postgres' (run as root, or set PLEDGE_PG_SUPERUSER_PASSWORD)"
}

db_password() {
  local var="PLEDGE_DB_PASSWORD_${1^^}"
  echo "${!var:-pledge_$1}"
}

# One role + one database per service; only that role may connect to it.
setup_service() {
  local svc="$1" name="pledge_$1" pw
  pw="$(db_password "$svc")"
  # \gexec runs the generated statement; the WHERE makes CREATE idempotent.
  # CREATE DATABASE cannot run in a DO block/transaction, hence \gexec everywhere.
  psql_admin postgres -v name="$name" -v pw="$pw" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'name')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'name') \gexec
-- Always (re)set the password and attributes so env changes apply and no
-- service role can bypass the CONNECT privilege as superuser.
SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L',
              :'name', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'name', :'name', 'UTF8')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'name') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'name', :'name') \gexec
-- PUBLIC can connect to every new database by default: revoke, so no service
-- can open another service's database.
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'name') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', :'name', :'name') \gexec
SQL
  # Inside the database: only the owner creates objects in schema public
  # (PG15 default already; explicit for older servers).
  psql_admin "$name" -v name="$name" <<'SQL'
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SELECT format('GRANT ALL ON SCHEMA public TO %I', :'name') \gexec
SQL
  log "ready: database $name (role $name) -> jdbc:postgresql://$PG_HOST:$PG_PORT/$name"
}

# Connect as a service role (password auth over TCP, like the services do).
svc_psql() {
  local svc="$1" db="$2"; shift 2
  PGPASSWORD="$(db_password "$svc")" psql -X -w -q -At -h "$PG_HOST" -p "$PG_PORT" \
    -U "pledge_$svc" -d "$db" "$@"
}

# Each role reaches its own database and is refused by the next service's one.
verify() {
  local i svc other out
  for i in "${!SERVICES[@]}"; do
    svc="${SERVICES[$i]}"
    other="${SERVICES[$(((i + 1) % ${#SERVICES[@]}))]}"
    [[ "$(svc_psql "$svc" "pledge_$svc" -c 'select 1' 2>&1)" == 1 ]] \
      || die "pledge_$svc cannot connect to its database pledge_$svc"
    if out="$(svc_psql "$svc" "pledge_$other" -c 'select 1' 2>&1)"; then
      die "isolation broken: pledge_$svc can connect to pledge_$other"
    fi
    [[ "$out" == *"permission denied"* ]] \
      || die "unexpected error for pledge_$svc -> pledge_$other: $out"
  done
  log "verified: each pledge_<svc> role connects only to its own database"
}

# ---------------------------------------------------------------- commands --

cmd_databases() {
  ready || die "PostgreSQL is not answering on $PG_HOST:$PG_PORT (run '$0 start')"
  choose_admin_mode
  local svc
  for svc in "${SERVICES[@]}"; do setup_service "$svc"; done
  verify
}

cmd_start() {
  ensure_installed
  ensure_running
  cmd_databases
}

cmd_status() {
  if ready; then echo "postgres: up on $PG_HOST:$PG_PORT"; else echo "postgres: not answering on $PG_HOST:$PG_PORT"; return 1; fi
}

cmd_autovacuum() {
  choose_admin_mode   # its log and a refusal go to stderr, so 'show' prints on|off alone
  case "$1" in
    show)   psql_admin postgres -c 'show autovacuum' ;;
    on|off) psql_admin postgres -c "alter system set autovacuum = $1" -c 'select pg_reload_conf()' >/dev/null
            log "autovacuum: $(psql_admin postgres -c 'show autovacuum')" ;;
    reset)  psql_admin postgres -c 'alter system reset autovacuum' -c 'select pg_reload_conf()' >/dev/null
            log "autovacuum: $(psql_admin postgres -c 'show autovacuum') (the server's own config)" ;;
    *)      die "autovacuum: on, off, reset or show" ;;
  esac
}

case "${1:-}" in
  start)     cmd_start ;;
  databases) cmd_databases ;;
  status)    cmd_status ;;
  autovacuum) cmd_autovacuum "${2:-show}" ;;
  *) echo "usage: $0 {start|databases|status|autovacuum on|off|reset|show}" >&2; exit 2 ;;
esac
