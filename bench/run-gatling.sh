#!/bin/sh
# Gatling scenarios against a real Hygie (docs/benchmarks.md): starts the server on a fresh HYGIE_HOME
# with a generated population, waits for health, runs each scenario in turn against 127.0.0.1 only,
# samples the server's CPU and resident memory from /proc (the JVM, and PostgreSQL's processes
# separately), then stops the server. Bounded: every scenario stops by itself.
#   PERSONS=100000 USERS=8 DURATION=45 SCENARIOS="patient-record pro-record fhir-search slot-search upload booking" \
#   FHIR_IMPORT=1 bench/run-gatling.sh
# BENCH_LOGINS=N (default 50): the server opens N generated professionals' and N persons' logins and writes the
# feeders in HYGIE_HOME/bench; each virtual user is then another professional or person, and each iteration of a
# professional reads or uploads for another of their patients (BENCH_LOGINS=0: the demo cast only, as before).
# After the scenarios: `journal verify` of everything journaled, then FHIR export of the population and
# import into an empty Hygie (resources per second).
# Results: bench/gatling/target/gatling-summary.txt (one block per scenario), HTML reports in bench/gatling/target/gatling/.
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT="$HERE/bench/gatling/target"
PERSONS=${PERSONS:-100000}
USERS=${USERS:-8}
DURATION=${DURATION:-45}
PORT=${PORT:-18080}
SCENARIOS=${SCENARIOS:-"patient-record pro-record fhir-search slot-search upload booking"}
HOME_DIR=${BENCH_HYGIE_HOME:-"$OUT/hygie-home"}
URL="http://127.0.0.1:$PORT"
TICKS=$(getconf CLK_TCK)
mkdir -p "$OUT"
SUMMARY="$OUT/gatling-summary.txt"

# Build everything once (the server jar and the simulations), then never during the measurements.
"$HERE/mvnw" -B -q -pl bench/gatling test-compile
# HYGIE_JAR=path: measure that jar instead (e.g. a copy built from another commit, for a before/after pair).
if [ -n "${HYGIE_JAR:-}" ]; then
  JAR=$HYGIE_JAR
else
  "$HERE/mvnw" -B -q -pl hygie-server -am package -DskipTests
  JAR="$HERE/hygie-server/target/hygie-server-exec.jar"
fi

rm -rf "$HOME_DIR"
echo "starting Hygie with $PERSONS generated persons on $URL (HYGIE_HOME=$HOME_DIR)"
START=$(date +%s)
# The server's JVM options are ./hygie's defaults (bounded heap, serial GC) unless JAVA_OPTS is set.
JVM_DEFAULTS=$(sed -n 's/^HYGIE_JAVA_OPTS_DEFAULT="\(.*\)"$/\1/p' "$HERE/hygie")
echo "server JVM options: ${JAVA_OPTS:-$JVM_DEFAULTS}"
# shellcheck disable=SC2086
HYGIE_HOME="$HOME_DIR" HYGIE_DEMO_PERSONS="$PERSONS" HYGIE_DEMO_BENCH_LOGINS="${BENCH_LOGINS:-50}" SERVER_PORT="$PORT" SERVER_ADDRESS=127.0.0.1 \
  MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} java ${JAVA_OPTS:-$JVM_DEFAULTS} -jar "$JAR" > "$OUT/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT INT TERM
# Healthy, then the demo population loaded (DemoPopulation logs when its agendas are in).
until curl -fs "$URL/actuator/health" >/dev/null 2>&1; do
  kill -0 $PID 2>/dev/null || { echo "the server stopped, see $OUT/server.log" >&2; exit 1; }
  sleep 2
done
# Wait for the whole population ("Demo population complete"): "Demo cast loaded" comes first, and measuring
# while the generator still writes measures the generator (a 12:18 run did, see docs/benchmarks.md).
until grep -q "Demo population complete" "$OUT/server.log" && \
      curl -fs "$URL/rendez-vous?lieu=Lyon" >/dev/null 2>&1; do
  if grep -q 'Exception in thread "hygie-demo-population"' "$OUT/server.log" || ! kill -0 $PID 2>/dev/null; then
    echo "the demo population did not load, see $OUT/server.log" >&2; exit 1
  fi
  sleep 2
