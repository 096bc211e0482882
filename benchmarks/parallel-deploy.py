#!/usr/bin/env python3
"""Benchmark: a full deploy into the sandbox with emulated durations (docker build 2 s, push 1 s, SPA
build 2 s), side by side in one run:
  - at --jobs 4, at --jobs 1, and the critical-path bound for --jobs 4;
  - a re-run right after (every image in ECR, every bucket holding this build);
  - `deploy --help` wall time, and the tool's own CPU time during the full deploy.
Not a test: the machine is shared and noisy, so read the ratios. Usage: benchmarks/parallel-deploy.py"""
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD, PUSH, SPA = 2.0, 1.0, 2.0
JOBS = 4


def deploy_binary():
    subprocess.run(["swift", "build", "-c", "release", "--package-path", ROOT], check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run(["swift", "build", "-c", "release", "--package-path", ROOT, "--show-bin-path"],
                         check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(out, "deploy")


def sandbox():
    folder = tempfile.mkdtemp(prefix="deploy-bench-")
    subprocess.run(["bash", os.path.join(ROOT, "sandbox/up.sh"), folder], check=True, stderr=subprocess.DEVNULL)
    env = dict(os.environ)
    with open(os.path.join(folder, "env")) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            env[key] = value
    env.update(SANDBOX_BUILD_SECONDS=str(BUILD), SANDBOX_PUSH_SECONDS=str(PUSH), SANDBOX_PNPM_SECONDS=str(SPA))
    return folder, env


def own_cpu(pid):
    """utime + stime of the process itself (not its children), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(binary, env, folder, *extra):
    args = [binary, "--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox", "--yes", "--output", "json", *extra]
    start = time.time()
    child = subprocess.Popen(args, cwd=os.path.join(folder, "platform"), env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    cpu = 0.0
    while child.poll() is None:
        try:
            cpu = own_cpu(child.pid)
        except (FileNotFoundError, ProcessLookupError, IndexError):
            pass
        time.sleep(0.05)
    summary = json.loads(child.stdout.read())
    if summary["result"] != "deployed":
        sys.exit(f"deploy {extra} did not deploy: {summary.get('error')}")
    return time.time() - start, summary, cpu


def bound(summary, services):
    """The emulated work on the critical path at --jobs JOBS, with the tool's own reads before the first
    step and the steps after the last push or upload (checks, invalidations, apply) as this run measured."""
    steps = summary["steps"]
    head = min(s["startedAt"] for s in steps)
    last_transfer = max(s["startedAt"] + s["seconds"] for s in steps if s["phase"] in ("push", "upload"))
    tail = summary["seconds"] - last_transfer
    images = BUILD + math.ceil(services / JOBS) * BUILD + PUSH
    spas = 2 * SPA + max(s["seconds"] for s in steps if s["phase"] == "upload")
    return head + max(images, spas) + tail


def main():
    binary = deploy_binary()
    folder4, env4 = sandbox()
    folder1, env1 = sandbox()
    try:
        t4, s4, cpu4 = run(binary, env4, folder4, "--jobs", str(JOBS))
        again, s_again, _ = run(binary, env4, folder4, "--jobs", str(JOBS))
        t1, _, _ = run(binary, env1, folder1, "--jobs", "1")
    finally:
        for folder in (folder4, folder1):
            subprocess.run(["bash", os.path.join(ROOT, "sandbox/down.sh"), folder, "--remove"])
    services = len([i for i in s4["images"]])
    limit = bound(s4, services)
    helps = []
    for _ in range(10):
        start = time.time()
        subprocess.run([binary, "--help"], stdout=subprocess.DEVNULL, check=True)
        helps.append(time.time() - start)
    skipped = [s["label"] for s in s_again["steps"] if s["phase"] in ("build", "push", "build spa", "upload", "invalidate")]
    print(f"full deploy, {services} services, emulated build {BUILD:g}s / push {PUSH:g}s / SPA build {SPA:g}s")
    print(f"  --jobs {JOBS}:            {t4:6.1f} s")
    print(f"  --jobs 1:            {t1:6.1f} s   ({t1 / t4:.2f}x slower; target >= 3x)")
    print(f"  critical-path bound: {limit:6.1f} s   (--jobs {JOBS} is {t4 / limit:.2f}x of it; target <= 1.15x)")
    print(f"  re-run right after:  {again:6.1f} s   ({again / t4:.0%} of the first; target < 30%; rebuilt or re-uploaded: {skipped or 'nothing'})")
    print(f"deploy --help:         {statistics.median(helps) * 1000:6.1f} ms median of 10")
    print(f"deploy's own CPU:      {cpu4:6.2f} s during the {t4:.1f} s full deploy ({cpu4 / t4:.1%})")


if __name__ == "__main__":
    main()
