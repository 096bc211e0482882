"""Seeds the emulator as infra/scripts/bootstrap.sh would leave a real account: one ECR repository per
service (and slack-agent) holding a 'seed' image; a VPC (DNS support and hostnames on) with one subnet and
one security group; the tasks' execution and task roles; the app's secrets (an SSM SecureString parameter
and a Secrets Manager secret); for each service an HTTP target group (port 3000, ip targets, /health) and an
ECS Fargate service in the VPC behind it, running a task definition made by task_definition.py; for each SPA
an S3 bucket and a CloudFront distribution. `auth` is tuned to roll fast (health checks every 10 s, healthy
after 2, deregistration delay 30 s, grace period 10 s); `billing` runs 4 tasks, rolled 2 at a time
(minimumHealthyPercent 50, maximumPercent 100); the others have AWS's defaults (30 s, 5, 300 s, 0; 1 task,
100 and 200). Writes the environment's tfvars, and what a test may want to find again (the network's ids,
the roles', secrets' and target groups' ARNs) to DIR/seeded.json, DIR being $SANDBOX_DIR (else the folder
the tfvars are in, 5 levels up: DIR/platform/infra/terraform/aws/tfvars).
Usage: seed.py TFVARS_PATH SERVICE...   (uses the AWS profile in the environment)"""
import json
import os
import sys
import urllib.request

import boto3

from fake_image import put_image
from task_definition import PORT, task_definition

tfvars_path, services = sys.argv[1], sys.argv[2:]
env = "sandbox"
folder = os.environ.get("SANDBOX_DIR") or os.path.abspath(os.path.join(os.path.dirname(tfvars_path), *[".."] * 5))
session = boto3.Session()
ecr, ecs, s3, cloudfront, ec2, iam, ssm, secretsmanager, elbv2 = (session.client(n) for n in (
    "ecr", "ecs", "s3", "cloudfront", "ec2", "iam", "ssm", "secretsmanager", "elbv2"))
account = session.client("sts").get_caller_identity()["Account"]
region = session.region_name

# moto moves a task one state on each time it is described (RUNNING, DEACTIVATING, ... STOPPED after four
# describe-tasks); ECS never stops a task by itself. Here a task runs until it is stopped (stop-task), and the
# rollout layer plays how one-off tasks end (see its header).
urllib.request.build_opener(urllib.request.ProxyHandler({})).open(urllib.request.Request(
    ecs.meta.endpoint_url + "/moto-api/state-manager/set-transition", method="POST",
    data=json.dumps({"model_name": "ecs::task", "transition": {"progression": "manual", "times": 10 ** 9}}).encode(),
)).read()

# The network the services' tasks (and a one-off task before a roll) run in. moto's run-task with awsvpc reads
# the ENI's private DNS name, which it only has in a VPC with DNS hostnames.
vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": True})
ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone=f"{region}a")["Subnet"]["SubnetId"]
group = ec2.create_security_group(GroupName=f"platform-{env}-services", Description="the platform's ECS tasks",
                                  VpcId=vpc)["GroupId"]
network = {"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [group], "assignPublicIp": "DISABLED"}}

trust = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
seeded = {"vpcId": vpc, "subnetIds": [subnet], "securityGroupIds": [group], "cluster": f"platform-{env}"}
for key, role in (("executionRoleArn", f"{env}-task-execution"), ("taskRoleArn", f"{env}-task")):
    seeded[key] = iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust)["Role"]["Arn"]

parameter = f"/platform/{env}/database-url"
ssm.put_parameter(Name=parameter, Type="SecureString",
                  Value=f"postgres://platform:sandbox@db.{env}.internal:5432/platform")
secret = f"platform/{env}/api-key"
seeded.update({
    "databaseUrlParameterName": parameter,
    "databaseUrlParameterArn": ssm.get_parameter(Name=parameter)["Parameter"]["ARN"],
    "apiKeySecretName": secret,
    "apiKeySecretArn": secretsmanager.create_secret(Name=secret, SecretString="sandbox-api-key")["ARN"],
    "targetGroupArns": {},
})

