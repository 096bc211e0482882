#!/usr/bin/env bash
# Stops what sandbox/engine/up.sh started for DIR, each by its pid: dockerd (and the containerd it runs),
# the registry and the receiver; then deletes the daemon's bridge and frees the slot. Waits until each
# has exited, so that DIR can be removed right after. Usage: sandbox/engine/down.sh DIR
set -u
engine=${1:?usage: sandbox/engine/down.sh DIR}/engine

# Whether pid $1 still runs (a zombie does not: it has exited, its parent just has not reaped it).
running() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ "$state" != Z ]
}

# Sends TERM to the pid in file $1, waits up to $2 seconds for it to exit, then KILLs it.
stop() {
  local pid
  [ -f "$1" ] || return 0
  pid=$(cat "$1")
  if [ -n "$pid" ] && running "$pid"; then
    kill -TERM "$pid" 2>/dev/null
    for ((tick = 0; tick < $2 * 10; tick++)); do running "$pid" || break; sleep 0.1; done
    if running "$pid"; then
      kill -KILL "$pid" 2>/dev/null
      for ((tick = 0; tick < 50; tick++)); do running "$pid" || break; sleep 0.1; done
    fi
  fi
  rm -f "$1"
}

# The daemon stops its containers and its containerd; should it have been killed, containerd is stopped here.
stop "$engine/dockerd.pid" 20
stop "$engine/run/containerd/containerd.pid" 10
stop "$engine/registry.pid" 5
stop "$engine/receiver.pid" 5
if [ -f "$engine/slot" ]; then
  slot=$(cat "$engine/slot")
  ip link delete "sandbox$slot" 2>/dev/null
  rm -f "/run/sandbox-engine/$slot" "$engine/slot"
fi
exit 0
