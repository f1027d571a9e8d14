#!/usr/bin/env bash
# Subscription churn: clients subscribing and unsubscribing continuously, patterns drawn
# from a bounded set (issue 6, scenario "churn").
#
# Builds (unless SKIP_BUILD), starts the gateway jar from a copy on 127.0.0.1:$GATEWAY_PORT
# against the local RabbitMQ with the request rate limit raised (GATEWAY_RATE_BURST and
# GATEWAY_RATE_PER_SECOND, below) and the unbind grace at its default unless UNBIND_GRACE
# is set, then runs the churn probe (io.wormhole.perf.latency.ChurnProbe) RUNS times. Each
# run: CLIENTS sockets of one account alternate unsubscribe-oldest / subscribe-new of
# call.CHANNEL_CREATE.<tag>-<k>, k drawn from PATTERNS ids, each socket holding HOLD
# bindings, RATE requests/s in all, WARMUP + RUN_SECONDS s. Meanwhile the broker's real
# bindings of this run (exchange callevt, routing keys starting with the run's tag) are
# counted once a second inside the broker (`rabbitmqctl eval` over rabbit_binding:list,
# one CLI call for the whole run instead of one `rabbitmqctl list_bindings` per sample),
# checked once mid-run against `rabbitmqctl list_bindings`; after the run the probe closes
# its sockets and the sampler goes on until the broker has none of them left.
# Prints a table and medians; logs and results go to $OUT.
#
# Needs: RabbitMQ on 127.0.0.1:5672 (guest/guest) and a working `rabbitmqctl` (root or
# the rabbitmq user). Wrap it in `flock /tmp/wormhole-perf.lock` on a shared machine.
#
# Settings (environment): CLIENTS (100), RATE (10000 requests/s), PATTERNS (500), HOLD (10),
#   RUN_SECONDS (30), WARMUP (3), RUNS (3), UNBIND_GRACE (unset: the gateway default, 10 s;
#   else seconds), GATEWAY_RATE_BURST (1000), GATEWAY_RATE_PER_SECOND (1000), GATEWAY_PORT
#   (5611), PROBE_JAVA_OPTS ("-Xmx1g"), MVN_ARGS (""), SKIP_BUILD (unset),
#   OUT (perf/target/churn/<time>), REPORT_ONLY (unset; when set, with OUT naming an
#   earlier output directory, only rebuilds results.txt and the table from its logs).
set -euo pipefail

cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-100}
RATE=${RATE:-10000}
PATTERNS=${PATTERNS:-500}
HOLD=${HOLD:-10}
RUN_SECONDS=${RUN_SECONDS:-30}
WARMUP=${WARMUP:-3}
RUNS=${RUNS:-3}
RATE_BURST=${GATEWAY_RATE_BURST:-1000}
RATE_PER_SECOND=${GATEWAY_RATE_PER_SECOND:-1000}
GATEWAY_PORT=${GATEWAY_PORT:-5611}
PROBE_JAVA_OPTS=${PROBE_JAVA_OPTS:-"-Xmx1g"}
OUT=${OUT:-perf/target/churn/$(date +%Y%m%d-%H%M%S)}
PROBE_MAIN=io.wormhole.perf.latency.ChurnProbe
mkdir -p "$OUT"
RESULTS="$OUT/results.txt"
: > "$RESULTS"

# shellcheck source=perf/gateway-lib.sh
source perf/gateway-lib.sh

GATEWAY_SETTINGS=(GATEWAY_RATE_BURST="$RATE_BURST" GATEWAY_RATE_PER_SECOND="$RATE_PER_SECOND")
GRACE=10
if [ -n "${UNBIND_GRACE:-}" ]; then
  GRACE=$UNBIND_GRACE
  GATEWAY_SETTINGS+=(GATEWAY_UNBIND_GRACE="${UNBIND_GRACE}s")
fi

if [ -z "${REPORT_ONLY:-}" ]; then
  build_and_copy
  make_keys
  start_gateway "${GATEWAY_SETTINGS[@]}"
  record_environment
fi

