"""S3 event notifications through boto3 against a running Tarn:
python3 s3_notifications_boto3_check.py http://127.0.0.1:4566 <queue ARN mapped to the Kinesis stream "ordered">

Put a notification configuration with put_bucket_notification_configuration (a queue with a
prefix and suffix filter, and EventBridge), read it back as botocore parses it, check AWS's
InvalidArgument for an unmapped ARN and for overlapping filters, then put an object and read its
event from the Kinesis stream the init file maps the queue to. Prints OK; exits non-zero on the
first mismatch.
"""
import json
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, queue = sys.argv[1], sys.argv[2]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
config = Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"})
s3 = session.client("s3", endpoint_url=endpoint, config=config)
kinesis = session.client("kinesis", endpoint_url=endpoint, config=config)

kinesis.create_stream(StreamName="ordered", ShardCount=1)
kinesis.get_waiter("stream_exists").wait(StreamName="ordered", WaiterConfig={"Delay": 1, "MaxAttempts": 60})
s3.create_bucket(Bucket="boto-events")

rules = [{"Name": "prefix", "Value": "logs/"}, {"Name": "suffix", "Value": ".json"}]
s3.put_bucket_notification_configuration(Bucket="boto-events", NotificationConfiguration={
    "QueueConfigurations": [{"Id": "logs", "QueueArn": queue, "Events": ["s3:ObjectCreated:*"],
                             "Filter": {"Key": {"FilterRules": rules}}}],
    "EventBridgeConfiguration": {}})
got = s3.get_bucket_notification_configuration(Bucket="boto-events")
queues = got["QueueConfigurations"]
assert len(queues) == 1, got
assert queues[0]["Id"] == "logs" and queues[0]["QueueArn"] == queue, got
assert queues[0]["Events"] == ["s3:ObjectCreated:*"], got
assert sorted(r["Value"] for r in queues[0]["Filter"]["Key"]["FilterRules"]) == [".json", "logs/"], got
assert "EventBridgeConfiguration" in got, got


def refused(configuration, message_start):
    try:
        s3.put_bucket_notification_configuration(Bucket="boto-events", NotificationConfiguration=configuration)
    except ClientError as e:
        assert e.response["Error"]["Code"] == "InvalidArgument", e.response
        assert e.response["Error"]["Message"].startswith(message_start), e.response
        return
    raise AssertionError("accepted: %s" % configuration)


refused({"QueueConfigurations": [{"QueueArn": "arn:aws:sqs:us-east-1:000000000000:unmapped", "Events": ["s3:ObjectCreated:*"]}]},
        "Unable to validate the following destination configurations")
refused({"QueueConfigurations": [{"QueueArn": queue, "Events": ["s3:ObjectCreated:*"]},
                                 {"QueueArn": queue, "Events": ["s3:ObjectCreated:Put"], "Filter": {"Key": {"FilterRules": rules}}}]},
        "Configuration is ambiguously defined")
assert s3.get_bucket_notification_configuration(Bucket="boto-events")["QueueConfigurations"][0]["Id"] == "logs"

s3.put_object(Bucket="boto-events", Key="logs/today.json", Body=b"{}")
s3.put_object(Bucket="boto-events", Key="other/today.json", Body=b"{}")
shard = kinesis.list_shards(StreamName="ordered")["Shards"][0]["ShardId"]
events = []
deadline = time.time() + 60
while time.time() < deadline:
    iterator = kinesis.get_shard_iterator(StreamName="ordered", ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    events = [json.loads(r["Data"]) for r in kinesis.get_records(ShardIterator=iterator)["Records"]]
    if len(events) >= 2:
        break
    time.sleep(0.1)
assert len(events) == 2, events
assert events[0]["Event"] == "s3:TestEvent" and events[0]["Bucket"] == "boto-events", events
record = events[1]["Records"][0]
assert record["eventName"] == "ObjectCreated:Put", record
assert record["s3"]["object"]["key"] == "logs/today.json", record  # S3 keeps the slashes of an event's key
assert record["s3"]["configurationId"] == "logs", record
print("OK")
