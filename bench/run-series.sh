#!/bin/sh
# The lead's quiet series in one command: each run of SERIES by bench/run-one-scenario.sh (a server started from JAR,
# warmed by the same scenario, then measured), each on a copy of a home, then one table of them all.
#   JAR=hygie-server-exec.jar READ_HOME=/path/home10k-pristine SLOT_HOME=/path/slot-home [SERIES="…"] [WARMUP=150]
#   [DURATION=90] [SKIP=10] [PORT=18097] [WORK=dir] [NAME=series] bench/run-series.sh
# SERIES: runs separated by spaces, each SCENARIO:USERS or SCENARIO:USERS@RATE (RATE: requests per second, see
# run-one-scenario.sh). Homes: the read scenarios (pro-record, patient-record, fhir-search) share one copy of
# READ_HOME; upload and booking (they write) get a fresh copy each; slot-search runs on one copy of SLOT_HOME (a home
# with the bench's 10,000 offers and their slots, docs/benchmarks.md « Session 9 — slot search »), skipped without it.
# Copies go to WORK (default bench/gatling/target/series-home-*) and are removed at the end unless KEEP=1; no server may
# run on READ_HOME or SLOT_HOME while they are copied. Each run's files: bench/gatling/target/one/NAME-N-SCENARIO-USERS[-RATE].
# The table (Markdown, per request type but the logins: count, KO, p50/p95/p99/max over the measured run; steady req/s
# and CPU per request from /proc; peak RSS of the server JVM): bench/gatling/target/NAME.md, printed at the end.
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:?set JAR to the server jar to measure}
READ_HOME=${READ_HOME:?set READ_HOME to a home made by bench/make-home.sh or bench/run-gatling.sh}
SLOT_HOME=${SLOT_HOME:-}
SERIES=${SERIES:-"pro-record:8 pro-record:16 pro-record:24 pro-record:32 pro-record:48 pro-record:64@1200 pro-record:64@1500 pro-record:64@1700 patient-record:32 upload:32 fhir-search:32 booking:32 slot-search:8"}
export WARMUP=${WARMUP:-150} SKIP=${SKIP:-10} PORT=${PORT:-18097}
DURATION=${DURATION:-90}
NAME=${NAME:-series}
WORK=${WORK:-$HERE/bench/gatling/target}
TABLE="$HERE/bench/gatling/target/$NAME.md"
LOG="$HERE/bench/gatling/target/$NAME.log"
mkdir -p "$WORK" "$HERE/bench/gatling/target"
# The simulations compiled once, before any measurement (run-one-scenario.sh's Maven runs then only run them).
"$HERE/mvnw" -B -q -pl bench/gatling test-compile

copy_of() { # copy_of SOURCE KIND: a fresh copy of SOURCE, its path on stdout
  dest="$WORK/$NAME-home-$2"
  rm -rf "$dest"; cp -a "$1" "$dest"; rm -f "$dest/postgres/postmaster.pid"
  echo "$dest"
}
READ_COPY=""; SLOT_COPY=""
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK/$NAME-home-"*; }
trap cleanup EXIT INT TERM

{
  echo "## $NAME: $(basename "$JAR") ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(java -version 2>&1 | head -n 1))"
  echo
  echo "WARMUP=$WARMUP s, measured $DURATION s, CPU per request over the steady window from $SKIP s after the last login; percentiles over the measured run (Gatling's report); read home $READ_HOME, slot home ${SLOT_HOME:-none}."
  echo
  echo "| # | scenario | users | rate asked | steady req/s | request type | count | KO | p50 / p95 / p99 / max ms | CPU per request JVM + PG + client ms | JVM RSS peak MB | mean load |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$TABLE"
: > "$LOG"
N=0
for RUN in $SERIES; do
  N=$((N + 1))
  SCENARIO=${RUN%%:*}; REST=${RUN#*:}; USERS=${REST%%@*}; RATE=0
  case "$REST" in *@*) RATE=${REST#*@} ;; esac
  case "$SCENARIO" in
    pro-record|patient-record|fhir-search)
      [ -n "$READ_COPY" ] || READ_COPY=$(copy_of "$READ_HOME" read); H=$READ_COPY ;;
    upload|booking) H=$(copy_of "$READ_HOME" "$SCENARIO") ;;
    slot-search)
      if [ -z "$SLOT_HOME" ]; then echo "run $N $RUN skipped: no SLOT_HOME" | tee -a "$LOG"; continue; fi
      [ -n "$SLOT_COPY" ] || SLOT_COPY=$(copy_of "$SLOT_HOME" slots); H=$SLOT_COPY ;;
    *) echo "run $N $RUN: unknown scenario" | tee -a "$LOG"; continue ;;
  esac
  LABEL="$NAME-$N-$SCENARIO-$USERS$([ "$RATE" -gt 0 ] && echo "-$RATE" || true)"
  echo "$(date -u +%H:%M:%S) run $N: $SCENARIO, $USERS users, rate $RATE, home $H (load $(cut -d ' ' -f 1-3 /proc/loadavg))" | tee -a "$LOG"
  rm -rf "$HERE/bench/gatling/target/one/$LABEL"
  RATE=$RATE BENCH_HYGIE_HOME="$H" "$HERE/bench/run-one-scenario.sh" "$JAR" "$LABEL" "$USERS" "$SCENARIO" "$DURATION" >> "$LOG" 2>&1 \
    || echo "run $N: run-one-scenario.sh failed, see $LOG" | tee -a "$LOG"
  case "$SCENARIO" in upload|booking) [ "${KEEP:-0}" = 1 ] || rm -rf "$H" ;; esac
  ONE="$HERE/bench/gatling/target/one/$LABEL"
  achieved=""; jvm_ms=""; pg_ms=""; client_ms=""; rss_peak_mb=""; load=""
  # shellcheck disable=SC1091
  [ -f "$ONE/result.env" ] && . "$ONE/result.env"
  ASKED=$([ "$RATE" -gt 0 ] && echo "$RATE" || echo "none")
  NOTE=""
  if [ "$RATE" -gt 0 ] && [ -n "$achieved" ] && awk -v a="$achieved" -v r="$RATE" 'BEGIN {exit !(a < 0.97 * r)}'; then NOTE=" **not reached**"; fi
  # One row per request type but the logins (BCrypt, once per user, before the steady window).
  awk -F '\t' -v n="$N" -v s="$SCENARIO" -v u="$USERS" -v r="$ASKED$NOTE" -v a="${achieved:-?}" \
      -v cpu="${jvm_ms:-?} + ${pg_ms:-?} + ${client_ms:-?}" -v rss="${rss_peak_mb:-?}" -v ld="${load:-?}" '
    $1 ~ /^login/ || $1 == "All Requests" { next }
    { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s / %s | %s | %s | %s |\n", n, s, u, r, a, $1, $2, $3, $5, $6, $7, $8, cpu, rss, ld; rows++ }
    END { if (!rows) printf "| %s | %s | %s | %s | %s | (no report) | | | | %s | %s | %s |\n", n, s, u, r, a, cpu, rss, ld }
  ' "$ONE/stats.tsv" 2>/dev/null >> "$TABLE" || echo "| $N | $SCENARIO | $USERS | $ASKED | ? | (no report) | | | | | | |" >> "$TABLE"
done
echo "$(date -u +%H:%M:%S) series done: $TABLE" | tee -a "$LOG"
cat "$TABLE"
