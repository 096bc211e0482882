variable "family" {
  type = string
}

variable "cluster" {
  type = string
}

variable "ecs_service" {
  type = string
}

variable "image" {
  type = string
}

# A new task definition revision whenever the image changes (replaced, as an aws_ecs_task_definition is).
# terraform_data's provisioner runs only when it is created, so registering the revision also moves the
# ECS service onto it: in the platform, that is the service's own update below.
resource "terraform_data" "task_definition" {
  triggers_replace = [var.image]
  input            = var.image

  provisioner "local-exec" {
    command     = "${path.module}/roll.sh"
    environment = { FAMILY = var.family, IMAGE = var.image, CLUSTER = var.cluster, SERVICE = var.ecs_service }
  }
}

# The ECS service, updated in place to the new revision, as an aws_ecs_service is (never replaced).
resource "terraform_data" "service" {
  input = {
    cluster         = var.cluster
    service         = var.ecs_service
    task_definition = terraform_data.task_definition.id
  }
}
