"""SigV2 presigned URLs as boto3 makes them by default: python3 s3_presigned_v2_boto3.py http://127.0.0.1:4566 [strict]

GET and PUT (metadata carried in the query) path style and virtual-hosted (Host header set by
hand, as bucket.localhost may not resolve), and a tampered URL, which only a strict server refuses.
"""
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

import boto3
from botocore.config import Config
from checks import check

endpoint = sys.argv[1]
strict = len(sys.argv) > 2 and sys.argv[2] == "strict"
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
s3 = session.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))
virtual = session.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "virtual"}))
bucket = "presigned-v2-" + uuid.uuid4().hex[:8]


def send(url, method="GET", data=None, headers=None):
    """Sends to the server whatever host the URL names, keeping that host in the Host header."""
    parts = urllib.parse.urlsplit(url)
    server = urllib.parse.urlsplit(endpoint).netloc
    request = urllib.request.Request(urllib.parse.urlunsplit((parts.scheme, server, parts.path, parts.query, "")),
                                     data=data, method=method, headers=dict(headers or {}, Host=parts.netloc))
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


s3.create_bucket(Bucket=bucket)
s3.put_object(Bucket=bucket, Key="dir/report 1.csv", Body=b"a,b\n")

for client in (s3, virtual):
    url = client.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "dir/report 1.csv"}, ExpiresIn=600)
    check("AWSAccessKeyId=test" in url and "Signature=" in url and "X-Amz-" not in url, "boto3 made a SigV2 URL: " + url)
    status, body = send(url)
    check(status == 200 and body == "a,b\n", "GET %s -> %s %s" % (url, status, body))

    versioned = client.generate_presigned_url("get_object", ExpiresIn=600, Params={
        "Bucket": bucket, "Key": "dir/report 1.csv", "ResponseContentType": "text/csv"})
    status, body = send(versioned)
    check(status == 200, "GET with a signed response override -> %s %s" % (status, body))

    key = "uploads/" + uuid.uuid4().hex
    put = client.generate_presigned_url("put_object", ExpiresIn=600, Params={
        "Bucket": bucket, "Key": key, "ContentType": "text/plain", "Metadata": {"color": "blue"}})
    check("x-amz-meta-color=blue" in put, "boto3 carries metadata in the query: " + put)
    status, body = send(put, "PUT", b"uploaded", {"Content-Type": "text/plain"})
    check(status == 200, "PUT %s -> %s %s" % (put, status, body))
    head = s3.head_object(Bucket=bucket, Key=key)
    check(head["Metadata"] == {"color": "blue"}, "metadata from the query: %s" % head["Metadata"])
    check(head["ContentType"] == "text/plain", "content type: %s" % head["ContentType"])

tampered = url.replace("report%201.csv", "other.csv")
status, body = send(tampered)
if strict:
    check(status == 403 and "<Code>SignatureDoesNotMatch</Code>" in body and "<StringToSign>" in body,
          "a URL for another key -> %s %s" % (status, body))
else:
    check(status == 404 and "<Code>NoSuchKey</Code>" in body, "lenient: another key -> %s %s" % (status, body))
print("OK")
