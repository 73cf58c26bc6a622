#!/bin/sh
# JMH suite of the hot code (docs/benchmarks.md). Extra JMH options go in JMH_ARGS, e.g.
#   JMH_ARGS="-f 2 -wi 5 -i 10" bench/run-jmh.sh        JMH_INCLUDE=CryptoBenchmark bench/run-jmh.sh
# (JMH_INCLUDE is a JMH regular expression; JMH_RESULT the JSON result file)
# Results: bench/jmh/target/jmh-result.json and bench/jmh/target/jmh.log (with the load average before and after).
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT="$HERE/bench/jmh/target"
mkdir -p "$OUT"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  host: $(uname -srm), $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB"
  echo "java: $(java -version 2>&1 | head -n 1)"
  echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
} > "$OUT/jmh-machine.txt"
set -- -B -Pbench -pl bench/jmh -am verify -DskipTests -Djmh.include="${JMH_INCLUDE:-fr.hygie}" \
  -Djmh.result="${JMH_RESULT:-$OUT/jmh-result.json}"
if [ -n "${JMH_ARGS:-}" ]; then
  set -- "$@" "-Djmh.args=$JMH_ARGS"
fi
"$HERE/mvnw" "$@" 2>&1 | tee "$OUT/jmh.log"
echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)" >> "$OUT/jmh-machine.txt"
cat "$OUT/jmh-machine.txt"
