"""Firehose's put flows through boto3 against a running Tarn: python3 firehose_put_boto3_check.py http://127.0.0.1:4566

Create a bucket and two DirectPut streams (UNCOMPRESSED and GZIP), wait for ACTIVE as one must
against AWS, put records with PutRecord and PutRecordBatch (the answers' shape as botocore's model
gives it, and the errors AWS gives for 501 records and for a record over 1,000 KiB), move the
emulator clock past the buffering interval, then read what was delivered: one object per stream
under AWS's key layout, holding the records concatenated exactly as sent. Exits non-zero on the
first mismatch.
"""
import datetime
import gzip
import json
import re
import sys
import time
import urllib.request
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from checks import check

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
config = Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"})
firehose = session.client("firehose", endpoint_url=endpoint, config=config)
s3 = session.client("s3", endpoint_url=endpoint, config=config)
ROLE = "arn:aws:iam::000000000000:role/firehose"
MAX_RECORD = 1_024_000  # the model's Data max: 1,000 KiB before base64


def client_error(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    return None


def clock(body=None):
    """GET (or POST a change to) /_tarn/clock; returns the emulator's time and its scale."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(endpoint + "/_tarn/clock", data=data, method="GET" if body is None else "POST")
    with urllib.request.urlopen(req, timeout=60) as r:
        answer = json.load(r)
    return datetime.datetime.fromisoformat(answer["now"].replace("Z", "+00:00")), answer["scale"]


def wait_active(name):
    for _ in range(100):  # 20 s at most
        status = firehose.describe_delivery_stream(DeliveryStreamName=name)["DeliveryStreamDescription"]["DeliveryStreamStatus"]
        if status == "ACTIVE":
            return
        time.sleep(0.2)
    check(False, name + " never became ACTIVE")


def create_stream(name, bucket, compression, size_mib):
    firehose.create_delivery_stream(
        DeliveryStreamName=name, DeliveryStreamType="DirectPut",
        ExtendedS3DestinationConfiguration={"RoleARN": ROLE, "BucketARN": "arn:aws:s3:::" + bucket,
                                            "CompressionFormat": compression,
                                            "BufferingHints": {"SizeInMBs": size_mib, "IntervalInSeconds": 60}})


def check_batch_answer(answer, count):
    check(answer["FailedPutCount"] == 0, "FailedPutCount %s" % answer["FailedPutCount"])
    check(answer.get("Encrypted") is False, "Encrypted %s (the stream has no SSE)" % answer.get("Encrypted"))
    responses = answer["RequestResponses"]
    check(len(responses) == count, "%d RequestResponses for %d records" % (len(responses), count))
    for r in responses:
        check(r.get("RecordId") and "ErrorCode" not in r and "ErrorMessage" not in r, "a batch entry %s" % r)
    return [r["RecordId"] for r in responses]


def delivered(bucket, stream, frozen, extension):
    """The one object delivered for stream: its key checked against AWS's layout, its bytes returned."""
    objects = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    check(len(objects) == 1, "one object in %s: %s" % (bucket, [o["Key"] for o in objects]))
    key = objects[0]["Key"]
    layout = re.fullmatch(r"(\d{4})/(\d{2})/(\d{2})/(\d{2})/" + re.escape(stream)
                          + r"-1-(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-"
                          + r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})" + re.escape(extension), key)
    check(layout is not None, "key %s is YYYY/MM/DD/HH/<stream>-1-<yyyy-MM-dd-HH-mm-ss>-<uuid>%s" % (key, extension))
    folder, stamp = layout.groups()[0:4], layout.groups()[4:10]
    check(folder == stamp[0:4], "the key's folders %s are its time's date and hour %s" % (folder, stamp))
    opened = datetime.datetime(*map(int, stamp), tzinfo=datetime.timezone.utc)
    # the buffer opened with the first put, while the clock stood still
    check(opened == frozen.replace(microsecond=0), "buffer opened at %s, the clock stood at %s" % (opened, frozen))
    return key, s3.get_object(Bucket=bucket, Key=key)["Body"].read()


suffix = uuid.uuid4().hex[:8]
bucket, gz_bucket = "fh-put-" + suffix, "fh-put-gz-" + suffix
plain, zipped = "put-" + suffix, "put-gz-" + suffix
s3.create_bucket(Bucket=bucket)
s3.create_bucket(Bucket=gz_bucket)
create_stream(plain, bucket, "UNCOMPRESSED", 1)
create_stream(zipped, gz_bucket, "GZIP", 5)
wait_active(plain)
wait_active(zipped)

