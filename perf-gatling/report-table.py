#!/usr/bin/env python3
"""Prints the Stats table of a Gatling HTML report (index.html) as plain text.

Gatling's console shows percentiles for all requests together only; the report's table
has them per request (connect, subscribe, subscribe reply, close). Usage:
report-table.py path/to/index.html
"""
import html
import re
import sys

COLUMNS = ["total", "ok", "ko", "%ko", "cnt/s", "min", "p50", "p75", "p95", "p99", "max", "mean", "stddev"]


def rows(page):
    for row in re.finditer(r'<tr id="[^"]*"[^>]*>(.*?)</tr>', page, re.S):
        name = re.search(r'class="ellipsed-name">([^<]*)<', row.group(1))
        values = re.findall(r'<td class="value [^"]*col-\d+">([^<]*)</td>', row.group(1))
        if name and len(values) == len(COLUMNS):
            yield html.unescape(name.group(1)), values


def main(path):
    with open(path, encoding="utf-8") as f:
        page = f.read()
    fmt = "%-16s" + " %8s" * len(COLUMNS)
    print("response times in ms")
    print(fmt % ("request", *COLUMNS))
    for name, values in rows(page):
        print(fmt % (name, *values))


if __name__ == "__main__":
    main(sys.argv[1])
