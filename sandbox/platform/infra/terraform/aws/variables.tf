variable "image_tag" {
  description = "Image tag (git short SHA) every service runs unless image_tags names it."
  type        = string
}

variable "image_tags" {
  description = "Per-service image tags, set by deploy when it rolls only some services."
  type        = map(string)
  default     = {}
}

variable "expose_api_docs" {
  description = "Serve Swagger at /<prefix>/docs (non-prod only)."
  type        = bool
  default     = false
}

variable "environment" {
  type = string
}

variable "repository_prefix" {
  description = "Put before each service's ECR repository name: another environment in the same account has its own."
  type        = string
  default     = ""
}

variable "account_id" {
  type = string
}

variable "region" {
  type = string
}

variable "services" {
  type = list(string)
}

variable "spa_bucket_names" {
  type = map(string)
}

variable "cloudfront_distribution_ids" {
  type = map(string)
}

variable "api_base_url" {
  description = "Where the platform's API answers (deploy checks <api_base_url>/v1/<service>/health)."
  type        = string
  default     = ""
}

variable "deploy_bucket" {
  description = "The bucket deploy shares its lock and history in (the deploy_bucket output); empty for none."
  type        = string
  default     = ""
}

variable "note" {
  description = "Sets terraform_data.note (see main.tf); empty for none."
  type        = string
  default     = ""
}
