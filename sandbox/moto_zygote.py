"""moto_server, started once for a whole test run: a test fixture that spares each sandbox the seconds moto and
boto3 take to import.

It imports moto's server, the backends a sandbox uses and boto3, and makes each backend's web application once;
boto3's service models are read once too (a new boto3 session reads them again from disk: seed.py's would).
For each sandbox it is asked for, it forks a child that serves moto on that sandbox's port (its backends are the
child's own, empty copy: no two sandboxes share anything), seeds it as seed.py does, and answers with its pid;
the child then serves until the sandbox's down.sh stops it. With --owner PID the zygote stops once that process
is gone (the child servers are their sandboxes', not its own).
Usage: moto_zygote.py SOCKET [--owner PID]
A request (one JSON line): {"port": N, "log": PATH, "env": {...}, "seed": [TFVARS, SERVICE...]}"""
import json
import os
import runpy
import socket
import sys
import threading
import time

import boto3
from server_common import remember_models, watch
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server

here = os.path.dirname(os.path.abspath(__file__))
# Every backend seed.py and the tests use (elbv2's imports ec2's).
SERVICES = ("ecr", "ecs", "s3", "cloudfront", "sts", "logs", "ec2", "iam", "ssm", "secretsmanager", "elbv2")


def warm():
    """One application per service, made now (it imports the backend and builds its routes, touching no state),
    and boto3's clients of the same services, whose models are then read."""
    remember_models()
    application = DomainDispatcherApplication(create_backend_app)
    for service in SERVICES + ("moto_api",):
        application.app_instances[service] = create_backend_app(service)
    session = boto3.Session(aws_access_key_id="x", aws_secret_access_key="x", region_name="us-east-1")
    for service in SERVICES:
        session.client(service, endpoint_url="http://127.0.0.1:9")
    return application


def serve(connection, application, request):
    """In the forked child: serve on the sandbox's port, seed, say so, and serve on."""
    os.setsid()
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    server = make_server("127.0.0.1", request["port"], application, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    os.environ.clear()
    os.environ.update(request["env"])
    try:
        sys.path.insert(0, here)
        sys.argv = [os.path.join(here, "seed.py")] + request["seed"]
        runpy.run_path(sys.argv[0], run_name="__main__")
        connection.sendall(f"{os.getpid()}\n".encode())
    except BaseException as error:
        connection.sendall(f"error {error!r}\n".encode())
        os._exit(1)
    connection.close()
    while True:
        time.sleep(3600)


def main():
    path = sys.argv[1]
    application = warm()
    if sys.argv[2:3] == ["--owner"]:
        threading.Thread(target=watch, args=(int(sys.argv[3]),), daemon=True).start()
    if os.path.exists(path):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    import signal
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    while True:
        connection, _ = listener.accept()
        request = json.loads(connection.makefile("r").readline())
        if os.fork() == 0:
            listener.close()
            try:
                serve(connection, application, request)
            finally:
                os._exit(1)
        connection.close()


main()
