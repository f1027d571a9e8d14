#!/usr/bin/env bash
# Idle density: memory per idle subscribed WebSocket, gateway vs RabbitMQ Web-STOMP.
#
# Builds the project (unless SKIP_BUILD), starts the gateway jar on 127.0.0.1:$GATEWAY_PORT
# against the local RabbitMQ once per JVM setting in GATEWAY_JVMS, and holds idle subscribed
# clients open in steps with the idle probe (io.wormhole.perf.latency.IdleSocketsProbe);
# then does the same against Web-STOMP (127.0.0.1:15674). Nothing is published. At each
# step, after SETTLE seconds:
#   gateway:   jcmd GC.run (a full GC), 3 s, then VmRSS (/proc/PID/status), heap used and
#              committed (jcmd GC.heap_info), and with -XX:NativeMemoryTracking=summary the
#              NMT committed total and its "Other" category (Netty's direct buffers);
#   Web-STOMP: a garbage collection of every Erlang process (rabbitmqctl eval), 3 s, then
#              beam.smp's VmRSS and `rabbitmqctl status` memory total (erlang:memory(total)),
#              with the broker's connection and queue counts (to see other users);
#   both:      the probe's own VmRSS and the kernel's TCP buffer memory (/proc/net/sockstat).
# Prints one table with the slope (bytes per socket) between consecutive steps and a
# least-squares slope over the steps above 0, and stops everything. Logs and results
# (density.txt: one "SAMPLE key=value ..." line per step) go to $OUT.
#
# Needs: RabbitMQ on 127.0.0.1:5672 (guest/guest) with Web-STOMP on 15674, and a file
# descriptor limit above the largest step for this shell (the probe and the gateway each
# hold one descriptor per socket): the script raises the soft limit to the hard one.
# Takes about 8 minutes with the defaults.
#
# Settings (environment):
#   GATEWAY_STEPS   sockets, increasing ("0 5000 10000 15000 19000")
#   STOMP_STEPS     sockets, increasing ("0 5000 10000 15000 17500"; the broker's
#                   sockets_limit, `rabbitmqctl status`, must be above the last)
#   GATEWAY_JVMS    ';'-separated NAME:JAVA_OPTIONS, one gateway run each
#                   ("default:;fixed-heap:-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:NativeMemoryTracking=summary")
#   TARGETS         ("gateway stomp")
#   ACCOUNTS        Accounts the gateway clients are spread over (1000)
#   SETTLE          seconds between a step's last subscription and its measurement (10)
#   GATEWAY_PORT    (5620), PROBE_JAVA_OPTS ("-Xmx2g"), MVN_ARGS (""), SKIP_BUILD (unset),
#   OUT             (perf/target/density/<time>)
set -euo pipefail

cd "$(dirname "$0")/.."
GATEWAY_STEPS=${GATEWAY_STEPS:-"0 5000 10000 15000 19000"}
STOMP_STEPS=${STOMP_STEPS:-"0 5000 10000 15000 17500"}
GATEWAY_JVMS=${GATEWAY_JVMS:-"default:;fixed-heap:-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:NativeMemoryTracking=summary"}
TARGETS=${TARGETS:-"gateway stomp"}
ACCOUNTS=${ACCOUNTS:-1000}
SETTLE=${SETTLE:-10}
GATEWAY_PORT=${GATEWAY_PORT:-5620}
PROBE_JAVA_OPTS=${PROBE_JAVA_OPTS:-"-Xmx2g"}
OUT=${OUT:-perf/target/density/$(date +%Y%m%d-%H%M%S)}
STOMP_PORT=15674
PROBE_MAIN=io.wormhole.perf.latency.IdleSocketsProbe
mkdir -p "$OUT"
RESULTS="$OUT/density.txt"
: > "$RESULTS"

