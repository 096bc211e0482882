"""Asks the test run's moto zygote (sandbox/moto_zygote.py) for a seeded emulator on PORT, logging to LOG, and
prints its pid. Usage: moto_client.py SOCKET PORT LOG TFVARS SERVICE...   (the sandbox's environment set)"""
import json
import os
import socket
import sys

path, port, log, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
connection.connect(path)
connection.sendall((json.dumps({"port": port, "log": log, "env": dict(os.environ), "seed": seed}) + "\n").encode())
answer = connection.makefile("r").readline().strip()
if not answer.isdigit():
    sys.exit(f"sandbox: the moto zygote could not start an emulator: {answer or 'no answer'}")
print(answer)
