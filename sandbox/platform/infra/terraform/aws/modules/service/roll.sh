#!/bin/sh
# Registers a new revision of the ECS service's task definition running $IMAGE and points the service at it, as
# an aws_ecs_task_definition whose image changed would: the revision is rendered whole (its roles, network mode,
# sizes, secrets, ports and logs) by the sandbox's task-definition, as terraform renders it from its HCL.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
task-definition "$FAMILY" "$IMAGE" >"$work/input.json"
arn=$(aws ecs register-task-definition --cli-input-json "file://$work/input.json" \
  --query taskDefinition.taskDefinitionArn --output text)
aws ecs update-service --cluster "$CLUSTER" --service "$SERVICE" --task-definition "$arn" \
  --query service.taskDefinition --output text