listening() { ss -ltnH "sport = :$1" | grep -q .; }
# kv KEY LINE: the value of KEY=value in a line of key=value pairs
kv() { sed -nE "s/.* $1=([^ ]*).*/\1/p" <<< " $2"; }
# rss_kb PID: resident set size in KiB
rss_kb() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"; }
# tcp_mem_kb: kernel memory of every TCP socket on the machine, in KiB (sockstat counts pages)
tcp_mem_kb() { awk -v page="$(getconf PAGESIZE)" '$1 == "TCP:" { for (i = 2; i < NF; i++) if ($i == "mem") print $(i + 1) * page / 1024 }' /proc/net/sockstat; }

largest=0
for n in $GATEWAY_STEPS $STOMP_STEPS; do [ "$n" -gt "$largest" ] && largest=$n; done
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((largest + 200)) ]; then
  echo "the file descriptor limit ($(ulimit -n)) is too low for $largest sockets: lower the steps" >&2
  exit 1
fi
if [[ " $TARGETS " == *" gateway "* ]] && listening "$GATEWAY_PORT"; then
  echo "port $GATEWAY_PORT is taken: stop what listens there first or set GATEWAY_PORT" >&2
  exit 1
fi
if [[ " $TARGETS " == *" stomp "* ]] && ! listening "$STOMP_PORT"; then
  echo "nothing on 127.0.0.1:$STOMP_PORT: run perf/setup-webstomp.sh once" >&2
  exit 1
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building (mvn -q -DskipTests package ${MVN_ARGS:-})"
  # shellcheck disable=SC2086
  mvn -q -DskipTests package ${MVN_ARGS:-}
fi

# run from copies: a build elsewhere in the tree must not swap the jars under a running JVM
cp gateway/target/gateway.jar "$OUT/gateway.jar"
cp perf/target/benchmarks.jar "$OUT/probe.jar"
PROBE_JAR="$OUT/probe.jar"
KEYS="$OUT/keys"
PUBLIC_KEY=$(java -cp "$PROBE_JAR" io.wormhole.perf.latency.PushLatencyProbe --keygen-only --keys "$KEYS")
BEAM_PID=$(pgrep -u rabbitmq -x beam.smp | head -1 || true)

GATEWAY_PID=
stop_gateway() {
  if [ -n "$GATEWAY_PID" ] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill -TERM "$GATEWAY_PID"
    for _ in $(seq 1 60); do
      kill -0 "$GATEWAY_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$GATEWAY_PID" 2>/dev/null || true
  fi
  GATEWAY_PID=
}
PROBE_PID=
finish() {
  if [ -n "$PROBE_PID" ]; then kill "$PROBE_PID" 2>/dev/null || true; fi
  stop_gateway
  rm -f "$OUT/gateway.jar" "$OUT/probe.jar"
}
trap finish EXIT

# start_gateway NAME OPTIONS: starts the gateway copy with these JVM options, waits for /readyz
start_gateway() {
  local name=$1 options=$2 log="$OUT/gateway-$1.log"
  echo "== starting the gateway, JVM options '${options}' (log: $log)"
  # shellcheck disable=SC2086
  GATEWAY_AMQP_URI=amqp://guest:guest@127.0.0.1:5672 \
  GATEWAY_WS_HOST=127.0.0.1 \
  GATEWAY_WS_PORT=$GATEWAY_PORT \
  GATEWAY_JWT_KEYS="$PUBLIC_KEY" \
  GATEWAY_UNBIND_GRACE=1s \
  GATEWAY_DRAIN=1s \
    java $options -jar "$OUT/gateway.jar" > "$log" 2>&1 &
  GATEWAY_PID=$!
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$GATEWAY_PORT/readyz" > /dev/null; then return 0; fi
    if ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
      echo "the gateway exited:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "gateway $name not ready after 60 s" >&2
  exit 1
}

