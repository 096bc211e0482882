#!/usr/bin/env bash
# Benchmark: `deploy --changed` planning when nothing changed, at 9 and at 50 services, beside the
# serial way a shell script does it (per service: one describe-services, one describe-task-definition,
# one git diff). Runs against the local sandbox; prints medians and ratios. Not a test: the machine is
# shared and noisy, so read the ratios, not the seconds.
# Usage: benchmarks/changed-planning.sh [RUNS]   (default 5 runs of deploy, 3 of the baseline at 9)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${1:-5}
swift build --package-path "$root" -c release >/dev/null
deploy="$(swift build --package-path "$root" -c release --show-bin-path)/deploy"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
calc() { python3 -c "print($1)"; }
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); calc "$end - $start"; }

# The serial baseline: what infra/scripts/deploy.sh does for each service.
baseline() {
  local head paths service arn image sha
  head=$(git rev-parse --short HEAD)
  paths="packages/common packages/auth-client packages/events packages/tsconfig packages/eslint-config pnpm-lock.yaml pnpm-workspace.yaml package.json infra/docker/service.Dockerfile infra/docker/.npmrc"
  for service in "$@"; do
    arn=$(aws ecs describe-services --cluster platform-sandbox --services "sandbox-$service" --query 'services[0].taskDefinition' --output text)
    image=$(aws ecs describe-task-definition --task-definition "$arn" --query 'taskDefinition.containerDefinitions[0].image' --output text)
    sha=${image##*:}
    # shellcheck disable=SC2086
    git diff --quiet "$sha" "$head" -- "services/$service" $paths || echo "DEPLOY $service"
  done
}

declare -A cold warm serial
for count in 9 50; do
  dir=$(mktemp -d "${TMPDIR:-/tmp}/deploy-bench.XXXXXX")
  bash "$root/sandbox/up.sh" "$dir" "$count" 2>/dev/null
  (
    set -a; source "$dir/env"; set +a
    cd "$dir/platform"
    mapfile -t services < <(ls services | grep -v '^slack-agent$')
    python3 "$root/sandbox/set_live.py" "$(git rev-parse --short HEAD)" "${services[@]}"
    plan=("$deploy" --changed --var-file tfvars/sandbox.tfvars --profile sandbox --yes)
    "${plan[@]}" | grep -q "nothing to deploy" || { echo "expected nothing to deploy" >&2; exit 1; }
    rm -f "$(git rev-parse --absolute-git-dir)/deploy/task-definition-images.json"
    echo "cold $(seconds "${plan[@]}")"
    for _ in $(seq "$runs"); do echo "warm $(seconds "${plan[@]}")"; done
    baseline_runs=$([ "$count" = 9 ] && echo 3 || echo 1)
    for _ in $(seq "$baseline_runs"); do echo "serial $(seconds baseline "${services[@]}")"; done
  ) >"$dir/times"
  cold[$count]=$(awk '$1 == "cold" { print $2 }' "$dir/times")
  warm[$count]=$(awk '$1 == "warm" { print $2 }' "$dir/times" | median)
  serial[$count]=$(awk '$1 == "serial" { print $2 }' "$dir/times" | median)
  bash "$root/sandbox/down.sh" "$dir" --remove
done

printf '%-10s %12s %12s %14s %10s\n' services "cold (s)" "warm (s)" "serial (s)" "speed-up"
for count in 9 50; do
  printf '%-10s %12.2f %12.2f %14.2f %9.1fx\n' "$count" "${cold[$count]}" "${warm[$count]}" "${serial[$count]}" \
    "$(calc "${serial[$count]} / ${warm[$count]}")"
done
printf 'growth from 9 to 50 services: warm %.2fx, cold %.2fx (target < 1.5x); speed-up at 9: %.1fx (target >= 4x)\n' \
  "$(calc "${warm[50]} / ${warm[9]}")" "$(calc "${cold[50]} / ${cold[9]}")" "$(calc "${serial[9]} / ${warm[9]}")"
