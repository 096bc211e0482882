"""The sandbox's one container definition, as roll.sh registers it: the app, logging to CloudWatch (awslogs),
so a failed rollout's logs can be read and `deploy check` finds every service's logs."""


def app_container(family, image):
    return {"name": "app", "image": image, "memory": 512, "essential": True,
            "logConfiguration": {"logDriver": "awslogs", "options": {
                "awslogs-group": f"/ecs/{family}", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}}}
