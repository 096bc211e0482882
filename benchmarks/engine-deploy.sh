#!/usr/bin/env bash
# Times the sandbox with the docker stub and with the real engine (SANDBOX_ENGINE=real, as root): sandbox/up.sh
# with 9 services, a full deploy (--yes), and a re-run right after; counts the docker builds and pushes each
# made (the sandbox's docker.jsonl) and, for the real engine, the disk its data root and registry use after
# the deploy. One line per engine and run. Usage: benchmarks/engine-deploy.sh [RUNS] [DEPLOY_BINARY]
set -euo pipefail
runs=${1:-1}
binary=${2:-${DEPLOY_BINARY:-$(pwd)/.build/debug/deploy}}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/engine-bench.XXXXXX)
trap 'for d in "$work"/*/; do bash "$root/sandbox/down.sh" "$d"; done; rm -rf "$work"' EXIT

now() { date +%s.%N; }
calls() { # docker calls of verb $2 in sandbox $1's log, from line $3 on
  tail -n +"$3" "$1/log/docker.jsonl" 2>/dev/null | grep -c "\"argv\": \[\"docker\", \"$2\"" || true
}

printf '%-5s %3s %8s %9s %8s %7s %6s %9s %9s\n' engine run up_s deploy_s rerun_s builds pushes rerun_push data+reg
for ((run = 1; run <= runs; run++)); do
  for engine in stub real; do
    dir=$work/$engine-$run
    t0=$(now)
    SANDBOX_ENGINE=$engine bash "$root/sandbox/up.sh" "$dir" 9 2>/dev/null
    t1=$(now)
    (
      set -a; source "$dir/env"; set +a
      cd "$dir/platform"
      "$binary" --var-file tfvars/sandbox.tfvars --profile sandbox --yes >"$dir/log/deploy-1.out" 2>&1
    )
    t2=$(now)
    before=$(($(wc -l <"$dir/log/docker.jsonl") + 1))
    (
      set -a; source "$dir/env"; set +a
      cd "$dir/platform"
      "$binary" --var-file tfvars/sandbox.tfvars --profile sandbox --yes >"$dir/log/deploy-2.out" 2>&1
    )
    t3=$(now)
    disk=-
    [ "$engine" = real ] && disk=$(du -sh "$dir/engine/data" "$dir/engine/registry" | awk '{printf "%s%s", sep, $1; sep="+"}')
    printf '%-5s %3d %8.1f %9.1f %8.1f %7s %6s %9s %9s\n' "$engine" "$run" "$(echo "$t1 - $t0" | bc)" \
      "$(echo "$t2 - $t1" | bc)" "$(echo "$t3 - $t2" | bc)" "$(calls "$dir" build 1)" "$(calls "$dir" push 1)" \
      "$(calls "$dir" push "$before")" "$disk"
    bash "$root/sandbox/down.sh" "$dir"
  done
done
