#!/bin/sh
# The FHIR import measure (target « FHIR import ≥ 2,000 resources/s », docs/benchmarks.md): exports the population of
# HOME (NDJSON, `java -jar JAR export`), then imports it into a new empty home (`import`, no demo data), with the
# server's JVM options (./hygie's defaults: the import must hold in -Xmx512m). No server may run on HOME (the commands
# start its PostgreSQL); HOME is not changed by an export, but copy a pristine home first all the same.
#   bench/run-fhir-import.sh JAR HOME OUT_DIR
# Prints the export's and the import's wall times, the import's own summary (resources, seconds, resources/s, rejected;
# its steps; the first ten rejections with their reasons), and « FHIR IMPORT BELOW 2,000 RESOURCES/S » or « import rate reached ». Files: OUT_DIR/fhir-export (the
# NDJSON), OUT_DIR/import-home (removed at the end unless KEEP=1), OUT_DIR/fhir-export.log, OUT_DIR/fhir-import.log.
# FROM_EXPORT=dir: import that export (made earlier by `export`) instead of exporting HOME (HOME is then not read): the
# export of 10,000 persons takes minutes, and the import's rate is what the target is about.
# Used by bench/run-gatling.sh (FHIR_IMPORT=1) and alone for the lead's series.
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd)
JAR=$1; HOME_DIR=$2; OUT=$3
JVM_DEFAULTS=$(sed -n 's/^HYGIE_JAVA_OPTS_DEFAULT="\(.*\)"$/\1/p' "$HERE/hygie")
mkdir -p "$OUT"; rm -rf "$OUT/import-home"
if [ -n "${FROM_EXPORT:-}" ]; then
  EXPORT=$FROM_EXPORT
  echo "== FHIR export: $EXPORT, made earlier (FROM_EXPORT)"
else
  EXPORT="$OUT/fhir-export"; rm -rf "$EXPORT"
  T0=$(date +%s)
  # shellcheck disable=SC2086
  HYGIE_HOME="$HOME_DIR" java ${JAVA_OPTS:-$JVM_DEFAULTS} -jar "$JAR" export --out "$EXPORT" > "$OUT/fhir-export.log" 2>&1 || true
  echo "== FHIR export of $HOME_DIR: $(($(date +%s) - T0)) s wall with start-up; $(grep 'Export terminé' "$OUT/fhir-export.log" || echo 'NO EXPORT, see fhir-export.log')"
fi
LOAD_BEFORE=$(cut -d ' ' -f 1-3 /proc/loadavg)
T0=$(date +%s)
# shellcheck disable=SC2086
HYGIE_HOME="$OUT/import-home" HYGIE_DEMO_ENABLED=false java ${JAVA_OPTS:-$JVM_DEFAULTS} -jar "$JAR" import "$EXPORT" > "$OUT/fhir-import.log" 2>&1 || true
echo "== FHIR import of the export into an empty Hygie ($(($(date +%s) - T0)) s wall with start-up; load average before: $LOAD_BEFORE, after: $(cut -d ' ' -f 1-3 /proc/loadavg))"
ls "$EXPORT" 2>/dev/null | tr '\n' ' '; echo
# The import's summary line (resources, seconds, rate, rejected), its steps, then the first rejections with their reasons
# (the demo cast's two mandates are rejected by design: accounts never travel, docs/features.md « FHIR R4 »).
grep ' ressources en ' "$OUT/fhir-import.log" || true
grep '^  étape ' "$OUT/fhir-import.log" || true
grep 'rejetée :' "$OUT/fhir-import.log" | head -n 10 || true
RATE=$(sed -n 's/.* ressources en [0-9.,]* s (\([0-9]*\) ressources\/s), \([0-9]*\) rejetées.*/\1/p' "$OUT/fhir-import.log" | tail -n 1)
REJECTED=$(sed -n 's/.* ressources\/s), \([0-9]*\) rejetées.*/\1/p' "$OUT/fhir-import.log" | tail -n 1)
if [ -z "$RATE" ]; then echo "FHIR IMPORT DID NOT FINISH: see $OUT/fhir-import.log"
elif [ "$RATE" -lt 2000 ]; then echo "FHIR IMPORT BELOW 2,000 RESOURCES/S: $RATE resources/s, $REJECTED rejected"
else echo "import rate reached: $RATE resources/s (target 2,000), $REJECTED rejected"; fi
[ "${KEEP:-0}" = 1 ] || rm -rf "$OUT/import-home"
