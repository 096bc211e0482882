"""Test helper: runs a command on a terminal of its own (stdin, stdout and stderr a pseudo-terminal of COLUMNS x
ROWS, as an operator's), reads everything it writes through a terminal emulator (pyte), and prints one JSON object:
the exit status (128+N for death by signal N), the final screen's lines, and the lines scrolled off the top (the
scrollback), as an operator would see them. The sandbox's bin folder goes first on PATH again (a pyenv shim running
this script puts its own first, which would hide the rollout layer's `aws`).
Usage: screen.py COLUMNS ROWS -- COMMAND..."""
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import fcntl

import pyte

columns, rows = int(sys.argv[1]), int(sys.argv[2])
command = sys.argv[sys.argv.index("--") + 1:]
environment = dict(os.environ)
environment["TERM"] = "xterm"
environment.pop("NO_COLOR", None)
if "SANDBOX_DIR" in environment:
    environment["PATH"] = os.path.join(environment["SANDBOX_DIR"], "bin") + os.pathsep + environment.get("PATH", "")
master, terminal = pty.openpty()
fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
child = subprocess.Popen(command, stdin=terminal, stdout=terminal, stderr=terminal, env=environment,
                         start_new_session=True)
os.close(terminal)
screen = pyte.HistoryScreen(columns, rows, history=100000)
screen.set_mode(pyte.modes.LNM)
stream = pyte.ByteStream(screen)
while True:
    ready, _, _ = select.select([master], [], [], 0.2)
    if ready:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        stream.feed(chunk)
    elif child.poll() is not None:
        break
code = child.wait()
history = ["".join(line[column].data for column in range(columns)).rstrip() for line in screen.history.top]
print(json.dumps({"status": 128 - code if code < 0 else code, "screen": [line.rstrip() for line in screen.display],
                  "scrollback": history}))
