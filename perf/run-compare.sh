#!/usr/bin/env bash
# Gateway against gateway: the same push-latency scenarios on several builds or settings
# of the gateway, in alternating rounds, in one run, with one table of medians. For a
# change's before/after record.
#
# Usage: perf/run-compare.sh NAME=REV[,VAR=VALUE...] NAME=REV[,VAR=VALUE...] ...
#   REV   a git revision, built in a temporary worktree (mvn -o package), or "." for the
#         working tree as it is (built here unless SKIP_BUILD), or "bare" for the bare
#         fan-out floor (io.wormhole.perf.latency.BareFanout from the working tree's perf jar)
#   VAR=VALUE  extra environment for that gateway, e.g. GATEWAY_OUTBOX_FRAMES=100 or
#         JAVA_TOOL_OPTIONS=-Dreactor.netty.ioWorkerCount=2 (commas cannot appear in a value)
# Example: perf/run-compare.sh before=HEAD~1 after=.
#
# Each round starts each variant's gateway in turn (order rotated every round), primes
# its JIT with one unrecorded 5 s run, runs every scenario once against it, and stops it.
# Needs RabbitMQ on 127.0.0.1:5672 (guest/guest); Web-STOMP is not used.
# Settings (environment): SCENARIOS ("100x100 1000x10 1000x50", CLIENTSxEVENTS_PER_S),
#   ROUNDS (3), RUN_SECONDS (10), WARMUP (3), LOOPS (2), PROBE_JAVA_OPTS
#   ("-Xmx1g -XX:MaxDirectMemorySize=4g"), SKIP_BUILD (unset), OUT (perf/target/compare/<time>).
set -euo pipefail

cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
SCENARIOS=${SCENARIOS:-"100x100 1000x10 1000x50"}
ROUNDS=${ROUNDS:-3}
RUN_SECONDS=${RUN_SECONDS:-10}
WARMUP=${WARMUP:-3}
LOOPS=${LOOPS:-2}
PROBE_JAVA_OPTS=${PROBE_JAVA_OPTS:-"-Xmx1g -XX:MaxDirectMemorySize=4g"}
OUT=${OUT:-perf/target/compare/$(date +%Y%m%d-%H%M%S)}
GATEWAY_PORT=5555
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RESULTS="$OUT/results.txt"
: > "$RESULTS"

# shellcheck source=perf/gateway-lib.sh
source perf/gateway-lib.sh

build_and_copy # the working tree's gateway.jar and probe.jar
WORKTREES=()
cleanup_worktrees() {
  local wt
  for wt in "${WORKTREES[@]}"; do git worktree remove --force "$wt" 2>/dev/null || true; done
}
names=()
remove_jars() {
  local name
  for name in "${names[@]}"; do rm -f "$OUT/variant-$name.jar"; done
}
trap 'cleanup_worktrees; remove_jars; finish' EXIT

