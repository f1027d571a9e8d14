#!/usr/bin/env bash
# Medians over several perf/run-latency.sh runs: one row per scenario and target with the
# median (and range) of p50 and p99 and the medians of the other columns, then each run's
# broadcast saturation and their median.
#
# Usage: perf/latency-medians.sh OUT_DIR...   (each holding a results.txt)
# Saturation of a target in one run: the most deliveries/s of a broadcast step that lost
# nothing ("loss-free"), and of a step that lost nothing with p99 at most P99_BOUND_MS
# ("p99 <= bound", default 100 ms: past it the server is falling behind even where
# nothing is lost yet). SATURATION_ONLY=1 prints the saturation part alone (run-latency.sh
# ends with it for its own run).
set -euo pipefail

cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
P99_BOUND_MS=${P99_BOUND_MS:-100}
OUT=/dev/null
# shellcheck source=perf/gateway-lib.sh
source perf/gateway-lib.sh
trap - EXIT

files=()
for dir in "$@"; do files+=("$dir/results.txt"); done

awk -v bound="$P99_BOUND_MS" -v saturation_only="${SATURATION_ONLY:-}" "$AWK_LIB"'
  FNR == 1 { run++ }
  $1 == "RESULT" {
    k = v("scenario") " " v("clients") " " v("rate") " " v("target")
    if (!(k in seen)) { seen[k] = 1; order[++n] = k }
    runs[k]++
    p50[k] = p50[k] " " v("p50_ms"); p99[k] = p99[k] " " v("p99_ms"); p999[k] = p999[k] " " v("p999_ms")
    deliv[k] = deliv[k] " " v("delivered_per_s"); lost[k] = lost[k] " " v("lost")
    srv = v("target") == "gateway" ? v("gateway_cores") : v("rabbitmq_cores")
    server[k] = server[k] " " srv; probe[k] = probe[k] " " v("probe_cores"); busy[k] = busy[k] " " v("machine_busy")
    if (v("scenario") == "broadcast") {
      s = run SUBSEP v("clients") SUBSEP v("target")
      if (!(v("clients") in seenC)) { seenC[v("clients")] = 1; clients[++nc] = v("clients") }
      if (v("lost") == 0 && v("delivered_per_s") + 0 > free[s] + 0) free[s] = v("delivered_per_s")
      if (v("lost") == 0 && v("p99_ms") + 0 <= bound && v("delivered_per_s") + 0 > bounded[s] + 0) bounded[s] = v("delivered_per_s")
    }
  }
  function lo(list,   a, m, i) { m = split(list, a, " "); x = a[1]; for (i = 2; i <= m; i++) if (a[i] + 0 < x + 0) x = a[i]; return x }
  function hi(list,   a, m, i) { m = split(list, a, " "); x = a[1]; for (i = 2; i <= m; i++) if (a[i] + 0 > x + 0) x = a[i]; return x }
  function medians(   i, k, f, fmt) {
    fmt = "%-9s %7s %5s %-7s %4s %9s %9s %20s %22s %9s %6s %6s %5s\n"
    printf fmt, "scenario", "clients", "ev/s", "target", "runs", "deliv/s", "lost", "p50 ms (range)", "p99 ms (range)", "p99.9 ms", "server", "probe", "busy"
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, f, " ")
      printf fmt, f[1], f[2], f[3], f[4], runs[k], median(deliv[k]), median(lost[k]),
        sprintf("%.2f (%.2f-%.2f)", median(p50[k]), lo(p50[k]), hi(p50[k])),
        sprintf("%.1f (%.1f-%.1f)", median(p99[k]), lo(p99[k]), hi(p99[k])),
        sprintf("%.1f", median(p999[k])), median(server[k]), median(probe[k]), sprintf("%.0f%%", median(busy[k]) * 100)
    }
    print ""
  }
  END {
    if (!saturation_only) medians()
    printf "broadcast saturation per run, deliveries/s: loss-free / loss-free with p99 <= %s ms\n", bound
    for (c = 1; c <= nc; c++) {
      cl = clients[c]; gf = ""; sf = ""; gb = ""; sb = ""
      for (r = 1; r <= run; r++) {
        g = r SUBSEP cl SUBSEP "gateway"; t = r SUBSEP cl SUBSEP "stomp"
        printf "  run %d, %s clients: gateway %d / %d, Web-STOMP %d / %d\n", r, cl, free[g], bounded[g], free[t], bounded[t]
        gf = gf " " free[g] + 0; sf = sf " " free[t] + 0; gb = gb " " bounded[g] + 0; sb = sb " " bounded[t] + 0
      }
      printf "  median, %s clients: gateway %d / %d, Web-STOMP %d / %d", cl, median(gf), median(gb), median(sf), median(sb)
      if (median(sf) > 0 && median(sb) > 0) printf "; ratio %.1f / %.1f", median(gf) / median(sf), median(gb) / median(sb)
      printf "\n"
    }
  }' "${files[@]}"
