# Example variables for `deploy --var-file tfvars/<env>.tfvars`. Copy to tfvars/<env>.tfvars (gitignored)
# and fill in for the environment. deploy sets the image variables itself; do not set them here.

# image_tag: the git short SHA every service runs. Passed by deploy as -var image_tag=<HEAD short sha>.
# image_tag = "d187ba1"

# image_tags: per-service tags, passed by deploy (with -target) when only some services roll
# (--services a,b, and later --changed). Services not named keep image_tag.
# image_tags = { "auth" = "d187ba1" }

# Serve Swagger at /<prefix>/docs. Non-prod only.
expose_api_docs = false
