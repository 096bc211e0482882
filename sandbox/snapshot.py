"""Prints what the emulator holds now, as one JSON document, for tests to read back outcomes in one call:
the image each ECS service runs, the tags in each ECR repository (and the digest each points at), the keys in each S3 bucket and the
number of invalidations of each CloudFront distribution. Uses the AWS profile in the environment."""
import json

import boto3

session = boto3.Session()
ecs, ecr, s3, cloudfront = (session.client(n) for n in ("ecs", "ecr", "s3", "cloudfront"))

live = {}
for cluster in ecs.list_clusters()["clusterArns"]:
    arns = ecs.list_services(cluster=cluster)["serviceArns"]
    for start in range(0, len(arns), 10):
        for service in ecs.describe_services(cluster=cluster, services=arns[start:start + 10])["services"]:
            definition = ecs.describe_task_definition(taskDefinition=service["taskDefinition"])["taskDefinition"]
            live[service["serviceName"]] = definition["containerDefinitions"][0]["image"]

tags, digests = {}, {}
for repository in ecr.describe_repositories()["repositories"]:
    name = repository["repositoryName"]
    images = ecr.describe_images(repositoryName=name)["imageDetails"]
    tags[name] = sorted(tag for image in images for tag in image.get("imageTags", []))
    digests[name] = {tag: image["imageDigest"] for image in images for tag in image.get("imageTags", [])}

buckets = {}
for bucket in s3.list_buckets()["Buckets"]:
    listing = s3.list_objects_v2(Bucket=bucket["Name"])
    buckets[bucket["Name"]] = sorted(item["Key"] for item in listing.get("Contents", []))

invalidations = {}
for distribution in cloudfront.list_distributions()["DistributionList"].get("Items", []):
    found = cloudfront.list_invalidations(DistributionId=distribution["Id"])["InvalidationList"]
    invalidations[distribution["Id"]] = len(found.get("Items", []))

print(json.dumps({"live": live, "tags": tags, "digests": digests, "buckets": buckets, "invalidations": invalidations}))
