"""Claims a slot N (2..254) for one real-engine sandbox, so that several can run side by side: its registry
listens on 127.0.0.N:443 and its daemon's bridge is sandboxN (10.222.N.1/24). The claim is a symlink
/run/sandbox-engine/N -> DIR, made atomically; a claim whose DIR/engine is gone is stale and taken over.
sandbox/engine/down.sh removes it. Usage: slot.py DIR   (prints N)"""
import os
import socket
import sys

claims = "/run/sandbox-engine"
sandbox = os.path.realpath(sys.argv[1])
os.makedirs(claims, exist_ok=True)


def free(number):
    """Nobody listens on the slot's address and its bridge does not exist."""
    if os.path.exists(f"/sys/class/net/sandbox{number}"):
        return False
    with socket.socket() as probe:
        # As the registry binds (Go sets SO_REUSEADDR): connections of an earlier sandbox in TIME_WAIT do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((f"127.0.0.{number}", 443))
            return True
        except OSError:
            return False


for number in range(2, 255):
    claim = os.path.join(claims, str(number))
    if os.path.islink(claim) and not os.path.isdir(os.path.join(os.readlink(claim), "engine")):
        os.unlink(claim)  # stale: its sandbox is gone
    if not free(number):
        continue
    try:
        os.symlink(sandbox, claim)
    except FileExistsError:
        continue
    print(number)
    sys.exit(0)
sys.exit("sandbox engine: no free slot in /run/sandbox-engine")
