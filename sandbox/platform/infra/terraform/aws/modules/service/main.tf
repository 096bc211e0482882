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

# A new task definition revision whenever the image changes.
resource "terraform_data" "task_definition" {
  triggers_replace = [var.image]
  input            = var.image

  provisioner "local-exec" {
    command     = "${path.module}/register-task-definition.sh"
    environment = { FAMILY = var.family, IMAGE = var.image }
  }
}

# The ECS service moves to the newest revision whenever one is registered.
resource "terraform_data" "service" {
  triggers_replace = [terraform_data.task_definition.id]

  provisioner "local-exec" {
    command     = "${path.module}/update-service.sh"
    environment = { CLUSTER = var.cluster, SERVICE = var.ecs_service, FAMILY = var.family }
  }
}
