#!/bin/sh
# The lead's quiet series in one command: each run of SERIES by bench/run-one-scenario.sh (a server started from JAR,
# warmed by the same scenario, then measured), each on a copy of a home, then one table of them all.
#   JAR=hygie-server-exec.jar READ_HOME=/path/home10k-pristine SLOT_HOME=/path/slot-home [SERIES="…"] [WARMUP=150]
#   [DURATION=90] [SKIP=10] [PORT=18097] [WORK=dir] [NAME=series] bench/run-series.sh
# SERIES: runs separated by spaces, each SCENARIO:USERS, SCENARIO:USERS@RATE (Gatling's throttle, RATE requests per
# second), pro-record:USERS~PACE (each user's journey paced at a random PACE/2–3·PACE/2 ms) or pro-record:USERS/ARRIVALS
# (USERS sessions opened, then ARRIVALS journeys per second arriving at random, Poisson; at 900 journeys/s on 2 cores it collapsed in session 11, the paced run is the measure of « p99 at
# 1,500 req/s », e.g. pro-record:32/900); see run-one-scenario.sh. Percentiles over the steady window (STEADY=1, from
# SKIP s after every user has logged in; STEADY=0 for the whole measured run). Homes: the read scenarios (pro-record, patient-record, fhir-search) share one copy of
# READ_HOME; upload and booking (they write) get a fresh copy each; slot-search runs on one copy of SLOT_HOME (a home
# with the bench's 10,000 offers and their slots, docs/benchmarks.md « Session 9 — slot search »), skipped without it.
# Copies go to WORK (default bench/gatling/target/series-home-*) and are removed at the end unless KEEP=1; no server may
# run on READ_HOME or SLOT_HOME while they are copied. Each run's files: bench/gatling/target/one/NAME-N-SCENARIO-USERS[-RATE].
# The table (Markdown, per request type but the logins and the settling requests: count, KO, p50/p95/p99/max over the
# steady window; steady req/s
# and CPU per request from /proc; peak RSS of the server JVM): bench/gatling/target/NAME.md, printed at the end.
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:?set JAR to the server jar to measure}
READ_HOME=${READ_HOME:?set READ_HOME to a home made by bench/make-home.sh or bench/run-gatling.sh}
SLOT_HOME=${SLOT_HOME:-}
SERIES=${SERIES:-"pro-record:8 pro-record:16 pro-record:24 pro-record:32 pro-record:48 pro-record:96~105 patient-record:32 upload:32 fhir-search:32 booking:32 slot-search:8"}
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
  if [ "${STEADY:-1}" = 1 ]; then
    echo "WARMUP=$WARMUP s, then the logins, then $SKIP s of settling, then $DURATION s measured: percentiles (Gatling's report) and CPU per request over the steady window, from $SKIP s after every user has logged in (no login running); read home $READ_HOME, slot home ${SLOT_HOME:-none}."
  else
    echo "WARMUP=$WARMUP s, measured $DURATION s, CPU per request over the steady window from $SKIP s after the last login; percentiles over the whole measured run, logins' transient included (STEADY=0); read home $READ_HOME, slot home ${SLOT_HOME:-none}."
  fi
  echo
  echo "| # | scenario | users | load asked (req/s) | steady req/s | request type | count | KO | p50 / p95 / p99 / max ms | CPU per request JVM + PG + client ms | JVM RSS peak MB | mean load |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$TABLE"