# The clock stands still while records are put, so that neither a slow machine nor the real
# interval delivers a buffer before the script moves the clock on; its speed is restored after.
scale = clock()[1]
frozen = clock({"scale": 0})[0]
try:
    # --- UNCOMPRESSED: PutRecord, PutRecordBatch, the errors ---
    sent = []
    first = b'{"event":"first"}\n'
    answer = firehose.put_record(DeliveryStreamName=plain, Record={"Data": first})
    check(isinstance(answer.get("RecordId"), str) and len(answer["RecordId"]) >= 1, "PutRecord RecordId %s" % answer)
    check(answer.get("Encrypted") is False, "PutRecord Encrypted %s" % answer.get("Encrypted"))
    sent.append(first)
    ids = [answer["RecordId"]]

    # binary records too: a blob is bytes, whatever they are
    batch = [b'{"n":%d}\n' % i for i in range(200)] + [bytes(range(256)), b"", b"tail\r\n"]
    ids += check_batch_answer(firehose.put_record_batch(DeliveryStreamName=plain, Records=[{"Data": d} for d in batch]), len(batch))
    sent += batch
    check(len(set(ids)) == len(ids), "record ids are unique")

    err = client_error(firehose.put_record_batch, DeliveryStreamName=plain, Records=[{"Data": b"x"}] * 501)
    check(err is not None and err[0] == "ValidationException" and err[2] == 400, "501 records: %s" % (err,))
    check("Member must have length less than or equal to 500" in err[1], "501 records: %s" % err[1])
    err = client_error(firehose.put_record, DeliveryStreamName=plain, Record={"Data": b"x" * (MAX_RECORD + 1)})
    check(err is not None and err[0] == "ValidationException" and err[2] == 400, "a 1,000 KiB + 1 record: %s" % (err,))
    check("record.data" in err[1] and "less than or equal to 1024000" in err[1], "a 1,000 KiB + 1 record: %s" % err[1])
    err = client_error(firehose.put_record_batch, DeliveryStreamName=plain,
                       Records=[{"Data": b"ok"}, {"Data": b"x" * (MAX_RECORD + 1)}])
    check(err is not None and err[0] == "ValidationException", "a batch holding a 1,000 KiB + 1 record: %s" % (err,))
    check("records.2.member.data" in err[1], "the member named: %s" % err[1])
    err = client_error(firehose.put_record, DeliveryStreamName="missing-" + suffix, Record={"Data": b"x"})
    check(err is not None and err[0] == "ResourceNotFoundException" and err[2] == 400, "a missing stream: %s" % (err,))

    # --- GZIP: a record at exactly the limit is taken ---
    gz_sent = [b"gz-1\n", b"y" * MAX_RECORD, b"gz-3\n"]
    answer = firehose.put_record(DeliveryStreamName=zipped, Record={"Data": gz_sent[0]})
    check(answer.get("RecordId"), "PutRecord on the GZIP stream %s" % answer)
    check_batch_answer(firehose.put_record_batch(DeliveryStreamName=zipped, Records=[{"Data": d} for d in gz_sent[1:]]), 2)

    clock({"advance": "PT59S"})
    for b in (bucket, gz_bucket):
        check(s3.list_objects_v2(Bucket=b).get("KeyCount") == 0, "nothing delivered to %s before the 60 s interval" % b)
    clock({"advance": "PT2S"})  # past IntervalInSeconds: due buffers are delivered before the answer

    key, body = delivered(bucket, plain, frozen, "")
    check(body == b"".join(sent), "%s holds the records concatenated as sent (%d bytes, expected %d)"
          % (key, len(body), len(b"".join(sent))))
    key, body = delivered(gz_bucket, zipped, frozen, ".gz")
    check(body[:2] == b"\x1f\x8b", "%s is gzip" % key)
    check(gzip.decompress(body) == b"".join(gz_sent), "%s gunzips to the records as sent" % key)
finally:
    clock({"scale": scale})

for name in (plain, zipped):
    firehose.delete_delivery_stream(DeliveryStreamName=name)
print("OK: firehose put flows via boto3")
