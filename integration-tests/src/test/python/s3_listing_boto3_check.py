"""S3 listings through boto3 against a running Tarn: python3 s3_listing_boto3_check.py http://127.0.0.1:4566

Empties a versioned bucket the way boto3's resource API does (bucket.object_versions.delete():
list a page of versions, delete what it named, ask for the next page), with null versions and
delete markers among them; then lists with encoding-type=url (which boto3 sets and decodes) and
an empty delimiter. Prints OK on success, exits non-zero on the first mismatch.
"""
import sys
import uuid

import boto3
from botocore.config import Config
from checks import check

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
s3 = session.client("s3", endpoint_url=endpoint,
                    config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}, connect_timeout=10, read_timeout=60))
resource = session.resource("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))


bucket = "listing-" + uuid.uuid4().hex[:12]
s3.create_bucket(Bucket=bucket)
for i in range(5):
    s3.put_object(Bucket=bucket, Key="k%02d" % i, Body=b"null version")
s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
for i in range(5):
    for v in range(3):
        s3.put_object(Bucket=bucket, Key="k%02d" % i, Body=b"v%d" % v)
    s3.delete_object(Bucket=bucket, Key="k%02d" % i)
total = sum(len(p.get("Versions", [])) + len(p.get("DeleteMarkers", []))
            for p in s3.get_paginator("list_object_versions").paginate(Bucket=bucket))
check(total == 25, "25 versions and markers before emptying, got %d" % total)

# boto3's batch delete pages with MaxKeys and deletes each page before fetching the next
resource.Bucket(bucket).object_versions.page_size(3).delete()
left = s3.list_object_versions(Bucket=bucket)
check(not left.get("Versions") and not left.get("DeleteMarkers"), "bucket left non-empty: %r" % left)
s3.delete_bucket(Bucket=bucket)

bucket = "listing-" + uuid.uuid4().hex[:12]
s3.create_bucket(Bucket=bucket)
keys = ["a b/c d.txt", "a b/e+f", "plus+sign", "pct%41", "\u65e5\u672c/x"]
for k in keys:
    s3.put_object(Bucket=bucket, Key=k, Body=b"x")
v1 = s3.list_objects(Bucket=bucket, Delimiter="/", Marker="a b/", MaxKeys=1)
check([c["Prefix"] for c in v1.get("CommonPrefixes", [])] + [c["Key"] for c in v1.get("Contents", [])] == ["pct%41"],
      "v1 page after marker 'a b/': %r" % v1)
check(v1["Marker"] == "a b/" and v1["NextMarker"] == "pct%41", "v1 markers decoded: %r" % v1)
v2 = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
check([c["Prefix"] for c in v2["CommonPrefixes"]] == ["a b/", "\u65e5\u672c/"], "v2 prefixes %r" % v2.get("CommonPrefixes"))
flat = s3.list_objects_v2(Bucket=bucket, Delimiter="")
check(len(flat["Contents"]) == len(keys) and "Delimiter" not in flat and not flat.get("CommonPrefixes"),
      "an empty delimiter lists flat and is not echoed: %r" % flat)
for k in keys:
    s3.delete_object(Bucket=bucket, Key=k)
s3.delete_bucket(Bucket=bucket)
print("OK")
