#!/usr/bin/env bash
# Per-account fan-out: many sockets in many accounts, each Event reaching only the
# sockets of its own account (issue 6, scenario "per-account").
#
# Builds (unless SKIP_BUILD), starts the gateway jar from a copy on 127.0.0.1:$GATEWAY_PORT
# against the local RabbitMQ, then for each step SOCKETS:ACCOUNTS runs the push-latency
# probe (io.wormhole.perf.latency.PushLatencyProbe) split over PROBES processes: each
# process opens SOCKETS/PROBES WebSocket clients in ACCOUNTS/PROBES accounts of its own
# (every client subscribes call.CHANNEL_CREATE.* with a token of its account) and
# publishes RATE/PROBES events/s round-robin over its accounts, so each event reaches
# SOCKETS/ACCOUNTS clients. The processes subscribe first, then start publishing together
# (a go file); their latency histograms are merged (io.wormhole.perf.latency.MergeResults).
# Prints one table, medians per step, and stops everything. Logs and results go to $OUT.
#
# Needs: RabbitMQ on 127.0.0.1:5672 (guest/guest), a hard limit of at least 20,000 open
# files (the script raises its soft limit: gateway and probes each hold one descriptor per
# socket). Wrap it in `flock /tmp/wormhole-perf.lock` on a shared machine.
#
# Settings (environment): STEPS ("1000:100 10000:1000", SOCKETS:ACCOUNTS), RATE (5000
#   events/s, all probes), RUNS (3, per step), PROBES (2 processes), SOURCES (4: clients
#   connect from 127.0.0.2 … 127.0.0.(SOURCES+1), round-robin), RUN_SECONDS (15),
#   WARMUP (3), LOOPS (2, event loops per probe), PROBE_JAVA_OPTS
#   ("-Xmx1g -XX:MaxDirectMemorySize=2g"), GATEWAY_PORT (5610), MVN_ARGS (""),
#   SKIP_BUILD (unset), OUT (perf/target/per-account/<time>).
set -euo pipefail

cd "$(dirname "$0")/.."
STEPS=${STEPS:-"1000:100 10000:1000"}
RATE=${RATE:-5000}
RUNS=${RUNS:-3}
PROBES=${PROBES:-2}
SOURCES=${SOURCES:-4}
RUN_SECONDS=${RUN_SECONDS:-15}
WARMUP=${WARMUP:-3}
LOOPS=${LOOPS:-2}
PROBE_JAVA_OPTS=${PROBE_JAVA_OPTS:-"-Xmx1g -XX:MaxDirectMemorySize=2g"}
GATEWAY_PORT=${GATEWAY_PORT:-5610}
OUT=${OUT:-perf/target/per-account/$(date +%Y%m%d-%H%M%S)}
PROBE_MAIN=io.wormhole.perf.latency.PushLatencyProbe
mkdir -p "$OUT"
RESULTS="$OUT/results.txt"
: > "$RESULTS"
ulimit -n 20000

# shellcheck source=perf/gateway-lib.sh
source perf/gateway-lib.sh

SOURCE_ARGS=()
for i in $(seq 2 $((SOURCES + 1))); do SOURCE_ARGS+=(--source "127.0.0.$i"); done

build_and_copy
make_keys
start_gateway
record_environment