# gateway_sample: key=value pairs of the gateway's memory after a full GC
gateway_sample() {
  jcmd "$GATEWAY_PID" GC.run > /dev/null
  sleep 3
  local heap nmt
  heap=$(jcmd "$GATEWAY_PID" GC.heap_info | grep -m1 ' total ')
  echo -n "server_rss_kb=$(rss_kb "$GATEWAY_PID")"
  echo -n " heap_used_kb=$(sed -E 's/.* used ([0-9]+)K.*/\1/' <<< "$heap")"
  echo -n " heap_committed_kb=$(sed -E 's/.* total ([0-9]+)K.*/\1/' <<< "$heap")"
  echo -n " sessions=$(curl -sf "http://127.0.0.1:$GATEWAY_PORT/metrics" | awk '$1 == "wormhole_sessions" { printf "%d", $2 }')"
  if nmt=$(jcmd "$GATEWAY_PID" VM.native_memory summary 2> /dev/null) && grep -q 'Total: reserved' <<< "$nmt"; then
    echo -n " nmt_committed_kb=$(sed -nE 's/^Total: reserved=[0-9]+KB, committed=([0-9]+)KB.*/\1/p' <<< "$nmt")"
    echo -n " nmt_other_kb=$(sed -nE 's/^-[[:space:]]+Other \(reserved=[0-9]+KB, committed=([0-9]+)KB.*/\1/p' <<< "$nmt")"
    echo "$nmt" > "$OUT/nmt-$SERIES-$SOCKETS.txt"
  fi
}

# stomp_sample: key=value pairs of the broker's memory after a garbage collection of every process
stomp_sample() {
  rabbitmqctl eval 'lists:foreach(fun erlang:garbage_collect/1, erlang:processes()), ok.' > /dev/null
  sleep 3
  echo -n "server_rss_kb=$(rss_kb "$BEAM_PID") "
  rabbitmqctl status --formatter json | python3 -c '
import json, sys
s = json.load(sys.stdin)
print("erlang_total_kb=%d connections=%d queues=%d" % (s["memory"]["total"]["erlang"] // 1024,
      s["totals"]["connection_count"], s["totals"]["queue_count"]), end="")'
}

# run_steps TARGET SERIES STEPS: holds idle clients open step by step, one SAMPLE line each
run_steps() {
  local target=$1 steps=$3 log="$OUT/probe-$2.log" line status=0
  SERIES=$2
  echo "== $SERIES: $target, steps $steps (log: $log)"
  # shellcheck disable=SC2086
  coproc PROBE { exec java $PROBE_JAVA_OPTS -cp "$PROBE_JAR" "$PROBE_MAIN" --target "$target" \
    --steps "$(tr ' ' , <<< "$steps")" --accounts "$ACCOUNTS" --port "$GATEWAY_PORT" --keys "$KEYS" 2>> "$log"; }
  local from to
  exec {from}<&"${PROBE[0]}" {to}>&"${PROBE[1]}"
  while IFS= read -r line <&"$from"; do
    echo "$line" >> "$log"
    case "$line" in
      STEP\ *)
        SOCKETS=$(kv sockets "$line")
        sleep "$SETTLE"
        local server
        if [ "$target" = gateway ]; then server=$(gateway_sample); else server=$(stomp_sample); fi
        local sample="SAMPLE target=$target series=$SERIES sockets=$SOCKETS $server probe_rss_kb=$(rss_kb "$PROBE_PID")"
        sample+=" tcp_mem_kb=$(tcp_mem_kb) ended=$(kv ended "$line") events=$(kv events "$line") open_s=$(kv seconds "$line")"
        echo "$sample" | tee -a "$RESULTS"
        echo next >&"$to"
        ;;
      FAILED*)
        echo "$line (see $log)" | tee -a "$RESULTS"
        ;;
    esac
  done
  exec {from}<&- {to}>&-
  wait "$PROBE_PID" || status=$?
  PROBE_PID=
  grep -v '^\(STEP\|DONE\)' "$log" | sed 's/^/   /' || true
  return "$status"
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)," \
    "$(git status --porcelain 2>/dev/null | wc -l) paths changed or new in the working tree"
  echo "cpu: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); memory: $(free -g | awk '/^Mem:/ { print $2 }') GiB"
  echo "gateway jar: sha256 $(sha256sum "$OUT/gateway.jar" | cut -c1-16)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "rabbitmq: $(rabbitmqctl version 2>/dev/null || echo unknown)"
  echo "file descriptors: $(ulimit -n); probe JVM options: $PROBE_JAVA_OPTS; settle: $SETTLE s; accounts: $ACCOUNTS"
  echo "gateway JVM settings: $GATEWAY_JVMS"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/environment.txt"

