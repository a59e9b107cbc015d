"""S3 server-side encryption through boto3 over HTTPS: python3 s3_sse_check.py https://localhost:4566 <cert.pem>

The server runs with --tls; boto3 trusts its generated certificate. SSE-KMS with a key of Tarn's
KMS (headers on PUT, GET and HEAD; a disabled key refusing the read until enabled again), SSE-C
(round trip, a wrong key 403, a missing key 400), default bucket encryption and a multipart
upload. Exits non-zero on the first mismatch.
"""
import base64
import hashlib
import os
import sys
import uuid

import boto3
from botocore.config import Config
from checks import check, error

endpoint, cert = sys.argv[1], sys.argv[2]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
config = Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}, connect_timeout=10, read_timeout=60)
s3 = session.client("s3", endpoint_url=endpoint, verify=cert, config=config)
kms = session.client("kms", endpoint_url=endpoint, verify=cert, config=config)


bucket = "sse-boto3-" + uuid.uuid4().hex[:8]
s3.create_bucket(Bucket=bucket)

# SSE-KMS
key = kms.create_key()["KeyMetadata"]
put = s3.put_object(Bucket=bucket, Key="kms", Body=b"kms body", ServerSideEncryption="aws:kms", SSEKMSKeyId=key["KeyId"])
check(put["ServerSideEncryption"] == "aws:kms", "PUT ServerSideEncryption %s" % put.get("ServerSideEncryption"))
check(put["SSEKMSKeyId"] == key["Arn"], "PUT SSEKMSKeyId %s" % put.get("SSEKMSKeyId"))
got = s3.get_object(Bucket=bucket, Key="kms")
check(got["Body"].read() == b"kms body", "GET body")
check(got["SSEKMSKeyId"] == key["Arn"], "GET SSEKMSKeyId")
kms.disable_key(KeyId=key["KeyId"])
e = error(lambda: s3.get_object(Bucket=bucket, Key="kms"))
check(e["Error"]["Code"] == "KMS.DisabledException" and e["ResponseMetadata"]["HTTPStatusCode"] == 400,
      "GET with the key disabled: %s" % e["Error"])
kms.enable_key(KeyId=key["KeyId"])
check(s3.get_object(Bucket=bucket, Key="kms")["Body"].read() == b"kms body", "GET after enabling")

# SSE-C
raw = os.urandom(32)
other = os.urandom(32)


def ssec(k):
    return {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": base64.b64encode(k).decode(),
            "SSECustomerKeyMD5": base64.b64encode(hashlib.md5(k).digest()).decode()}


put = s3.put_object(Bucket=bucket, Key="ssec", Body=b"customer body", **ssec(raw))
check(put["SSECustomerAlgorithm"] == "AES256", "SSE-C PUT algorithm")
check(s3.get_object(Bucket=bucket, Key="ssec", **ssec(raw))["Body"].read() == b"customer body", "SSE-C GET")
check(s3.head_object(Bucket=bucket, Key="ssec", **ssec(raw))["ContentLength"] == 13, "SSE-C HEAD")
e = error(lambda: s3.get_object(Bucket=bucket, Key="ssec", **ssec(other)))
check(e["ResponseMetadata"]["HTTPStatusCode"] == 403 and e["Error"]["Code"] == "AccessDenied", "wrong key: %s" % e["Error"])
e = error(lambda: s3.get_object(Bucket=bucket, Key="ssec"))
check(e["ResponseMetadata"]["HTTPStatusCode"] == 400 and e["Error"]["Code"] == "InvalidRequest", "missing key: %s" % e["Error"])

# default bucket encryption and a multipart upload under it
s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [{
    "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key["Arn"]}, "BucketKeyEnabled": True}]})
rule = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
check(rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms" and rule["BucketKeyEnabled"], "default: %s" % rule)
upload = s3.create_multipart_upload(Bucket=bucket, Key="mp")
check(upload["ServerSideEncryption"] == "aws:kms" and upload.get("BucketKeyEnabled") is True, "CreateMultipartUpload %s" % upload)
part = os.urandom(5 * 1024 * 1024)
etag = s3.upload_part(Bucket=bucket, Key="mp", UploadId=upload["UploadId"], PartNumber=1, Body=part)["ETag"]
done = s3.complete_multipart_upload(Bucket=bucket, Key="mp", UploadId=upload["UploadId"],
                                    MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]})
check(done["SSEKMSKeyId"] == key["Arn"], "CompleteMultipartUpload %s" % done.get("SSEKMSKeyId"))
head = s3.head_object(Bucket=bucket, Key="mp")
check(head["ServerSideEncryption"] == "aws:kms" and head.get("BucketKeyEnabled") is True, "HEAD of the upload %s" % head)
check(s3.get_object(Bucket=bucket, Key="mp")["Body"].read() == part, "GET of the upload")
s3.delete_bucket_encryption(Bucket=bucket)
check(s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
      ["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256", "default after delete")
print("OK")
