#!/usr/bin/env bash
# Kinesis flows through the AWS CLI against a running Tarn: kinesis_cli_check.sh http://127.0.0.1:4566
# create-stream, wait, put-record(s), get-shard-iterator + get-records, describe, delete.
set -euo pipefail
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
E="$1"
aws() { command aws --endpoint-url "$E" "$@"; }
fail() { echo "MISMATCH: $*" >&2; exit 1; }
# CLI v2 reads blob arguments as base64 unless told otherwise; v1 takes them as raw text
raw=()
if command aws --version 2>&1 | grep -q '^aws-cli/2'; then raw=(--cli-binary-format raw-in-base64-out); fi
stream="cli-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"

aws kinesis create-stream --stream-name "$stream" --shard-count 1
aws kinesis wait stream-exists --stream-name "$stream"
aws kinesis put-record --stream-name "$stream" --partition-key k --data "first" "${raw[@]}" >/dev/null
failed=$(aws kinesis put-records --stream-name "$stream" "${raw[@]}" \
    --records Data=second,PartitionKey=k Data=third,PartitionKey=k --query FailedRecordCount --output text)
[[ "$failed" == "0" ]] || fail "put-records failed $failed records"
it=$(aws kinesis get-shard-iterator --stream-name "$stream" --shard-id shardId-000000000000 \
    --shard-iterator-type TRIM_HORIZON --query ShardIterator --output text)
data=$(aws kinesis get-records --shard-iterator "$it" --query 'Records[].Data' --output text)
decoded=$(for d in $data; do echo "$d" | base64 -d; echo; done | tr '\n' ' ')
[[ "$decoded" == "first second third " ]] || fail "records read back: '$decoded'"
status=$(aws kinesis describe-stream-summary --stream-name "$stream" --query StreamDescriptionSummary.StreamStatus --output text)
[[ "$status" == "ACTIVE" ]] || fail "status $status"
aws kinesis list-streams --query StreamNames --output text | grep -q "$stream" || fail "the stream is not listed"
aws kinesis delete-stream --stream-name "$stream"
if aws kinesis describe-stream --stream-name "$stream" >/dev/null 2>&1; then fail "the stream still exists"; fi
echo OK
