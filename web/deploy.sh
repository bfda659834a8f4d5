#!/usr/bin/env bash
# Publishes the built web UI (web/dist/) to the site bucket of a deployed stack, with the config.json that points
# it at the stack's API and Cognito hosted UI, and invalidates CloudFront's copy of the files that are not hashed.
# Usage: web/deploy.sh STACK_NAME   (after `mvn -B -DskipTests package` and `sam deploy`; needs the AWS CLI)
set -euo pipefail
stack="${1:?usage: web/deploy.sh STACK_NAME}"
cd "$(dirname "$0")"
output() {
  aws cloudformation describe-stacks --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
bucket="$(output WebBucketName)"
distribution="$(output WebDistributionId)"
printf '{"auth":"cognito","domain":"%s","clientId":"%s","apiUrl":"%s"}\n' \
  "$(output WebSignInDomain)" "$(output WebUserPoolClientId)" "$(output ApiUrl)" > dist/config.json
# hashed files never change; the rest is revalidated on every visit
aws s3 sync dist/assets "s3://$bucket/assets" --delete --cache-control 'public, max-age=31536000, immutable'
aws s3 sync dist "s3://$bucket" --delete --exclude 'assets/*' --cache-control 'no-cache'
aws cloudfront create-invalidation --distribution-id "$distribution" --paths '/index.html' '/config.json' '/favicon.svg' >/dev/null
echo "web UI published: $(output WebUrl)"
