#!/usr/bin/env bash
# A real full deploy into a local sandbox: builds deploy, makes the sandbox (git repo, moto_server,
# terraform, a real docker engine and registry where it can, else a docker stub; a pnpm stub), runs `deploy --var-file tfvars/sandbox.tfvars`, then shows what
# ECS runs now. No AWS account needed. Usage: sandbox/demo.sh [DIR]   (default: a new temp folder)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
dir=${1:-$(mktemp -d "${TMPDIR:-/tmp}/deploy-sandbox.XXXXXX")}

# The build's progress shows: on a fresh clone it is most of the wait.
echo "== building deploy"
swift build --package-path "$root"
deploy="$(swift build --package-path "$root" --show-bin-path)/deploy"
# A real engine when this machine can run the sandbox's own (root, and scripts/install-engine.sh's packages), or
# when SANDBOX_ENGINE=real asks for it; the docker stub otherwise, or when SANDBOX_ENGINE=stub asks for it.
engine=${SANDBOX_ENGINE:-}
if [ -z "$engine" ]; then
  engine=stub
  if [ "$(id -u)" = 0 ] && command -v /usr/sbin/dockerd docker-registry htpasswd busybox >/dev/null 2>&1; then
    engine=real
  fi
fi
if ! SANDBOX_ENGINE=$engine bash "$here/up.sh" "$dir"; then
  [ "$engine" = real ] && [ -z "${SANDBOX_ENGINE:-}" ] || exit 1
  echo "== the real engine did not start (see above): the demo goes on with the docker stub"
  bash "$here/down.sh" "$dir" --remove
  dir=$(mktemp -d "${TMPDIR:-/tmp}/deploy-sandbox.XXXXXX")
  engine=stub
  SANDBOX_ENGINE=stub bash "$here/up.sh" "$dir"
fi
trap 'bash "$here/down.sh" "$dir"' EXIT
if [ "$engine" = real ]; then
  echo "== engine: real: dockerd 20.10 builds the images, a local registry stands in for ECR"
else
  echo "== engine: stub: docker's calls are recorded, not run (as root, with scripts/install-engine.sh's packages," \
    "the demo builds on a real engine)"
fi
set -a
# shellcheck disable=SC1091
source "$dir/env"
set +a

cd "$dir/platform"
echo "== deploy --var-file tfvars/sandbox.tfvars --profile sandbox --yes   (in $dir/platform)"
"$deploy" --var-file tfvars/sandbox.tfvars --profile sandbox --yes

echo
echo "== what ECS runs now"
cluster=platform-sandbox
for arn in $(aws ecs list-services --cluster "$cluster" --query 'serviceArns[]' --output text); do
  definition=$(aws ecs describe-services --cluster "$cluster" --services "$arn" --query 'services[0].taskDefinition' --output text)
  image=$(aws ecs describe-task-definition --task-definition "$definition" --query 'taskDefinition.containerDefinitions[0].image' --output text)
  printf '  %-28s %s\n' "${arn##*/}" "$image"
done
echo
echo "== deploy history   (every deploy is recorded in .git/deploy/history-<workspace>.jsonl)"
"$deploy" history --limit 3
echo
echo "The sandbox stays in $dir (its emulator stops now); remove it with: rm -rf $dir"
echo
bash "$here/next-steps.sh"
