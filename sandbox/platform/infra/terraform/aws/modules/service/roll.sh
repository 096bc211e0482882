#!/bin/sh
# Registers the new task definition revision and points the ECS service at it.
set -eu
arn=$(aws ecs register-task-definition --family "$FAMILY" \
  --container-definitions "[{\"name\":\"app\",\"image\":\"$IMAGE\",\"memory\":512,\"essential\":true,\
\"logConfiguration\":{\"logDriver\":\"awslogs\",\"options\":{\"awslogs-group\":\"/ecs/$FAMILY\",\
\"awslogs-region\":\"us-east-1\",\"awslogs-stream-prefix\":\"ecs\"}}}]" \
  --query taskDefinition.taskDefinitionArn --output text)
aws ecs update-service --cluster "$CLUSTER" --service "$SERVICE" --task-definition "$arn" \
  --query service.taskDefinition --output text
