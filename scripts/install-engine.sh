#!/usr/bin/env bash
# Installs what the real-engine sandbox (SANDBOX_ENGINE=real, see sandbox/engine/up.sh) needs, where it is
# missing, from Debian's packages: docker.io (dockerd and a docker CLI 20.10 that builds with BuildKit
# without the buildx plugin), docker-registry, apache2-utils (htpasswd), busybox-static (the offline base
# image) and skopeo (to read the registry by hand). Needs root; does nothing when all are there.
# Usage: scripts/install-engine.sh
set -euo pipefail

want=(docker.io docker-registry apache2-utils busybox-static skopeo)
missing=()
for package in "${want[@]}"; do
  dpkg-query -W -f '${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "install-engine: run as root to install: ${missing[*]}" >&2; exit 1; }
  apt-get update -qq
  # The packages start no service of their own (policy-rc.d says no, where none says otherwise): the
  # sandbox starts its own daemons, and a system dockerd would take the docker0 bridge.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
for tool in /usr/sbin/dockerd /usr/bin/docker /usr/bin/docker-registry /usr/bin/htpasswd /bin/busybox unshare openssl ip; do
  command -v "$tool" >/dev/null || { echo "install-engine: $tool is still missing" >&2; exit 1; }
done
