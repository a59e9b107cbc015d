#!/usr/bin/env bash
# A Glacier restore through the AWS CLI against a running Tarn: s3_restore_cli_check.sh http://127.0.0.1:4566
# put-object --storage-class GLACIER, get-object refused, s3api restore-object (Standard, 3-5 h), the
# x-amz-restore header as head-object shows it, then get-object once the emulator clock has moved 5 hours.
# Works whatever --s3-restore-delay says: it only checks before 3 h and after 5 h.
set -euo pipefail
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
endpoint="$1"
s3api() { aws --endpoint-url "$endpoint" s3api "$@"; }
fail() { echo "MISMATCH: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# POSTs a change to the emulator clock (python3 rather than curl, which a CI image may lack)
advance() {
  python3 - "$endpoint/_tarn/clock" "{\"advance\":\"$1\"}" <<'PY'
import sys, urllib.request
request = urllib.request.Request(sys.argv[1], data=sys.argv[2].encode(), method="POST")
urllib.request.urlopen(request, timeout=60).read()
PY
}

bucket="restore-cli-$RANDOM$RANDOM"
s3api create-bucket --bucket "$bucket" >/dev/null
echo "archived bytes" > "$work/in.txt"
s3api put-object --bucket "$bucket" --key cold.txt --body "$work/in.txt" --storage-class GLACIER >/dev/null
[ "$(s3api head-object --bucket "$bucket" --key cold.txt --query StorageClass --output text)" = GLACIER ] || fail "storage class"
if s3api get-object --bucket "$bucket" --key cold.txt "$work/out.txt" 2>"$work/err"; then fail "GET of an archived object succeeded"; fi
grep -q InvalidObjectState "$work/err" || fail "GET refused with $(cat "$work/err")"

s3api restore-object --bucket "$bucket" --key cold.txt --restore-request '{"Days":2,"GlacierJobParameters":{"Tier":"Standard"}}'
restore=$(s3api head-object --bucket "$bucket" --key cold.txt --query Restore --output text)
[ "$restore" = 'ongoing-request="true"' ] || fail "restore header while in progress: $restore"
if s3api restore-object --bucket "$bucket" --key cold.txt --restore-request '{"Days":2}' 2>"$work/err"; then fail "second restore accepted"; fi
grep -q RestoreAlreadyInProgress "$work/err" || fail "second restore refused with $(cat "$work/err")"

advance PT2H59M
if s3api get-object --bucket "$bucket" --key cold.txt "$work/out.txt" 2>/dev/null; then fail "readable before 3 hours"; fi
advance PT2H1M
restore=$(s3api head-object --bucket "$bucket" --key cold.txt --query Restore --output text)
[[ "$restore" == 'ongoing-request="false", expiry-date="'*' 00:00:00 GMT"' ]] || fail "restore header once done: $restore"
s3api get-object --bucket "$bucket" --key cold.txt "$work/out.txt" >/dev/null
cmp "$work/in.txt" "$work/out.txt" || fail "restored bytes differ"

if s3api restore-object --bucket "$bucket" --key cold.txt --restore-request '{"Days":1,"Type":"SELECT"}' 2>"$work/err"; then
  fail "a SELECT restore was accepted"
fi
grep -q NotImplemented "$work/err" || fail "SELECT restore refused with $(cat "$work/err")"
s3api delete-object --bucket "$bucket" --key cold.txt
s3api delete-bucket --bucket "$bucket"
echo "OK: s3 restore through the AWS CLI"
