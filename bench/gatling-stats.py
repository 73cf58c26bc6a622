#!/usr/bin/env python3
"""Per request type statistics of one Gatling run, read from its HTML report (index.html: Gatling 3.16 writes
simulation.log in a binary format, and the report's statistics table has every request name with its count, KO,
rate and percentiles). Percentiles are Gatling's, over the whole run the report covers, one row per request name: the
logins, and with HygieSimulation's -Dsettle (bench/run-one-scenario.sh, STEADY=1) the requests of the settling seconds
(« settle: … »), have rows of their own, so the rows with the journey's plain names are the steady window only; « All
Requests » is the whole run. (A time window computed here from simulation.log was not chosen: Gatling 3.16 writes it in
an undocumented binary format; naming the requests apart is exact and needs no parser.)

    bench/gatling-stats.py REPORT_DIR_OR_INDEX_HTML            # a table, one row per request type, « All Requests » first
    bench/gatling-stats.py --tsv REPORT_DIR_OR_INDEX_HTML      # the same, tab-separated, no header (for bench/run-series.sh)
    bench/gatling-stats.py --from-log GATLING_LOG [--tsv]      # the report named by « Please open the following file » in a Maven log
    bench/gatling-stats.py --self-test                         # parses a two-row excerpt of a real report, exits 1 if wrong
"""
import html
import os
import re
import sys

# Columns of the report's statistics table (col-N): 2 total, 3 OK, 4 KO, 5 % KO, 6 count per second, 7 min, 8 p50, 9 p75,
# 10 p95, 11 p99, 12 max, 13 mean, 14 standard deviation.
ROW = re.compile(r'<tr id="[^"]*"[^>]*>(.*?)</tr>', re.S)
NAME = re.compile(r'class="ellipsed-name">(.*?)</span>', re.S)
CELL = re.compile(r'<td class="value [^"]*col-(\d+)">([^<]*)</td>')
FIELDS = {"count": 2, "ko": 4, "rps": 6, "p50": 8, "p95": 10, "p99": 11, "max": 12}


def rows(index_html):
    return parse(open(index_html, encoding="utf-8").read())


def parse(text):
    out = []
    for body in ROW.findall(text):
        name = NAME.search(body)
        cells = {int(c): v.strip() for c, v in CELL.findall(body)}
        if not name or not cells:
            continue
        row = {"name": html.unescape(name.group(1)).strip()}
        for field, col in FIELDS.items():
            row[field] = cells.get(col, "-")
        out.append(row)
    return out


def report_of_log(log):
    found = None
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.search(r"file://(\S+index\.html)", line)
            if m:
                found = m.group(1)
    return found


# Two rows of a Gatling 3.16 report (index.html), cut down to what parse() reads.
SAMPLE = """<tbody><tr id="ROOT" >
  <td class="total col-1"><div class="expandable-container"><a href="index.html" class="withTooltip">
  <span class="table-cell-tooltip" id="parent-stats-table-ROOT"><span onmouseover="isEllipsed('stats-table-ROOT')" id="stats-table-ROOT" class="ellipsed-name">All Requests</span></span></a></div></td>
  <td class="value total col-2">127387</td><td class="value ok col-3">127387</td><td class="value ko col-4">0</td><td class="value ko col-5">0</td>
  <td class="value total col-6">1313.27</td><td class="value total col-7">1</td><td class="value total col-8">20</td><td class="value total col-9">27</td>
  <td class="value total col-10">42</td><td class="value total col-11">61</td><td class="value total col-12">5737</td><td class="value total col-13">24</td><td class="value total col-14">88</td>
</tr></tbody><tbody><tr id="req_slots-any" data-parent="ROOT">
  <td class="total col-1"><span onmouseover="isEllipsed('x')" id="stats-table-x" class="ellipsed-name">slots: any &amp; earliest</span></td>
  <td class="value total col-2">75886</td><td class="value ok col-3">75880</td><td class="value ko col-4">6</td><td class="value ko col-5">0</td>
  <td class="value total col-6">782.33</td><td class="value total col-7">2</td><td class="value total col-8">21</td><td class="value total col-9">30</td>
  <td class="value total col-10">43</td><td class="value total col-11">62</td><td class="value total col-12">199</td><td class="value total col-13">22</td><td class="value total col-14">9</td>
</tr></tbody>"""


def self_test():
    got = [(r["name"], r["count"], r["ko"], r["rps"], r["p50"], r["p95"], r["p99"], r["max"]) for r in parse(SAMPLE)]
    want = [("All Requests", "127387", "0", "1313.27", "20", "42", "61", "5737"),
            ("slots: any & earliest", "75886", "6", "782.33", "21", "43", "62", "199")]
    if got != want:
        sys.exit("self-test failed: " + repr(got))
    print("self-test passed")


def main(argv):
    if argv == ["--self-test"]:
        self_test()
        return
    tsv = "--tsv" in argv
    args = [a for a in argv if a != "--tsv"]
    if args and args[0] == "--from-log":
        if len(args) != 2:
            sys.exit(__doc__)
        index = report_of_log(args[1])
        if not index:
            sys.exit("no report named in " + args[1] + " (did Gatling finish?)")
    elif len(args) == 1:
        index = os.path.join(args[0], "index.html") if os.path.isdir(args[0]) else args[0]
    else:
        sys.exit(__doc__)
    table = rows(index)
    if not table:
        sys.exit("no statistics table in " + index)
    if tsv:
        for r in table:
            print("\t".join([r["name"]] + [r[f] for f in FIELDS]))
        return
    width = max(len(r["name"]) for r in table)
    print(f"{'request':<{width}}  {'count':>8} {'KO':>6} {'req/s':>9}  {'p50':>5} {'p95':>5} {'p99':>5} {'max':>6}  (ms, Gatling's report: {index})")
    for r in table:
        print(f"{r['name']:<{width}}  {r['count']:>8} {r['ko']:>6} {r['rps']:>9}  {r['p50']:>5} {r['p95']:>5} {r['p99']:>5} {r['max']:>6}")


if __name__ == "__main__":
    main(sys.argv[1:])