# run_step NAME SOCKETS ACCOUNTS SECONDS -> appends one merged RESULT line to $RESULTS
run_step() {
  local name=$1 sockets=$2 accounts=$3 seconds=$4
  if (( sockets % PROBES || accounts % PROBES || RATE % PROBES || sockets % accounts )); then
    echo "step $sockets:$accounts: PROBES=$PROBES must divide sockets, accounts and RATE; accounts must divide sockets" >&2
    return 1
  fi
  local dir="$OUT/$name"
  mkdir -p "$dir"
  rm -f "$dir/go"
  echo "== $name: $sockets sockets in $accounts accounts, $RATE events/s, $PROBES probe processes, ${seconds} s (logs: $dir)"
  local pids=() p
  for p in $(seq 1 "$PROBES"); do
    # shellcheck disable=SC2086
    java $PROBE_JAVA_OPTS -cp "$PROBE_JAR" "$PROBE_MAIN" --target gateway --port "$GATEWAY_PORT" \
      --clients $((sockets / PROBES)) --accounts $((accounts / PROBES)) --rate $((RATE / PROBES)) \
      --seconds "$seconds" --warmup "$WARMUP" --loops "$LOOPS" --keys "$KEYS" "${SOURCE_ARGS[@]}" \
      --go-file "$dir/go" --histogram-out "$dir/histogram-$p.txt" "${WATCH[@]}" > "$dir/probe-$p.log" 2>&1 &
    pids+=($!)
    remember_pid "$!"
  done
  local ready waited=0
  while true; do
    ready=0
    for p in $(seq 1 "$PROBES"); do
      if grep -q '^READY' "$dir/probe-$p.log"; then ready=$((ready + 1))
      elif ! kill -0 "${pids[$((p - 1))]}" 2>/dev/null; then
        echo "FAILED name=$name sockets=$sockets accounts=$accounts why=probe_$p:$(tail -1 "$dir/probe-$p.log" | tr ' ' '_')" >> "$RESULTS"
        for pid in "${pids[@]}"; do stop_pid "$pid"; done
        tail -3 "$dir/probe-$p.log" >&2
        return 1
      fi
    done
    (( ready == PROBES )) && break
    sleep 0.2; waited=$((waited + 1))
    if (( waited > 1500 )); then echo "probes not subscribed after 300 s" >&2; return 1; fi
  done
  grep -h 'subscribed in' "$dir"/probe-*.log | sed 's/^/   /'
  touch "$dir/go"
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  grep -h -E 'summary|delivered/s|latency|CPU|ended early|more than' "$dir"/probe-*.log | grep -v ' t= *[0-9]*s ' | sed 's/^/   /' || true
  local merged line sum_fields
  merged=$(java -cp "$PROBE_JAR" io.wormhole.perf.latency.MergeResults "$dir"/histogram-*.txt)
  # sums over the probes; CPU of gateway, broker and machine from probe 1 (same window, within ~50 ms)
  sum_fields=$(grep -h '^RESULT ' "$dir"/probe-*.log | awk "$AWK_LIB"'
    { n++; e += v("expected"); r += v("received"); l += v("lost"); x += v("extra"); d += v("dropped_notices");
      ce += v("clients_ended"); pc += v("probe_cores"); if (v("publisher_late_ms") + 0 > late) late = v("publisher_late_ms") + 0
      if (n == 1) { busy = v("machine_busy"); gw = v("gateway_cores"); rb = v("rabbitmq_cores"); cores = v("cores") } }
    END { printf "probes_reporting=%d expected=%d received=%d lost=%d extra=%d dropped_notices=%d clients_ended=%d " \
      "probe_cores=%.2f publisher_late_ms=%.1f machine_busy=%s gateway_cores=%s rabbitmq_cores=%s cores=%s", \
      n, e, r, l, x, d, ce, pc, late, busy, gw, rb, cores }')
  line="RESULT name=$name sockets=$sockets accounts=$accounts rate=$RATE seconds=$seconds probes=$PROBES \
asked_per_s=$((RATE * sockets / accounts)) $sum_fields ${merged#MERGED }"
  echo "   $line"
  echo "$line" >> "$RESULTS"
  sleep 2
}

echo "== priming the gateway's JIT (not in the table)"
run_step prime 1000 100 5 > /dev/null || true
sed -i '/name=prime/d' "$RESULTS"

for run in $(seq 1 "$RUNS"); do
  for step in $STEPS; do
    run_step "run$run-${step%%:*}x${step##*:}" "${step%%:*}" "${step##*:}" "$RUN_SECONDS" || true
  done
done

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/environment.txt"
echo
echo "== results ($RESULTS)"
echo "latency: receive - intended send (ms), merged over the probes; lost: not received by the end of the drain;"
echo "extra: deliveries beyond the expected (an event reaching another account's socket would show here)"
echo "cores: CPU used over the window by the probes (all), the gateway, RabbitMQ; busy: the machine, of $(nproc) cores"
awk "$AWK_LIB"'
  BEGIN {
    fmt = "%-16s %7s %6s %9s %9s %10s %10s %6s %5s %7s %7s %7s %8s %8s %6s %5s %6s %5s\n"
    printf fmt, "run", "sockets", "accts", "asked/s", "deliv/s", "expected", "received", "lost", "extra",
      "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "probes", "gw", "rabbit", "busy"
    split("p50_ms p90_ms p99_ms p999_ms max_ms probe_cores gateway_cores rabbitmq_cores machine_busy lost delivered", keys, " ")
  }
  $1 == "RESULT" {
    dps = v("received") / v("seconds")
    printf fmt, v("name"), v("sockets"), v("accounts"), v("asked_per_s"), sprintf("%.0f", dps), v("expected"),
      v("received"), v("lost"), v("extra"), v("p50_ms"), v("p90_ms"), v("p99_ms"), v("p999_ms"), v("max_ms"),
      v("probe_cores"), v("gateway_cores"), v("rabbitmq_cores"), sprintf("%.0f%%", v("machine_busy") * 100)
    step = v("sockets") "x" v("accounts")
    if (!(step in seen)) { seen[step] = 1; order[++n] = step }
    for (k in keys) vals[step, keys[k]] = vals[step, keys[k]] " " (keys[k] == "delivered" ? dps : v(keys[k]))
    runs[step]++
  }
  $1 == "FAILED" { printf "%-16s did not complete: %s\n", v("name"), v("why") }
  END {
    print ""
    print "medians per step (runs): p50 p90 p99 p99.9 max ms | delivered/s lost | probes gw rabbit cores | busy"
    for (i = 1; i <= n; i++) {
      s = order[i]
      printf "  %-10s (%d)  %s %s %s %s %s | %.0f %s | %.2f %.2f %.2f | %.0f%%\n", s, runs[s],
        median(vals[s, "p50_ms"]), median(vals[s, "p90_ms"]), median(vals[s, "p99_ms"]), median(vals[s, "p999_ms"]),
        median(vals[s, "max_ms"]), median(vals[s, "delivered"]), median(vals[s, "lost"]),
        median(vals[s, "probe_cores"]), median(vals[s, "gateway_cores"]), median(vals[s, "rabbitmq_cores"]),
        median(vals[s, "machine_busy"]) * 100
    }
  }' "$RESULTS" | tee "$OUT/table.txt"
