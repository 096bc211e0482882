#!/usr/bin/env bash
# A real container engine and registry for the sandbox in DIR (sandbox/up.sh runs this when
# SANDBOX_ENGINE=real, once the emulator is seeded and DIR/env is written; run as root):
#   registry   docker-registry on 127.0.0.N:443 (N: this sandbox's slot, see slot.py), TLS with a test CA,
#              htpasswd user AWS with the emulator's ECR password, storage in DIR/engine/registry, and push
#              notifications to receiver.py, which puts each pushed manifest in the emulator's ECR
#   dockerd    20.10 (Debian's docker.io), its data, exec root, socket and pid file in DIR/engine, vfs storage,
#              no iptables, its bridge sandboxN; in its own mount namespace (inside.sh) where the emulator's
#              ECR host name (123456789012.dkr.ecr.<region>.amazonaws.com) is the registry and the CA is
#              trusted. deploy and the docker CLI stay outside and talk to the daemon's socket only.
#   base:1     an offline base image (busybox), imported; a created container keeps it through image prunes
# It appends DOCKER_HOST, DOCKER_CONFIG, DOCKER_BUILDKIT=1 and SANDBOX_REGISTRY* to DIR/env. DIR/bin/docker
# (put there by sandbox/up.sh) is sandbox/engine/docker: Debian's 20.10 client (which builds with BuildKit
# without the buildx plugin the newer /usr/local/bin/docker lacks), each call recorded.
# Usage: sandbox/engine/up.sh DIR   (sandbox/engine/down.sh DIR stops it; scripts/install-engine.sh installs)
set -euo pipefail

dir=$(cd "${1:?usage: sandbox/engine/up.sh DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
engine=$dir/engine
# Half started is stopped: whatever did start is stopped again if a later step fails.
trap 'status=$?; [ "$status" -eq 0 ] || bash "$here/down.sh" "$dir"' EXIT
mkdir -p "$engine/etc-docker" "$engine/registry" "$engine/run" "$engine/data" "$engine/docker-config"
for tool in /usr/sbin/dockerd /usr/bin/docker docker-registry htpasswd openssl unshare busybox; do
  command -v "$tool" >/dev/null || { echo "sandbox engine: $tool not found: run scripts/install-engine.sh" >&2; exit 1; }
done
# containerd's sockets live under the exec root; a unix socket path has at most 107 bytes.
if [ ${#engine} -gt 60 ]; then echo "sandbox engine: '$dir' is too long a path for the daemon's sockets" >&2; exit 1; fi

# What the emulator calls its registry, and the password it hands out for it.
host=$(aws ecr describe-repositories --query 'repositories[0].repositoryUri' --output text | cut -d/ -f1)
[[ $host =~ ^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$ ]] || { echo "sandbox engine: unexpected ECR host '$host'" >&2; exit 1; }
aws ecr get-login-password >"$engine/password"

slot=$(python3 "$here/slot.py" "$dir")
echo "$slot" >"$engine/slot"
address=127.0.0.$slot
bridge=sandbox$slot

# A test CA and the registry's certificate, for the ECR host name and the address it listens on.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 -subj "/CN=sandbox test CA" \
  -keyout "$engine/ca.key" -out "$engine/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$host" \
  -keyout "$engine/registry.key" -out "$engine/registry.csr" 2>/dev/null
printf 'subjectAltName = DNS:%s, IP:%s\nextendedKeyUsage = serverAuth\n' "$host" "$address" >"$engine/registry.ext"
openssl x509 -req -in "$engine/registry.csr" -CA "$engine/ca.crt" -CAkey "$engine/ca.key" -CAcreateserial -days 7 \
  -extfile "$engine/registry.ext" -out "$engine/registry.crt" 2>/dev/null
mkdir -p "$engine/etc-docker/certs.d/$host"
cp "$engine/ca.crt" "$engine/etc-docker/certs.d/$host/ca.crt"
htpasswd -B -c -i "$engine/htpasswd" AWS <"$engine/password" 2>/dev/null

# The receiver first: the registry sends it every push.
receiver_port=$(python3 "$here/../start_server.py" "$engine/receiver.pid" "$dir/log/receiver.log" \
  python3 "$here/receiver.py" '{port}' "$address" "$engine/ca.crt" "$engine/password")
cat >"$engine/registry.yml" <<YAML
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: $engine/registry
  delete:
    enabled: true
http:
  addr: $address:443
  tls:
    certificate: $engine/registry.crt
    key: $engine/registry.key
auth:
  htpasswd:
    realm: sandbox-ecr
    path: $engine/htpasswd
notifications:
  endpoints:
    - name: emulator-ecr
      url: http://127.0.0.1:$receiver_port/events
      timeout: 10s
      threshold: 3
      backoff: 1s
      ignoredmediatypes: [application/octet-stream]
      ignore:
        actions: [pull]
YAML
python3 "$here/../start_server.py" "$engine/registry.pid" "$dir/log/registry.log" --wait-for "$address:443" \
  docker-registry serve "$engine/registry.yml" >/dev/null

# The daemon's bridge, its own so that sandboxes can run side by side (down.sh deletes it).
ip link add name "$bridge" type bridge
ip addr add "10.222.$slot.1/24" dev "$bridge"
ip link set "$bridge" up
{ cat /etc/hosts; echo "$address $host"; } >"$engine/hosts"
python3 "$here/../start_server.py" "$engine/dockerd.pid" "$dir/log/dockerd.log" --wait-for "$engine/docker.sock" \
  unshare --mount --propagation private sh "$here/inside.sh" "$engine" \
  --data-root "$engine/data" --exec-root "$engine/run" --pidfile "$engine/docker.pid" \
  -H "unix://$engine/docker.sock" --storage-driver vfs --bridge "$bridge" \
  --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false >/dev/null

cat >>"$dir/env" <<ENV
SANDBOX_ENGINE=real
DOCKER_HOST=unix://$engine/docker.sock
DOCKER_CONFIG=$engine/docker-config
DOCKER_BUILDKIT=1
SANDBOX_REGISTRY=$address
SANDBOX_REGISTRY_HOST=$host
SANDBOX_REGISTRY_CA=$engine/ca.crt
ENV
export DOCKER_HOST=unix://$engine/docker.sock DOCKER_CONFIG=$engine/docker-config

# base:1, from the static busybox: /bin/busybox and a link per applet (sh, ls, cp, ...).
rootfs=$engine/rootfs
mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
busybox=$(command -v busybox)
if ldd "$busybox" >/dev/null 2>&1; then echo "sandbox engine: $busybox is not static: install busybox-static" >&2; exit 1; fi
cp "$busybox" "$rootfs/bin/busybox"
for applet in $("$rootfs/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
done
tar -C "$rootfs" -c . | /usr/bin/docker import \
  -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c 'CMD ["sh"]' - base:1 >/dev/null
rm -rf "$rootfs"
/usr/bin/docker create --name base-keeper base:1 >/dev/null 2>&1 || { echo "sandbox engine: could not create the base-keeper container" >&2; exit 1; }
echo "sandbox engine: dockerd 20.10 on $engine/docker.sock, registry $host at $address:443" >&2
