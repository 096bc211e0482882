# The sandbox stand-in for the platform's ECS stack: only terraform built-ins, with local-exec calling
# the aws CLI (pointed at the emulator by the operator's profile), so apply really changes what ECS runs.
# The state is shared by every clone of the sandbox's platform, as a team's remote backend is: up.sh points
# the local backend's workspace_dir outside the checkout.
terraform {
  backend "local" {}
}

locals {
  registry = "${var.account_id}.dkr.ecr.${var.region}.amazonaws.com"
  cluster  = "platform-${var.environment}"
}

module "service" {
  source   = "./modules/service"
  for_each = toset(var.services)

  family      = "${var.environment}-${each.key}"
  cluster     = local.cluster
  ecs_service = "${var.environment}-${each.key}"
  image       = "${local.registry}/${var.repository_prefix}${each.key}:${lookup(var.image_tags, each.key, var.image_tag)}"
}

# A resource an operator may apply by hand between two deploys (none unless `note` is set): tests use it to
# change terraform's state under a deploy that has made its plan.
resource "terraform_data" "note" {
  count = var.note == "" ? 0 : 1
  input = var.note
}
