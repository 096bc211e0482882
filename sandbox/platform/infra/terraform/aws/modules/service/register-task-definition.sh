#!/bin/sh
set -eu
aws ecs register-task-definition --family "$FAMILY" \
  --container-definitions "[{\"name\":\"app\",\"image\":\"$IMAGE\",\"memory\":512,\"essential\":true}]" \
  --query taskDefinition.taskDefinitionArn --output text
