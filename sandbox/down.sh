#!/usr/bin/env bash
# Stops the sandbox's emulator. Usage: sandbox/down.sh DIR [--remove]
set -u
dir=${1:?usage: sandbox/down.sh DIR [--remove]}
if [ -f "$dir/moto.pid" ]; then
  kill "$(cat "$dir/moto.pid")" 2>/dev/null
  rm -f "$dir/moto.pid"
fi
[ "${2:-}" = "--remove" ] && rm -rf "$dir"
exit 0
