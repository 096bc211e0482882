"""Test helper: runs a command, waits until a line appears in a file (or a timeout), sends it a signal,
and prints its exit code (as a shell reports it: 128+N for death by signal N) and the seconds from the
signal to its end. The sandbox's bin folder goes first on the command's PATH again (a pyenv shim running
this script puts its own first, which would hide the rollout layer's `aws`).
With SANDBOX_STDERR set, the command's stderr goes to that file.
Usage: interrupt.py SIGNAL WATCH_FILE NEEDLE -- COMMAND..."""
import os
import signal
import subprocess
import sys
import time

sig, watch, needle = getattr(signal, sys.argv[1]), sys.argv[2], sys.argv[3]
command = sys.argv[sys.argv.index("--") + 1:]
environment = dict(os.environ)
if "SANDBOX_DIR" in environment:
    environment["PATH"] = os.path.join(environment["SANDBOX_DIR"], "bin") + os.pathsep + environment.get("PATH", "")
errors = open(environment["SANDBOX_STDERR"], "w") if "SANDBOX_STDERR" in environment else subprocess.DEVNULL
child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors, env=environment)
deadline = time.time() + 60
while time.time() < deadline and child.poll() is None:
    try:
        with open(watch) as f:
            if needle in f.read():
                break
    except FileNotFoundError:
        pass
    time.sleep(0.05)
time.sleep(0.3)
sent = time.time()
child.send_signal(sig)
try:
    code = child.wait(timeout=30)
except subprocess.TimeoutExpired:
    child.kill()
    code = "timeout"
print(f"exit={128 - code if isinstance(code, int) and code < 0 else code} seconds={time.time() - sent:.1f}")
