#!/usr/bin/env bash
# S3 events of what S3 does over time, through the AWS CLI against a running Tarn whose init file maps
# <queue ARN> to the Kinesis stream "changes" and whose clock is frozen:
#   s3_events_cli_check.sh http://127.0.0.1:4566 <queue ARN>
# put-bucket-notification-configuration and put-bucket-lifecycle-configuration from JSON files, s3api
# restore-object (Expedited, at most 5 min), put-object-acl; the clock moves 5 minutes, then 3 days;
# the events read back with kinesis get-records: ObjectRestore:Post, ObjectAcl:Put, ObjectRestore:Completed
# (with glacierEventData), then LifecycleExpiration:Delete, never ObjectRemoved.
set -euo pipefail
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
endpoint="$1"
queue="$2"
s3api() { aws --endpoint-url "$endpoint" s3api "$@"; }
kinesis() { aws --endpoint-url "$endpoint" kinesis "$@"; }
fail() { echo "MISMATCH: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the admin API through python3 rather than curl, which a CI image may lack: advance <duration>, pending
admin() {
  python3 - "$endpoint" "$@" <<'PY'
import sys, time, urllib.request
endpoint, what = sys.argv[1], sys.argv[2]
if what == "advance":
    request = urllib.request.Request(endpoint + "/_tarn/clock", data=('{"advance":"%s"}' % sys.argv[3]).encode(), method="POST")
    urllib.request.urlopen(request, timeout=120).read()
else:  # waits until the outbox has delivered every event
    for _ in range(600):
        body = urllib.request.urlopen(endpoint + "/_tarn/s3/notifications", timeout=10).read().decode()
        if '"pending":[]' in body:
            sys.exit(0)
        time.sleep(0.1)
    sys.exit("events still pending: " + body)
PY
}
# every event in the stream, one line each: "<eventName> <principal> <extra>"
events() {
  admin pending
  iterator=$(kinesis get-shard-iterator --stream-name changes --shard-id shardId-000000000000 \
      --shard-iterator-type TRIM_HORIZON --query ShardIterator --output text)
  kinesis get-records --shard-iterator "$iterator" --output json | python3 -c '
import base64, json, sys
for r in json.load(sys.stdin)["Records"]:
    e = json.loads(base64.b64decode(r["Data"]))
    if "Event" in e:
        print(e["Event"])
        continue
    rec = e["Records"][0]
    extra = rec.get("glacierEventData", {}).get("restoreEventData", {}).get("lifecycleRestoreStorageClass", "-")
    print(rec["eventName"], rec["userIdentity"]["principalId"], extra)'
}

kinesis create-stream --stream-name changes --shard-count 1
kinesis wait stream-exists --stream-name changes
bucket="events-cli-$RANDOM$RANDOM"
s3api create-bucket --bucket "$bucket" >/dev/null
cat > "$work/notification.json" <<JSON
{"QueueConfigurations": [{"Id": "over-time", "QueueArn": "$queue",
  "Events": ["s3:ObjectRestore:*", "s3:LifecycleExpiration:*", "s3:ObjectRemoved:*", "s3:ObjectAcl:Put"]}]}
JSON
s3api put-bucket-notification-configuration --bucket "$bucket" --notification-configuration "file://$work/notification.json"
cat > "$work/lifecycle.json" <<'JSON'
{"Rules": [{"ID": "tidy", "Status": "Enabled", "Filter": {"Prefix": "logs/"}, "Expiration": {"Days": 1}}]}
JSON
s3api put-bucket-lifecycle-configuration --bucket "$bucket" --lifecycle-configuration "file://$work/lifecycle.json" >/dev/null

echo "archived bytes" > "$work/in.txt"
s3api put-object --bucket "$bucket" --key cold.txt --body "$work/in.txt" --storage-class GLACIER >/dev/null
s3api put-object --bucket "$bucket" --key logs/a.log --body "$work/in.txt" >/dev/null
s3api restore-object --bucket "$bucket" --key cold.txt --restore-request '{"Days":1,"GlacierJobParameters":{"Tier":"Expedited"}}'
s3api put-object-acl --bucket "$bucket" --key cold.txt --acl private
admin advance PT5M
got=$(events)
expected="s3:TestEvent
ObjectRestore:Post AWS:000000000000 -
ObjectAcl:Put AWS:000000000000 -
ObjectRestore:Completed AWS:000000000000 GLACIER"
[ "$got" = "$expected" ] || fail "restore events: $got"

admin advance P3D
# the earlier events are past the stream's 24-hour retention by now; the two left may fall due at the
# same midnight, or a day apart, so their order is not checked
got=$(events | sort)
[ "$got" = "LifecycleExpiration:Delete s3.amazonaws.com -
ObjectRestore:Delete s3.amazonaws.com -" ] || fail "events three days on: $got"
[ -z "$(s3api list-objects-v2 --bucket "$bucket" --prefix logs/ --query Contents --output text | grep -v None || true)" ] \
    || fail "logs/a.log not expired"
echo OK
