#!/usr/bin/env bash
# S3 storage class analysis through the AWS CLI against a running Tarn: s3_analytics_cli_check.sh http://127.0.0.1:4566
# put-bucket-analytics-configuration from a JSON file, read back and listed; a GET, a day on the
# emulator clock, and the export's CSV line in the destination bucket; an unknown id is NoSuchConfiguration.
set -euo pipefail
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
E="$1"
aws() { command aws --endpoint-url "$E" "$@"; }
fail() { echo "MISMATCH: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
suffix=$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
src="an-cli-$suffix"
dst="an-cli-dst-$suffix"

advance() {
  python3 - "$E/_tarn/clock" "$1" <<'PY'
import sys, urllib.request
req = urllib.request.Request(sys.argv[1], data=('{"advance":"%s"}' % sys.argv[2]).encode(), method="POST",
                             headers={"Content-Type": "application/json"})
urllib.request.urlopen(req, timeout=120).read()
PY
}

aws s3 mb "s3://$src" >/dev/null
aws s3 mb "s3://$dst" >/dev/null
cat > "$work/analytics.json" <<JSON
{
  "Id": "reports",
  "Filter": {"Prefix": "reports/"},
  "StorageClassAnalysis": {
    "DataExport": {
      "OutputSchemaVersion": "V_1",
      "Destination": {"S3BucketDestination": {"Format": "CSV", "Bucket": "arn:aws:s3:::$dst", "Prefix": "sca/"}}
    }
  }
}
JSON
aws s3api put-bucket-analytics-configuration --bucket "$src" --id reports --analytics-configuration "file://$work/analytics.json"
got=$(aws s3api get-bucket-analytics-configuration --bucket "$src" --id reports \
  --query 'AnalyticsConfiguration.[Id,Filter.Prefix,StorageClassAnalysis.DataExport.Destination.S3BucketDestination.Bucket]' --output text)
[ "$got" = "reports	reports/	arn:aws:s3:::$dst" ] || fail "get-bucket-analytics-configuration: $got"
ids=$(aws s3api list-bucket-analytics-configurations --bucket "$src" --query 'AnalyticsConfigurationList[].Id' --output text)
[ "$ids" = "reports" ] || fail "list-bucket-analytics-configurations: $ids"

printf 'a,b,c\n1,2,3\n' > "$work/r.csv"
aws s3api put-object --bucket "$src" --key reports/r.csv --body "$work/r.csv" >/dev/null
aws s3api get-object --bucket "$src" --key reports/r.csv "$work/back.csv" >/dev/null
advance P1D
aws s3api get-object --bucket "$dst" --key "sca/$src/reports.csv" "$work/export.csv" >/dev/null
head -1 "$work/export.csv" | grep -q '^Date,ConfigId,Filter,StorageClass,ObjectAge,ObjectCount,DataUploaded_MB,Storage_MB,DataRetrieved_MB,GetRequestCount,CumulativeAccessRatio,ObjectAgeForSIATransition,RecommendedObjectAgeForSIATransition$' \
  || fail "export header: $(head -1 "$work/export.csv")"
line=$(grep ',000-014,' "$work/export.csv" | tail -1)
count=$(echo "$line" | cut -d, -f6)
gets=$(echo "$line" | cut -d, -f10)
[ "$count" = "1" ] && [ "$gets" = "1" ] || fail "export line: $line"

if aws s3api get-bucket-analytics-configuration --bucket "$src" --id nope 2>"$work/err"; then
  fail "an unknown id was found"
fi
grep -q NoSuchConfiguration "$work/err" || fail "unknown id: $(cat "$work/err")"
aws s3api delete-bucket-analytics-configuration --bucket "$src" --id reports
echo OK
