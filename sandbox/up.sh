#!/usr/bin/env bash
# Makes a throw-away platform to deploy into, all on this machine:
#   DIR/platform   a git repo laid out like the real monorepo (services, packages, apps, infra)
#   moto_server    an AWS emulator on a free 127.0.0.1 port, seeded (sandbox/seed.py) with ECR, a VPC, IAM roles,
#                  SSM and Secrets Manager secrets, target groups, ECS Fargate services, S3 and CloudFront
#   DIR/seeded.json  what the seed made that a test may look for: the VPC, subnet and security group ids, the
#                  roles', secrets' and target groups' ARNs
#   DIR/aws        an AWS profile "sandbox" whose endpoint_url is the emulator
#   DIR/bin        stub docker, pnpm and skopeo (no engine, no registry here) that record their argv, and `aws`: the
#                  rollout layer passing through to the real CLI, playing ECS rollouts (see its header), run
#                  in the aws server (sandbox/aws_server.py, sandbox/aws_client.py)
#   health server  the platform API's /v1/<service>/health and /docs on another free port (api_base_url)
#   DIR/env        KEY=VALUE lines to run deploy against it (PATH, AWS_CONFIG_FILE, ...)
#   DIR/bin/task-definition  the services' task definition, rendered for a family and an image (terraform's
#                  roll.sh registers it), from sandbox/task_definition.py
# With SANDBOX_ENGINE=real (as root), a real dockerd and registry replace the docker stub, and the platform
# gets a Dockerfile they can build offline: see sandbox/engine/up.sh.
# A second environment, for deploy promote: sandbox/add-environment.sh DIR NAME.
# Usage: sandbox/up.sh DIR [SERVICE_COUNT]    (sandbox/down.sh DIR stops the emulator, and the engine)
set -euo pipefail

dir=${1:?usage: sandbox/up.sh DIR [SERVICE_COUNT]}
count=${2:-9}
here=$(cd "$(dirname "$0")" && pwd)
engine=${SANDBOX_ENGINE:-stub}
case $engine in
  stub) fixtures=("$here/stubs/docker" "$here/stubs/pnpm" "$here/stubs/skopeo") overlay=() ;;
  real) fixtures=("$here/engine/docker" "$here/stubs/pnpm") overlay=(--overlay "$here/engine/platform") ;;
  *) echo "sandbox: SANDBOX_ENGINE is '$engine', not stub or real" >&2; exit 1 ;;
esac
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
mkdir -p "$dir/aws" "$dir/bin" "$dir/lib" "$dir/log" "$dir/docker"

command -v moto_server >/dev/null || { echo "sandbox: moto_server not found: pip install 'moto[server]'" >&2; exit 1; }
command -v terraform >/dev/null || { echo "sandbox: terraform not found on PATH" >&2; exit 1; }
command -v aws >/dev/null || { echo "sandbox: aws CLI not found: pip install awscli" >&2; exit 1; }

# The emulator, on a port nobody holds.
# Every python fixture runs with the interpreter itself, found once: a version manager's shim costs a tenth of a
# second a call.
python=$(python3 -c 'import sys; print(sys.executable)')

