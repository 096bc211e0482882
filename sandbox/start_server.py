"""Starts a server detached: its own session, no descriptor of ours but a log file (a background child
holding its parent's descriptors would keep the parent looking alive). By default on a free 127.0.0.1
port: "{port}" in the command is replaced by the port, and the port is printed once the server answers.
With --wait-for PATH, it is ready once PATH (its unix socket) exists; with --wait-for HOST:PORT (no "/"),
once that address takes connections. Usage: start_server.py PIDFILE LOGFILE [--wait-for PATH|HOST:PORT] COMMAND..."""
import os
import socket
import subprocess
import sys
import time

pid_file, log_file, command = sys.argv[1], sys.argv[2], sys.argv[3:]
wait_for = None
if command[:1] == ["--wait-for"]:
    wait_for, command = command[1], command[2:]
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
with open(log_file, "ab") as log:
    server = subprocess.Popen([part.replace("{port}", str(port)) for part in command], stdin=subprocess.DEVNULL,
                              stdout=log, stderr=log, close_fds=True, start_new_session=True)
with open(pid_file, "w") as f:
    f.write(f"{server.pid}\n")


def ready():
    address = ("127.0.0.1", port)
    if wait_for and "/" in wait_for:
        return os.path.exists(wait_for)
    if wait_for:
        address = (wait_for.rsplit(":", 1)[0], int(wait_for.rsplit(":", 1)[1]))
    try:
        socket.create_connection(address, 0.2).close()
        return True
    except OSError:
        return False


deadline = time.time() + 30
while time.time() < deadline:
    if ready():
        print(port)
        sys.exit(0)
    if server.poll() is not None:
        break
    time.sleep(0.1)
print(f"{command[0]} did not start; see {log_file}", file=sys.stderr)
sys.exit(1)
