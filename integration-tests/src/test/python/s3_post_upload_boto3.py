"""Browser POST uploads as boto3 makes them: python3 s3_post_upload_boto3.py http://127.0.0.1:4566 [strict]

generate_presigned_post's URL and fields, sent as a multipart/form-data form the way a browser
sends it (with requests when it is installed, else urllib): a file stored with its form fields,
a policy violation (a key outside the signed prefix), a field the policy does not name, a file
outside content-length-range, a 50 MiB file (far above what Tarn gathers in memory, so it must
stream), and, on a strict server, a form signed with the wrong secret.
"""
import hashlib
import os
import sys
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ET

import boto3
from botocore.config import Config
from checks import check

try:
    import requests
except ImportError:  # not a dependency of boto3 or the AWS CLI
    requests = None

endpoint = sys.argv[1]
strict = len(sys.argv) > 2 and sys.argv[2] == "strict"
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
s3 = session.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))
bucket = "post-upload-" + uuid.uuid4().hex[:8]


def post(presigned, filename, data):
    """Posts the form with the file last, as a browser does; answers (status, body, headers)."""
    if requests is not None:
        r = requests.post(presigned["url"], data=presigned["fields"], files={"file": (filename, data)},
                          allow_redirects=False, timeout=120)
        return r.status_code, r.text, r.headers
    boundary = "----tarn" + uuid.uuid4().hex
    parts = []
    for name, value in presigned["fields"].items():
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, name, value)).encode())
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                  "Content-Type: application/octet-stream\r\n\r\n" % (boundary, filename)).encode())
    parts.append(data)
    parts.append(("\r\n--%s--\r\n" % boundary).encode())
    request = urllib.request.Request(presigned["url"], data=b"".join(parts), method="POST",
                                     headers={"Content-Type": "multipart/form-data; boundary=" + boundary})
    try:
        with urllib.request.urlopen(request, timeout=120) as r:
            return r.status, r.read().decode(), r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), e.headers


def error_code(body):
    root = ET.fromstring(body)
    return root.findtext("Code"), root.findtext("Message")


s3.create_bucket(Bucket=bucket)

# a file stored with its fields; ${filename} taken from the file part
fields = {"Content-Type": "text/plain", "success_action_status": "201", "x-amz-meta-note": "from a form"}
conditions = [["starts-with", "$key", "uploads/"], {"Content-Type": "text/plain"}, {"success_action_status": "201"},
              {"x-amz-meta-note": "from a form"}, ["content-length-range", 1, 60 * 1024 * 1024]]
presigned = s3.generate_presigned_post(bucket, "uploads/${filename}", Fields=fields, Conditions=conditions, ExpiresIn=600)
status, body, headers = post(presigned, "notes.txt", b"hello from a browser form")
check(status == 201, "upload: %s %s" % (status, body))
check(ET.fromstring(body).findtext("Key") == "uploads/notes.txt", "PostResponse: " + body)
head = s3.head_object(Bucket=bucket, Key="uploads/notes.txt")
check(head["ContentType"] == "text/plain", "content type: %s" % head["ContentType"])
check(head["Metadata"] == {"note": "from a form"}, "metadata: %s" % head["Metadata"])
check(head["ETag"] == headers["ETag"], "etag header: %s" % headers.get("ETag"))
got = s3.get_object(Bucket=bucket, Key="uploads/notes.txt")["Body"].read()
check(got == b"hello from a browser form", "content: %r" % got)

# a key outside the signed prefix
tampered = dict(presigned, fields=dict(presigned["fields"], key="elsewhere/x.txt"))
status, body, _ = post(tampered, "x.txt", b"x")
check(status == 403, "policy violation: %s %s" % (status, body))
check(error_code(body) == ("AccessDenied", 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "uploads/"]'),
      "policy violation: " + body)

# a field the policy does not name
extra = dict(presigned, fields=dict(presigned["fields"], **{"x-amz-meta-unsigned": "1"}))
status, body, _ = post(extra, "x.txt", b"x")
check(status == 403 and error_code(body) == ("AccessDenied", "Invalid according to Policy: Extra input fields: x-amz-meta-unsigned"),
      "extra field: %s %s" % (status, body))

# a file larger than content-length-range allows
small = s3.generate_presigned_post(bucket, "small/${filename}", Conditions=[["starts-with", "$key", "small/"],
                                                                          ["content-length-range", 1, 10]])
status, body, _ = post(small, "eleven.bin", b"x" * 11)
check(status == 400 and error_code(body)[0] == "EntityTooLarge", "content-length-range: %s %s" % (status, body))
check(ET.fromstring(body).findtext("MaxSizeAllowed") == "10", "MaxSizeAllowed: " + body)
check(s3.list_objects_v2(Bucket=bucket, Prefix="small/").get("KeyCount") == 0, "nothing stored past the range")

# 50 MiB: far past the 2 MiB Tarn gathers in memory, so this one streamed to disk
big = os.urandom(50 * 1024 * 1024)
large = s3.generate_presigned_post(bucket, "large/${filename}", Conditions=[["starts-with", "$key", "large/"]])
status, body, headers = post(large, "big.bin", big)
check(status == 204, "large upload: %s %s" % (status, body))
check(headers["ETag"] == '"%s"' % hashlib.md5(big).hexdigest(), "large ETag: %s" % headers.get("ETag"))
check(s3.head_object(Bucket=bucket, Key="large/big.bin")["ContentLength"] == len(big), "large size")

if strict:
    wrong = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="wrong", region_name="us-east-1")
    forged = wrong.client("s3", endpoint_url=endpoint).generate_presigned_post(bucket, "forged.txt")
    status, body, _ = post(forged, "f.txt", b"f")
    check(status == 403 and error_code(body)[0] == "SignatureDoesNotMatch", "wrong secret: %s %s" % (status, body))

print("OK")
