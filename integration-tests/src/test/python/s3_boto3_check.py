"""S3 flows through boto3 against a running Tarn: python3 s3_boto3_check.py http://127.0.0.1:4566

Create a bucket, put/get/head, a multipart upload_file of a 20 MiB file (5 MiB parts) and its
download, a paginated listing, errors, and cleanup. Exits non-zero on the first mismatch.
"""
import hashlib
import os
import sys
import tempfile
import uuid

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError
from checks import check

MIB = 1024 * 1024
endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
s3 = session.client("s3", endpoint_url=endpoint,
                    config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2},
                                  connect_timeout=10, read_timeout=120))


def error_code(fn):
    try:
        fn()
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError("expected an error")


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(MIB), b""):
            h.update(block)
    return h.hexdigest()


bucket = "boto3-" + uuid.uuid4().hex[:12]
s3.create_bucket(Bucket=bucket)
check(any(b["Name"] == bucket for b in s3.list_buckets()["Buckets"]), "the new bucket is listed")

# put / get / head
body = b"hello from boto3 \xe2\x9c\x93"
put = s3.put_object(Bucket=bucket, Key="dir/hello.txt", Body=body, ContentType="text/plain", Metadata={"origin": "boto3"})
check(put["ETag"] == '"%s"' % hashlib.md5(body).hexdigest(), "PutObject ETag is the MD5: %s" % put["ETag"])
got = s3.get_object(Bucket=bucket, Key="dir/hello.txt")
check(got["Body"].read() == body, "GetObject returns the bytes")
check(got["ContentType"] == "text/plain", "Content-Type kept")
check(got["Metadata"] == {"origin": "boto3"}, "metadata kept: %s" % got["Metadata"])
head = s3.head_object(Bucket=bucket, Key="dir/hello.txt")
check(head["ContentLength"] == len(body), "HeadObject length")
check(head["ServerSideEncryption"] == "AES256", "SSE-S3 reported")
ranged = s3.get_object(Bucket=bucket, Key="dir/hello.txt", Range="bytes=0-4")
check(ranged["Body"].read() == b"hello", "a range GET")
check(error_code(lambda: s3.get_object(Bucket=bucket, Key="missing")) == "NoSuchKey", "NoSuchKey")
check(error_code(lambda: s3.head_object(Bucket=bucket, Key="missing")) == "404", "HEAD of a missing key is 404")

# a checksum boto3 computes and S3 returns
s3.put_object(Bucket=bucket, Key="dir/summed", Body=b"checksummed", ChecksumAlgorithm="SHA256")
summed = s3.head_object(Bucket=bucket, Key="dir/summed", ChecksumMode="ENABLED")
check(summed.get("ChecksumSHA256") == "nP4pdPMq+NnB55XB1hjJE61F6nXccf5WRx705pLw9e0=",
      "SHA-256 checksum returned: %s" % summed.get("ChecksumSHA256"))

