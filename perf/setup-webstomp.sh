#!/usr/bin/env bash
# Prepares the local RabbitMQ (Debian package, run as root) for the Web-STOMP side of the
# perf scenarios, once per machine:
#   - 20,000 file descriptors for the rabbitmq user (/etc/security/limits.d/rabbitmq.conf;
#     the node starts through su, whose PAM limits replace the shell's ulimit; the stock
#     limit leaves about 830 sockets, too few for 1,000 Web-STOMP clients)
#   - Web-STOMP on 127.0.0.1:15674 and STOMP on 127.0.0.1:61613 only (rabbitmq.conf)
#   - the rabbitmq_web_stomp plugin enabled
# and restarts the node when the running one lacks any of these. Idempotent.
set -euo pipefail

LIMITS=/etc/security/limits.d/rabbitmq.conf
CONF=/etc/rabbitmq/rabbitmq.conf
want_fds=20000

if ! grep -qs "nofile $want_fds" "$LIMITS"; then
  echo "rabbitmq - nofile $want_fds" > "$LIMITS"
fi
touch "$CONF"
for line in "web_stomp.tcp.ip = 127.0.0.1" "web_stomp.tcp.port = 15674" \
    "stomp.listeners.tcp.1 = 127.0.0.1:61613"; do
  grep -qxF "$line" "$CONF" || echo "$line" >> "$CONF"
done
rabbitmq-plugins enable --offline rabbitmq_web_stomp > /dev/null

fd_limit=$(rabbitmqctl status 2>/dev/null | sed -n '/File Descriptors/,/Sockets/s/^Total: [0-9]*, limit: \([0-9]*\).*/\1/p' | head -1)
if [ -z "$fd_limit" ] || [ "$fd_limit" -lt $((want_fds - 1000)) ] \
    || ! ss -ltnH 'sport = :15674' | grep -q .; then
  echo "restarting RabbitMQ (file descriptor limit: ${fd_limit:-not running})"
  rabbitmqctl stop > /dev/null 2>&1 || true
  rabbitmq-server -detached
  rabbitmqctl await_startup > /dev/null
fi
rabbitmqctl status | grep -A3 'File Descriptors'
ss -ltnH 'sport = :15674' | grep -q . && echo "Web-STOMP listens on 127.0.0.1:15674"
