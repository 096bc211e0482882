"""Starts a server on a free 127.0.0.1 port, detached: its own session, no descriptor of ours but a log
file (a background child holding its parent's descriptors would keep the parent looking alive).
"{port}" in the command is replaced by the port. Prints the port once the server answers.
Usage: start_server.py PIDFILE LOGFILE COMMAND..."""
import socket
import subprocess
import sys
import time

pid_file, log_file, command = sys.argv[1], sys.argv[2], sys.argv[3:]
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
with open(log_file, "ab") as log:
    server = subprocess.Popen([part.replace("{port}", str(port)) for part in command], stdin=subprocess.DEVNULL,
                              stdout=log, stderr=log, close_fds=True, start_new_session=True)
with open(pid_file, "w") as f:
    f.write(f"{server.pid}\n")
deadline = time.time() + 20
while time.time() < deadline:
    try:
        socket.create_connection(("127.0.0.1", port), 0.2).close()
        print(port)
        sys.exit(0)
    except OSError:
        if server.poll() is not None:
            break
        time.sleep(0.1)
print(f"{command[0]} did not start; see {log_file}", file=sys.stderr)
sys.exit(1)
