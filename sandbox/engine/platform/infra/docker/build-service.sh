#!/bin/sh
# The sandbox's stand-in for `pnpm --filter SERVICE build`, run in the image (service.Dockerfile) from /app:
# "compiles" services/SERVICE/src into dist. A file services/SERVICE/FAIL_BUILD makes it fail as a broken
# build does, printing that file's content first; a file services/SERVICE/SLOW_BUILD holding N makes it sleep
# N seconds first (a long build, to interrupt). Usage: build-service SERVICE
set -eu
service=$1
if [ -e "services/$service/SLOW_BUILD" ]; then
  sleep "$(cat "services/$service/SLOW_BUILD")"
fi
if [ -e "services/$service/FAIL_BUILD" ]; then
  cat "services/$service/FAIL_BUILD" >&2
  echo "build of $service failed (services/$service/FAIL_BUILD)" >&2
  exit 1
fi
mkdir -p "services/$service/dist"
cp -R "services/$service/src/." "services/$service/dist/"
