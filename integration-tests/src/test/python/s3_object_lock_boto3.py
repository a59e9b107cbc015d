"""S3 Object Lock through boto3 against a running Tarn: python3 s3_object_lock_boto3.py http://127.0.0.1:4566

A bucket created with Object Lock, default retention, a COMPLIANCE retention and a legal hold
refusing deletion of their version (while a delete marker still goes in), the governance bypass,
and retention ending when the emulator clock passes it. Exits non-zero on the first mismatch.
"""
import datetime
import json
import sys
import urllib.request
import uuid

import boto3
from botocore.config import Config
from checks import check, error

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
s3 = session.client("s3", endpoint_url=endpoint,
                    config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1},
                                  connect_timeout=10, read_timeout=60))


def clock(body=None):
    """GET (or POST a change to) /_tarn/clock; returns the emulator's time."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(endpoint + "/_tarn/clock", data=data, method="GET" if body is None else "POST")
    with urllib.request.urlopen(req, timeout=60) as r:
        answer = json.load(r)
    return datetime.datetime.fromisoformat(answer["now"].replace("Z", "+00:00"))


bucket = "boto3-lock-" + uuid.uuid4().hex[:10]
s3.create_bucket(Bucket=bucket, ObjectLockEnabledForBucket=True)
check(s3.get_bucket_versioning(Bucket=bucket).get("Status") == "Enabled", "versioning on")
r = error(lambda: s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"}))
check(r["Error"]["Code"] == "InvalidBucketState" and r["ResponseMetadata"]["HTTPStatusCode"] == 409, "suspend: %s" % r["Error"])

s3.put_object_lock_configuration(Bucket=bucket, ObjectLockConfiguration={
    "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}})
config = s3.get_object_lock_configuration(Bucket=bucket)["ObjectLockConfiguration"]
check(config["Rule"]["DefaultRetention"] == {"Mode": "GOVERNANCE", "Days": 1}, "configuration: %s" % config)

# default retention on a new version, which the bypass lets go
v1 = s3.put_object(Bucket=bucket, Key="default", Body=b"d")["VersionId"]
head = s3.head_object(Bucket=bucket, Key="default")
check(head["ObjectLockMode"] == "GOVERNANCE", "default mode: %s" % head.get("ObjectLockMode"))
# counted from the version's creation, which Last-Modified shows to the second only
check(head["ObjectLockRetainUntilDate"].replace(microsecond=0) == head["LastModified"] + datetime.timedelta(days=1),
      "default date: %s" % head)
r = error(lambda: s3.delete_object(Bucket=bucket, Key="default", VersionId=v1))
check(r["Error"]["Code"] == "AccessDenied" and r["ResponseMetadata"]["HTTPStatusCode"] == 403, "governance: %s" % r["Error"])
s3.delete_object(Bucket=bucket, Key="default", VersionId=v1, BypassGovernanceRetention=True)

# COMPLIANCE and a legal hold, from the headers of a PUT
until = (clock() + datetime.timedelta(days=2)).replace(microsecond=0)
v2 = s3.put_object(Bucket=bucket, Key="kept", Body=b"k", ObjectLockMode="COMPLIANCE", ObjectLockRetainUntilDate=until,
                   ObjectLockLegalHoldStatus="ON")["VersionId"]
check(s3.get_object_retention(Bucket=bucket, Key="kept", VersionId=v2)["Retention"] == {"Mode": "COMPLIANCE", "RetainUntilDate": until},
      "retention")
check(s3.get_object_legal_hold(Bucket=bucket, Key="kept")["LegalHold"] == {"Status": "ON"}, "legal hold")
r = s3.delete_objects(Bucket=bucket, BypassGovernanceRetention=True, Delete={"Objects": [{"Key": "kept", "VersionId": v2}]})
check([e["Code"] for e in r.get("Errors", [])] == ["AccessDenied"], "delete_objects: %s" % r)
r = error(lambda: s3.put_object_retention(Bucket=bucket, Key="kept", VersionId=v2, BypassGovernanceRetention=True,
                                          Retention={"Mode": "GOVERNANCE", "RetainUntilDate": until}))
check(r["Error"]["Code"] == "AccessDenied", "compliance weakened: %s" % r["Error"])
marker = s3.delete_object(Bucket=bucket, Key="kept")
check(marker.get("DeleteMarker") is True, "a delete marker still goes in")
s3.delete_object(Bucket=bucket, Key="kept", VersionId=marker["VersionId"])

# three days pass: the retention is over, the legal hold is not
clock({"advance": "P3D"})
check(error(lambda: s3.delete_object(Bucket=bucket, Key="kept", VersionId=v2))["Error"]["Code"] == "AccessDenied", "legal hold")
s3.put_object_legal_hold(Bucket=bucket, Key="kept", VersionId=v2, LegalHold={"Status": "OFF"})
s3.delete_object(Bucket=bucket, Key="kept", VersionId=v2)
s3.delete_bucket(Bucket=bucket)
print("boto3 S3 object lock: OK")
