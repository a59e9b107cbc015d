"""Firehose's control plane through boto3 against a running Tarn: python3 firehose_control_boto3_check.py http://127.0.0.1:4566

Create a delivery stream to S3, wait for ACTIVE as one must against AWS, describe it, list it,
update its destination (with the version id), tag it, the errors boto3 users handle, and delete
it, waiting until it is gone. Exits non-zero on the first mismatch.
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
firehose = session.client("firehose", endpoint_url=endpoint, config=Config(retries={"max_attempts": 2}))
ROLE = "arn:aws:iam::000000000000:role/firehose"


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


def describe(name):
    return firehose.describe_delivery_stream(DeliveryStreamName=name)["DeliveryStreamDescription"]


def wait_for(name, status):
    for _ in range(100):  # 20 s at most
        if describe(name)["DeliveryStreamStatus"] == status:
            return
        time.sleep(0.2)
    check(False, name + " never became " + status)


name = "py-" + uuid.uuid4().hex[:8]
arn = firehose.create_delivery_stream(
    DeliveryStreamName=name,
    DeliveryStreamType="DirectPut",
    ExtendedS3DestinationConfiguration={"RoleARN": ROLE, "BucketARN": "arn:aws:s3:::py-bucket", "Prefix": "in/",
                                        "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}, "CompressionFormat": "GZIP"},
    Tags=[{"Key": "team", "Value": "data"}])["DeliveryStreamARN"]
check(arn == "arn:aws:firehose:us-east-1:000000000000:deliverystream/" + name, "ARN " + arn)
wait_for(name, "ACTIVE")

d = describe(name)
dest = d["Destinations"][0]
check(dest["DestinationId"] == "destinationId-000000000001", "destination id " + dest["DestinationId"])
ext = dest["ExtendedS3DestinationDescription"]
check(ext["BufferingHints"] == {"SizeInMBs": 1, "IntervalInSeconds": 60}, "buffering hints %s" % ext["BufferingHints"])
check(ext["CompressionFormat"] == "GZIP" and ext["Prefix"] == "in/", "described %s" % ext)
check(d["VersionId"] == "1" and d["DeliveryStreamEncryptionConfiguration"]["Status"] == "DISABLED", "description %s" % d)
check(name in firehose.list_delivery_streams(DeliveryStreamType="DirectPut")["DeliveryStreamNames"], "listed")

check(error_code(firehose.update_destination, DeliveryStreamName=name, CurrentDeliveryStreamVersionId="9",
                 DestinationId="destinationId-000000000001", ExtendedS3DestinationUpdate={"Prefix": "x/"})
      == "ConcurrentModificationException", "stale version id")
firehose.update_destination(DeliveryStreamName=name, CurrentDeliveryStreamVersionId="1",
                            DestinationId="destinationId-000000000001", ExtendedS3DestinationUpdate={"Prefix": "out/"})
d = describe(name)
check(d["VersionId"] == "2" and d["Destinations"][0]["ExtendedS3DestinationDescription"]["Prefix"] == "out/", "updated %s" % d)
check(d["Destinations"][0]["ExtendedS3DestinationDescription"]["CompressionFormat"] == "GZIP", "an omitted member kept")

firehose.tag_delivery_stream(DeliveryStreamName=name, Tags=[{"Key": "env", "Value": "test"}])
tags = firehose.list_tags_for_delivery_stream(DeliveryStreamName=name)["Tags"]
check(tags == [{"Key": "env", "Value": "test"}, {"Key": "team", "Value": "data"}], "tags %s" % tags)
firehose.untag_delivery_stream(DeliveryStreamName=name, TagKeys=["env"])

check(error_code(firehose.create_delivery_stream, DeliveryStreamName=name,
                 ExtendedS3DestinationConfiguration={"RoleARN": ROLE, "BucketARN": "arn:aws:s3:::py-bucket"})
      == "ResourceInUseException", "a second stream of that name")
check(error_code(firehose.create_delivery_stream, DeliveryStreamName=name + "-x",
                 SplunkDestinationConfiguration={"HECEndpoint": "https://splunk.example.com", "HECEndpointType": "Raw",
                                                 "HECToken": "t", "S3Configuration": {"RoleARN": ROLE, "BucketARN": "arn:aws:s3:::b"}})
      == "InvalidArgumentException", "Splunk is not supported by Tarn")
check(error_code(firehose.describe_delivery_stream, DeliveryStreamName="py-missing") == "ResourceNotFoundException", "missing")

firehose.delete_delivery_stream(DeliveryStreamName=name)
for _ in range(100):
    if error_code(firehose.describe_delivery_stream, DeliveryStreamName=name) == "ResourceNotFoundException":
        break
    time.sleep(0.2)
else:
    check(False, name + " was never deleted")
print("OK: firehose control plane via boto3")
