"""What the sandbox's long-lived servers (aws_server.py, moto_zygote.py) share: botocore's model files read once,
and the watch on the test run that started them."""
import os
import time

import botocore.loaders


def remember_models():
    """Each session's loader reads and parses the same model files again (the ec2 one alone takes a tenth of a
    second): read once here, a child forked from this process finds them read, as its own session would have read
    them."""
    found = {}

    def remembered(name):
        original = getattr(botocore.loaders.Loader, name)

        def read(self, *args, **kwargs):
            key = (name, tuple(self.search_paths), args, tuple(sorted(kwargs.items())))
            if key not in found:
                found[key] = original(self, *args, **kwargs)
            return found[key]
        setattr(botocore.loaders.Loader, name, read)

    for name in ("list_available_services", "list_api_versions", "determine_latest_version", "load_service_model",
                 "load_data_with_path"):
        remembered(name)


def watch(owner):
    """Stops this server once the process that started it (`--owner PID`) is gone."""
    while True:
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass
        time.sleep(2)
