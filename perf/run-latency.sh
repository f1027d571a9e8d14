#!/usr/bin/env bash
# Push latency, gateway vs RabbitMQ Web-STOMP, same scenarios in one run.
#
# Builds the project, starts the gateway jar on 127.0.0.1:5555 against the local
# RabbitMQ, runs the push-latency probe (io.wormhole.perf.latency.PushLatencyProbe)
# against the gateway and against Web-STOMP (127.0.0.1:15674) for each scenario,
# prints one table, and stops the gateway. Logs and results go to $OUT.
#
# Needs: RabbitMQ on 127.0.0.1:5672 with guest/guest, and its Web-STOMP plugin
# (once: perf/setup-webstomp.sh, which also gives the broker enough file
# descriptors for 1,000 Web-STOMP clients). Takes about 8 minutes.
#
# Scenarios (each: WARMUP s unmeasured, then RUN_SECONDS s measured):
#   steady     100 clients x 100, x 300 and x 1,000 events/s (10k, 30k, 100k deliveries/s)
#   broadcast  BROADCAST_CLIENTS clients x BROADCAST_RATES events/s, stepped up per
#              target until a step loses deliveries (or the clients cannot subscribe);
#              the summary gives each target's highest loss-free step (its saturation),
#              also with p99 <= 100 ms; perf/latency-medians.sh takes medians over runs
# Settings (environment): RUN_SECONDS (15), WARMUP (3), LOOPS (2, probe event loops),
#   STEADY_RATES ("100 300 1000"; empty: skip the steady scenario),
#   BROADCAST_CLIENTS ("1000"), BROADCAST_RATES ("10 15 20 25 30 50 100 200 300 400"), MVN_ARGS (""),
#   PROBE_JAVA_OPTS ("-Xmx1g -XX:MaxDirectMemorySize=4g"),
#   SKIP_BUILD (unset), OUT (perf/target/latency/<time>).
set -euo pipefail

cd "$(dirname "$0")/.."
RUN_SECONDS=${RUN_SECONDS:-15}
WARMUP=${WARMUP:-3}
LOOPS=${LOOPS:-2}
PROBE_JAVA_OPTS=${PROBE_JAVA_OPTS:-"-Xmx1g -XX:MaxDirectMemorySize=4g"}
BROADCAST_CLIENTS=${BROADCAST_CLIENTS:-"1000"}
BROADCAST_RATES=${BROADCAST_RATES:-"10 15 20 25 30 50 100 200 300 400"}
OUT=${OUT:-perf/target/latency/$(date +%Y%m%d-%H%M%S)}
GATEWAY_PORT=5555
STOMP_PORT=15674
mkdir -p "$OUT"
RESULTS="$OUT/results.txt"
: > "$RESULTS"

# shellcheck source=perf/gateway-lib.sh
source perf/gateway-lib.sh

if ! listening "$STOMP_PORT"; then
  echo "nothing on 127.0.0.1:$STOMP_PORT: run perf/setup-webstomp.sh once" >&2
  exit 1
fi

build_and_copy
make_keys
# UNBIND_GRACE=1s: the gateway's binding is gone before the next Web-STOMP run
start_gateway GATEWAY_RATE_BURST=10000 GATEWAY_UNBIND_GRACE=1s
record_environment

# run_one SCENARIO TARGET CLIENTS RATE [SECONDS] -> appends one line to $RESULTS;
# fails when the run lost deliveries or did not complete.
run_one() {
  local scenario=$1 target=$2 clients=$3 rate=$4 seconds=${5:-$RUN_SECONDS}
  local log="$OUT/$scenario-$target-$clients-$rate.log"
  echo "== $scenario: $target, $clients clients x $rate events/s, ${seconds} s (log: $log)"
  local status=0
  run_push_probe "$target" "$clients" "$rate" "$seconds" "$log" || status=$?
  grep -v ' t= *[0-9]*s ' "$log" | sed 's/^/   /' || true
  sleep 2 # let the broker drop the last run's queues and bindings
  local result
  result=$(grep '^RESULT ' "$log" || true)
  if [ -z "$result" ]; then
    local why
    why=$(grep -v '^ *$' "$log" | tail -1 | tr ' ' '_')
    echo "FAILED scenario=$scenario target=$target clients=$clients rate=$rate status=$status why=$why" >> "$RESULTS"
    return 1
  fi
  echo "$result scenario=$scenario" >> "$RESULTS"
  local lost
  lost=$(sed -E 's/.* lost=([0-9]+).*/\1/' <<< "$result")
  [ "$lost" -eq 0 ]
}

echo "== priming the gateway's JIT (not in the table)"
run_one prime gateway 100 100 5 > /dev/null || true
sed -i '/scenario=prime/d' "$RESULTS"

for rate in ${STEADY_RATES-100 300 1000}; do
  for target in gateway stomp; do
    run_one steady "$target" 100 "$rate" || true
  done
done

for clients in $BROADCAST_CLIENTS; do
  declare -A stepping=([gateway]=1 [stomp]=1)
  for rate in $BROADCAST_RATES; do
    for target in gateway stomp; do
      if [ "${stepping[$target]}" = 1 ]; then
        run_one broadcast "$target" "$clients" "$rate" || stepping[$target]=0
      fi
    done
  done
done

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/environment.txt"
echo
echo "== results ($RESULTS)"
echo "latencies: receive - intended send, in the measured window; lost: not received by the end of the drain"
echo "busy: machine CPU over the window; probe, gw, rabbit: cores used by each; other: cores used by everything else"
awk "$AWK_LIB"'
  BEGIN {
    fmt = "%-9s %-7s %7s %6s %8s %9s %8s %8s %8s %9s %9s %5s %6s %6s %6s %6s\n"
    printf fmt, "scenario", "target", "clients", "ev/s", "asked/s", "deliv/s", "lost", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "busy", "probe", "gw", "rabbit", "other"
  }
  $1 == "RESULT" {
    printf fmt, v("scenario"), v("target"), v("clients"), v("rate"), v("asked_per_s"), v("delivered_per_s"), v("lost"),
      v("p50_ms"), v("p99_ms"), v("p999_ms"), v("max_ms"), sprintf("%.0f%%", v("machine_busy") * 100),
      v("probe_cores"), v("gateway_cores"), v("rabbitmq_cores"),
      sprintf("%.2f", v("machine_busy") * v("cores") - v("probe_cores") - v("gateway_cores") - v("rabbitmq_cores"))
    key = v("scenario") " " v("clients") " " v("rate")
    p50[key, v("target")] = v("p50_ms"); p99[key, v("target")] = v("p99_ms")
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
  }
  $1 == "FAILED" {
    printf "%-9s %-7s %7s %6s  did not complete: %s\n", v("scenario"), v("target"), v("clients"), v("rate"), v("why")
  }
  END {
    print ""
    print "Web-STOMP / gateway latency ratio (above 1: the gateway was faster)"
    for (i = 1; i <= n; i++) {
      k = order[i]
      if ((k, "gateway") in p50 && (k, "stomp") in p50 && p50[k, "gateway"] > 0 && p99[k, "gateway"] > 0)
        printf "  %-26s p50 %.2f  p99 %.2f\n", k, p50[k, "stomp"] / p50[k, "gateway"], p99[k, "stomp"] / p99[k, "gateway"]
    }
  }' "$RESULTS" | tee "$OUT/table.txt"
echo
SATURATION_ONLY=1 perf/latency-medians.sh "$OUT" | tee -a "$OUT/table.txt"
