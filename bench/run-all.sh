#!/bin/sh
# Every benchmark, one command: the JMH suite, then the Gatling scenarios against a server it starts
# and stops (docs/benchmarks.md). Options of each part: see bench/run-jmh.sh and bench/run-gatling.sh.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
"$HERE/run-jmh.sh"
"$HERE/run-gatling.sh"
