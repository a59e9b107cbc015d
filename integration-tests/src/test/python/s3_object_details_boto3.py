"""Object-level details through boto3 against a running Tarn: python3 s3_object_details_boto3.py http://127.0.0.1:4566

What a boto3 program meets: the headers of a 304, conditional deletes, a retried
CompleteMultipartUpload, tag order, a refused object lock. Exits non-zero on the first mismatch.
"""
import sys
import uuid

import boto3
from botocore.config import Config
from checks import check, error

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
s3 = session.client("s3", endpoint_url=endpoint,
                    config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1},
                                  connect_timeout=10, read_timeout=60))


bucket = "boto3-details-" + uuid.uuid4().hex[:10]
s3.create_bucket(Bucket=bucket)

# a 304 names the version it stands for
etag = s3.put_object(Bucket=bucket, Key="cond", Body=b"x")["ETag"]
modified = s3.head_object(Bucket=bucket, Key="cond")["ResponseMetadata"]["HTTPHeaders"]["last-modified"]
r = error(lambda: s3.get_object(Bucket=bucket, Key="cond", IfNoneMatch=etag))
headers = r["ResponseMetadata"]["HTTPHeaders"]
check(r["ResponseMetadata"]["HTTPStatusCode"] == 304, "304: %s" % r["ResponseMetadata"])
check(headers.get("etag") == etag and headers.get("last-modified") == modified, "304 headers: %s" % headers)

# DeleteObject with If-Match
r = error(lambda: s3.delete_object(Bucket=bucket, Key="cond", IfMatch='"0123456789abcdef0123456789abcdef"'))
check(r["Error"]["Code"] == "PreconditionFailed", "If-Match mismatch: %s" % r["Error"])
s3.delete_object(Bucket=bucket, Key="cond", IfMatch=etag)
check(error(lambda: s3.delete_object(Bucket=bucket, Key="cond", IfMatch="*"))["Error"]["Code"] == "NoSuchKey", "If-Match on nothing")

# the same CompleteMultipartUpload twice: the second answers as the first
upload = s3.create_multipart_upload(Bucket=bucket, Key="mpu", ChecksumAlgorithm="SHA256")["UploadId"]
part = s3.upload_part(Bucket=bucket, Key="mpu", UploadId=upload, PartNumber=1, Body=b"part", ChecksumAlgorithm="SHA256")
parts = {"Parts": [{"PartNumber": 1, "ETag": part["ETag"], "ChecksumSHA256": part["ChecksumSHA256"]}]}
first = s3.complete_multipart_upload(Bucket=bucket, Key="mpu", UploadId=upload, MultipartUpload=parts)
again = s3.complete_multipart_upload(Bucket=bucket, Key="mpu", UploadId=upload, MultipartUpload=parts)
check(again["ETag"] == first["ETag"] and again["ChecksumSHA256"] == first["ChecksumSHA256"], "retried completion: %s" % again)

# tags in the order stored; more than 10 is BadRequest
tags = [{"Key": k, "Value": "v"} for k in ["zeta", "alpha", "mu"]]
s3.put_object_tagging(Bucket=bucket, Key="mpu", Tagging={"TagSet": tags})
check(s3.get_object_tagging(Bucket=bucket, Key="mpu")["TagSet"] == tags, "tag order")
eleven = [{"Key": "k%d" % i, "Value": "v"} for i in range(11)]
check(error(lambda: s3.put_object_tagging(Bucket=bucket, Key="mpu", Tagging={"TagSet": eleven}))["Error"]["Code"] == "BadRequest",
      "11 tags")

# object lock settings on a bucket without Object Lock: refused, not ignored
r = error(lambda: s3.put_object(Bucket=bucket, Key="locked", Body=b"x", ObjectLockLegalHoldStatus="ON"))
check(r["Error"]["Code"] == "InvalidRequest", "object lock: %s" % r["Error"])

s3.delete_object(Bucket=bucket, Key="mpu")
s3.delete_bucket(Bucket=bucket)
print("boto3 S3 object details: OK")
