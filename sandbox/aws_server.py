"""The real aws CLI and the rollout layer, started once: a test fixture that makes the sandbox's many aws calls cheap.

An aws CLI process spends most of its 0.5 s of CPU importing botocore and its customizations, and then
registering its event handlers, before it does anything. This server imports the CLI once (and runs a few
calls against the emulator, so that what it imports on first use is imported too), makes its driver once
(see prepared_driver), compiles the rollout layer (sandbox/rollout-layer/aws), then forks a child per call
that runs the layer with the caller's argv, environment, working folder and standard streams (passed over the
socket by sandbox/aws_client.py, the sandbox's `aws`), and reports its exit code. The layer hands calls to the
prepared driver (AWS_DRIVER in its globals). The forked child stops when its caller goes away. deploy knows
nothing of this.
With --owner PID it stops once that process is gone: a test run starts one server for all its sandboxes.
Usage: aws_server.py SOCKET [--owner PID]   (the sandbox's environment variables set, or none)"""
import array
import contextlib  # noqa: F401  (the layer's imports, made once here)
import fcntl  # noqa: F401
import gc
import json  # noqa: F401
import marshal
import os
import signal
import socket
import sys
import tempfile  # noqa: F401
import threading
import traceback

import awscli
import awscli.clidriver
from server_common import remember_models, watch


def warm():
    """Runs calls whose answers do not matter, in a child, so that the CLI's lazy imports happen here once."""
    for argv in (["sts", "get-caller-identity"], ["ecs", "list-clusters"], ["ecr", "describe-repositories"],
                 ["s3api", "list-buckets"], ["s3", "ls"], ["cloudfront", "list-distributions"],
                 ["configure", "get", "region"], ["logs", "describe-log-groups"], ["ssm", "describe-parameters"],
                 ["secretsmanager", "list-secrets"], ["elbv2", "describe-target-groups"]):
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = open(os.devnull, "w")
        try:
            sys.argv = ["aws"] + argv
            awscli.clidriver.main()
        except BaseException:
            pass
        finally:
            sys.stdout.close()
            sys.stdout, sys.stderr = saved


def prepared_driver():
    """The CLI's driver, made once: its session's ~400 event handlers registered and its command tables built
    (most of a call's own CPU), for each child to run its call with. What the driver read of the configuration
    files is forgotten, so that each child reads its caller's (AWS_CONFIG_FILE, AWS_PROFILE, ...) as a new
    process would."""
    driver = awscli.clidriver.create_clidriver()
    table = driver._get_command_table()
    driver._get_argument_table()
    for service in ("ecs", "ecr", "s3api", "sts", "ssm", "secretsmanager", "elbv2", "logs", "cloudfront"):
        table[service]._get_command_table()
    driver.session._config = None
    driver.session._profile_map = None
    return driver


def serve_one(connection, driver, layer):
    """In the forked child: take the caller's call and streams, run the layer (and through it the CLI), send back
    the exit code."""
    message, ancillary, _, _ = connection.recvmsg(1 << 20, socket.CMSG_SPACE(3 * array.array("i").itemsize))
    fds = array.array("i")
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(data[: len(data) - (len(data) % fds.itemsize)])
    call = marshal.loads(message)
    for target, fd in enumerate(fds[:3]):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(call["cwd"])
    os.environ.clear()
    os.environ.update(call["env"])
    # What importing awscli does to the environment, as a new process would have it.
    own = os.path.join(os.path.dirname(os.path.abspath(awscli.__file__)), "data")
    paths = [os.path.expanduser(os.path.expandvars(p)) for p in call["env"].get("AWS_DATA_PATH", "").split(os.pathsep) if p]
    os.environ["AWS_DATA_PATH"] = os.pathsep.join(paths + [own])
    sys.argv = [layer.co_filename] + call["argv"]
    connection.sendall(f"{os.getpid()}\n".encode())
    # The caller went away (killed): stop too, rather than run on with its streams.
    threading.Thread(target=lambda: connection.recv(1) or os._exit(130), daemon=True).start()
    # As a new Python process has them: SIGINT raises KeyboardInterrupt, SIGPIPE stays ignored.
    for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD):
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    gc.enable()
    try:
        exec(layer, {"__name__": "__main__", "__file__": layer.co_filename, "AWS_DRIVER": driver,
                     "CALLER_PARENT": call["parent"]})
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except KeyboardInterrupt:
        code = 130
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:
            pass
    connection.sendall(f"{code or 0}\n".encode())
    os._exit(0)


def main():
    path = sys.argv[1]
    if sys.argv[2:3] == ["--owner"]:
        threading.Thread(target=watch, args=(int(sys.argv[3]),), daemon=True).start()
    remember_models()
    warm()
    driver = prepared_driver()
    layer_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rollout-layer", "aws")
    with open(layer_path) as source:
        layer = compile(source.read(), layer_path, "exec")
    # What the children share stays as it is: the collector neither walks it nor writes to its pages.
    gc.collect()
    gc.freeze()
    gc.disable()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    if os.path.exists(path):
        os.unlink(path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(64)
    sys.stdout.flush()
    while True:
        connection, _ = server.accept()
        if os.fork() == 0:
            server.close()
            try:
                serve_one(connection, driver, layer)
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(1)
        connection.close()


main()
