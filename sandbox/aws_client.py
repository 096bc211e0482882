#!/usr/bin/env python3
"""The sandbox's `aws` (a test fixture; deploy does not know it exists): hands the call (its argv, environment,
working folder and standard streams) to the aws server ($SANDBOX_AWS_SOCKET, else $SANDBOX_DIR/aws.sock; see
sandbox/aws_server.py), which runs the rollout layer (sandbox/rollout-layer/aws) and the real CLI in a fork of a
process that has both imported, and exits with the call's exit code. It imports only modules built into the
interpreter, so that it starts in a few milliseconds: a sandbox deploy makes a hundred calls. A signal it gets is
passed on to the call. With no server up, it runs the layer itself (installed as DIR/lib/rollout-layer)."""
import _signal
import _socket
import marshal
import os
import sys

args = sys.argv[1:]
path = os.environ.get("SANDBOX_AWS_SOCKET") or os.path.join(os.environ.get("SANDBOX_DIR", ""), "aws.sock")
connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
try:
    connection.connect(path)
except OSError:
    layer = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "lib", "rollout-layer")
    os.execv(sys.executable, [sys.executable, "-S", layer] + args)

call = marshal.dumps({"argv": args, "env": dict(os.environ), "cwd": os.getcwd(), "parent": os.getppid()})
fds = b"".join(fd.to_bytes(4, sys.byteorder) for fd in (0, 1, 2))
connection.sendmsg([call], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, fds)])

received = b""
done = []
pid = None
forwarded = []


def forward(number, _):
    forwarded.append(number)
    if pid:
        os.kill(pid, number)


for number in (_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP):
    _signal.signal(number, forward)
# The server's child sends its pid, then its exit code, a line each.
while len(done) < 2:
    chunk = connection.recv(64)
    if not chunk:
        break
    received += chunk
    done = received.split(b"\n")[:-1]
    if pid is None and done:
        pid = int(done[0])
        if forwarded:
            os.kill(pid, forwarded[-1])
if len(done) < 2 and forwarded:
    # The call died of the signal it was passed: so does its caller's view of it.
    _signal.signal(forwarded[-1], _signal.SIG_DFL)
    os.kill(os.getpid(), forwarded[-1])
sys.exit(int(done[1]) if len(done) >= 2 and done[1].strip() else 1)
