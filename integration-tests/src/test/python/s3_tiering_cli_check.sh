#!/usr/bin/env bash
# S3 Intelligent-Tiering through the AWS CLI against a running Tarn: s3_tiering_cli_check.sh http://127.0.0.1:4566
# put-bucket-intelligent-tiering-configuration from a JSON file, get and list it back, an object left
# unread for 91 days of emulator time in the Archive Access tier (head-object's ArchiveStatus, get-object
# refused), restore-object without Days, and the object readable once a Bulk restore (5-12 h) is done.
set -euo pipefail
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
endpoint="$1"
s3api() { aws --endpoint-url "$endpoint" s3api "$@"; }
fail() { echo "MISMATCH: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# POSTs a change to the emulator clock (python3 rather than curl, which a CI image may lack)
clock() {
  python3 - "$endpoint/_tarn/clock" "$1" <<'PY'
import sys, urllib.request
request = urllib.request.Request(sys.argv[1], data=sys.argv[2].encode(), method="POST")
urllib.request.urlopen(request, timeout=120).read()
PY
}
clock '{"scale":0}'
trap 'clock "{\"scale\":1}"; rm -rf "$work"' EXIT

bucket="tiering-cli-$RANDOM$RANDOM"
s3api create-bucket --bucket "$bucket" >/dev/null
cat > "$work/config.json" <<'JSON'
{
  "Id": "archive-logs",
  "Filter": {"Prefix": "logs/"},
  "Status": "Enabled",
  "Tierings": [
    {"Days": 90, "AccessTier": "ARCHIVE_ACCESS"},
    {"Days": 180, "AccessTier": "DEEP_ARCHIVE_ACCESS"}
  ]
}
JSON
s3api put-bucket-intelligent-tiering-configuration --bucket "$bucket" --id archive-logs \
  --intelligent-tiering-configuration "file://$work/config.json"
got=$(s3api get-bucket-intelligent-tiering-configuration --bucket "$bucket" --id archive-logs \
  --query 'IntelligentTieringConfiguration.[Id,Filter.Prefix,Status,Tierings[0].Days,Tierings[1].AccessTier]' --output text)
[ "$got" = "$(printf 'archive-logs\tlogs/\tEnabled\t90\tDEEP_ARCHIVE_ACCESS')" ] || fail "configuration read back: $got"
listed=$(s3api list-bucket-intelligent-tiering-configurations --bucket "$bucket" --query 'IntelligentTieringConfigurationList[].Id' --output text)
[ "$listed" = archive-logs ] || fail "listed: $listed"
sed 's/"Days": 90/"Days": 60/' "$work/config.json" > "$work/bad.json"
if s3api put-bucket-intelligent-tiering-configuration --bucket "$bucket" --id archive-logs \
  --intelligent-tiering-configuration "file://$work/bad.json" 2>"$work/err"; then fail "60 days for ARCHIVE_ACCESS accepted"; fi
grep -q InvalidArgument "$work/err" || fail "60 days refused with $(cat "$work/err")"

head -c 200000 /dev/urandom > "$work/in.bin"
s3api put-object --bucket "$bucket" --key logs/app.log --body "$work/in.bin" --storage-class INTELLIGENT_TIERING >/dev/null
clock '{"advance":"P91D"}'
status=$(s3api head-object --bucket "$bucket" --key logs/app.log --query '[StorageClass,ArchiveStatus]' --output text)
[ "$status" = "$(printf 'INTELLIGENT_TIERING\tARCHIVE_ACCESS')" ] || fail "after 91 days: $status"
if s3api get-object --bucket "$bucket" --key logs/app.log "$work/out.bin" 2>"$work/err"; then fail "GET of an archived object succeeded"; fi
grep -q InvalidObjectState "$work/err" || fail "GET refused with $(cat "$work/err")"

s3api restore-object --bucket "$bucket" --key logs/app.log --restore-request '{"GlacierJobParameters":{"Tier":"Bulk"}}'
restore=$(s3api head-object --bucket "$bucket" --key logs/app.log --query Restore --output text)
[ "$restore" = 'ongoing-request="true"' ] || fail "restore header while in progress: $restore"
clock '{"advance":"PT12H"}'
s3api get-object --bucket "$bucket" --key logs/app.log "$work/out.bin" >/dev/null
cmp "$work/in.bin" "$work/out.bin" || fail "restored bytes differ"
[ "$(s3api head-object --bucket "$bucket" --key logs/app.log --query ArchiveStatus --output text)" = None ] || fail "still archived"

s3api delete-bucket-intelligent-tiering-configuration --bucket "$bucket" --id archive-logs
if s3api get-bucket-intelligent-tiering-configuration --bucket "$bucket" --id archive-logs 2>"$work/err"; then fail "deleted configuration read"; fi
grep -q NoSuchConfiguration "$work/err" || fail "deleted configuration: $(cat "$work/err")"
s3api delete-object --bucket "$bucket" --key logs/app.log
s3api delete-bucket --bucket "$bucket"
echo "OK: s3 intelligent-tiering through the AWS CLI"
