"""Block Public Access and ACLs as boto3 drives them: python3 s3_public_access_boto3.py http://127.0.0.1:4566

A new bucket blocks public access (all four settings on); a public-read ACL is refused until
put-public-access-block turns BlockPublicAcls and IgnorePublicAcls off, after which an unsigned
client (botocore.UNSIGNED) reads the object; turning IgnorePublicAcls back on hides it again. The
account-level setting goes through S3 Control, whose host botocore prefixes with the account id
(000000000000.127.0.0.1 resolves nowhere): the request is sent to the endpoint with that Host header.
"""
import sys
import urllib.parse
import uuid

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from checks import check, error

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
s3 = session.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))
anonymous = session.client("s3", endpoint_url=endpoint, config=Config(signature_version=UNSIGNED, s3={"addressing_style": "path"}))
control = session.client("s3control", endpoint_url=endpoint)


def to_endpoint(request, **kwargs):
    """Sends an S3 Control request to the endpoint, keeping the signed {account}.host in the Host header."""
    parts = urllib.parse.urlsplit(request.url)
    request.headers["Host"] = parts.netloc
    request.url = urllib.parse.urlunsplit((parts.scheme, urllib.parse.urlsplit(endpoint).netloc, parts.path, parts.query, ""))


control.meta.events.register("before-send.s3-control", to_endpoint)
bucket = "public-access-" + uuid.uuid4().hex[:8]

s3.create_bucket(Bucket=bucket, ObjectOwnership="ObjectWriter")
settings = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
check(settings == {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True},
      "a new bucket blocks all public access: %s" % settings)

refused = error(lambda: s3.put_object(Bucket=bucket, Key="index.html", Body=b"<h1>hi</h1>", ACL="public-read"))
check(refused["Error"]["Code"] == "AccessDenied" and refused["ResponseMetadata"]["HTTPStatusCode"] == 403,
      "BlockPublicAcls refuses a public-read upload: %s" % refused["Error"])

s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
    "BlockPublicAcls": False, "IgnorePublicAcls": False, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
s3.put_object(Bucket=bucket, Key="index.html", Body=b"<h1>hi</h1>", ACL="public-read")
body = anonymous.get_object(Bucket=bucket, Key="index.html")["Body"].read()
check(body == b"<h1>hi</h1>", "an unsigned client reads the public-read object: %r" % body)
grants = s3.get_object_acl(Bucket=bucket, Key="index.html")["Grants"]
check(any(g["Grantee"].get("URI", "").endswith("/AllUsers") and g["Permission"] == "READ" for g in grants),
      "the object's ACL grants AllUsers READ: %s" % grants)

s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={"IgnorePublicAcls": True})
hidden = error(lambda: anonymous.get_object(Bucket=bucket, Key="index.html"))
check(hidden["ResponseMetadata"]["HTTPStatusCode"] == 403, "IgnorePublicAcls hides it again: %s" % hidden["Error"])

# the account's setting, through S3 Control
account = "000000000000"
missing = error(lambda: control.get_public_access_block(AccountId=account))
check(missing["Error"]["Code"] == "NoSuchPublicAccessBlockConfiguration", "no account setting yet: %s" % missing["Error"])
control.put_public_access_block(AccountId=account, PublicAccessBlockConfiguration={"BlockPublicPolicy": True})
got = control.get_public_access_block(AccountId=account)["PublicAccessBlockConfiguration"]
check(got["BlockPublicPolicy"] and not got["IgnorePublicAcls"], "the account setting reads back: %s" % got)
control.delete_public_access_block(AccountId=account)

s3.delete_public_access_block(Bucket=bucket)
body = anonymous.get_object(Bucket=bucket, Key="index.html")["Body"].read()
check(body == b"<h1>hi</h1>", "readable again once the bucket's settings are deleted")
print("OK")
