#!/usr/bin/env bash
# Where the gateway's CPU goes under one push-latency scenario: starts the gateway jar
# with async-profiler (CPU samples, 1 ms, kernel frames included, from start to exit),
# primes it with one 5 s probe run, runs the measured one, stops the gateway, and prints
# the share of samples under a few named frames (inclusive, so the lines overlap) and the
# hottest leaf frames. Shares are of the serving threads' samples: stacks of the JIT
# compiler threads and of the main thread (start-up) are left out; GC stays in.
#
# async-profiler comes from Maven Central (tools.profiler:async-profiler:4.1, linux-x64)
# through `mvn dependency:get`. Needs RabbitMQ on 127.0.0.1:5672 (guest/guest).
# Settings (environment): CLIENTS (10), RATE (2000 events/s), RUN_SECONDS (20),
#   SKIP_BUILD (unset), OUT (perf/target/profile/<time>). The collapsed stacks stay in
#   $OUT/gateway.collapsed (one line per stack, for flame-graph tools).
set -euo pipefail

cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-10}
RATE=${RATE:-2000}
RUN_SECONDS=${RUN_SECONDS:-20}
PROBE_JAVA_OPTS="-Xmx1g"
WARMUP=2
OUT=${OUT:-perf/target/profile/$(date +%Y%m%d-%H%M%S)}
GATEWAY_PORT=5555
AP_VERSION=4.1
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# shellcheck source=perf/gateway-lib.sh
source perf/gateway-lib.sh

AP_JAR="$HOME/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION-linux-x64.jar"
if [ ! -f "$AP_JAR" ]; then
  mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$AP_VERSION:jar:linux-x64"
fi
unzip -q -o "$AP_JAR" 'linux-x64/libasyncProfiler.so' -d "$OUT/ap"
AGENT="$OUT/ap/linux-x64/libasyncProfiler.so"

build_and_copy
make_keys
start_gateway GATEWAY_RATE_BURST=10000 \
  JAVA_TOOL_OPTIONS="-agentpath:$AGENT=start,event=cpu,interval=1ms,collapsed,file=$OUT/gateway.collapsed"
record_environment

echo "== priming: $CLIENTS clients x $RATE events/s, 5 s"
run_push_probe gateway "$CLIENTS" "$RATE" 5 "$OUT/prime.log"
echo "== profiling: $CLIENTS clients x $RATE events/s, $RUN_SECONDS s"
run_push_probe gateway "$CLIENTS" "$RATE" "$RUN_SECONDS" "$OUT/probe.log"
stop_pid "$GATEWAY_PID" # the agent writes its samples at exit
grep -v ' t= ' "$OUT/probe.log" | sed 's/^/   /'

echo
echo "== share of the gateway's CPU samples ($OUT/gateway.collapsed)"
{
  awk '
    BEGIN {
      n = split("Native.epollWait|FileDescriptor.writevAddresses|Native.eventFdWrite|MonoSendMany$SendManyInner$AsyncFlush.run|AMQConnection$MainLoop.run|ConsumerWorkService$WorkPoolRunnable.run|io/wormhole/gateway/routing/Hub.route|io/wormhole/gateway/routing/EventRoute.parse|io/wormhole/protocol/payload/EventPayload.data|io/wormhole/protocol/message/MessageCodec.encodeEvent|io/wormhole/gateway/session/Outbox.offerEvent|LockSupport.park|LockSupport.unpark|finish_task_switch", key, "|")
    }
    /CompileBroker::compiler_thread_loop|io\/wormhole\/gateway\/Main\.main/ { next }
    {
      count = $NF; stack = $0; sub(/ [0-9]+$/, "", stack); total += count
      for (i = 1; i <= n; i++) if (index(stack, key[i])) under[i] += count
      if (stack ~ /_\[k\]$/) kernel += count
    }
    END {
      printf "  %d samples; %.1f%% with a kernel leaf frame\n", total, 100 * kernel / total
      for (i = 1; i <= n; i++) printf "  %5.1f%%  under %s\n", 100 * under[i] / total, key[i]
    }' "$OUT/gateway.collapsed"
  echo "  hottest leaf frames:"
  awk '/CompileBroker::compiler_thread_loop|io\/wormhole\/gateway\/Main\.main/ { next }
    { count = $NF; total += count; m = split($1, f, ";"); leaf[f[m]] += count }
    END { for (x in leaf) printf "%d %.1f %s\n", leaf[x], 100 * leaf[x] / total, x }' "$OUT/gateway.collapsed" \
    | sort -rn | head -12 | awk '{ printf "  %5.1f%%  %s\n", $2, $3 }'
} | tee "$OUT/summary.txt"