# multipart through upload_file (5 MiB parts) and download_file
with tempfile.TemporaryDirectory() as work:
    src = os.path.join(work, "big.bin")
    with open(src, "wb") as f:
        for i in range(20):
            f.write(hashlib.sha256(str(i).encode()).digest() * (MIB // 32))
    config = TransferConfig(multipart_threshold=5 * MIB, multipart_chunksize=5 * MIB, max_concurrency=4)
    s3.upload_file(src, bucket, "big/file.bin", Config=config)
    big = s3.head_object(Bucket=bucket, Key="big/file.bin")
    check(big["ContentLength"] == 20 * MIB, "multipart object size")
    check(big["ETag"].endswith('-4"'), "a multipart ETag with 4 parts: %s" % big["ETag"])
    dst = os.path.join(work, "big.down")
    s3.download_file(bucket, "big/file.bin", dst, Config=config)
    check(sha256_file(dst) == sha256_file(src), "the downloaded file matches")

# listing with the paginator
keys = ["page/%03d" % i for i in range(25)]
for k in keys:
    s3.put_object(Bucket=bucket, Key=k, Body=k.encode())
listed = []
pages = 0
for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="page/", PaginationConfig={"PageSize": 10}):
    pages += 1
    listed.extend(o["Key"] for o in page.get("Contents", []))
check(listed == keys, "paginated listing in order")
check(pages == 3, "3 pages of 10: %d" % pages)
grouped = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
check([p["Prefix"] for p in grouped.get("CommonPrefixes", [])] == ["big/", "dir/", "page/"], "common prefixes")
v1 = []
for page in s3.get_paginator("list_objects").paginate(Bucket=bucket, Prefix="page/", PaginationConfig={"PageSize": 7}):
    v1.extend(o["Key"] for o in page.get("Contents", []))
check(v1 == keys, "ListObjects v1 paginated")

# copy, tagging
s3.copy_object(Bucket=bucket, Key="dir/copy.txt", CopySource={"Bucket": bucket, "Key": "dir/hello.txt"})
check(s3.get_object(Bucket=bucket, Key="dir/copy.txt")["Body"].read() == body, "CopyObject")
s3.put_object_tagging(Bucket=bucket, Key="dir/copy.txt", Tagging={"TagSet": [{"Key": "k", "Value": "v"}]})
check(s3.get_object_tagging(Bucket=bucket, Key="dir/copy.txt")["TagSet"] == [{"Key": "k", "Value": "v"}], "tagging")

# delete everything, then the bucket
check(error_code(lambda: s3.delete_bucket(Bucket=bucket)) == "BucketNotEmpty", "BucketNotEmpty")
all_keys = []
for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
    all_keys.extend(o["Key"] for o in page.get("Contents", []))
deleted = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in all_keys]})
check(len(deleted.get("Deleted", [])) == len(all_keys) and not deleted.get("Errors"), "DeleteObjects")
check(s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0, "the bucket is empty")
s3.delete_bucket(Bucket=bucket)
check(error_code(lambda: s3.head_bucket(Bucket=bucket)) == "404", "the bucket is gone")

# bucket regions through the global endpoint, configuration PUTs with boto3's default checksums
far = "boto3-far-" + uuid.uuid4().hex[:8]
s3.create_bucket(Bucket=far, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-2"})
check(s3.get_bucket_location(Bucket=far)["LocationConstraint"] == "ap-southeast-2", "created in the named region")
in_region = [b["Name"] for b in s3.list_buckets(BucketRegion="ap-southeast-2")["Buckets"]]
check(far in in_region and bucket not in in_region, "ListBuckets filters on BucketRegion: %s" % in_region)
s3.put_bucket_tagging(Bucket=far, Tagging={"TagSet": [{"Key": "team", "Value": "data"}]})
s3.put_bucket_cors(Bucket=far, CORSConfiguration={"CORSRules": [{"AllowedMethods": ["GET"], "AllowedOrigins": ["*"]}]})
s3.put_bucket_versioning(Bucket=far, VersioningConfiguration={"Status": "Enabled"})
check(s3.get_bucket_tagging(Bucket=far)["TagSet"] == [{"Key": "team", "Value": "data"}], "bucket tagging")
check(error_code(lambda: s3.get_bucket_website(Bucket="boto3-none-" + uuid.uuid4().hex[:8])) == "NoSuchBucket",
      "an unbuilt subresource of a missing bucket is NoSuchBucket")
locked = "boto3-lock-" + uuid.uuid4().hex[:8]
s3.create_bucket(Bucket=locked, ObjectLockEnabledForBucket=True)
check(s3.get_bucket_versioning(Bucket=locked).get("Status") == "Enabled", "object lock turns versioning on")
s3.delete_bucket(Bucket=locked)
s3.delete_bucket(Bucket=far)

print("boto3 S3 flows: OK")