# broker_sampler TAG MAX_SECONDS: once a second, this run's bindings on callevt and the
# number of queues they go to; stops once they were there and are gone, or at MAX_SECONDS
broker_sampler() {
  rabbitmqctl eval "
    Prefix = <<\"call.CHANNEL_CREATE.$1-\">>, L = byte_size(Prefix),
    Count = fun() ->
      Ds = [D || {binding, {resource, _, exchange, <<\"callevt\">>}, <<P:L/binary, _/binary>>, D, _}
                 <- rabbit_binding:list(<<\"/\">>), P =:= Prefix],
      {length(Ds), length(lists:usort(Ds))} end,
    Loop = fun Loop(I, Seen) ->
      {N, Q} = Count(),
      io:format(\"BROKER epoch_ms=~p bindings=~p queues=~p~n\", [os:system_time(millisecond), N, Q]),
      case (Seen andalso N =:= 0) orelse I =< 0 of
        true -> ok;
        false -> timer:sleep(1000 - os:system_time(millisecond) rem 1000), Loop(I - 1, Seen orelse N > 0)
      end end,
    Loop($2, false)."
}

# list_bindings_count TAG: the same count through `rabbitmqctl list_bindings`
list_bindings_count() {
  rabbitmqctl -q list_bindings source_name destination_name routing_key 2>/dev/null \
    | awk -v p="call.CHANNEL_CREATE.$1-" '$1 == "callevt" && index($3, p) == 1' | wc -l
}

run_one() {
  local name=$1
  local tag
  tag="churn$(date +%s)$name"
  local dir="$OUT/$name"
  mkdir -p "$dir"
  echo "grace_s=$GRACE" > "$dir/grace.txt"
  echo "== $name: $CLIENTS clients, $RATE requests/s, $PATTERNS patterns, $HOLD held each, grace ${GRACE} s (tag $tag, logs: $dir)"
  broker_sampler "$tag" $((WARMUP + RUN_SECONDS + GRACE + 60)) > "$dir/broker.log" 2>&1 &
  local sampler=$!
  remember_pid "$sampler"
  (sleep $((WARMUP + RUN_SECONDS / 2 + 2)); echo "LISTED epoch_ms=$(date +%s%3N) bindings=$(list_bindings_count "$tag")") \
    > "$dir/list-bindings.log" 2>&1 &
  local lister=$!
  local status=0
  # shellcheck disable=SC2086
  java $PROBE_JAVA_OPTS -cp "$PROBE_JAR" "$PROBE_MAIN" --port "$GATEWAY_PORT" --clients "$CLIENTS" --rate "$RATE" \
    --patterns "$PATTERNS" --hold "$HOLD" --seconds "$RUN_SECONDS" --warmup "$WARMUP" --grace "$GRACE" \
    --tag "$tag" --keys "$KEYS" "${WATCH[@]}" > "$dir/probe.log" 2>&1 || status=$?
  wait "$lister" || true
  wait "$sampler" || true
  echo "AFTER bindings=$(list_bindings_count "$tag")" > "$dir/list-bindings-after.log"
  grep -v '^SAMPLE' "$dir/probe.log" | sed 's/^/   /' || true
  sed 's/^/   /' "$dir/list-bindings.log" "$dir/list-bindings-after.log"
  report_run "$name" "$status"
  sleep 2
}

# report_run NAME [STATUS]: appends the run's RESULT line, joined with the broker's
# samples, to $RESULTS (from the logs in $OUT/NAME alone, so REPORT_ONLY can redo it)
report_run() {
  local name=$1 status=${2:-0}
  local dir="$OUT/$name"
  local result
  result=$(grep '^RESULT ' "$dir/probe.log" || true)
  if [ -z "$result" ]; then
    echo "FAILED name=$name status=$status why=$(grep -v '^ *$' "$dir/probe.log" | tail -1 | tr ' ' '_')" >> "$RESULTS"
    return 1
  fi
  # join the probe's samples with the broker's, by wall-clock second (+ 0: compare as numbers)
  local joined
  joined=$(awk "$AWK_LIB"'
    $1 == "SAMPLE" && v("window") == 1 { s = int(v("epoch_ms") / 1000); bound[s] = v("held_or_grace") + 0
      if (first == "" || s < first) first = s; if (s > last) last = s }
    $1 == "CLOSED" { closed = v("epoch_ms") + 0 }
    $1 == "ZERO" { gwzero = v("gateway_bindings_zero_after_s") }
    $1 == "BROKER" { n++; t[n] = v("epoch_ms") + 0; b[n] = v("bindings") + 0; q[n] = v("queues") + 0 }
    $1 == "LISTED" { listed = v("bindings"); listed_s = int(v("epoch_ms") / 1000) }
    $1 == "AFTER" { after = v("bindings") }
    END {
      maxb = 0; maxq = 0; over = 0; samples = 0; zero = "never"
      for (i = 1; i <= n; i++) {
        s = int(t[i] / 1000)
        if (s >= first && s <= last) {
          samples++; if (b[i] > maxb) maxb = b[i]; if (q[i] > maxq) maxq = q[i]
          # the probe samples the same second a few ms apart: compare with the larger neighbour
          if (s in bound) { lim = bound[s]; if ((s - 1) in bound && bound[s - 1] > lim) lim = bound[s - 1]; if (b[i] > lim) over++ }
        }
        if (s == listed_s) evalcount = b[i]
        if (closed != "" && t[i] >= closed && b[i] == 0 && zero == "never") zero = sprintf("%.1f", (t[i] - closed) / 1000)
      }
      printf "broker_samples=%d max_broker_bindings=%d broker_queues=%d broker_over_bound=%d gateway_zero_after_s=%s " \
        "broker_zero_after_s=%s listed_bindings=%s eval_same_second=%s list_bindings_after=%s", samples, maxb, maxq, over,
        gwzero, zero, listed, (evalcount == "" ? "-" : evalcount), after
    }' "$dir/probe.log" "$dir/broker.log" "$dir/list-bindings.log" "$dir/list-bindings-after.log")
  echo "   $joined"
  echo "${result/RESULT /RESULT name=$name grace_s=$(kv grace_s "$(cat "$dir/grace.txt")") } $joined" >> "$RESULTS"
}

if [ -n "${REPORT_ONLY:-}" ]; then
  : > "$RESULTS"
  for dir in "$OUT"/run*/; do report_run "$(basename "$dir")" || true; done
else
  for run in $(seq 1 "$RUNS"); do
    run_one "run$run" || true
  done
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/environment.txt"
fi

echo
echo "== results ($RESULTS)"
echo "latency: reply received - intended send of the request (ms); errors: error replies in the window, by code"
echo "held: distinct patterns some socket holds; +grace: held or let go less than the grace ago;"
echo "gw: the gateway's wormhole_broker_bindings; broker: this run's bindings on callevt (max over the window);"
echo "over: broker samples above +grace; zero: seconds from closing the sockets until the count was 0"
awk "$AWK_LIB"'
  function errs(   i, kv, s) { s = ""; for (i = 1; i <= NF; i++) if ($i ~ /^error_/) { split($i, kv, "="); s = s substr(kv[1], 7) ":" kv[2] " " } return s == "" ? "none" : s }
  BEGIN {
    fmt = "%-5s %6s %8s %6s %7s %7s %7s %8s %8s %5s %6s %5s %5s %6s %4s %6s %6s %5s %5s %5s %s\n"
    printf fmt, "run", "req/s", "replies", "unans", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "held",
      "+grace", "P", "gw", "broker", "over", "gw0 s", "brk0 s", "probe", "gw", "rabbit", "errors"
    split("p50_ms p90_ms p99_ms p999_ms max_ms max_held max_held_or_grace max_gateway_bindings max_broker_bindings probe_cores gateway_cores rabbitmq_cores requests_per_s", keys, " ")
  }
  $1 == "RESULT" {
    printf fmt, v("name"), v("requests_per_s"), v("replies"), v("unanswered"), v("p50_ms"), v("p90_ms"), v("p99_ms"),
      v("p999_ms"), v("max_ms"), v("max_held"), v("max_held_or_grace"), v("patterns"), v("max_gateway_bindings"),
      v("max_broker_bindings"), v("broker_over_bound"), v("gateway_zero_after_s"), v("broker_zero_after_s"),
      v("probe_cores"), v("gateway_cores"), v("rabbitmq_cores"), errs()
    n++; for (k in keys) vals[keys[k]] = vals[keys[k]] " " v(keys[k])
  }
  $1 == "FAILED" { printf "%-5s did not complete: %s\n", v("name"), v("why") }
  END {
    if (n == 0) exit
    print ""
    printf "medians of %d runs: req/s %s | p50 %s p90 %s p99 %s p99.9 %s max %s ms | held %s +grace %s gw %s broker %s | cores probe %s gw %s rabbit %s\n",
      n, median(vals["requests_per_s"]), median(vals["p50_ms"]), median(vals["p90_ms"]), median(vals["p99_ms"]),
      median(vals["p999_ms"]), median(vals["max_ms"]), median(vals["max_held"]), median(vals["max_held_or_grace"]),
      median(vals["max_gateway_bindings"]), median(vals["max_broker_bindings"]), median(vals["probe_cores"]),
      median(vals["gateway_cores"]), median(vals["rabbitmq_cores"])
  }' "$RESULTS" | tee "$OUT/table.txt"
