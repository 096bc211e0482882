"""The sandbox registry's push notifications, turned into ECR: the registry (docker-registry, see
sandbox/engine/up.sh) POSTs an event for every manifest pushed; for each one pushed by tag, this fetches the
manifest from the registry by its digest (the event comes before the tag is sure to resolve) and puts it in
the emulator's ECR under the same repository and tag, bytes unchanged, with the registry's digest, as ECR
itself would hold it. Each one is recorded, with the digest the emulator answered, in
$SANDBOX_DIR/log/registry-digests.jsonl (an "error" field when the emulator refused it).
Usage: receiver.py PORT REGISTRY_ADDRESS CA_FILE PASSWORD_FILE   (the sandbox's AWS variables set)"""
import base64
import hashlib
import http.server
import json
import os
import ssl
import sys
import time
import urllib.request

import boto3

port, registry, ca_file, password_file = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
log_path = os.path.join(os.environ["SANDBOX_DIR"], "log", "registry-digests.jsonl")
with open(password_file) as f:
    credentials = base64.b64encode(f"AWS:{f.read().strip()}".encode()).decode()
tls = ssl.create_default_context(cafile=ca_file)
ecr = boto3.Session().client("ecr")
MANIFESTS = ("application/vnd.docker.distribution.manifest.v2+json",
             "application/vnd.docker.distribution.manifest.list.v2+json",
             "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json")


def fetch(repository, digest, media_type):
    """The manifest's bytes, as the registry stores them (checked against the digest)."""
    request = urllib.request.Request(f"https://{registry}/v2/{repository}/manifests/{digest}", headers={
        "Accept": media_type, "Authorization": f"Basic {credentials}"})
    with urllib.request.urlopen(request, context=tls, timeout=10) as answer:
        body = answer.read()
    if "sha256:" + hashlib.sha256(body).hexdigest() != digest:
        raise ValueError(f"the registry's manifest for {repository}@{digest} does not hash to its digest")
    return body


def to_ecr(event):
    target = event["target"]
    repository, digest, tag = target["repository"], target["digest"], target.get("tag")
    entry = {"time": time.time(), "repository": repository, "tag": tag, "digest": digest,
             "mediaType": target.get("mediaType"), "size": target.get("size")}
    try:
        manifest = fetch(repository, digest, target["mediaType"])
        answer = ecr.put_image(repositoryName=repository, imageTag=tag, imageManifest=manifest.decode(),
                               imageManifestMediaType=target["mediaType"], imageDigest=digest)
        entry["emulatorDigest"] = answer["image"]["imageId"]["imageDigest"]
    except ecr.exceptions.ImageAlreadyExistsException:
        entry["emulatorDigest"] = digest  # pushed again: ECR holds it already under that tag
    except Exception as error:  # noqa: BLE001 - recorded for the tests to see, the registry is answered anyway
        entry["error"] = f"{type(error).__name__}: {error}"
    with open(log_path, "a") as f:
        f.write(json.dumps(entry) + "\n")


class Events(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            events = json.loads(body).get("events", [])
        except ValueError:
            events = []
        for event in events:
            target = event.get("target", {})
            if event.get("action") == "push" and target.get("mediaType") in MANIFESTS and target.get("tag"):
                to_ecr(event)
        # Always accepted: a refused envelope would be sent again and again.
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        sys.stderr.write("receiver: " + (format % args) + "\n")


http.server.HTTPServer(("127.0.0.1", port), Events).serve_forever()
