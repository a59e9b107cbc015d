#!/usr/bin/env bash
# KMS and STS flows through the AWS CLI against a running Tarn: kms_sts_cli.sh http://127.0.0.1:4566
set -euo pipefail
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws() { command aws --endpoint-url "$1" "${@:2}"; }
E="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ "$(aws "$E" sts get-caller-identity --query Account --output text)" = "000000000000" ]
key=$(aws "$E" kms create-key --description "cli key" --query KeyMetadata.KeyId --output text)
aws "$E" kms create-alias --alias-name alias/cli-app --target-key-id "$key"
printf 'top secret' > "$work/plain"
aws "$E" kms encrypt --key-id alias/cli-app --plaintext "fileb://$work/plain" --encryption-context team=data \
    --query CiphertextBlob --output text | base64 -d > "$work/blob"
aws "$E" kms decrypt --ciphertext-blob "fileb://$work/blob" --encryption-context team=data \
    --query Plaintext --output text | base64 -d > "$work/out"
cmp "$work/plain" "$work/out"
[ "$(aws "$E" kms describe-key --key-id alias/cli-app --query KeyMetadata.KeyId --output text)" = "$key" ]
aws "$E" kms enable-key-rotation --key-id "$key"
[ "$(aws "$E" kms get-key-rotation-status --key-id "$key" --query KeyRotationEnabled --output text)" = "True" ]
aws "$E" kms list-keys --query 'Keys[].KeyId' --output text | grep -q "$key"
if aws "$E" kms describe-key --key-id alias/does-not-exist 2> "$work/err"; then
  echo "expected NotFoundException" >&2; exit 1
fi
grep -q NotFoundException "$work/err"
echo "AWS CLI KMS/STS flows: OK"
