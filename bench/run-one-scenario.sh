#!/bin/sh
# One Gatling scenario against a server started from JAR on an EXISTING HYGIE_HOME (made by bench/run-gatling.sh),
# for before/after pairs of two jars on the same data (docs/benchmarks.md, « Session 7 — after the merges »):
#   [WARMUP=seconds] [SKIP=seconds] [RATE=req/s | PACE=ms | ARRIVALS=journeys/s] [STEADY=1] BENCH_HYGIE_HOME=/path/to/home bench/run-one-scenario.sh JAR LABEL [USERS] [SCENARIO] [DURATION]
# Prints Gatling's summary, the measured run's count, KO, rate and p50/p95/p99/max per request type (its HTML report, read
# by bench/gatling-stats.py), then bench/cpu-per-request.sh's steady-window CPU per request for the server (JVM and
# PostgreSQL) and for the Gatling client (every process under its Maven launcher), and the server JVM's resident memory
# (now and peak, VmRSS/VmHWM). Results in bench/gatling/target/one/LABEL; result.env has the figures in one place
# (read by bench/run-series.sh).
# RATE=R: the measured run is throttled to R requests per second (Gatling's throttle: reachRps(R) in 10 s, then held),
# USERS closed-loop users sending them; the latencies are then those of a server receiving R per second rather than of
# USERS users without pause. The throttle is only an upper bound: too few users (Little: USERS ≥ R × response time) or a
# server that cannot keep up give fewer than R per second, and the summary says « RATE NOT REACHED » when the steady
# window's rate is below 97 % of R. A request the throttle holds back is timed from when it is sent, not from when the
# user wanted to send it. The warm-up (WARMUP) is not throttled.
# Gatling 3.16's throttler counts requests per one-second tick and holds the excess until the next tick: users that
# could send more than R per second send in bursts at each tick, and the percentiles are those of these bursts (session
# 10: p50 8 ms, p99 72 ms at R = 1500 with 64 users; docs/benchmarks.md « Session 10 — after the merges »).
# PACE=P (milliseconds, pro-record only): each user's iteration paced at a random P/2–3P/2 instead (Gatling's pace):
# requests spread over time, about USERS × 1000 / P journeys per second, ~1.7 requests each (USERS=96 PACE=105 for
# ~1,500 req/s on the 10,000-person home).
# ARRIVALS=A (journeys per second, pro-record only): an open model instead: USERS professionals log in first, then
# journeys (record page, then its first document) arrive at random, A per second (a Poisson process: exponential
# inter-arrival times, Gatling's constantUsersPerSec(A).randomized()), each on one of the opened sessions; an arrival
# never waits for an earlier response. ARRIVALS=900 gives ~1,500 req/s on the 10,000-person home.
# With PACE or ARRIVALS the expected rate is the journeys per second times the run's own requests per journey (its
# steady rows); « RATE NOT REACHED » as for RATE when the steady window's rate is below 97 % of it.
# STEADY=1 (default): the percentiles are those of the STEADY WINDOW. Every user logs in, then waits at a rendez-vous
# until all have (so that no request is served while a BCrypt login runs); the journey's requests of the first SKIP
# seconds after it are named « settle: … » and reported in rows of their own; the rows with the journey's plain names
# are the steady window only (SKIP s after the last login to the end). STEADY=0: as before session 11, the journeys
# start as each user logs in and the rows cover the whole measured run (session 10's figures; the logins' transient
# inside). « All Requests » is always the whole measured run, logins included.
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd)
JAR=$1; LABEL=$2; USERS=${3:-32}; SCENARIO=${4:-pro-record}; DURATION=${5:-60}
HOME_DIR=${BENCH_HYGIE_HOME:?set BENCH_HYGIE_HOME to a home made by bench/run-gatling.sh}
PORT=${PORT:-18097}; URL=http://127.0.0.1:$PORT
OUT="$HERE/bench/gatling/target/one/$LABEL"; mkdir -p "$OUT"
# Another server already answering on this port would be measured instead of JAR (ours would fail to bind and Gatling
# would load someone else's server): refuse to start (session 8: two engineers' runs met on the default port 18097).
if curl -fs "$URL/actuator/health" >/dev/null 2>&1; then echo "port $PORT already serves a Hygie server: set PORT" >&2; exit 1; fi
JVM_DEFAULTS=$(sed -n 's/^HYGIE_JAVA_OPTS_DEFAULT="\(.*\)"$/\1/p' "$HERE/hygie")
# shellcheck disable=SC2086
HYGIE_HOME="$HOME_DIR" HYGIE_DEMO_PERSONS=${PERSONS:-10000} HYGIE_DEMO_BENCH_LOGINS=${BENCH_LOGINS:-50} SERVER_PORT=$PORT SERVER_ADDRESS=127.0.0.1 MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} \
  java ${JAVA_OPTS:-$JVM_DEFAULTS} -jar "$JAR" > "$OUT/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT INT TERM
