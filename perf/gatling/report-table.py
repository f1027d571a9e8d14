#!/usr/bin/env python3
"""Prints the statistics of a Gatling HTML report as plain text.

Gatling's console shows percentiles for all requests together only; the report has them
per request (connect, subscribe, subscribe reply, close), and per second of the run.

  report-table.py REPORT_DIR/index.html             the Stats table, one line per request
  report-table.py REPORT_DIR/index.html --seconds   also, per request and per second of the
                                                    run: min, p50, p99, max of the OK responses
"""
import glob
import html
import json
import os
import re
import sys

COLUMNS = ["total", "ok", "ko", "%ko", "cnt/s", "min", "p50", "p75", "p95", "p99", "max", "mean", "stddev"]
PER_SECOND = ["min", "50%", "99%", "max"]


def stats_rows(page):
    for row in re.finditer(r'<tr id="[^"]*"[^>]*>(.*?)</tr>', page, re.S):
        name = re.search(r'class="ellipsed-name">([^<]*)<', row.group(1))
        values = re.findall(r'<td class="value [^"]*col-\d+">([^<]*)</td>', row.group(1))
        if name and len(values) == len(COLUMNS):
            yield html.unescape(name.group(1)), values


def per_second(page):
    """The 'Response Time Percentiles over Time (OK)' series: {name: [[epoch ms, ms or None], ...]}."""
    series = {}
    for m in re.finditer(r"name: '([^']+)',\s*data: (\[\[.*?\]\])", page, re.S):
        if m.group(1) in PER_SECOND and m.group(1) not in series:
            series[m.group(1)] = json.loads(m.group(2))
    return series


def main(index, seconds):
    with open(index, encoding="utf-8") as f:
        page = f.read()
    fmt = "%-16s" + " %8s" * len(COLUMNS)
    print("response times in ms")
    print(fmt % ("request", *COLUMNS))
    for name, values in stats_rows(page):
        print(fmt % (name, *values))
    if not seconds:
        return
    for path in sorted(glob.glob(os.path.join(os.path.dirname(index), "req_*.html"))):
        with open(path, encoding="utf-8") as f:
            request = f.read()
        title = re.search(r'<title>Gatling Stats - ([^<]*)</title>', request)
        series = per_second(request)
        if not title or len(series) != len(PER_SECOND):
            continue
        start = series["min"][0][0]
        print("\n%s, OK responses per second of the run (ms)" % html.unescape(title.group(1)))
        print("%6s %8s %8s %8s %8s" % ("second", *PER_SECOND))
        for i, (t, low) in enumerate(series["min"]):
            if low is not None:
                print("%6d %8s %8s %8s %8s" % ((t - start) // 1000, low, *(series[k][i][1] for k in PER_SECOND[1:])))


if __name__ == "__main__":
    main(sys.argv[1], "--seconds" in sys.argv[2:])
