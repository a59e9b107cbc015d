#!/usr/bin/env bash
# S3 lifecycle through the AWS CLI against a running Tarn: s3_lifecycle_cli_check.sh http://127.0.0.1:4566
# put-bucket-lifecycle-configuration from a JSON file, read back; an object under a 30-day
# STANDARD_IA rule moved 40 days ahead on the emulator clock is STANDARD_IA; a bad rule is refused.
set -euo pipefail
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
E="$1"
aws() { command aws --endpoint-url "$E" "$@"; }
fail() { echo "MISMATCH: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bucket="lc-cli-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# moves the emulator clock (python3, which the CLI runs on, rather than curl, which an image may lack)
advance() {
  python3 - "$E/_tarn/clock" "$1" <<'PY'
import sys, urllib.request
req = urllib.request.Request(sys.argv[1], data=('{"advance":"%s"}' % sys.argv[2]).encode(), method="POST",
                             headers={"Content-Type": "application/json"})
urllib.request.urlopen(req, timeout=120).read()
PY
}

aws s3 mb "s3://$bucket" >/dev/null
cat > "$work/lifecycle.json" <<'JSON'
{
  "Rules": [
    {
      "ID": "logs-to-ia",
      "Status": "Enabled",
      "Filter": {"Prefix": "logs/"},
      "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}],
      "Expiration": {"Days": 365},
      "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}
    }
  ]
}
JSON
aws s3api put-bucket-lifecycle-configuration --bucket "$bucket" --lifecycle-configuration "file://$work/lifecycle.json" >/dev/null
got=$(aws s3api get-bucket-lifecycle-configuration --bucket "$bucket" \
    --query 'Rules[0].[ID,Status,Filter.Prefix,Transitions[0].Days,Transitions[0].StorageClass,Expiration.Days,AbortIncompleteMultipartUpload.DaysAfterInitiation]' \
    --output text)
[ "$(echo $got)" = "logs-to-ia Enabled logs/ 30 STANDARD_IA 365 7" ] || fail "read back: $got"

head -c $((200 * 1024)) /dev/urandom > "$work/big.bin"
aws s3api put-object --bucket "$bucket" --key logs/app.log --body "$work/big.bin" >/dev/null
exp=$(aws s3api head-object --bucket "$bucket" --key logs/app.log --query Expiration --output text)
[[ "$exp" == *'rule-id="logs-to-ia"'* ]] || fail "x-amz-expiration: $exp"

advance P40D
class=$(aws s3api head-object --bucket "$bucket" --key logs/app.log --query StorageClass --output text)
[ "$class" = "STANDARD_IA" ] || fail "after 40 days the object is $class"
listed=$(aws s3api list-objects-v2 --bucket "$bucket" --query 'Contents[0].StorageClass' --output text)
[ "$listed" = "STANDARD_IA" ] || fail "listed as $listed"

cat > "$work/bad.json" <<'JSON'
{"Rules": [{"ID": "too-soon", "Status": "Enabled", "Filter": {"Prefix": ""},
            "Transitions": [{"Days": 10, "StorageClass": "STANDARD_IA"}]}]}
JSON
if err=$(aws s3api put-bucket-lifecycle-configuration --bucket "$bucket" --lifecycle-configuration "file://$work/bad.json" 2>&1); then
  fail "a 10-day STANDARD_IA transition was accepted"
fi
echo "$err" | grep -q "InvalidArgument" || fail "expected InvalidArgument: $err"

aws s3api delete-bucket-lifecycle --bucket "$bucket"
if aws s3api get-bucket-lifecycle-configuration --bucket "$bucket" >/dev/null 2>"$work/err"; then
  fail "the configuration is still there"
fi
grep -q NoSuchLifecycleConfiguration "$work/err" || fail "$(cat "$work/err")"
echo "OK lifecycle: put from a JSON file, read back, STANDARD_IA after 40 days, a 10-day IA rule refused"
