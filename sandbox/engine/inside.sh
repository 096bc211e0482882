#!/bin/sh
# The engine's own view of the machine: sandbox/engine/up.sh starts this under
# `unshare --mount --propagation private`, so what it mounts here is seen by this dockerd alone (and goes
# with it): an /etc/hosts where the sandbox's ECR host name is its registry's address, and an /etc/docker
# whose certs.d trusts the sandbox CA for that host. Then it becomes dockerd (same pid).
# Usage: inside.sh ENGINE_DIR DOCKERD_ARG...
set -eu
engine=$1
shift
mount --bind "$engine/hosts" /etc/hosts
mkdir -p /etc/docker
mount --bind "$engine/etc-docker" /etc/docker
exec /usr/sbin/dockerd "$@"