if [[ " $TARGETS " == *" gateway "* ]]; then
  IFS=';' read -ra jvms <<< "$GATEWAY_JVMS"
  for jvm in "${jvms[@]}"; do
    start_gateway "${jvm%%:*}" "${jvm#*:}"
    run_steps gateway "gateway-${jvm%%:*}" "$GATEWAY_STEPS" || true
    stop_gateway
  done
fi
if [[ " $TARGETS " == *" stomp "* ]]; then
  [ -n "$BEAM_PID" ] || { echo "no beam.smp process of user rabbitmq" >&2; exit 1; }
  run_steps stomp stomp "$STOMP_STEPS" || true
fi

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/environment.txt"
echo
echo "== results ($RESULTS)"
echo "MiB; server: the gateway's JVM or RabbitMQ's beam.smp; heap: used after a full GC (gateway),"
echo "erlang:memory(total) (Web-STOMP); other: NMT 'Other' (direct buffers), with NMT on only."
echo "B/socket: slope from the previous step, bytes per socket; fit: least squares over the steps above 0"
awk '
  function v(k,   i, kv) { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return substr($i, length(k) + 2) } return "" }
  function mib(kb) { return kb == "" ? "-" : sprintf("%.1f", kb / 1024) }
  function slope(kb, prev) { return prev == "" || kb == "" ? "-" : sprintf("%.0f", (kb - prev) * 1024 / (n - pn)) }
  BEGIN {
    fmt = "%-20s %7s %9s %9s %9s %8s %8s %12s %12s %5s\n"
    printf fmt, "series", "sockets", "server", "heap", "other", "probe", "tcp mem", "server B/s", "heap B/s", "ended"
  }
  $1 == "SAMPLE" {
    s = v("series"); n = v("sockets"); rss = v("server_rss_kb")
    heap = v("heap_used_kb") != "" ? v("heap_used_kb") : v("erlang_total_kb")
    if (s != ps) { prss = ""; pheap = ""; pn = ""; order[++series] = s }
    printf fmt, s, n, mib(rss), mib(heap), mib(v("nmt_other_kb")), mib(v("probe_rss_kb")), mib(v("tcp_mem_kb")),
      slope(rss, prss), slope(heap, pheap), v("ended")
    if (n > 0) { k[s]++; sx[s] += n; sy[s] += rss; sh[s] += heap; sxx[s] += n * n; sxy[s] += n * rss; sxh[s] += n * heap }
    ps = s; prss = rss; pheap = heap; pn = n
  }
  $1 == "FAILED" { printf "%-20s %7s  did not complete\n", v("target"), v("sockets") }
  END {
    print ""
    print "least-squares slope over the steps above 0, bytes per socket"
    for (i = 1; i <= series; i++) {
      s = order[i]
      if (k[s] < 2) continue
      d = k[s] * sxx[s] - sx[s] * sx[s]
      printf "  %-20s server RSS %6.0f  heap %6.0f\n", s, (k[s] * sxy[s] - sx[s] * sy[s]) / d * 1024,
        (k[s] * sxh[s] - sx[s] * sh[s]) / d * 1024
    }
  }' "$RESULTS" | tee "$OUT/table.txt"
