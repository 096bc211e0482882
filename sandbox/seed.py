"""Seeds the emulator as infra/scripts/bootstrap.sh would leave a real account: one ECR repository per
service (and slack-agent) holding a 'seed' image, an ECS cluster whose services run it, and for each SPA
an S3 bucket and a CloudFront distribution. Writes the environment's tfvars.
Usage: seed.py TFVARS_PATH SERVICE...   (uses the AWS profile in the environment)"""
import sys

import boto3

from fake_image import put_image
from task_definition import app_container

tfvars_path, services = sys.argv[1], sys.argv[2:]
env = "sandbox"
session = boto3.Session()
ecr, ecs, s3, cloudfront = (session.client(n) for n in ("ecr", "ecs", "s3", "cloudfront"))
account = session.client("sts").get_caller_identity()["Account"]
region = session.region_name


cluster = f"platform-{env}"
ecs.create_cluster(clusterName=cluster)
for name, tag in [(s, "seed") for s in services] + [("slack-agent", "independent-1")]:
    uri = ecr.create_repository(repositoryName=name)["repository"]["repositoryUri"]
    put_image(ecr, name, tag)
    family = f"{env}-{name}"
    arn = ecs.register_task_definition(
        family=family,
        containerDefinitions=[app_container(family, f"{uri}:{tag}")],
    )["taskDefinition"]["taskDefinitionArn"]
    ecs.create_service(cluster=cluster, serviceName=family, taskDefinition=arn, desiredCount=1)

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