until curl -fs "$URL/actuator/health" >/dev/null 2>&1; do kill -0 $PID; sleep 2; done
ticks_of() { for p in "$@"; do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true; done | awk '{s += $1} END {print s + 0}'; }
pg_pids() { pm=$(head -n 1 "$HOME_DIR/postgres/postmaster.pid" 2>/dev/null || true); [ -n "$pm" ] && { echo "$pm"; pgrep -P "$pm" || true; }; }
tree_of() { echo "$1"; for c in $(pgrep -P "$1" || true); do tree_of "$c"; done; }
client_pids() { [ -s "$OUT/client.pid" ] && tree_of "$(cat "$OUT/client.pid")" || true; }
: > "$OUT/samples.txt"; : > "$OUT/client.pid"
# Columns: epoch, JVM ticks, PostgreSQL ticks, client ticks, 0, 1-min load (client in column 4, see below).
( while kill -0 $PID 2>/dev/null; do echo "$(date +%s.%N) $(ticks_of $PID) $(ticks_of $(pg_pids)) $(ticks_of $(client_pids)) 0 $(cut -d ' ' -f 1 /proc/loadavg)" >> "$OUT/samples.txt"; sleep 1; done ) &
SAMPLER=$!
cd "$HERE"
# WARMUP=N: first the same scenario for N seconds, not measured (its log: warmup.log), so that the measured run, its
# percentiles included, is taken on a server whose JIT has compiled the journey (session 9: C2 still compiled 14 % of
# the JVM's CPU 160 s into a run; docs/benchmarks.md « Session 9 — after the merges »).
if [ "${WARMUP:-0}" -gt 0 ]; then
  ./mvnw -B -pl bench/gatling gatling:test -Dscenario="$SCENARIO" -Dusers="$USERS" -Dduration="$WARMUP" -Dhygie.url="$URL" \
    -Dbench.feeders="$HOME_DIR/bench" > "$OUT/warmup.log" 2>&1 || true
fi
echo "load before: $(cat /proc/loadavg)" > "$OUT/summary.txt"
SETTLE=0; [ "${STEADY:-1}" = 1 ] && SETTLE=${SKIP:-10}
sh -c 'echo $$ > "$0/client.pid"; exec ./mvnw -B -pl bench/gatling gatling:test -Dscenario="$1" -Dusers="$2" -Dduration="$5" -Dhygie.url="$3" -Dbench.feeders="$4/bench" -Drate="$6" -Dpace="${PACE:-0}" -Darrivals="${ARRIVALS:-0}" -Dsettle="$7"' \
  "$OUT" "$SCENARIO" "$USERS" "$URL" "$HOME_DIR" "$DURATION" "${RATE:-0}" "$SETTLE" > "$OUT/gatling.log" 2>&1 || true
kill $SAMPLER 2>/dev/null || true
echo "load after: $(cat /proc/loadavg)" >> "$OUT/summary.txt"
sed -n '/Global Information/,/^=\{20,\}/p' "$OUT/gatling.log" >> "$OUT/summary.txt"
LOAD_SHAPE="${USERS} users$([ "${RATE:-0}" -gt 0 ] && echo ", throttled to $RATE req/s" || true)$([ "${PACE:-0}" -gt 0 ] && echo ", each journey paced at a random $((PACE / 2))–$((PACE * 3 / 2)) ms" || true)"
[ "${ARRIVALS:-0}" != 0 ] && LOAD_SHAPE="${USERS} sessions opened first, then $ARRIVALS journeys per second arriving at random (Poisson)"
if [ "$SETTLE" -gt 0 ]; then
  WINDOW="steady window: rows without « settle: » = requests sent from $SETTLE s after every user had logged in, to the end; « settle: » rows = the $SETTLE s before; « All Requests » = the whole measured run, logins included"
else
  WINDOW="whole measured run, STEADY=0: the journeys' rows include what was served while the logins ran"
