#!/bin/sh
# Server CPU per request in the steady part of a Gatling scenario (docs/benchmarks.md, « Session 6 — record read »):
# the machine is shared, so throughput is noisy, but the CPU the server spends per request moves much less.
#   bench/cpu-per-request.sh bench/gatling/target/gatling-pro-record.log bench/gatling/target/samples-pro-record.txt
# The window starts SKIP seconds (default 10) after the progress block where every virtual user has logged in
# (BCrypt logins and the first JIT compilations stay out; after the first block for a scenario without login) and ends at the last progress block but one (users stop).
# Requests: Gatling's cumulative count of everything but the logins (and their redirects) (its progress blocks, every 5 s). CPU: the
# server JVM's and PostgreSQL's user + system ticks from /proc sampled every second by bench/run-gatling.sh
# (columns: epoch, JVM ticks, PostgreSQL ticks, JVM RSS kB, PostgreSQL RSS kB, 1-min load).
set -eu
LOG=$1
SAMPLES=$2
SKIP=${SKIP:-10}
TICKS=$(getconf CLK_TCK)
BLOCKS=$(mktemp)
trap 'rm -f "$BLOCKS"' EXIT
# One line per progress block: date, time, all requests so far, logins so far, users logged in or not (login forms).
awk '
  /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9] .*elapsed/ {
    if (d != "") print d, t, g, l, f, o
    d = $1; t = $2; g = 0; l = 0; f = 0; o = 0; next }
  /^> .*\|/ { split($0, c, "|"); name = c[1]; sub(/^> /, "", name); sub(/ +$/, "", name); gsub(/[ ,]/, "", c[2])
    if (name == "Global") g = c[2] + 0
    else if (name == "login form") { f = c[2] + 0; o += c[2] }
    else if (name == "login") { l = c[2] + 0; o += c[2] }
    else if (name ~ /^login /) o += c[2]
    next }
  /Global Information/ { if (d != "") print d, t, g, l, f, o; d = "" }
' "$LOG" | while read -r D T G L F O; do
  echo "$(date -u -d "$D $T" +%s) $G $L $F $O"
done > "$BLOCKS"
[ -s "$BLOCKS" ] || { echo "no progress block in $LOG" >&2; exit 1; }
awk -v skip="$SKIP" -v hz="$TICKS" '
  FNR == NR { e[NR] = $1; g[NR] = $2; l[NR] = $3; f[NR] = $4; o[NR] = $5; n = NR; next }
  { st[++m] = $1; j[m] = $2; p[m] = $3; ld[m] = $6 }
  function at(x, col,   k) { # the sampled value at epoch x (nearest sample at or after x)
    for (k = 1; k <= m; k++) if (st[k] >= x) return col == "j" ? j[k] : col == "p" ? p[k] : ld[k]
    return col == "j" ? j[m] : col == "p" ? p[m] : ld[m] }
  END {
    users = f[n]; first = 0
    for (i = 1; i <= n; i++) if (l[i] >= users && users > 0) { first = i; break }
    # A scenario without login (slot-search): the window starts SKIP seconds after the first progress block.
    if (users == 0) first = 1
    if (!first) { print "cpu per request: the logins never all completed"; exit 1 }
    a = 0; for (i = first; i <= n; i++) if (e[i] >= e[first] + skip) { a = i; break }
    b = n - 1
    if (!a || b <= a) { print "cpu per request: steady window too short"; exit 1 }
    req = (g[b] - o[b]) - (g[a] - o[a]); w = e[b] - e[a]
    jc = (at(e[b], "j") - at(e[a], "j")) / hz; pc = (at(e[b], "p") - at(e[a], "p")) / hz
    lsum = 0; lk = 0; for (k = 1; k <= m; k++) if (st[k] >= e[a] && st[k] <= e[b]) { lsum += ld[k]; lk++ }
    printf "steady window %d s (from %d s after the last login): %d requests = %.1f req/s; server CPU per request: JVM %.2f ms, PostgreSQL %.2f ms (JVM %.2f cores, PostgreSQL %.2f cores); mean 1-min load %.1f\n",
      w, skip, req, req / w, 1000 * jc / req, 1000 * pc / req, jc / w, pc / w, lk ? lsum / lk : 0
  }' "$BLOCKS" "$SAMPLES"
