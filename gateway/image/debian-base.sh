#!/usr/bin/env bash
# Builds a Java 17 base image from Debian packages alone, as a `docker save` style
# tarball that Jib takes with `-Djib.from.image=tar://<path>` (or `-Plocal-base`).
#
# Why: the image's normal base (eclipse-temurin:17-jre) lives in a container registry;
# on a machine that reaches Debian's package mirrors but no container registry, this is
# the only way to get a base, and it needs no Docker daemon either.
#
# What: a minimal Debian bookworm root file system (Essential packages plus
# openjdk-17-jre-headless and its hard dependencies, no recommends, no docs, man pages,
# locales or apt lists) as one uncompressed layer, with its image config (diff_id, PATH,
# JAVA_HOME) and manifest.json. Needs root and mmdebstrap (installed with apt if missing).
#
# Usage: gateway/image/debian-base.sh [OUTPUT_TAR]
#   OUTPUT_TAR  default gateway/target/base-image/debian-jre17.tar
# Environment:
#   SUITE               Debian release, default bookworm
#   SOURCE_DATE_EPOCH   makes the layer reproducible (mmdebstrap honours it) and dates
#                       the image; default: now
# Extra mirrors or apt sources can be given after OUTPUT_TAR and go to mmdebstrap as
# they are; by default mmdebstrap uses Debian's mirror plus its updates and security
# suites.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../target/base-image/debian-jre17.tar}"
shift $(( $# > 0 ? 1 : 0 ))
suite="${SUITE:-bookworm}"
arch="$(dpkg --print-architecture)"
java_home="/usr/lib/jvm/java-17-openjdk-$arch"
tag="wormhole/debian-jre17:$suite"

if [[ $EUID -ne 0 ]]; then
  echo "debian-base: run as root (mmdebstrap installs packages in a chroot)" >&2
  exit 1
fi
if ! command -v mmdebstrap >/dev/null; then
  echo "debian-base: installing mmdebstrap"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"

echo "debian-base: bootstrapping $suite ($arch) with openjdk-17-jre-headless"
# The JRE's postinst links its man page into /usr/share/man/man1, which the man-page
# exclusion leaves missing: the essential hook makes it first. /dev is left out: a
# container runtime provides its own. Hooks get the root directory as their "$1".
# shellcheck disable=SC2016
mmdebstrap --variant=essential --include=openjdk-17-jre-headless \
  --aptopt='APT::Install-Recommends "false"' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --essential-hook='mkdir -p "$1"/usr/share/man/man1' \
  --customize-hook='rm -rf "$1"/var/log/* "$1"/var/cache/debconf/*-old "$1"/etc/hostname "$1"/etc/resolv.conf' \
  "$suite" - "$@" \
  | mmtarfilter --path-exclude='/dev/*' > "$work/layer.tar"

diff_id="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
created="$(date -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}" +%Y-%m-%dT%H:%M:%SZ)"
cat > "$work/config.json" <<EOF
{"architecture":"$arch","os":"linux","created":"$created",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"],
           "Cmd":["/bin/sh"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"$created","created_by":"gateway/image/debian-base.sh: mmdebstrap $suite + openjdk-17-jre-headless"}]}
EOF
config_id="$(sha256sum "$work/config.json" | cut -d' ' -f1)"

# docker save layout: manifest.json, <config digest>.json, <layer id>/layer.tar
mkdir "$work/image" "$work/image/$diff_id"
mv "$work/layer.tar" "$work/image/$diff_id/layer.tar"
mv "$work/config.json" "$work/image/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]\n' \
  "$config_id" "$tag" "$diff_id" > "$work/image/manifest.json"
tar -C "$work/image" --owner=0 --group=0 --numeric-owner -cf "$out.tmp" \
  manifest.json "$config_id.json" "$diff_id/layer.tar"
mv "$out.tmp" "$out"

out="$(realpath "$out")"
echo "debian-base: wrote $out ($(stat -c %s "$out") bytes, tag $tag)"
echo "debian-base: layer sha256:$diff_id"
echo "debian-base: build the gateway image on it with"
echo "  mvn -B -pl gateway -am -DskipTests package jib:buildTar -Djib.from.image=tar://$out"
echo "  (or -Plocal-base instead of -Djib.from.image for the default OUTPUT_TAR)"