# A test run starts one moto zygote for all its sandboxes (SANDBOX_MOTO_ZYGOTE, sandbox/moto_zygote.py): each
# sandbox then gets its own emulator, forked already imported, on a port chosen here and seeded below.
zygote=${SANDBOX_MOTO_ZYGOTE:-}
[ -S "$zygote" ] || zygote=""
if [ -n "$zygote" ]; then
  port=$("$python" -S -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
else
  port=$("$python" "$here/start_server.py" "$dir/moto.pid" "$dir/log/moto.log" moto_server -H 127.0.0.1 -p '{port}')
fi
# The platform's API, as deploy's health checks see it.
api_port=$("$python" -S "$here/start_server.py" "$dir/health.pid" "$dir/log/health.log" "$python" -S "$here/health_server.py" '{port}' "$dir")

# An AWS profile that talks to the emulator only.
cat >"$dir/aws/config" <<CONFIG
[profile sandbox]
region = us-east-1
output = json
endpoint_url = http://127.0.0.1:$port
CONFIG
cat >"$dir/aws/credentials" <<CREDENTIALS
[sandbox]
aws_access_key_id = testing
aws_secret_access_key = testing
CREDENTIALS
: >"$dir/terraformrc"

# The fixtures run with the interpreter itself, not through a version manager's shim (which costs a tenth
# of a second per call, and a sandbox deploy makes a hundred), and without site-packages (-S: they use the
# standard library only, and importing site costs as much again).
for fixture in "${fixtures[@]}"; do
  { echo "#!$python -S"; tail -n +2 "$fixture"; } >"$dir/bin/$(basename "$fixture")"
  chmod +x "$dir/bin/$(basename "$fixture")"
done
# `aws` hands each call to the aws server, which runs the rollout layer and the real CLI (sandbox/aws_client.py);
# with no server up, it runs the layer from DIR/lib.
{ echo "#!$python -S"; tail -n +2 "$here/aws_client.py"; } >"$dir/bin/aws"
{ echo "#!$python -S"; tail -n +2 "$here/rollout-layer/aws"; } >"$dir/lib/rollout-layer"
chmod +x "$dir/bin/aws" "$dir/lib/rollout-layer"
# terraform's roll.sh (and a test's set-live) render the services' task definition with it.
{ echo "#!$python -S"; cat "$here/task_definition.py"; } >"$dir/bin/task-definition"
chmod +x "$dir/bin/task-definition"

cat >"$dir/env" <<ENV
SANDBOX_DIR=$dir
PATH=$dir/bin:$PATH
AWS_CONFIG_FILE=$dir/aws/config
AWS_SHARED_CREDENTIALS_FILE=$dir/aws/credentials
AWS_PROFILE=sandbox
AWS_PAGER=
TF_CLI_CONFIG_FILE=$dir/terraformrc
TF_IN_AUTOMATION=1
ENV
set -a
# shellcheck disable=SC1091
source "$dir/env"
set +a

# The platform repository, its services named like the real ones (more are numbered).
services=(auth clinical-api patient-api scheduling billing notifications documents reporting integrations)
for ((i = ${#services[@]}; i < count; i++)); do services+=("service-$((i + 1))"); done
services=("${services[@]:0:$count}")

# The seed is most of the wait: it runs while the platform repository is made, terraform is initialised (neither
# reads the emulator or the tfvars) and the aws server starts. The seed writes the tfvars last, into a folder
# made now (git ignores it).
tfvars="$dir/platform/infra/terraform/aws/tfvars/sandbox.tfvars"
mkdir -p "$(dirname "$tfvars")"
if [ -n "$zygote" ]; then
  "$python" -S "$here/moto_client.py" "$zygote" "$port" "$dir/log/moto.log" "$tfvars" "${services[@]}" >"$dir/moto.pid" &
else
  "$python" "$here/seed.py" "$tfvars" "${services[@]}" &
fi
seeding=$!
# Should a step below fail, the seed still ends first: its emulator's pid is then in DIR/moto.pid for down.sh.
trap 'wait "$seeding" 2>/dev/null || true' EXIT

"$python" -S "$here/make_platform.py" "${overlay[@]}" "$dir/platform" "$here/platform" "${services[@]}"

# The real aws CLI, imported once and forked per call (see sandbox/aws_server.py): the layer hands it every call.
# A test run starts one for all its sandboxes and names its socket in SANDBOX_AWS_SOCKET: each call carries its
# own environment, so one server serves them all.
if [ -n "${SANDBOX_AWS_SOCKET:-}" ] && [ -S "$SANDBOX_AWS_SOCKET" ]; then
  echo "SANDBOX_AWS_SOCKET=$SANDBOX_AWS_SOCKET" >>"$dir/env"
else
  "$python" "$here/start_server.py" "$dir/aws.pid" "$dir/log/aws-server.log" --wait-for "$dir/aws.sock" \
    "$python" "$here/aws_server.py" "$dir/aws.sock" >/dev/null
fi

terraform -chdir="$dir/platform/infra/terraform/aws" init -input=false -backend-config="workspace_dir=$dir/tfstate" \
  >"$dir/log/terraform-init.log"
terraform -chdir="$dir/platform/infra/terraform/aws" workspace new sandbox >>"$dir/log/terraform-init.log"

wait "$seeding"
trap - EXIT
echo "api_base_url = \"http://127.0.0.1:$api_port\"" >>"$tfvars"

# The real engine needs the seeded ECR's host name; it adds its variables to DIR/env.
if [ "$engine" = real ]; then bash "$here/engine/up.sh" "$dir"; fi

# terraform knows its outputs before the first deploy, as it does after bootstrap.sh.
terraform -chdir="$dir/platform/infra/terraform/aws" apply -refresh-only -auto-approve -input=false \
  -var-file=tfvars/sandbox.tfvars -var image_tag=seed >"$dir/log/terraform-bootstrap.log"

echo "sandbox ready in $dir (emulator on 127.0.0.1:$port, API on 127.0.0.1:$api_port)" >&2
