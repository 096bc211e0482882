"""Seeds another environment NAME into a sandbox's emulator, as bootstrap.sh would leave a second account: its ECR
repositories NAME-<service> (each holding a 'seed' image), its cluster platform-NAME and ECS services
NAME-<service> (Fargate, in the sandbox's network, one task each, no load balancer), and writes its tfvars: the
sandbox's, with environment NAME and repository_prefix "NAME-" (the SPA buckets, the distributions, the API and
the deploy bucket are shared). Usage: add_environment.py DIR NAME   (the sandbox's environment set)"""
import json
import os
import re
import sys

import boto3

from fake_image import put_image
from task_definition import task_definition

folder, name = sys.argv[1], sys.argv[2]
tfvars = os.path.join(folder, "platform", "infra", "terraform", "aws", "tfvars")
with open(os.path.join(tfvars, "sandbox.tfvars")) as f:
    text = f.read()
services = json.loads(re.search(r"^services\s*=\s*(\[.*\])$", text, re.M).group(1))
with open(os.path.join(folder, "seeded.json")) as f:
    seeded = json.load(f)
session = boto3.Session()
ecr, ecs = session.client("ecr"), session.client("ecs")
cluster = f"platform-{name}"
ecs.create_cluster(clusterName=cluster)
network = {"awsvpcConfiguration": {"subnets": seeded["subnetIds"], "securityGroups": seeded["securityGroupIds"],
                                   "assignPublicIp": "DISABLED"}}
for service in services:
    family = f"{name}-{service}"
    uri = ecr.create_repository(repositoryName=family)["repository"]["repositoryUri"]
    put_image(ecr, family, "seed")
    arn = ecs.register_task_definition(**task_definition(family, f"{uri}:seed", seeded))["taskDefinition"][
        "taskDefinitionArn"]
    ecs.create_service(cluster=cluster, serviceName=family, taskDefinition=arn, desiredCount=1, launchType="FARGATE",
                       networkConfiguration=network)
text = re.sub(r'^environment = "sandbox"$', f'environment = "{name}"', text, flags=re.M)
with open(os.path.join(tfvars, f"{name}.tfvars"), "w") as f:
    f.write(text + f'repository_prefix = "{name}-"\n')
