#!/usr/bin/env bash
# Adds another environment to a sandbox made by up.sh, as deploy promote finds one: in the same emulator (one
# account), its own ECR repositories (NAME-<service>), cluster and ECS services, its tfvars
# (DIR/platform/infra/terraform/aws/tfvars/NAME.tfvars) and its terraform workspace, whose outputs are known
# before its first deploy; the sandbox's workspace stays selected. See sandbox/add_environment.py.
# Usage: sandbox/add-environment.sh DIR NAME
set -euo pipefail
dir=${1:?usage: sandbox/add-environment.sh DIR NAME}
name=${2:?usage: sandbox/add-environment.sh DIR NAME}
here=$(cd "$(dirname "$0")" && pwd)
set -a
# shellcheck disable=SC1091
source "$dir/env"
set +a
python=$(python3 -c 'import sys; print(sys.executable)')
"$python" "$here/add_environment.py" "$dir" "$name"
terraform_dir="$dir/platform/infra/terraform/aws"
terraform -chdir="$terraform_dir" workspace new "$name" >>"$dir/log/terraform-init.log"
terraform -chdir="$terraform_dir" workspace select sandbox >>"$dir/log/terraform-init.log"
TF_WORKSPACE="$name" terraform -chdir="$terraform_dir" apply -refresh-only -auto-approve -input=false \
  -var-file="tfvars/$name.tfvars" -var image_tag=seed >>"$dir/log/terraform-bootstrap.log"