done
sleep 10
READY=$(date +%s)
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  machine: $(uname -srm), $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB, $(java -version 2>&1 | head -n 1)"
  echo "persons: $PERSONS  users: $USERS  duration: ${DURATION}s per scenario  server ready in $((READY - START)) s"
  grep "Bench logins opened" "$OUT/server.log" | sed 's/.*BenchLogins *: /feeders: /' || true
  grep "Generated demo population loaded" "$OUT/server.log" | sed 's/.*DemoPopulation *: /population: /' || true
} > "$SUMMARY"

pg_pids() {
  pm=$(head -n 1 "$HOME_DIR/postgres/postmaster.pid" 2>/dev/null || true)
  [ -n "$pm" ] && { echo "$pm"; pgrep -P "$pm" || true; }
}
ticks_of() { for p in "$@"; do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true; done | awk '{s += $1} END {print s + 0}'; }
rss_of() { for p in "$@"; do awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || true; done | awk '{s += $1} END {print s + 0}'; }

for S in $SCENARIOS; do
  SAMPLES="$OUT/samples-$S.txt"
  : > "$SAMPLES"
  (
    while kill -0 $PID 2>/dev/null; do
      # shellcheck disable=SC2046
      echo "$(date +%s.%N) $(ticks_of $PID) $(ticks_of $(pg_pids)) $(rss_of $PID) $(rss_of $(pg_pids)) $(cut -d ' ' -f 1 /proc/loadavg)" >> "$SAMPLES"
      sleep 1
    done
  ) &
  SAMPLER=$!
  LOAD_BEFORE=$(cut -d ' ' -f 1-3 /proc/loadavg)
  FEEDERS=""
  [ -f "$HOME_DIR/bench/professionals.csv" ] && FEEDERS="$HOME_DIR/bench"
  "$HERE/mvnw" -B -pl bench/gatling gatling:test \
      -Dscenario="$S" -Dusers="$USERS" -Dduration="$DURATION" -Dhygie.url="$URL" -Dbench.feeders="$FEEDERS" \
      > "$OUT/gatling-$S.log" 2>&1 || true
  kill $SAMPLER 2>/dev/null || true
  LOAD_AFTER=$(cut -d ' ' -f 1-3 /proc/loadavg)
  {
    echo
    echo "== scenario $S (load average before: $LOAD_BEFORE, after: $LOAD_AFTER)"
    sed -n '/Global Information/,/^=\{20,\}/p' "$OUT/gatling-$S.log"
    echo "requests per type (last progress block):"
    grep -A 14 '^---- Requests' "$OUT/gatling-$S.log" | tail -n 14 | grep '^>' || true
    awk -v t="$TICKS" 'NR == 1 {t0 = $1; j0 = $2; p0 = $3} {t1 = $1; j1 = $2; p1 = $3; if ($4 > jr) jr = $4; if ($5 > pr) pr = $5; l += $6; n++}
      END {w = t1 - t0; if (w > 0) printf "server CPU: JVM %.2f cores, PostgreSQL %.2f cores (of %s wall s); peak RSS: JVM %d MB, PostgreSQL processes %d MB (sum, counts shared buffers per process); mean 1-min load %.1f\n", (j1 - j0) / t / w, (p1 - p0) / t / w, w, jr / 1024, pr / 1024, l / n}' "$SAMPLES"
    # CPU per request in the steady part (logins and warm-up left out): the figure a shared machine disturbs least.
    "$HERE/bench/cpu-per-request.sh" "$OUT/gatling-$S.log" "$SAMPLES" || true
  } >> "$SUMMARY"
done

# Journal verification of everything the scenarios journaled (a subcommand against the same HYGIE_HOME).
T0=$(date +%s)
VERIFY=$(HYGIE_HOME="$HOME_DIR" java -jar "$JAR" journal verify 2>&1 | tail -n 3 || true)
echo "
== journal verify ($(($(date +%s) - T0)) s wall, load average $(cut -d ' ' -f 1-3 /proc/loadavg))
$VERIFY" >> "$SUMMARY"

kill $PID
wait $PID 2>/dev/null || true
trap - EXIT INT TERM

# FHIR import: export this population (NDJSON), then import it into an empty Hygie (no demo data): bench/run-fhir-import.sh.
if [ "${FHIR_IMPORT:-1}" = 1 ]; then
  echo >> "$SUMMARY"
  "$HERE/bench/run-fhir-import.sh" "$JAR" "$HOME_DIR" "$OUT" >> "$SUMMARY" 2>&1 || true
fi
cat "$SUMMARY"
