"""A made-up image manifest, unique per repository and tag, as the emulator's ECR stores it."""
import hashlib
import json


def put_image(ecr, repository, tag, reference=None):
    digest = hashlib.sha256((reference or f"{repository}:{tag}").encode()).hexdigest()
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1,
                           "digest": f"sha256:{digest}"}, "layers": []}
    ecr.put_image(repositoryName=repository, imageTag=tag, imageManifest=json.dumps(manifest))
    return digest
