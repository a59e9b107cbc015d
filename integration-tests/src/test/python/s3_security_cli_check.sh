#!/usr/bin/env bash
# S3's security controls through the AWS CLI over HTTPS, against a Tarn started with --tls:
#   s3_security_cli_check.sh https://localhost:PORT http://localhost:PORT /path/to/tarn-cert.pem
# A bucket policy denying plain HTTP (aws:SecureTransport), SSE-KMS and SSE-C round trips, a wrong
# SSE-C key refused, and an anonymous read allowed only once Block Public Access is off and a
# policy grants it. Exits non-zero on the first mismatch.
set -euo pipefail
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
HTTPS="$1"
HTTP="$2"
CERT="$3"
aws_tls() { command aws --endpoint-url "$HTTPS" --ca-bundle "$CERT" "$@"; }
aws_plain() { command aws --endpoint-url "$HTTP" "$@"; }
fail() { echo "MISMATCH: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
suffix=$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
bucket="sec-cli-$suffix"
echo "secret body" > "$work/body.txt"

aws_tls s3api create-bucket --bucket "$bucket" >/dev/null

# Deny every request that does not come over TLS
cat > "$work/tls-only.json" <<JSON
{"Version": "2012-10-17", "Statement": [{"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
  "Resource": ["arn:aws:s3:::$bucket", "arn:aws:s3:::$bucket/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
JSON
aws_tls s3api put-bucket-policy --bucket "$bucket" --policy "file://$work/tls-only.json"
if aws_plain s3api put-object --bucket "$bucket" --key plain --body "$work/body.txt" 2>"$work/err" >/dev/null; then
  fail "a PUT over plain HTTP was accepted under the TLS-only policy"
fi
grep -q "AccessDenied" "$work/err" || fail "plain HTTP PUT: expected AccessDenied, got: $(cat "$work/err")"

# SSE-KMS over TLS
kms_out=$(aws_tls s3api put-object --bucket "$bucket" --key kms --body "$work/body.txt" --server-side-encryption aws:kms \
  --query ServerSideEncryption --output text)
[ "$kms_out" = "aws:kms" ] || fail "SSE-KMS PUT answered ServerSideEncryption=$kms_out"
head_kms=$(aws_tls s3api head-object --bucket "$bucket" --key kms --query SSEKMSKeyId --output text)
case "$head_kms" in arn:aws:kms:*) ;; *) fail "HEAD of the SSE-KMS object shows key $head_kms";; esac
aws_tls s3api get-object --bucket "$bucket" --key kms "$work/kms.out" >/dev/null
cmp -s "$work/body.txt" "$work/kms.out" || fail "SSE-KMS object read back differs"

# SSE-C over TLS: the CLI base64-encodes the key and adds its MD5
key1="0123456789abcdef0123456789abcdef"
key2="fedcba9876543210fedcba9876543210"
aws_tls s3api put-object --bucket "$bucket" --key ssec --body "$work/body.txt" \
  --sse-customer-algorithm AES256 --sse-customer-key "$key1" >/dev/null
aws_tls s3api get-object --bucket "$bucket" --key ssec --sse-customer-algorithm AES256 --sse-customer-key "$key1" \
  "$work/ssec.out" >/dev/null
cmp -s "$work/body.txt" "$work/ssec.out" || fail "SSE-C object read back differs"
if aws_tls s3api get-object --bucket "$bucket" --key ssec --sse-customer-algorithm AES256 --sse-customer-key "$key2" \
  "$work/wrong.out" 2>"$work/err" >/dev/null; then
  fail "an SSE-C read with the wrong key was accepted"
fi
grep -q "AccessDenied" "$work/err" || fail "wrong SSE-C key: expected 403 AccessDenied, got: $(cat "$work/err")"

# Anonymous reads: refused while Block Public Access blocks the public policy
aws_tls s3api put-object --bucket "$bucket" --key open --body "$work/body.txt" >/dev/null
cat > "$work/public.json" <<JSON
{"Version": "2012-10-17", "Statement": [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
  "Resource": "arn:aws:s3:::$bucket/open"}]}
JSON
if aws_tls s3api put-bucket-policy --bucket "$bucket" --policy "file://$work/public.json" 2>"$work/err"; then
  fail "a public policy was accepted while BlockPublicPolicy is on"
fi
grep -q "AccessDenied" "$work/err" || fail "public policy: expected AccessDenied, got: $(cat "$work/err")"
status=$(command aws --endpoint-url "$HTTPS" --ca-bundle "$CERT" --no-sign-request s3api get-object --bucket "$bucket" --key open \
  "$work/anon.out" 2>&1 >/dev/null || true)
echo "$status" | grep -q "AccessDenied" || fail "anonymous read before opening the bucket: $status"
aws_tls s3api delete-public-access-block --bucket "$bucket"
aws_tls s3api put-bucket-policy --bucket "$bucket" --policy "file://$work/public.json"
public=$(aws_tls s3api get-bucket-policy-status --bucket "$bucket" --query PolicyStatus.IsPublic --output text)
[ "$public" = "True" ] || fail "GetBucketPolicyStatus IsPublic=$public for a policy granting everyone"
command aws --endpoint-url "$HTTPS" --ca-bundle "$CERT" --no-sign-request s3api get-object --bucket "$bucket" --key open \
  "$work/anon.out" >/dev/null
cmp -s "$work/body.txt" "$work/anon.out" || fail "anonymous read of the public object differs"
echo "OK"
