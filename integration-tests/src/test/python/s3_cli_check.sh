#!/usr/bin/env bash
# S3 flows through the AWS CLI against a running Tarn: s3_cli_check.sh http://127.0.0.1:4566
# cp of a 20 MiB file (multipart), sync of a small directory, ls --recursive, s3api head-object.
set -euo pipefail
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
E="$1"
aws() { command aws --endpoint-url "$E" "$@"; }
fail() { echo "MISMATCH: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bucket="cli-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"

aws s3 mb "s3://$bucket" >/dev/null
aws s3 ls | grep -q "$bucket" || fail "the new bucket is not listed"

# a 20 MiB file: the CLI uploads it in parts (8 MiB by default)
head -c $((20 * 1024 * 1024)) /dev/urandom > "$work/big.bin"
aws s3 cp "$work/big.bin" "s3://$bucket/big/big.bin" --only-show-errors
etag=$(aws s3api head-object --bucket "$bucket" --key big/big.bin --query ETag --output text)
[[ "$etag" == *-3\" ]] || fail "expected a 3-part multipart ETag, got $etag"
size=$(aws s3api head-object --bucket "$bucket" --key big/big.bin --query ContentLength --output text)
[ "$size" = $((20 * 1024 * 1024)) ] || fail "size $size"
aws s3 cp "s3://$bucket/big/big.bin" "$work/big.down" --only-show-errors
cmp "$work/big.bin" "$work/big.down" || fail "the downloaded file differs"

# sync a small directory up, change it, sync again, and back down
mkdir -p "$work/site/css" "$work/site/img"
echo '<h1>hello</h1>' > "$work/site/index.html"
echo 'body{}' > "$work/site/css/main.css"
head -c 3000 /dev/urandom > "$work/site/img/logo.bin"
echo 'with space' > "$work/site/a file.txt"
aws s3 sync "$work/site" "s3://$bucket/site" --only-show-errors
listing=$(aws s3 ls "s3://$bucket/site/" --recursive | awk '{print $4" "$5}' | sed 's/ $//' | sort)
expected=$(printf 'site/a file.txt\nsite/css/main.css\nsite/img/logo.bin\nsite/index.html\n' | sort)
[ "$listing" = "$expected" ] || fail "ls --recursive: $listing"
echo 'changed' > "$work/site/index.html"
rm "$work/site/css/main.css"
rmdir "$work/site/css"
sync_out=$(aws s3 sync "$work/site" "s3://$bucket/site" --delete)
echo "$sync_out" | grep -q "upload: .*index.html" || fail "sync did not upload the changed file: $sync_out"
echo "$sync_out" | grep -q "delete: s3://$bucket/site/css/main.css" || fail "sync --delete did not delete: $sync_out"
echo "$sync_out" | grep -q "logo.bin" && fail "sync uploaded an unchanged file: $sync_out"
aws s3 sync "s3://$bucket/site" "$work/back" --only-show-errors
diff -r "$work/site" "$work/back" || fail "sync down differs"

# s3api head-object with metadata, and an error
aws s3api put-object --bucket "$bucket" --key meta.txt --body "$work/site/index.html" --content-type text/plain \
    --metadata origin=cli >/dev/null
[ "$(aws s3api head-object --bucket "$bucket" --key meta.txt --query Metadata.origin --output text)" = "cli" ] || fail "metadata"
[ "$(aws s3api head-object --bucket "$bucket" --key meta.txt --query ContentType --output text)" = "text/plain" ] || fail "content type"
if aws s3api head-object --bucket "$bucket" --key nothing-here 2> "$work/err"; then
  fail "head-object of a missing key succeeded"
fi
grep -q "404" "$work/err" || fail "head-object error: $(cat "$work/err")"

# bucket configuration through s3api (the CLI sends the checksum S3 requires)
aws s3api put-bucket-tagging --bucket "$bucket" --tagging 'TagSet=[{Key=team,Value=data}]'
[ "$(aws s3api get-bucket-tagging --bucket "$bucket" --query 'TagSet[0].Value' --output text)" = "data" ] || fail "bucket tagging"
aws s3api put-bucket-cors --bucket "$bucket" \
    --cors-configuration '{"CORSRules":[{"AllowedMethods":["GET"],"AllowedOrigins":["*"]}]}'
far="$bucket-far"
aws s3api create-bucket --bucket "$far" --create-bucket-configuration LocationConstraint=eu-north-1 >/dev/null
[ "$(aws s3api get-bucket-location --bucket "$far" --query LocationConstraint --output text)" = "eu-north-1" ] || fail "location"
aws s3 rb "s3://$far" >/dev/null

aws s3 rb "s3://$bucket" --force >/dev/null
if aws s3api head-bucket --bucket "$bucket" 2>/dev/null; then
  fail "the bucket is still there"
fi
echo "AWS CLI S3 flows: OK"
