#!/usr/bin/env bash
# Installs what the sandbox and the tests need, where it is missing: moto_server (the AWS emulator),
# the aws CLI and pyte (a terminal emulator) from PyPI. git, curl and terraform (>= 1.6) must already be on PATH.
set -euo pipefail

python3 -c 'import moto, flask, flask_cors' 2>/dev/null && command -v moto_server >/dev/null \
  || python3 -m pip install --quiet 'moto[server]'
command -v aws >/dev/null || python3 -m pip install --quiet awscli
# A terminal emulator, so the tests read the screen an operator would see.
python3 -c 'import pyte' 2>/dev/null || python3 -m pip install --quiet pyte
command -v pyenv >/dev/null && pyenv rehash 2>/dev/null || true

missing=0
for tool in git curl terraform moto_server aws; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; missing=1; }
done
[ "$missing" = 0 ] || { echo "install the tools above (terraform: https://developer.hashicorp.com/terraform/install)" >&2; exit 1; }
