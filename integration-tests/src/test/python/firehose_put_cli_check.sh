#!/usr/bin/env bash
# Firehose's put flows through the AWS CLI (v1) against a running Tarn: bash firehose_put_cli_check.sh http://127.0.0.1:4566
#
# Two DirectPut streams (UNCOMPRESSED and GZIP, 60 s buffers), records put with put-record and
# put-record-batch, AWS's errors for 501 records and for a record over 1,000 KiB, then the emulator
# clock moved past the interval: one object per stream under AWS's key layout, holding the records
# concatenated exactly as sent.
# CLI v1 sends a blob given as text as that text's UTF-8 bytes (v2 would expect base64), and
# fileb:// cannot stand for a structure member, so records are given as shorthand or as JSON
# (inline or file://, which also keeps a 1,000 KiB argument off the command line).
set -euo pipefail
endpoint="$1"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_MAX_ATTEMPTS=1
fh() { aws --endpoint-url "$endpoint" firehose "$@"; }
s3api() { aws --endpoint-url "$endpoint" s3api "$@"; }
fail() { echo "MISMATCH: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the emulator clock's member $2, from GET /_tarn/clock or after POSTing the change $1 (python3, which
# CLI v1 runs on, rather than curl, which a CI image may lack)
clock() {
  python3 - "$endpoint/_tarn/clock" "$1" "$2" <<'PY'
import json, sys, urllib.request
url, change, member = sys.argv[1:4]
request = urllib.request.Request(url, data=change.encode() if change else None, method="POST" if change else "GET")
with urllib.request.urlopen(request, timeout=60) as r:
    print(json.load(r)[member])
PY
}

suffix="$RANDOM$RANDOM"
bucket="fh-cli-$suffix" gz_bucket="fh-cli-gz-$suffix" plain="cli-put-$suffix" zipped="cli-put-gz-$suffix"
s3api create-bucket --bucket "$bucket" >/dev/null
s3api create-bucket --bucket "$gz_bucket" >/dev/null
for pair in "$plain:$bucket:UNCOMPRESSED" "$zipped:$gz_bucket:GZIP"; do
  IFS=: read -r name b compression <<<"$pair"
  fh create-delivery-stream --delivery-stream-name "$name" --delivery-stream-type DirectPut --extended-s3-destination-configuration \
    "RoleARN=arn:aws:iam::000000000000:role/firehose,BucketARN=arn:aws:s3:::$b,CompressionFormat=$compression,BufferingHints={SizeInMBs=1,IntervalInSeconds=60}" >/dev/null
done
for name in "$plain" "$zipped"; do
  for _ in $(seq 1 100); do
    status=$(fh describe-delivery-stream --delivery-stream-name "$name" --query DeliveryStreamDescription.DeliveryStreamStatus --output text)
    [ "$status" = ACTIVE ] && break
    sleep 0.2
  done
  [ "$status" = ACTIVE ] || fail "$name never became ACTIVE"
done

# The clock stands still while records are put, so that neither a slow machine nor the real
# interval delivers a buffer before the script moves the clock on; its speed is restored at exit.
scale=$(clock "" scale)
trap 'clock "{\"scale\":$scale}" scale >/dev/null; rm -rf "$work"' EXIT
frozen=$(( $(clock '{"scale":0}' epochMillis) / 1000 ))
expected="$work/expected"
# put-record, shorthand: the text after Data= is the record
out=$(fh put-record --delivery-stream-name "$plain" --record 'Data=hello world' --query '[RecordId,Encrypted]' --output text)
read -r id encrypted <<<"$out"
[ -n "$id" ] && [ "$encrypted" = False ] || fail "put-record answered $out"
printf 'hello world' >"$expected"
# put-record, JSON: escapes give a newline, a quote, a comma and a NUL byte
fh put-record --delivery-stream-name "$plain" --record '{"Data":"{\"a\":\"x,y=z\"}\u0000\n"}' >/dev/null
printf '{"a":"x,y=z"}\0\n' >>"$expected"
# put-record-batch from a file of 300 records
{
  printf '['
  for i in $(seq 1 300); do
    [ "$i" -gt 1 ] && printf ','
    printf '{"Data":"{\\"n\\":%d,\\"s\\":\\"caf\\u00e9\\"}\\n"}' "$i"
    printf '{"n":%d,"s":"caf\xc3\xa9"}\n' "$i" >>"$expected"
  done
  printf ']'
} >"$work/batch.json"
out=$(fh put-record-batch --delivery-stream-name "$plain" --records "file://$work/batch.json" \
  --query '[FailedPutCount,Encrypted,length(RequestResponses),length(RequestResponses[?RecordId && !ErrorCode])]' --output text)
[ "$(echo $out)" = "0 False 300 300" ] || fail "put-record-batch answered FailedPutCount, Encrypted, entries, entries with a RecordId: $out"

# 501 records: the model's limit, answered by the service (the CLI does not check a list's max)
{
  printf '['
  for i in $(seq 1 501); do [ "$i" -gt 1 ] && printf ','; printf '{"Data":"x"}'; done
  printf ']'
} >"$work/501.json"
if fh put-record-batch --delivery-stream-name "$plain" --records "file://$work/501.json" 2>"$work/err" >/dev/null; then
  fail "a batch of 501 records was taken"
fi
grep -q 'ValidationException' "$work/err" && grep -q 'less than or equal to 500' "$work/err" || fail "501 records: $(cat "$work/err")"
# a record of 1,000 KiB + 1 byte
{ printf '{"Data":"'; head -c 1024001 /dev/zero | tr '\0' x; printf '"}'; } >"$work/big.json"
if fh put-record --delivery-stream-name "$plain" --record "file://$work/big.json" 2>"$work/err" >/dev/null; then
  fail "a record over 1,000 KiB was taken"
fi
grep -q 'ValidationException' "$work/err" && grep -q 'less than or equal to 1024000' "$work/err" || fail "a big record: $(cat "$work/err")"
if fh put-record --delivery-stream-name "missing-$suffix" --record Data=x 2>"$work/err" >/dev/null; then fail "a missing stream took a record"; fi
grep -q ResourceNotFoundException "$work/err" || fail "a missing stream: $(cat "$work/err")"

# GZIP stream
fh put-record --delivery-stream-name "$zipped" --record 'Data=gz one' >/dev/null
fh put-record-batch --delivery-stream-name "$zipped" --records '[{"Data":"\ntwo\n"},{"Data":"three\n"}]' >/dev/null
printf 'gz one\ntwo\nthree\n' >"$work/gz_expected"

clock '{"advance":"PT59S"}' now >/dev/null
for b in "$bucket" "$gz_bucket"; do
  [ "$(s3api list-objects-v2 --bucket "$b" --query 'length(Contents || `[]`)' --output text)" = 0 ] || fail "delivered to $b before the 60 s interval"
done
clock '{"advance":"PT2S"}' now >/dev/null # past IntervalInSeconds: due buffers are delivered before the answer

# the one object of bucket $1 for stream $2 with extension $3: key layout checked, body saved to $4
fetch_one() {
  local keys key
  keys=$(s3api list-objects-v2 --bucket "$1" --query 'Contents[].Key' --output text)
  [ "$(wc -w <<<"$keys")" = 1 ] || fail "one object in $1: $keys"
  key=$keys
  local re="^([0-9]{4})/([0-9]{2})/([0-9]{2})/([0-9]{2})/$2-1-([0-9]{4})-([0-9]{2})-([0-9]{2})-([0-9]{2})-([0-9]{2})-([0-9]{2})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${3//./\\.}\$"
  [[ "$key" =~ $re ]] || fail "key $key is not YYYY/MM/DD/HH/$2-1-<yyyy-MM-dd-HH-mm-ss>-<uuid>$3"
  local m=("${BASH_REMATCH[@]}")
  [ "${m[1]}${m[2]}${m[3]}${m[4]}" = "${m[5]}${m[6]}${m[7]}${m[8]}" ] || fail "$key: its folders are not its time's date and hour"
  local opened
  opened=$(date -u -d "${m[5]}-${m[6]}-${m[7]} ${m[8]}:${m[9]}:${m[10]}" +%s)
  [ "$opened" = "$frozen" ] || fail "$key: the buffer opened at $opened, the clock stood at $frozen (epoch seconds)"
  s3api get-object --bucket "$1" --key "$key" "$4" >/dev/null
}
fetch_one "$bucket" "$plain" "" "$work/got"
cmp "$work/got" "$expected" || fail "$plain's object is not the records concatenated as sent"
fetch_one "$gz_bucket" "$zipped" ".gz" "$work/got.gz"
gunzip -c "$work/got.gz" | cmp - "$work/gz_expected" || fail "$zipped's object does not gunzip to the records as sent"

fh delete-delivery-stream --delivery-stream-name "$plain"
fh delete-delivery-stream --delivery-stream-name "$zipped"
echo "OK: firehose put flows via the AWS CLI"
