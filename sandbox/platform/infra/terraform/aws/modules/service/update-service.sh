#!/bin/sh
set -eu
arn=$(aws ecs describe-task-definition --task-definition "$FAMILY" --query taskDefinition.taskDefinitionArn --output text)
aws ecs update-service --cluster "$CLUSTER" --service "$SERVICE" --task-definition "$arn" \
  --query service.taskDefinition --output text
