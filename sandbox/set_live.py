"""Points every platform service's ECS service at <repository>:TAG, as a full deploy of TAG would leave
them (registering the images in ECR too), without running one. For benchmarks that need a deployed
platform of many services. Usage: set_live.py TAG SERVICE...   (uses the AWS profile in the environment)"""
import hashlib
import json
import sys

import boto3

tag, services = sys.argv[1], sys.argv[2:]
session = boto3.Session()
ecs, ecr = session.client("ecs"), session.client("ecr")
for name in services:
    uri = ecr.describe_repositories(repositoryNames=[name])["repositories"][0]["repositoryUri"]
    digest = hashlib.sha256(f"{uri}:{tag}".encode()).hexdigest()
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1,
                           "digest": f"sha256:{digest}"}, "layers": []}
    ecr.put_image(repositoryName=name, imageTag=tag, imageManifest=json.dumps(manifest))
    family = f"sandbox-{name}"
    arn = ecs.register_task_definition(
        family=family, containerDefinitions=[{"name": "app", "image": f"{uri}:{tag}", "memory": 512, "essential": True}],
    )["taskDefinition"]["taskDefinitionArn"]
    ecs.update_service(cluster="platform-sandbox", service=family, taskDefinition=arn)
