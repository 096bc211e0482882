#!/usr/bin/env bash
# Benchmark: a full deploy of the 9-service sandbox and a re-run right after at the same commit: the wall
# time of each, the aws CLI calls each makes (deploy's own, and those terraform's apply makes), and the
# re-run's share of the full deploy's time. With --against REF, the deploy built from that git ref is
# measured the same way in the same run, side by side. Not a test: the machine is shared and noisy, so
# read the medians and ratios, not the seconds.
# Usage: benchmarks/deploy-calls.sh [--against REF] [RUNS]   (default 3 runs each)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
against=""
if [ "${1:-}" = "--against" ]; then against=$2; shift 2; fi
runs=${1:-3}

build() { # package folder -> path of its release deploy
  swift build --package-path "$1" -c release >/dev/null
  echo "$(swift build --package-path "$1" -c release --show-bin-path)/deploy"
}

declare -A binaries=([now]=$(build "$root"))
names=(now)
if [ -n "$against" ]; then
  tree=$(mktemp -d "${TMPDIR:-/tmp}/deploy-against.XXXXXX")
  git -C "$root" worktree add --detach "$tree" "$against" >/dev/null 2>&1
  trap 'git -C "$root" worktree remove --force "$tree"' EXIT
  binaries[before]=$(build "$tree")
  names=(before now)
fi

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
calc() { python3 -c "print($1)"; }

# One deploy: its wall time, deploy's aws calls (of them describe-images) and the others' (terraform's).
measure() { # binary sandbox-dir -> "seconds own images others"
  local lines start end
  lines=$(cat "$2/log/aws.jsonl" 2>/dev/null | wc -l)
  start=$(date +%s.%N)
  (cd "$2/platform" && "$1" --var-file tfvars/sandbox.tfvars --profile sandbox --yes >/dev/null 2>&1)
  end=$(date +%s.%N)
  tail -n +"$((lines + 1))" "$2/log/aws.jsonl" | python3 -c '
import json, sys
calls = [json.loads(line) for line in sys.stdin]
own = [c for c in calls if c["by"] == "deploy"]
images = [c for c in own if c["argv"][:2] == ["ecr", "describe-images"]]
print(len(own), len(images), len(calls) - len(own))' | { read -r own images others; echo "$(calc "$end - $start") $own $images $others"; }
}

results=$(mktemp)
for name in "${names[@]}"; do
  for _ in $(seq "$runs"); do
    dir=$(mktemp -d "${TMPDIR:-/tmp}/deploy-bench.XXXXXX")
    bash "$root/sandbox/up.sh" "$dir" 9 2>/dev/null
    (
      set -a; source "$dir/env"; set +a
      echo "$name full $(measure "${binaries[$name]}" "$dir")"
      echo "$name rerun $(measure "${binaries[$name]}" "$dir")"
    ) >>"$results"
    bash "$root/sandbox/down.sh" "$dir" --remove
  done
done

printf '%-8s %-6s %10s %12s %16s %16s\n' deploy run "wall (s)" "aws calls" "describe-images" "terraform's aws"
for name in "${names[@]}"; do
  for run in full rerun; do
    field() { awk -v n="$name" -v r="$run" -v f="$1" '$1 == n && $2 == r { print $f }' "$results" | median; }
    printf '%-8s %-6s %10.2f %12s %16s %16s\n' "$name" "$run" "$(field 3)" "$(field 4)" "$(field 5)" "$(field 6)"
  done
  full=$(awk -v n="$name" '$1 == n && $2 == "full" { print $3 }' "$results" | median)
  rerun=$(awk -v n="$name" '$1 == n && $2 == "rerun" { print $3 }' "$results" | median)
  printf '%-8s re-run / full (median wall): %.2f\n' "$name" "$(calc "$rerun / $full")"
done
rm -f "$results"
