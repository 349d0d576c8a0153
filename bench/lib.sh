# Sourced by the bench/*.sh scripts. A benchmark puts tens of thousands of events on the topics:
# it gets a broker of its own (state under .pledge/bench, wiped afterwards), so the everyday
# broker's consumers do not inherit the backlog; the everyday broker is started again afterwards
# if it was running. GreenMail, which pledge.sh starts beside the services, likewise: the everyday
# one holds the SMTP port, so it makes way for one of the benchmark's state and comes back after.
# PostgreSQL's autovacuum is switched on for the benchmark if the server has it off (some CI
# images do; postgres.sh autovacuum), and back afterwards: production runs with it.
use_bench_broker() {
  bash deploy/local/pledge.sh down >/dev/null
  everyday_broker_was_up=false
  if bash deploy/local/kafka.sh status >/dev/null 2>&1; then everyday_broker_was_up=true; fi
  bash deploy/local/kafka.sh stop >/dev/null
  everyday_greenmail_was_up=false
  if bash deploy/local/greenmail.sh status >/dev/null 2>&1; then everyday_greenmail_was_up=true; fi
  bash deploy/local/greenmail.sh stop >/dev/null
  autovacuum_was_off=false
  if [[ "$(bash deploy/local/postgres.sh autovacuum show)" == off ]]; then
    autovacuum_was_off=true
    bash deploy/local/postgres.sh autovacuum on
  fi
  export PLEDGE_STATE_DIR="$ROOT/.pledge/bench"
  trap leave_bench_broker EXIT
}

leave_bench_broker() {
  bash deploy/local/pledge.sh down >/dev/null || true
  bash deploy/local/kafka.sh reset >/dev/null || true
  bash deploy/local/greenmail.sh stop >/dev/null || true
  unset PLEDGE_STATE_DIR
  if $autovacuum_was_off; then bash deploy/local/postgres.sh autovacuum reset || true; fi
  if $everyday_broker_was_up; then bash deploy/local/kafka.sh start >/dev/null; fi
  if $everyday_greenmail_was_up; then bash deploy/local/greenmail.sh start >/dev/null; fi
}
