environment = "example"
account_id  = "123456789012"
region      = "us-east-1"
services    = ["auth"]
spa_bucket_names            = { "admin-ui" = "platform-example-admin-ui", "simulator" = "platform-example-simulator" }
cloudfront_distribution_ids = { "admin-ui" = "E000000000000", "simulator" = "E000000000001" }
expose_api_docs = true
