#!/bin/sh
# The sandbox's stand-in for `pnpm --filter SERVICE build`, run in the image (service.Dockerfile) from /app:
# "compiles" services/SERVICE/src into dist. A file services/SERVICE/FAIL_BUILD makes it fail as a broken
# build does, printing that file's content first. Usage: build-service SERVICE
set -eu
service=$1
if [ -e "services/$service/FAIL_BUILD" ]; then
  cat "services/$service/FAIL_BUILD" >&2
  echo "build of $service failed (services/$service/FAIL_BUILD)" >&2
  exit 1
fi
mkdir -p "services/$service/dist"
cp -R "services/$service/src/." "services/$service/dist/"
