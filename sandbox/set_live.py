"""Points every platform service's ECS service at <repository>:TAG, as a full deploy of TAG would leave
them (registering the images in ECR too), without running one. For benchmarks that need a deployed
platform of many services. Usage: set_live.py TAG SERVICE...   (uses the AWS profile in the environment)"""
import sys

import boto3

from fake_image import put_image
from task_definition import app_container

tag, services = sys.argv[1], sys.argv[2:]
session = boto3.Session()
ecs, ecr = session.client("ecs"), session.client("ecr")
for name in services:
    uri = ecr.describe_repositories(repositoryNames=[name])["repositories"][0]["repositoryUri"]
    put_image(ecr, name, tag, reference=f"{uri}:{tag}")
    family = f"sandbox-{name}"
    arn = ecs.register_task_definition(
        family=family, containerDefinitions=[app_container(family, f"{uri}:{tag}")],
    )["taskDefinition"]["taskDefinitionArn"]
    ecs.update_service(cluster="platform-sandbox", service=family, taskDefinition=arn)