declare -A settings=() kind=()
for spec in "$@"; do
  name=${spec%%=*}
  rest=${spec#*=}
  rev=${rest%%,*}
  extra=""
  [ "$rest" != "$rev" ] && extra=${rest#*,}
  if [ "$rev" = . ]; then
    cp "$OUT/gateway.jar" "$OUT/variant-$name.jar"
  elif [ "$rev" = bare ]; then
    cp "$OUT/probe.jar" "$OUT/variant-$name.jar"
  else
    wt=$(mktemp -d)
    WORKTREES+=("$wt")
    git worktree add -q --detach "$wt" "$rev"
    echo "== building $rev for $name"
    (cd "$wt" && mvn -B -q -o -DskipTests package -pl gateway -am)
    cp "$wt/gateway/target/gateway.jar" "$OUT/variant-$name.jar"
    echo "$name: $rev = $(git rev-parse --short "$rev")" >> "$OUT/variants.txt"
  fi
  names+=("$name")
  kind[$name]=$rev
  settings[$name]=${extra//,/ }
  echo "$name: jar sha256 $(sha256sum "$OUT/variant-$name.jar" | cut -c1-16), settings: ${settings[$name]:-none}" \
    | tee -a "$OUT/variants.txt"
done

make_keys
record_environment

start_bare() { # NAME: BareFanout on GATEWAY_PORT, watched as "gateway" by the probe
  echo "== starting the bare fan-out on 127.0.0.1:$GATEWAY_PORT (log: $OUT/bare.log)"
  # shellcheck disable=SC2086
  env ${settings[$1]} java -cp "$OUT/variant-$1.jar" io.wormhole.perf.latency.BareFanout "$GATEWAY_PORT" > "$OUT/bare.log" 2>&1 &
  GATEWAY_PID=$!
  remember_pid "$GATEWAY_PID"
  for _ in $(seq 1 60); do
    grep -q '^bare fan-out on' "$OUT/bare.log" && break
    kill -0 "$GATEWAY_PID" 2>/dev/null || { cat "$OUT/bare.log" >&2; exit 1; }
    sleep 0.5
  done
  WATCH=(--watch "gateway=$GATEWAY_PID")
}

run_probe() { # VARIANT ROUND CLIENTS RATE SECONDS
  local log="$OUT/$1-r$2-$3x$4.log"
  run_push_probe gateway "$3" "$4" "$5" "$log" || true
  sleep 2
  local result
  result=$(grep '^RESULT ' "$log" || true)
  if [ -n "$result" ]; then
    echo "$result variant=$1 round=$2" >> "$RESULTS"
    echo "   $1 round $2 $3x$4: $(kv p50_ms "$result") / $(kv p99_ms "$result") ms p50/p99," \
      "lost $(kv lost "$result"), gateway $(kv gateway_cores "$result") cores"
  else
    echo "FAILED variant=$1 round=$2 clients=$3 rate=$4" >> "$RESULTS"
    echo "   $1 round $2 $3x$4: no result (log: $log)"
  fi
}

count=${#names[@]}
for round in $(seq 1 "$ROUNDS"); do
  for i in $(seq 0 $((count - 1))); do
    name=${names[$(((i + round - 1) % count))]}
    if [ "${kind[$name]}" = bare ]; then
      start_bare "$name"
    else
      cp "$OUT/variant-$name.jar" "$OUT/gateway.jar"
      # shellcheck disable=SC2086
      start_gateway GATEWAY_RATE_BURST=10000 GATEWAY_UNBIND_GRACE=1s ${settings[$name]}
    fi
    run_probe prime "$round" 100 100 5 > /dev/null
    sed -i '/variant=prime/d' "$RESULTS"
    for scenario in $SCENARIOS; do
      run_probe "$name" "$round" "${scenario%x*}" "${scenario#*x}" "$RUN_SECONDS"
    done
    stop_pid "$GATEWAY_PID"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/environment.txt"

echo
echo "== medians over $ROUNDS rounds ($RESULTS); ms, receive - intended send"
awk "$AWK_LIB"'
  $1 == "RESULT" {
    sc = v("clients") "x" v("rate"); va = v("variant"); k = sc " " va
    if (!(sc in seenS)) { seenS[sc] = 1; scen[++ns] = sc }
    if (!(va in seenV)) { seenV[va] = 1; vars[++nv] = va }
    p50[k] = p50[k] " " v("p50_ms"); p99[k] = p99[k] " " v("p99_ms"); p999[k] = p999[k] " " v("p999_ms")
    lost[k] += v("lost"); gw[k] = gw[k] " " v("gateway_cores"); runs[k]++
  }
  END {
    fmt = "%-10s %-12s %5s %8s %8s %9s %8s %9s   %s\n"
    printf fmt, "scenario", "variant", "runs", "p50", "p99", "p99.9", "gw cores", "lost", "p99 of each run"
    for (i = 1; i <= ns; i++) for (j = 1; j <= nv; j++) {
      k = scen[i] " " vars[j]
      if (k in runs)
        printf fmt, scen[i], vars[j], runs[k], median(p50[k]), median(p99[k]), median(p999[k]), median(gw[k]), lost[k], p99[k]
    }
  }' "$RESULTS" | tee "$OUT/table.txt"