: > "$LOG"
N=0
for RUN in $SERIES; do
  N=$((N + 1))
  SCENARIO=${RUN%%:*}; REST=${RUN#*:}; USERS=${REST%%[@~/]*}; RATE=0; PACE=0; ARRIVALS=0
  case "$REST" in *@*) RATE=${REST#*@} ;; *~*) PACE=${REST#*~} ;; */*) ARRIVALS=${REST#*/} ;; esac
  if { [ "$PACE" != 0 ] || [ "$ARRIVALS" != 0 ]; } && [ "$SCENARIO" != pro-record ]; then
    echo "run $N $RUN: pace and arrivals are for pro-record only" | tee -a "$LOG"; continue
  fi
  case "$SCENARIO" in
    pro-record|patient-record|fhir-search)
      [ -n "$READ_COPY" ] || READ_COPY=$(copy_of "$READ_HOME" read); H=$READ_COPY ;;
    upload|booking) H=$(copy_of "$READ_HOME" "$SCENARIO") ;;
    slot-search)
      if [ -z "$SLOT_HOME" ]; then echo "run $N $RUN skipped: no SLOT_HOME" | tee -a "$LOG"; continue; fi
      [ -n "$SLOT_COPY" ] || SLOT_COPY=$(copy_of "$SLOT_HOME" slots); H=$SLOT_COPY ;;
    *) echo "run $N $RUN: unknown scenario" | tee -a "$LOG"; continue ;;
  esac
  LABEL="$NAME-$N-$SCENARIO-$USERS$([ "$RATE" -gt 0 ] && echo "-$RATE" || true)$([ "$PACE" != 0 ] && echo "-pace$PACE" || true)$([ "$ARRIVALS" != 0 ] && echo "-arrivals$ARRIVALS" || true)"
  echo "$(date -u +%H:%M:%S) run $N: $SCENARIO, $USERS users, rate $RATE, pace $PACE, arrivals $ARRIVALS, home $H (load $(cut -d ' ' -f 1-3 /proc/loadavg))" | tee -a "$LOG"
  rm -rf "$HERE/bench/gatling/target/one/$LABEL"
  RATE=$RATE PACE=$PACE ARRIVALS=$ARRIVALS BENCH_HYGIE_HOME="$H" "$HERE/bench/run-one-scenario.sh" "$JAR" "$LABEL" "$USERS" "$SCENARIO" "$DURATION" >> "$LOG" 2>&1 \
    || echo "run $N: run-one-scenario.sh failed, see $LOG" | tee -a "$LOG"
  case "$SCENARIO" in upload|booking) [ "${KEEP:-0}" = 1 ] || rm -rf "$H" ;; esac
  ONE="$HERE/bench/gatling/target/one/$LABEL"
  achieved=""; target=""; jvm_ms=""; pg_ms=""; client_ms=""; rss_peak_mb=""; load=""
  # shellcheck disable=SC1091
  [ -f "$ONE/result.env" ] && . "$ONE/result.env"
  ASKED="none"
  [ "$RATE" -gt 0 ] && ASKED="$RATE (throttle)"
  [ "$PACE" != 0 ] && ASKED="pace $PACE ms: ${target:-?}"
  [ "$ARRIVALS" != 0 ] && ASKED="Poisson $ARRIVALS journeys/s: ${target:-?}"
  NOTE=""
  if [ -n "$target" ] && [ -n "$achieved" ] && awk -v a="$achieved" -v r="$target" 'BEGIN {exit !(a < 0.97 * r)}'; then NOTE=" **not reached**"; fi
  # One row per request type but the logins (BCrypt, once per user, before the steady window) and the settling requests.
  awk -F '\t' -v n="$N" -v s="$SCENARIO" -v u="$USERS" -v r="$ASKED$NOTE" -v a="${achieved:-?}" \
      -v cpu="${jvm_ms:-?} + ${pg_ms:-?} + ${client_ms:-?}" -v rss="${rss_peak_mb:-?}" -v ld="${load:-?}" '
    $1 ~ /^login/ || $1 ~ /^settle: / || $1 == "All Requests" { next }
    { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s / %s | %s | %s | %s |\n", n, s, u, r, a, $1, $2, $3, $5, $6, $7, $8, cpu, rss, ld; rows++ }
    END { if (!rows) printf "| %s | %s | %s | %s | %s | (no report) | | | | %s | %s | %s |\n", n, s, u, r, a, cpu, rss, ld }
  ' "$ONE/stats.tsv" 2>/dev/null >> "$TABLE" || echo "| $N | $SCENARIO | $USERS | $ASKED | ? | (no report) | | | | | | |" >> "$TABLE"
done
echo "$(date -u +%H:%M:%S) series done: $TABLE" | tee -a "$LOG"
cat "$TABLE"
