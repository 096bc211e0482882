#!/usr/bin/env bash
# A sandbox that stays up, to run deploy by hand (make sandbox / make sandbox-down).
#   sandbox/sandbox.sh up DIR     builds deploy, starts a sandbox in DIR, prints what to type next
#   sandbox/sandbox.sh down DIR   stops it and removes DIR
set -euo pipefail

usage="usage: sandbox/sandbox.sh up|down DIR"
action=${1:?$usage}
dir=${2:?$usage}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

# Up means its emulator still runs: the rest is lost with it (moto keeps everything in memory).
running() {
  [ -f "$dir/moto.pid" ] && kill -0 "$(cat "$dir/moto.pid")" 2>/dev/null
}

# The Makefile's default DIR needs no naming.
down_command() {
  if [ "$dir" = "$(cd "${TMPDIR:-/tmp}" && pwd)/deploy-sandbox" ]; then
    echo "make sandbox-down"
  else
    echo "make sandbox-down DIR=$(printf %q "$dir")"
  fi
}

next_steps() {
  cat <<STEPS

  set -a; source $(printf %q "$dir/env"); set +a
  cd $(printf %q "$dir/platform")
  export PATH="$bin:\$PATH"
  deploy --var-file tfvars/sandbox.tfvars --profile sandbox --yes

Stop it and remove its folder with: $(down_command)
STEPS
}

case $action in
  up)
    mkdir -p "$(dirname "$dir")"
    dir=$(cd "$(dirname "$dir")" && pwd)/$(basename "$dir")
    echo "== building deploy"
    swift build --package-path "$root"
    bin=$(swift build --package-path "$root" --show-bin-path)
    if running; then
      echo
      echo "A sandbox is already up in $dir: not starting a second one. In your shell:"
      next_steps
      exit 0
    fi
    # Never build over (or later remove) a folder that is not a sandbox: up.sh writes into it.
    if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
      echo "sandbox: $dir is not empty and no sandbox runs there: if it is a stopped one, $(down_command)" \
        "removes it; or pick another DIR=" >&2
      exit 1
    fi
    echo "== starting the sandbox in $dir"
    # A half-made sandbox would pass for a running one next time: its servers stop, its logs stay.
    if ! bash "$here/up.sh" "$dir"; then
      bash "$here/down.sh" "$dir"
      echo "sandbox: it did not start; see $dir/log, then $(down_command)" >&2
      exit 1
    fi
    echo
    echo "The sandbox is up in $dir. In your shell:"
    next_steps
    ;;
  down)
    if [ ! -e "$dir" ]; then
      echo "No sandbox in $dir."
      exit 0
    fi
    # down.sh --remove deletes the whole folder: only one that up.sh made.
    if [ ! -d "$dir/aws" ] || [ ! -d "$dir/bin" ] || [ ! -d "$dir/log" ]; then
      echo "sandbox: $dir does not look like a sandbox (no aws/, bin/ and log/ in it); not removing it" >&2
      exit 1
    fi
    bash "$here/down.sh" "$dir" --remove
    echo "Stopped the sandbox and removed $dir."
    ;;
  *)
    echo "$usage" >&2
    exit 2
    ;;
esac
