"""Test helper: runs a command whose standard input is a terminal (a pseudo-terminal), as an operator's is,
and answers its questions: each `--answer NEEDLE REPLY` types REPLY and a newline once NEEDLE has appeared on
its standard error; each `--signal NEEDLE SIGNAL` sends it SIGNAL (SIGINT, SIGTERM...) once NEEDLE has appeared there.
Prints one JSON object: the exit status (128+N for death by signal N), stdout and stderr.
Usage: on_terminal.py [--answer NEEDLE REPLY]... [--signal NEEDLE SIGNAL]... -- COMMAND..."""
import json
import os
import pty
import signal
import subprocess
import sys
import threading
import time

arguments = sys.argv[1:]
split = arguments.index("--")
options, command = arguments[:split], arguments[split + 1:]
answers = [(options[i + 1], options[i + 2]) for i in range(0, len(options), 3) if options[i] == "--answer"]
signals = [(options[i + 1], options[i + 2]) for i in range(0, len(options), 3) if options[i] == "--signal"]

# The sandbox's bin folder goes first on PATH again (a pyenv shim running this script puts its own first,
# which would hide the rollout layer's `aws`).
environment = dict(os.environ)
if "SANDBOX_DIR" in environment:
    environment["PATH"] = os.path.join(environment["SANDBOX_DIR"], "bin") + os.pathsep + environment.get("PATH", "")
master, terminal = pty.openpty()
child = subprocess.Popen(command, stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
os.close(terminal)
captured = {"out": b"", "err": b""}


def drain(stream, name):
    for chunk in iter(lambda: stream.read1(4096), b""):
        captured[name] += chunk


readers = [threading.Thread(target=drain, args=(child.stdout, "out")), threading.Thread(target=drain, args=(child.stderr, "err"))]
for reader in readers:
    reader.start()
deadline = time.time() + 120
while (answers or signals) and child.poll() is None and time.time() < deadline:
    if answers and answers[0][0].encode() in captured["err"]:
        os.write(master, (answers.pop(0)[1] + "\n").encode())
    if signals and signals[0][0].encode() in captured["err"]:
        child.send_signal(getattr(signal, signals.pop(0)[1]))
    time.sleep(0.05)
code = child.wait(timeout=max(1, deadline - time.time()))
for reader in readers:
    reader.join()
print(json.dumps({"status": 128 - code if code < 0 else code, "stdout": captured["out"].decode(errors="replace"),
                  "stderr": captured["err"].decode(errors="replace")}))
