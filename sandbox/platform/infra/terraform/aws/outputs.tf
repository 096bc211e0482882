output "ecr_repository_urls" {
  value = { for s in var.services : s => "${local.registry}/${var.repository_prefix}${s}" }
}

output "ecs_cluster_name" {
  value = local.cluster
}

output "ecs_service_names" {
  value = { for s in var.services : s => "${var.environment}-${s}" }
}

output "spa_bucket_names" {
  value = var.spa_bucket_names
}

output "cloudfront_distribution_ids" {
  value = var.cloudfront_distribution_ids
}

output "api_base_url" {
  value = var.api_base_url
}

output "deploy_bucket" {
  description = "Where deploy keeps every operator's lock and history (deploy/<workspace>/); empty: none."
  value       = var.deploy_bucket
}
