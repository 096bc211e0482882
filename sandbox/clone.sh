#!/usr/bin/env bash
# A second operator's checkout of the sandbox's platform: its own clone (own git folder, so its own local lock
# and history), the same emulator, and terraform's state shared with the first, as a team's remote backend is.
# Usage: sandbox/clone.sh DIR NAME   (makes DIR/NAME beside DIR/platform)
set -euo pipefail
dir=$(cd "${1:?usage: sandbox/clone.sh DIR NAME}" && pwd)
name=${2:?usage: sandbox/clone.sh DIR NAME}
set -a
# shellcheck disable=SC1091
source "$dir/env"
set +a
git clone -q "$dir/platform" "$dir/$name"
git -C "$dir/$name" config user.name sandbox
git -C "$dir/$name" config user.email sandbox@example.invalid
cp "$dir/platform/infra/terraform/aws/tfvars/sandbox.tfvars" "$dir/$name/infra/terraform/aws/tfvars/"
terraform -chdir="$dir/$name/infra/terraform/aws" init -input=false -backend-config="workspace_dir=$dir/tfstate" \
  >"$dir/log/terraform-init-$name.log"
terraform -chdir="$dir/$name/infra/terraform/aws" workspace select sandbox >>"$dir/log/terraform-init-$name.log"
