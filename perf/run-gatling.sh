#!/usr/bin/env bash
# Gatling "ramp, subscribe, hold" against the gateway: one command, headless.
#
# Builds the gateway and perf jars, makes an RSA key pair with the push-latency probe,
# starts the gateway jar on 127.0.0.1:$PORT against the local RabbitMQ trusting that
# key, runs io.wormhole.perf.gatling.SubscribeHoldSimulation through the Gatling Maven
# plugin, prints the report's per-request table (report-table.py, python3) and the
# delivery summary, and stops the gateway. The HTML report is written under
# perf/gatling/target/gatling/; the logs, the per-request tables (requests.txt,
# requests-per-second.txt), the delivery summary (events-summary.txt) and the per-user
# CSV under $OUT. Hold /tmp/wormhole-perf.lock around it on a shared machine (flock).
#
# Needs: RabbitMQ on 127.0.0.1:5672 with guest/guest.
#
# Settings (environment; unit, default):
#   USERS      virtual users (1000)          RAMP     seconds to start them all (10)
#   HOLD       seconds each holds its socket after subscribing (30)
#   SETTLE     seconds after the ramp before publishing starts (5)
#   DRAIN      seconds before the first user leaves when publishing stops (3)
#   ACCOUNTS   accounts in the pool (10)     RATE     published events per second (100)
#   BINDINGS   comma-separated binding mix ("call.CHANNEL_CREATE.*,call.*.*,call.CHANNEL_ANSWER.*")
#   EVENTS     comma-separated event names published in turn ("CHANNEL_CREATE,CHANNEL_ANSWER,CHANNEL_DESTROY")
#   PORT       gateway port (5600)           GATLING_JVM_ARGS  extra JVM options for Gatling ("")
#   PRIME_USERS  users of an unmeasured run first (ramp 5 s, hold 12 s), so the measured
#              run meets a warmed-up gateway; 0: none (0)
#   MVN_ARGS   extra Maven arguments, e.g. -o (""); SKIP_BUILD (unset): reuse the built jars
#   OUT        output directory (perf/gatling/target/run/<time>)
# Exit status: 0 when every request was OK and every user got exactly the events
# published for its account and binding, else non-zero.
set -euo pipefail

cd "$(dirname "$0")/.."
USERS=${USERS:-1000}
RAMP=${RAMP:-10}
HOLD=${HOLD:-30}
SETTLE=${SETTLE:-5}
DRAIN=${DRAIN:-3}
ACCOUNTS=${ACCOUNTS:-10}
RATE=${RATE:-100}
BINDINGS=${BINDINGS:-"call.CHANNEL_CREATE.*,call.*.*,call.CHANNEL_ANSWER.*"}
EVENTS=${EVENTS:-"CHANNEL_CREATE,CHANNEL_ANSWER,CHANNEL_DESTROY"}
PORT=${PORT:-5600}
PRIME_USERS=${PRIME_USERS:-0}
OUT=${OUT:-perf/gatling/target/run/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

GATEWAY_PORT=$PORT
# shellcheck source=gateway-lib.sh
source perf/gateway-lib.sh
build_and_copy
make_keys
start_gateway GATEWAY_UNBIND_GRACE=1s
record_environment
echo "load: prime_users=$PRIME_USERS users=$USERS ramp=${RAMP}s hold=${HOLD}s settle=${SETTLE}s drain=${DRAIN}s accounts=$ACCOUNTS rate=$RATE/s" \
  | tee -a "$OUT/environment.txt"

# simulate LOG SUMMARY USERS RAMP HOLD SETTLE DRAIN: one Gatling run against the gateway
simulate() {
  # shellcheck disable=SC2086
  mvn -B -pl perf/gatling ${MVN_ARGS:-} test-compile gatling:test \
    -Dgatling.simulationClass=io.wormhole.perf.gatling.SubscribeHoldSimulation \
    ${GATLING_JVM_ARGS:+"-Dgatling.jvmArgs=$GATLING_JVM_ARGS"} \
    -Dusers="$3" -DrampSeconds="$4" -DholdSeconds="$5" -DsettleSeconds="$6" -DdrainSeconds="$7" \
    -Daccounts="$ACCOUNTS" -Drate="$RATE" -Dbindings="$BINDINGS" -Devents="$EVENTS" \
    -DwsUrl="ws://127.0.0.1:$PORT" -Dkeys="$OUT/keys" -Dsummary="$2" > "$1" 2>&1
}

if [ "$PRIME_USERS" -gt 0 ]; then
  echo "== priming the gateway with $PRIME_USERS users (not measured; log: $OUT/prime.log)"
  simulate "$OUT/prime.log" "$OUT/prime-events-summary.txt" "$PRIME_USERS" 5 12 2 2 || true
  sleep 2 # let the gateway drop the primed sessions' bindings
fi

echo "== running SubscribeHoldSimulation (log: $OUT/gatling.log)"
status=0
simulate "$OUT/gatling.log" "$OUT/events-summary.txt" "$USERS" "$RAMP" "$HOLD" "$SETTLE" "$DRAIN" || status=$?
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/environment.txt"

# the report's per-request table, the delivery summary, and where the report is
REPORT=$(grep -o 'file://[^ ]*index.html' "$OUT/gatling.log" | tail -1 | sed 's|^file://||' || true)
if [ -n "$REPORT" ]; then
  python3 perf/gatling/report-table.py "$REPORT" | tee "$OUT/requests.txt"
  python3 perf/gatling/report-table.py "$REPORT" --seconds > "$OUT/requests-per-second.txt"
  echo "report: $REPORT"
fi
grep -E '^(PUBLISH|EVENTS) ' "$OUT/gatling.log" || true
grep -E 'Global: |BUILD' "$OUT/gatling.log" || true
if [ "$status" -ne 0 ]; then
  echo "Gatling exited with status $status (see $OUT/gatling.log)" >&2
  exit "$status"
fi
grep -q 'EVENTS verdict=exact' "$OUT/events-summary.txt"
