#!/usr/bin/env bash
# Firehose's control plane through the AWS CLI against a running Tarn: bash firehose_cli_check.sh http://127.0.0.1:4566
set -euo pipefail
endpoint="$1"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
fh() { aws --endpoint-url "$endpoint" firehose "$@"; }
fail() { echo "MISMATCH: $*" >&2; exit 1; }

name="cli-$RANDOM$RANDOM"
fh create-delivery-stream --delivery-stream-name "$name" \
  --s3-destination-configuration "RoleARN=arn:aws:iam::000000000000:role/firehose,BucketARN=arn:aws:s3:::cli-bucket" >/dev/null
for _ in $(seq 1 100); do
  status=$(fh describe-delivery-stream --delivery-stream-name "$name" --query DeliveryStreamDescription.DeliveryStreamStatus --output text)
  [ "$status" = ACTIVE ] && break
  sleep 0.2
done
[ "$status" = ACTIVE ] || fail "$name never became ACTIVE"
fh list-delivery-streams --output text | grep -q "$name" || fail "$name not listed"
mode=$(fh describe-delivery-stream --delivery-stream-name "$name" \
  --query 'DeliveryStreamDescription.Destinations[0].ExtendedS3DestinationDescription.S3BackupMode' --output text)
[ "$mode" = Disabled ] || fail "S3BackupMode $mode"
if fh describe-delivery-stream --delivery-stream-name cli-missing 2>/tmp/fh_cli_err.$$; then fail "a missing stream described"; fi
grep -q ResourceNotFoundException /tmp/fh_cli_err.$$ || fail "$(cat /tmp/fh_cli_err.$$)"
rm -f /tmp/fh_cli_err.$$
fh delete-delivery-stream --delivery-stream-name "$name"
echo "OK: firehose control plane via the AWS CLI"
