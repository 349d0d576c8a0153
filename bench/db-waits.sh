#!/usr/bin/env bash
# Where a service waits on PostgreSQL, from a flight recording that records every socket read.
#
#   bash bench/db-waits.sh settings > /tmp/db-waits.jfc    # the JDK's "profile" settings, socket reads from 0 ms
#   PLEDGE_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/sla.jfr,settings=/tmp/db-waits.jfc" \
#     bash bench/sla.sh 100000 PT3H PT60S --backlog-only    # the recording is written when the service stops
#   bash bench/db-waits.sh read /tmp/sla.jfr               # reads and their wall time, by thread and by caller
#   bash bench/db-waits.sh read /tmp/sla.jfr 15:40:00 15:41:00   # only the reads that started in that minute (UTC)
set -euo pipefail
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
case "${1:-}" in
  settings)
    # jdk.SocketRead and jdk.SocketWrite: the threshold (10 ms in profile.jfc) down to 0 ms
    sed -E '/<event name="jdk.Socket(Read|Write)">/,/<\/event>/ s#(<setting name="threshold"[^>]*>)[^<]*#\10 ms#' \
      "$JAVA_HOME/lib/jfr/profile.jfc"
    ;;
  read)
    "$JAVA_HOME/bin/jfr" print --events jdk.SocketRead --stack-depth 40 "${2:?usage: db-waits.sh read <file.jfr>}" \
      | python3 "$(dirname "${BASH_SOURCE[0]}")/db-waits.py" "${@:3}"
    ;;
  *)
    sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"
    exit 2
    ;;
esac
