"""The sandbox's one task definition, as the seed (and set_live.py) registers it for every service: Fargate
(awsvpc, 256 CPU units, 512 MiB), the execution and task roles, and one container, the app: port 3000, its
secrets (DATABASE_URL from SSM, API_KEY from Secrets Manager) and logging to CloudWatch (awslogs), so a failed
rollout's logs can be read and `deploy check` finds every service's logs. terraform's roll.sh renders the same
definition with the new image, as an aws_ecs_task_definition renders its HCL: run as a script, it prints
register-task-definition's input for FAMILY and IMAGE from $SANDBOX_DIR/seeded.json (standard library only).
Usage: task_definition.py FAMILY IMAGE"""

PORT = 3000


def app_container(family, image, secrets=None):
    """The app's container definition; `secrets` maps each variable to the ARN its value comes from."""
    container = {"name": "app", "image": image, "memory": 512, "essential": True,
                 "portMappings": [{"containerPort": PORT, "protocol": "tcp"}],
                 "logConfiguration": {"logDriver": "awslogs", "options": {
                     "awslogs-group": f"/ecs/{family}", "awslogs-region": "us-east-1",
                     "awslogs-stream-prefix": "ecs"}}}
    if secrets:
        container["secrets"] = [{"name": name, "valueFrom": arn} for name, arn in secrets.items()]
    return container


def task_definition(family, image, seeded):
    """register_task_definition's arguments for a service's family running `image`; `seeded` is what seed.py
    wrote to DIR/seeded.json (the roles' and secrets' ARNs)."""
    return {"family": family, "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
            "cpu": "256", "memory": "512",
            "executionRoleArn": seeded["executionRoleArn"], "taskRoleArn": seeded["taskRoleArn"],
            "containerDefinitions": [app_container(family, image, {
                "DATABASE_URL": seeded["databaseUrlParameterArn"], "API_KEY": seeded["apiKeySecretArn"]})]}


if __name__ == "__main__":
    import json
    import os
    import sys

    with open(os.path.join(os.environ["SANDBOX_DIR"], "seeded.json")) as f:
        json.dump(task_definition(sys.argv[1], sys.argv[2], json.load(f)), sys.stdout)
