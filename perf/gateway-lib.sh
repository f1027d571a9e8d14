# shellcheck shell=bash
# Shared by the perf/run-*.sh scenario scripts (sourced, not run): build, start the
# gateway jar from a copy against the local RabbitMQ, wait for /readyz, record the
# environment, and stop everything on exit.
#
# The caller sets OUT (output directory) and GATEWAY_PORT before sourcing, and calls
#   build_and_copy          (mvn package unless SKIP_BUILD; copies the jars into $OUT)
#   make_keys               (sets KEYS and PUBLIC_KEY: the probe's token key pair)
#   start_gateway VAR=VAL…  (extra gateway settings; sets GATEWAY_PID, BEAM_PID, WATCH)
#   record_environment
# PROBE_JAR is the probe's copy; every process started through start_gateway or
# remember_pid is stopped when the script exits.

PROBE_JAR="$OUT/probe.jar"
STARTED_PIDS=()

listening() { ss -ltnH "sport = :$1" | grep -q .; }

remember_pid() { STARTED_PIDS+=("$1"); }

stop_pid() {
  local pid=$1
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || return 0
      sleep 0.5
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

finish() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do stop_pid "$pid"; done
  rm -f "$OUT/gateway.jar" "$OUT/probe.jar"
}
trap finish EXIT

build_and_copy() {
  if [ -z "${SKIP_BUILD:-}" ]; then
    echo "== building (mvn -B -q -DskipTests package ${MVN_ARGS:-})"
    # shellcheck disable=SC2086
    mvn -B -q -DskipTests package ${MVN_ARGS:-}
  fi
  # run from copies: a build elsewhere in the tree must not swap the jars under a running JVM
  cp gateway/target/gateway.jar "$OUT/gateway.jar"
  cp perf/target/benchmarks.jar "$OUT/probe.jar"
}

make_keys() {
  KEYS="$OUT/keys"
  PUBLIC_KEY=$(java -cp "$PROBE_JAR" io.wormhole.perf.latency.PushLatencyProbe --keygen-only --keys "$KEYS")
}

start_gateway() {
  if listening "$GATEWAY_PORT"; then
    echo "port $GATEWAY_PORT is taken: stop what listens there first" >&2
    exit 1
  fi
  echo "== starting the gateway on 127.0.0.1:$GATEWAY_PORT, settings $* (log: $OUT/gateway.log)"
  env GATEWAY_AMQP_URI=amqp://guest:guest@127.0.0.1:5672 \
    GATEWAY_WS_HOST=127.0.0.1 \
    GATEWAY_WS_PORT="$GATEWAY_PORT" \
    GATEWAY_JWT_KEYS="$PUBLIC_KEY" \
    GATEWAY_DRAIN=1s \
    "$@" \
    java -jar "$OUT/gateway.jar" > "$OUT/gateway.log" 2>&1 &
  GATEWAY_PID=$!
  remember_pid "$GATEWAY_PID"
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$GATEWAY_PORT/readyz" > /dev/null; then break; fi
    if ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
      echo "the gateway exited:" >&2
      cat "$OUT/gateway.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$GATEWAY_PORT/readyz" > /dev/null || { echo "gateway not ready after 60 s" >&2; exit 1; }
  WATCH=(--watch "gateway=$GATEWAY_PID")
  BEAM_PID=$(pgrep -u rabbitmq -x beam.smp | head -1 || true)
  if [ -n "$BEAM_PID" ]; then WATCH+=(--watch "rabbitmq=$BEAM_PID"); fi
}

record_environment() {
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)," \
      "$(git status --porcelain 2>/dev/null | wc -l) paths changed or new in the working tree"
    echo "cpu: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
    echo "gateway jar: sha256 $(sha256sum "$OUT/gateway.jar" | cut -c1-16)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "rabbitmq: $(rabbitmqctl version 2>/dev/null || echo unknown)"
    echo "ulimit -n: $(ulimit -n)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  } | tee "$OUT/environment.txt"
}

# run_push_probe TARGET CLIENTS RATE SECONDS LOG: one push-latency probe run (gateway or
# stomp) with PROBE_JAVA_OPTS, WARMUP (3) and LOOPS (2), the gateway on GATEWAY_PORT, the
# processes in WATCH measured; everything it prints goes to LOG. Returns the probe's status.
run_push_probe() {
  # shellcheck disable=SC2086
  java ${PROBE_JAVA_OPTS:-} -cp "$PROBE_JAR" io.wormhole.perf.latency.PushLatencyProbe --target "$1" \
    --clients "$2" --rate "$3" --seconds "$4" --warmup "${WARMUP:-3}" --loops "${LOOPS:-2}" \
    --port "$GATEWAY_PORT" --keys "$KEYS" "${WATCH[@]}" > "$5" 2>&1
}

# kv KEY LINE: the value of KEY=value in LINE (empty when absent)
kv() { tr ' ' '\n' <<< "$2" | sed -n "s/^$1=//p" | head -1; }

# awk functions for the result tables: v(KEY) is the value of KEY=value in the current
# line ("-" when absent); median(LIST) of a space-separated list of numbers
# shellcheck disable=SC2016
AWK_LIB='
  function v(k,   i, kv) { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return substr($i, length(k) + 2) } return "-" }
  function median(list,   a, n, t, i, j) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }'