fi
echo "PER REQUEST TYPE ($LOAD_SHAPE; $WINDOW):" >> "$OUT/summary.txt"
"$HERE/bench/gatling-stats.py" --from-log "$OUT/gatling.log" >> "$OUT/summary.txt" 2>&1 || true
"$HERE/bench/gatling-stats.py" --from-log "$OUT/gatling.log" --tsv > "$OUT/stats.tsv" 2>/dev/null || : > "$OUT/stats.tsv"
echo "SERVER:" >> "$OUT/summary.txt"
"$HERE/bench/cpu-per-request.sh" "$OUT/gatling.log" "$OUT/samples.txt" > "$OUT/server-cpu.txt" 2>&1 || true
awk '{print $1, $4, 0, 0, 0, $6}' "$OUT/samples.txt" > "$OUT/client-samples.txt"
"$HERE/bench/cpu-per-request.sh" "$OUT/gatling.log" "$OUT/client-samples.txt" > "$OUT/client-cpu.txt" 2>&1 || true
cat "$OUT/server-cpu.txt" >> "$OUT/summary.txt"
echo "CLIENT (Gatling and its Maven launcher, in the JVM column):" >> "$OUT/summary.txt"
cat "$OUT/client-cpu.txt" >> "$OUT/summary.txt"
RSS=$(awk '/VmRSS/ {print int($2 / 1024)}' /proc/$PID/status); HWM=$(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$PID/status)
echo "JVM resident memory at the end: $RSS MB, peak $HWM MB" >> "$OUT/summary.txt"
# The figures in one place: steady rate and CPU per request (from cpu-per-request.sh's line), KO, peak RSS.
ACHIEVED=$(sed -n 's/.* requests = \([0-9.]*\) req\/s.*/\1/p' "$OUT/server-cpu.txt")
# The rate asked: RATE, or for PACE and ARRIVALS the journeys per second times this run's requests per journey (its
# steady rows: every request but the logins and the settling ones, over the journeys' first requests, « pro: record »).
TARGET=""; ASKED=""
if [ "${RATE:-0}" -gt 0 ]; then TARGET=$RATE; ASKED="$RATE asked"
elif [ "${PACE:-0}" -gt 0 ] || [ "${ARRIVALS:-0}" != 0 ]; then
  PER_JOURNEY=$(awk -F '\t' '$1 ~ /^login/ || $1 ~ /^settle: / || $1 == "All Requests" { next } { n += $2 } $1 == "pro: record" { j = $2 } END { if (j) printf "%.3f", n / j }' "$OUT/stats.tsv")
  JOURNEYS=$([ "${ARRIVALS:-0}" != 0 ] && echo "$ARRIVALS" || awk -v u="$USERS" -v p="$PACE" 'BEGIN {printf "%.1f", u * 1000 / p}')
  if [ -n "$PER_JOURNEY" ]; then
    TARGET=$(awk -v j="$JOURNEYS" -v r="$PER_JOURNEY" 'BEGIN {printf "%.1f", j * r}')
    ASKED="$TARGET expected ($JOURNEYS journeys/s × $PER_JOURNEY requests per journey)"
  fi
fi
if [ -n "$TARGET" ]; then
  if [ -z "$ACHIEVED" ]; then echo "RATE $ASKED: achieved rate unknown (no steady window)" >> "$OUT/summary.txt"
  elif awk -v a="$ACHIEVED" -v r="$TARGET" 'BEGIN {exit !(a < 0.97 * r)}'; then
    echo "RATE NOT REACHED: $ACHIEVED req/s in the steady window for $ASKED (too few users, or the server or the machine cannot keep up): the latencies are those of a saturated system, not of $TARGET req/s" >> "$OUT/summary.txt"
  else echo "rate reached: $ACHIEVED req/s in the steady window for $ASKED" >> "$OUT/summary.txt"; fi
elif [ "${PACE:-0}" -gt 0 ] || [ "${ARRIVALS:-0}" != 0 ]; then echo "RATE: expected rate unknown (no « pro: record » row)" >> "$OUT/summary.txt"; fi
{
  echo "scenario=$SCENARIO users=$USERS rate=${RATE:-0} pace=${PACE:-0} arrivals=${ARRIVALS:-0} settle=$SETTLE warmup=${WARMUP:-0} duration=$DURATION"
  echo "target=$TARGET"
  echo "achieved=${ACHIEVED:-}"
  echo "jvm_ms=$(sed -n 's/.*JVM \([0-9.]*\) ms, PostgreSQL.*/\1/p' "$OUT/server-cpu.txt")"
  echo "pg_ms=$(sed -n 's/.*PostgreSQL \([0-9.]*\) ms (.*/\1/p' "$OUT/server-cpu.txt")"
  echo "client_ms=$(sed -n 's/.*JVM \([0-9.]*\) ms, PostgreSQL.*/\1/p' "$OUT/client-cpu.txt")"
  echo "load=$(sed -n 's/.*mean 1-min load \([0-9.]*\).*/\1/p' "$OUT/server-cpu.txt")"
  echo "ko=$(awk -F '\t' '$1 == "All Requests" {print $3}' "$OUT/stats.tsv")"
  echo "rss_mb=$RSS rss_peak_mb=$HWM"
} > "$OUT/result.env"
kill $PID; wait $PID 2>/dev/null || true
trap - EXIT INT TERM
cat "$OUT/summary.txt"