cluster = seeded["cluster"]
ecs.create_cluster(clusterName=cluster)
for name, tag in [(s, "seed") for s in services] + [("slack-agent", "independent-1")]:
    uri = ecr.create_repository(repositoryName=name)["repository"]["repositoryUri"]
    put_image(ecr, name, tag)
    family = f"{env}-{name}"
    arn = ecs.register_task_definition(**task_definition(family, f"{uri}:{tag}", seeded))["taskDefinition"][
        "taskDefinitionArn"]
    tuned = name == "auth"
    target_group = elbv2.create_target_group(
        Name=family[:32], Protocol="HTTP", Port=PORT, VpcId=vpc, TargetType="ip", HealthCheckProtocol="HTTP",
        HealthCheckPath="/health", HealthCheckIntervalSeconds=10 if tuned else 30, HealthCheckTimeoutSeconds=5,
        HealthyThresholdCount=2 if tuned else 5, UnhealthyThresholdCount=2)["TargetGroups"][0]["TargetGroupArn"]
    if tuned:  # 300 s otherwise, as AWS (and moto) have it
        elbv2.modify_target_group_attributes(TargetGroupArn=target_group, Attributes=[
            {"Key": "deregistration_delay.timeout_seconds", "Value": "30"}])
    seeded["targetGroupArns"][name] = target_group
    settings = {"healthCheckGracePeriodSeconds": 10 if tuned else 0, "deploymentConfiguration": (
        {"minimumHealthyPercent": 50, "maximumPercent": 100} if name == "billing"
        else {"minimumHealthyPercent": 100, "maximumPercent": 200})}
    ecs.create_service(cluster=cluster, serviceName=family, taskDefinition=arn,
                       desiredCount=4 if name == "billing" else 1, launchType="FARGATE", networkConfiguration=network,
                       loadBalancers=[{"targetGroupArn": target_group, "containerName": "app", "containerPort": PORT}],
                       **settings)
    # moto's create-service drops the grace period and the deployment configuration; its update-service keeps them.
    ecs.update_service(cluster=cluster, service=family, **settings)

# Where deploy shares its lock and history between operators (terraform output deploy_bucket).
deploy_bucket = f"platform-{env}-deploy"
s3.create_bucket(Bucket=deploy_bucket)

buckets, distributions = {}, {}
for spa in ("admin-ui", "simulator"):
    bucket = f"platform-{env}-{spa}"
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="stale.html", Body=b"from an older build")
    config = {
        "CallerReference": bucket, "Comment": spa, "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{"Id": bucket, "DomainName": f"{bucket}.s3.amazonaws.com",
                                              "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": bucket, "ViewerProtocolPolicy": "redirect-to-https",
                                 "TrustedSigners": {"Enabled": False, "Quantity": 0}, "MinTTL": 0,
                                 "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}}},
    }
    distributions[spa] = cloudfront.create_distribution(DistributionConfig=config)["Distribution"]["Id"]
    buckets[spa] = bucket


def hcl_map(values):
    return "{ " + ", ".join(f'"{k}" = "{v}"' for k, v in sorted(values.items())) + " }"


with open(tfvars_path, "w") as f:
    f.write(f'environment = "{env}"\naccount_id  = "{account}"\nregion      = "{region}"\n')
    f.write("services    = [" + ", ".join(f'"{s}"' for s in services) + "]\n")
    f.write(f"spa_bucket_names            = {hcl_map(buckets)}\n")
    f.write(f"cloudfront_distribution_ids = {hcl_map(distributions)}\n")
    f.write("expose_api_docs = true\n")
    f.write(f'deploy_bucket   = "{deploy_bucket}"\n')

with open(os.path.join(folder, "seeded.json.tmp"), "w") as f:
    json.dump(seeded, f, indent=2)
os.replace(os.path.join(folder, "seeded.json.tmp"), os.path.join(folder, "seeded.json"))
