"""Points every platform service's ECS service at <repository>:TAG, as a full deploy of TAG would leave
them (registering the images in ECR too), without running one. For benchmarks that need a deployed
platform of many services. Usage: set_live.py TAG SERVICE...   (uses the AWS profile and SANDBOX_DIR in the
environment: the task definition's roles and secrets are those in $SANDBOX_DIR/seeded.json)"""
import json
import os
import sys

import boto3

from fake_image import put_image
from task_definition import task_definition

tag, services = sys.argv[1], sys.argv[2:]
with open(os.path.join(os.environ["SANDBOX_DIR"], "seeded.json")) as f:
    seeded = json.load(f)
session = boto3.Session()
ecs, ecr = session.client("ecs"), session.client("ecr")
for name in services:
    uri = ecr.describe_repositories(repositoryNames=[name])["repositories"][0]["repositoryUri"]
    put_image(ecr, name, tag, reference=f"{uri}:{tag}")
    family = f"sandbox-{name}"
    arn = ecs.register_task_definition(**task_definition(family, f"{uri}:{tag}", seeded))["taskDefinition"][
        "taskDefinitionArn"]
    ecs.update_service(cluster="platform-sandbox", service=family, taskDefinition=arn)
