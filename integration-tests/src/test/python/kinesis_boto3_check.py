"""Kinesis flows through boto3 against a running Tarn: python3 kinesis_boto3_check.py http://127.0.0.1:4566

Create a stream, put records one by one and in batches, read every shard from TRIM_HORIZON and
check each partition key's records come back in order, split a shard and read across parent and
children, the errors boto3 users handle, tags, and cleanup. Exits non-zero on the first mismatch.
"""
import sys
import time
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from checks import check

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
kinesis = session.client("kinesis", endpoint_url=endpoint, config=Config(retries={"max_attempts": 2}))


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


def read_shard(stream, shard_id):
    it = kinesis.get_shard_iterator(StreamName=stream, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    out = []
    while it:
        r = kinesis.get_records(ShardIterator=it, Limit=1000)
        out.extend(r["Records"])
        if not r["Records"]:
            break
        it = r.get("NextShardIterator")
    return out


stream = "boto3-" + uuid.uuid4().hex[:8]
kinesis.create_stream(StreamName=stream, ShardCount=2)
kinesis.get_waiter("stream_exists").wait(StreamName=stream, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
summary = kinesis.describe_stream_summary(StreamName=stream)["StreamDescriptionSummary"]
check(summary["OpenShardCount"] == 2 and summary["StreamStatus"] == "ACTIVE", "summary: %s" % summary)

sent = {}
for i in range(20):
    key = "key-%d" % (i % 4)
    r = kinesis.put_record(StreamName=stream, PartitionKey=key, Data=("one-%d" % i).encode())
    check(r["SequenceNumber"].isdigit() and r["ShardId"].startswith("shardId-"), "put_record answer %s" % r)
    sent.setdefault(key, []).append(("one-%d" % i).encode())
batch = [{"PartitionKey": "key-%d" % (i % 4), "Data": ("batch-%d" % i).encode()} for i in range(100)]
r = kinesis.put_records(StreamName=stream, Records=batch)
check(r["FailedRecordCount"] == 0 and len(r["Records"]) == 100, "put_records: %s failed" % r["FailedRecordCount"])
for e in batch:
    sent[e["PartitionKey"]].append(e["Data"])

received = {}
shards = kinesis.list_shards(StreamName=stream)["Shards"]
check(len(shards) == 2, "two shards listed")
for shard in shards:
    for rec in read_shard(stream, shard["ShardId"]):
        received.setdefault(rec["PartitionKey"], []).append(rec["Data"])
check(received == sent, "every partition key's records come back in order")

# split shard 0 in the middle of its range; records of a key go to the parent first, then a child
parent = shards[0]
lo, hi = int(parent["HashKeyRange"]["StartingHashKey"]), int(parent["HashKeyRange"]["EndingHashKey"])
kinesis.split_shard(StreamName=stream, ShardToSplit=parent["ShardId"], NewStartingHashKey=str((lo + hi) // 2))
kinesis.get_waiter("stream_exists").wait(StreamName=stream, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
after = kinesis.list_shards(StreamName=stream)["Shards"]
check(len(after) == 4, "a split leaves 4 shards, got %d" % len(after))
closed = [s for s in after if s["ShardId"] == parent["ShardId"]][0]
check("EndingSequenceNumber" in closed["SequenceNumberRange"], "the parent is closed")
children = [s for s in after if s.get("ParentShardId") == parent["ShardId"]]
check(len(children) == 2, "two children name the parent")
open_shards = kinesis.list_shards(StreamName=stream, ShardFilter={"Type": "AT_LATEST"})["Shards"]
check(len(open_shards) == 3, "AT_LATEST lists the 3 open shards")

# errors boto3 users handle
check(error_code(kinesis.describe_stream, StreamName="no-such-" + stream) == "ResourceNotFoundException", "unknown stream")
check(error_code(kinesis.create_stream, StreamName=stream, ShardCount=1) == "ResourceInUseException", "duplicate stream")
check(error_code(kinesis.get_records, ShardIterator="bm90IGFuIGl0ZXJhdG9y") == "InvalidArgumentException", "forged iterator")
check(error_code(kinesis.increase_stream_retention_period, StreamName=stream, RetentionPeriodHours=10)
      == "InvalidArgumentException", "retention below 24 hours")

kinesis.add_tags_to_stream(StreamName=stream, Tags={"team": "data", "env": "test"})
tags = kinesis.list_tags_for_stream(StreamName=stream)["Tags"]
check(sorted(t["Key"] for t in tags) == ["env", "team"], "tags %s" % tags)

kinesis.delete_stream(StreamName=stream)
deadline = time.time() + 30
while time.time() < deadline and stream in kinesis.list_streams()["StreamNames"]:
    time.sleep(0.2)
check(stream not in kinesis.list_streams()["StreamNames"], "the stream is deleted")
print("OK")
