#!/usr/bin/env bash
# Prepares the local RabbitMQ (Debian package, run as root) for the Web-STOMP side of the
# perf scenarios, once per machine:
#   - 20,000 file descriptors for the rabbitmq user (/etc/security/limits.d/rabbitmq.conf;
#     the node starts through su, whose PAM limits replace the shell's ulimit; the stock
#     limit leaves about 830 sockets, too few for 1,000 Web-STOMP clients)
#   - Web-STOMP on 127.0.0.1:15674 and STOMP on 127.0.0.1:61613 only (rabbitmq.conf)
#   - the rabbitmq_web_stomp plugin enabled
# and restarts the node when the running one lacks any of these, waiting (bounded:
# RABBITMQ_START_SECONDS, default 90) until it answers and has started. Idempotent.
set -euo pipefail

LIMITS=/etc/security/limits.d/rabbitmq.conf
CONF=/etc/rabbitmq/rabbitmq.conf
want_fds=20000
start_seconds=${RABBITMQ_START_SECONDS:-90}

# wait_for_node SECONDS: `rabbitmq-server -detached` returns before the node has
# registered with epmd, and await_startup fails outright against a node it cannot reach
# yet; so poll `rabbitmqctl ping` until the node answers, then wait for the application,
# all within SECONDS.
wait_for_node() {
  local deadline=$((SECONDS + $1))
  until rabbitmqctl -q ping -t 5 > /dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "RabbitMQ did not answer rabbitmqctl ping within $1 s" >&2
      return 1
    fi
    sleep 1
  done
  rabbitmqctl -q -t "$((deadline > SECONDS ? deadline - SECONDS : 1))" await_startup > /dev/null
}

if ! grep -qs "nofile $want_fds" "$LIMITS"; then
  echo "rabbitmq - nofile $want_fds" > "$LIMITS"
fi
touch "$CONF"
for line in "web_stomp.tcp.ip = 127.0.0.1" "web_stomp.tcp.port = 15674" \
    "stomp.listeners.tcp.1 = 127.0.0.1:61613"; do
  grep -qxF "$line" "$CONF" || echo "$line" >> "$CONF"
done
rabbitmq-plugins enable --offline rabbitmq_web_stomp > /dev/null

# a node that is down makes status fail: that is the "not running" case, not an error
fd_limit=$({ rabbitmqctl status 2>/dev/null || true; } | sed -n '/File Descriptors/,/Sockets/s/^Total: [0-9]*, limit: \([0-9]*\).*/\1/p' | head -1)
if [ -z "$fd_limit" ] || [ "$fd_limit" -lt $((want_fds - 1000)) ] \
    || ! ss -ltnH 'sport = :15674' | grep -q .; then
  echo "restarting RabbitMQ (file descriptor limit: ${fd_limit:-not running})"
  rabbitmqctl shutdown > /dev/null 2>&1 || true
  rabbitmq-server -detached
  wait_for_node "$start_seconds"
fi
rabbitmqctl status | grep -A3 'File Descriptors'
ss -ltnH 'sport = :15674' | grep -q . && echo "Web-STOMP listens on 127.0.0.1:15674"
