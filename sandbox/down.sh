#!/usr/bin/env bash
# Stops the sandbox's emulator and API server, and its real engine if it has one (sandbox/engine/down.sh).
# Usage: sandbox/down.sh DIR [--remove]
set -u
dir=${1:?usage: sandbox/down.sh DIR [--remove]}
[ -d "$dir/engine" ] && bash "$(dirname "$0")/engine/down.sh" "$dir"
for server in moto health aws; do
  if [ -f "$dir/$server.pid" ]; then
    kill "$(cat "$dir/$server.pid")" 2>/dev/null
    rm -f "$dir/$server.pid"
  fi
done
[ "${2:-}" = "--remove" ] && rm -rf "$dir"
exit 0
