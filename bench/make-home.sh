#!/bin/sh
# Only a benchmark home, no scenario: starts the server JAR on a NEW HYGIE_HOME with PERSONS generated persons and
# BENCH_LOGINS professionals' and persons' logins (the Gatling feeders in HOME/bench), waits for « Demo population
# complete », then stops it (PostgreSQL included). Copy the home before each run (a pristine home is never measured on).
#   PERSONS=100000 [BENCH_LOGINS=50] [PORT=18080] bench/make-home.sh JAR /path/to/new-home
# Prints the wall time and the mean 1-minute load while it generated; the server's log is HOME.log.
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd)
JAR=$1; HOME_DIR=$2
PERSONS=${PERSONS:-10000}; PORT=${PORT:-18080}; URL=http://127.0.0.1:$PORT
[ -e "$HOME_DIR" ] && { echo "$HOME_DIR exists: give a new path" >&2; exit 1; }
if curl -fs "$URL/actuator/health" >/dev/null 2>&1; then echo "port $PORT already serves a Hygie server: set PORT" >&2; exit 1; fi
LOG="$HOME_DIR.log"
JVM_DEFAULTS=$(sed -n 's/^HYGIE_JAVA_OPTS_DEFAULT="\(.*\)"$/\1/p' "$HERE/hygie")
START=$(date +%s)
# shellcheck disable=SC2086
HYGIE_HOME="$HOME_DIR" HYGIE_DEMO_PERSONS="$PERSONS" HYGIE_DEMO_BENCH_LOGINS="${BENCH_LOGINS:-50}" SERVER_PORT="$PORT" \
  SERVER_ADDRESS=127.0.0.1 MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} java ${JAVA_OPTS:-$JVM_DEFAULTS} -jar "$JAR" > "$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT INT TERM
LOADS=0; N=0
until grep -q "Demo population complete" "$LOG"; do
  if grep -q 'Exception in thread "hygie-demo-population"' "$LOG" || ! kill -0 $PID 2>/dev/null; then
    echo "the demo population did not load, see $LOG" >&2; exit 1
  fi
  LOADS=$(awk -v s="$LOADS" '{print s + $1}' /proc/loadavg); N=$((N + 1))
  sleep 2
done
READY=$(date +%s)
kill $PID; wait $PID 2>/dev/null || true
trap - EXIT INT TERM
echo "home $HOME_DIR: $PERSONS persons, population complete $((READY - START)) s after the start (server start-up included), mean 1-min load $(awk -v s="$LOADS" -v n="$N" 'BEGIN {printf "%.1f", n ? s / n : 0}'), $(du -sh "$HOME_DIR" | cut -f 1)"
grep "Bench logins opened" "$LOG" | sed 's/.*BenchLogins *: /feeders: /' || true
grep "Generated demo population loaded" "$LOG" | sed 's/.*DemoPopulation *: /population: /' || true
