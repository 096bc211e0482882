"""Lays out the sandbox platform repository and commits it: the template files plus one folder per
service (and slack-agent, which deploys on its own). With --overlay DIR, the files under DIR replace the
template's (the real engine's Dockerfile, say). Usage: make_platform.py [--overlay DIR] DEST TEMPLATE SERVICE..."""
import json
import os
import shutil
import subprocess
import sys

args = sys.argv[1:]
overlay = None
if args[:1] == ["--overlay"]:
    overlay, args = args[1], args[2:]
dest, template, services = args[0], args[1], args[2:]
shutil.copytree(template, dest, dirs_exist_ok=True)
if overlay:
    shutil.copytree(overlay, dest, dirs_exist_ok=True)
os.replace(os.path.join(dest, "gitignore"), os.path.join(dest, ".gitignore"))

for name in services + ["slack-agent"]:
    folder = os.path.join(dest, "services", name, "src")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(dest, "services", name, "package.json"), "w") as f:
        json.dump({"name": name, "private": True, "scripts": {"build": "tsc"}}, f, indent=2)
    with open(os.path.join(folder, "index.js"), "w") as f:
        f.write(f"console.log('{name} up');\n")

git = ["git", "-C", dest, "-c", "user.name=sandbox", "-c", "user.email=sandbox@example.invalid"]
subprocess.run(git + ["init", "-q", "-b", "main"], check=True)
subprocess.run(git + ["add", "-A"], check=True)
subprocess.run(git + ["commit", "-q", "-m", "platform as bootstrapped"], check=True)
