#!/usr/bin/env bash
# Runs the gateway image without a container engine and checks that it serves: unpacks
# every layer of the Jib tarball in order into a scratch root file system, starts the
# image's entrypoint there with chroot as the image's user, with the image's
# environment, and asks /healthz and /readyz. The node runs its embedded broker (no
# GATEWAY_AMQP_URI), so nothing else is needed. Needs root (chroot, mount) and jq.
#
# Why: on a machine with no Docker daemon this is the only proof that the image's
# JRE, class path, user and entrypoint fit together.
#
# Not a container: the process shares the host's network (it binds loopback only) and
# sees /proc and /dev bind-mounted from the host, as a runtime would give it.
#
# Usage: gateway/image/smoke.sh [IMAGE_TAR]   (default gateway/target/jib-image.tar)
# Environment: SMOKE_PORT  port the node binds on 127.0.0.1, default 5640
#              SMOKE_WAIT  seconds to wait for /healthz and for /readyz, default 60
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
image="$(realpath "${1:-$here/../target/jib-image.tar}")"
port="${SMOKE_PORT:-5640}"
wait_s="${SMOKE_WAIT:-60}"
say() { echo "smoke: $*"; }

[[ $EUID -eq 0 ]] || { say "run as root (chroot and mount need it)" >&2; exit 1; }
command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq; }
[[ -f $image ]] || { say "no image tarball at $image" >&2; exit 1; }

work="$(mktemp -d /tmp/wormhole-smoke.XXXXXX)"
root="$work/rootfs"
pid=""
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  for m in proc dev; do mountpoint -q "$root/$m" && umount "$root/$m"; done
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/image" "$root"
tar -xf "$image" -C "$work/image"
config="$work/image/$(jq -r '.[0].Config' "$work/image/manifest.json")"
say "image $image ($(du -m "$image" | cut -f1) MiB)"

# Layers in manifest order. Jib's layers only add files; a layer that deletes some
# (OCI whiteout entries, .wh.NAME) is refused rather than unpacked wrongly.
while read -r layer; do
  lf="$work/image/$layer"
  if tar --warning=no-unknown-keyword -tf "$lf" | grep -E '(^|/)\.wh\.[^/]+$' >/dev/null; then
    say "layer $layer has whiteout entries, which this script does not apply" >&2; exit 1
  fi
  tar --warning=no-unknown-keyword --numeric-owner -xf "$lf" -C "$root"
  say "layer $layer ($(du -k "$lf" | cut -f1) KiB)"
done < <(jq -r '.[0].Layers[]' "$work/image/manifest.json")

user="$(jq -r '.config.User // "0:0"' "$config")"
workdir="$(jq -r '.config.WorkingDir // "/" | if . == "" then "/" else . end' "$config")"
mapfile -t entry < <(jq -r '(.config.Entrypoint // []) + (.config.Cmd // []) | .[]' "$config")
mapfile -t envs < <(jq -r '.config.Env // [] | .[]' "$config")
say "entrypoint: ${entry[*]}"
say "user: $user  exposed: $(jq -r '.config.ExposedPorts // {} | keys | join(" ")' "$config")"
say "env: ${envs[*]}"

# What a runtime provides: /proc, /dev, and name resolution files.
mkdir -p "$root/proc" "$root/dev"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
cp /etc/hosts "$root/etc/hosts"

say "java: $(chroot --userspec="$user" "$root" env -i "${envs[@]}" java -version 2>&1 | head -1)"
log="$work/gateway.log"
# shellcheck disable=SC2016  # $1 and $@ are the inner shell's
(cd / && exec chroot --userspec="$user" "$root" /usr/bin/env -i "${envs[@]}" \
  GATEWAY_WS_HOST=127.0.0.1 GATEWAY_WS_PORT="$port" GATEWAY_DRAIN=1s \
  sh -c 'cd "$1" && shift && exec "$@"' sh "$workdir" "${entry[@]}") > "$log" 2>&1 &
pid=$!
say "started pid $pid on 127.0.0.1:$port"

# Prints "CODE BODY" for a GET on the node.
probe() { curl -s -m 2 -w ' %{http_code}' "http://127.0.0.1:$port/$1" 2>/dev/null || true; }
await() {
  local path=$1 deadline=$((SECONDS + wait_s)) out
  while (( SECONDS < deadline )); do
    out="$(probe "$path")"
    if [[ $out == *" 200" ]]; then say "/$path -> 200 ${out% 200} after ${SECONDS}s"; return 0; fi
    kill -0 "$pid" 2>/dev/null || { say "node exited early; log:"; cat "$log"; return 1; }
    sleep 0.5
  done
  say "/$path not 200 within ${wait_s}s (last: ${out:-no answer}); log:"; cat "$log"; return 1
}

SECONDS=0
status=0
await healthz && await readyz || status=1
# chroot, env and sh exec in turn, so $pid is the JVM itself.
(( status == 0 )) && say "process: $(ps -o uid=,gid=,comm= -p "$pid" | tr -s ' ')"


kill -TERM "$pid" 2>/dev/null || true
for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$pid" 2>/dev/null; then say "node ignored SIGTERM for 30 s"; status=1; fi
rc=0; wait "$pid" 2>/dev/null || rc=$?
say "stopped (exit $rc); last log lines:"
tail -n 5 "$log" | sed 's/^/  /'

if (( status == 0 )); then say "PASS"; else say "FAIL"; fi
exit "$status"
