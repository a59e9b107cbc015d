#!/usr/bin/env python3
"""A clickstream pipeline run offline against Tarn, end to end:

    producer -> Kinesis -> Firehose (JSON to Parquet, partitioned by action) -> S3 -> Glue crawler -> Data Catalog

One command against a running Tarn (`./tarn` in another terminal):

    python3 examples/pipeline/pipeline.py [--endpoint http://localhost:4566]

Every step prints what it does and checks what it got; the script exits 1 at the first step that does
not give what AWS would (objects missing, a row count that differs from the events produced, a crawled
table without the partition key `action`...), and prints OK at the end. examples/pipeline/README.md
explains each step.
"""
import argparse
import json
import random
import sys
import time
import urllib.request
import uuid
from datetime import datetime, timedelta
from urllib.parse import urlparse

import boto3
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

REGION = "us-east-1"
ACCOUNT = "000000000000"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/clickstream-pipeline"  # Tarn checks a role ARN's form, not IAM

KINESIS_STREAM = "clickstream"
SOURCE_DATABASE, SOURCE_TABLE = "analytics", "clicks"
BUCKET = "clickstream-lake"
DELIVERY_STREAM = "clickstream-to-s3"
CRAWLER = "clicks-crawler"
CRAWLED_DATABASE = "analytics_crawled"

BUFFER_SECONDS = 60
SECONDS_OF_EVENTS = 60
# The schema Firehose converts to. `action` is not a column: it is the partition key, carried by the
# object's folder (clicks/action=view/...), so the crawled table has it once, as a partition key.
COLUMNS = [
    {"Name": "event_id", "Type": "string"},
    {"Name": "user_id", "Type": "string"},
    {"Name": "page", "Type": "string"},
    {"Name": "ts", "Type": "timestamp"},
    {"Name": "duration_ms", "Type": "int"},
]
ACTIONS = {"view": 60, "click": 25, "add_to_cart": 10, "purchase": 5}  # weights
PAGES = ["/", "/search", "/products/1017", "/products/2230", "/products/4410", "/cart", "/checkout"]


class PipelineFailure(Exception):
    """A step did not give what it should."""


def step(text):
    print(f"\n==> {text}", flush=True)


def info(text):
    print(f"    {text}", flush=True)


def require(condition, message):
    if not condition:
        raise PipelineFailure(message)


def wait_for(what, probe, timeout_seconds=60, interval=0.2):
    """Polls probe() until it returns something truthy; a wall-clock bound, so a hang fails the step.
    `what` may be a function, called on a timeout to say how far things got."""
    deadline = time.monotonic() + timeout_seconds
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise PipelineFailure(f"timed out after {timeout_seconds} s waiting for {what() if callable(what) else what}")
        time.sleep(interval)


def iso_millis(instant):
    """2026-12-05T10:00:01.123456789Z -> 2026-12-05T10:00:01.123Z: to the millisecond, and of one width, so
    that two of them compare as text."""
    seconds, _, fraction = instant.rstrip("Z").partition(".")
    return f"{seconds}.{(fraction + '000')[:3]}Z"


class Tarn:
    """The AWS clients and Tarn's admin API (/_tarn/*), all for one endpoint."""

    def __init__(self, endpoint):
        self.endpoint = endpoint.rstrip("/")
        session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name=REGION)
        self.kinesis = session.client("kinesis", endpoint_url=self.endpoint)
        self.glue = session.client("glue", endpoint_url=self.endpoint)
        self.firehose = session.client("firehose", endpoint_url=self.endpoint)
        self.s3 = session.client("s3", endpoint_url=self.endpoint, config=Config(s3={"addressing_style": "path"}))
        url = urlparse(self.endpoint)
        self.fs = pafs.S3FileSystem(endpoint_override=url.netloc, scheme=url.scheme, access_key="test", secret_key="test",
                                    region=REGION, force_virtual_addressing=False)

    def admin(self, method, path, body=None):
        """An admin call, SigV4-signed (service name "tarn") so that it also passes `--auth strict`."""
        data = None if body is None else json.dumps(body).encode()
        request = AWSRequest(method=method, url=self.endpoint + path, data=data,
                             headers={"Content-Type": "application/json"} if data else {})
        SigV4Auth(Credentials("test", "test"), "tarn", REGION).add_auth(request)
        prepared = request.prepare()
        call = urllib.request.Request(prepared.url, data=data, method=method, headers=dict(prepared.headers))
        with urllib.request.urlopen(call, timeout=30) as response:
            return json.load(response)

    def now(self):
        """The emulator clock's time (an instant in ISO-8601, as Tarn gives it)."""
        return self.admin("GET", "/_tarn/clock")["now"]

    def advance(self, duration):
        """Moves emulator time forward; what falls due (reads, buffer deliveries) runs before this returns."""
        return self.admin("POST", "/_tarn/clock", {"advance": duration})["now"]

    def firehose_state(self, since):
        """The delivery stream's open buffers, and its deliveries from `since` on: the list also keeps
        the deliveries of an earlier stream of the same name (an earlier run of this demo)."""
        state = self.admin("GET", f"/_tarn/firehose/{DELIVERY_STREAM}")
        state["deliveries"] = [d for d in state["deliveries"] if iso_millis(d["time"]) >= since]
        return state


def error_code(e):
    return e.response.get("Error", {}).get("Code", "")


# ---- step 0: leave no earlier run behind, so the demo can run again against the same Tarn

def remove_earlier_run(tarn):
    step("Removing what an earlier run of this demo left (if anything)")
    removed = []
    if found(lambda: tarn.firehose.delete_delivery_stream(DeliveryStreamName=DELIVERY_STREAM), "ResourceNotFoundException"):
        wait_for("the old Firehose stream to go", lambda: not found(
            lambda: tarn.firehose.describe_delivery_stream(DeliveryStreamName=DELIVERY_STREAM), "ResourceNotFoundException"))
        removed.append(f"Firehose stream {DELIVERY_STREAM}")
    if found(lambda: tarn.kinesis.delete_stream(StreamName=KINESIS_STREAM, EnforceConsumerDeletion=True),
             "ResourceNotFoundException"):
        wait_for("the old Kinesis stream to go", lambda: not found(
            lambda: tarn.kinesis.describe_stream_summary(StreamName=KINESIS_STREAM), "ResourceNotFoundException"))
        removed.append(f"Kinesis stream {KINESIS_STREAM}")
    if found(lambda: tarn.glue.delete_crawler(Name=CRAWLER), "EntityNotFoundException"):
        removed.append(f"crawler {CRAWLER}")
    for database in (SOURCE_DATABASE, CRAWLED_DATABASE):  # deleting a database deletes its tables
        if found(lambda: tarn.glue.delete_database(Name=database), "EntityNotFoundException"):
            removed.append(f"database {database}")
    if found(lambda: tarn.s3.head_bucket(Bucket=BUCKET), "404"):
        for page in tarn.s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
            keys = [{"Key": o["Key"]} for o in page.get("Contents", [])]
            if keys:
                tarn.s3.delete_objects(Bucket=BUCKET, Delete={"Objects": keys})
        tarn.s3.delete_bucket(Bucket=BUCKET)
        removed.append(f"bucket {BUCKET}")
    info("removed " + ", ".join(removed) if removed else "nothing to remove")


def found(call, missing_code):
    """Whether call() succeeds; False when it fails with missing_code, the error of a resource that is not there."""
    try:
        call()
        return True
    except ClientError as e:
        if error_code(e) != missing_code:
            raise
        return False


# ---- step 1: the Kinesis stream the producer writes to

def create_kinesis_stream(tarn):
    step(f"Creating Kinesis stream '{KINESIS_STREAM}' (2 shards)")
    tarn.kinesis.create_stream(StreamName=KINESIS_STREAM, ShardCount=2)
    summary = wait_for("the Kinesis stream to be ACTIVE", lambda: active_stream(tarn))
    info(f"{summary['StreamARN']} is ACTIVE with {summary['OpenShardCount']} open shards")
    return summary["StreamARN"]


def active_stream(tarn):
    summary = tarn.kinesis.describe_stream_summary(StreamName=KINESIS_STREAM)["StreamDescriptionSummary"]
    return summary if summary["StreamStatus"] == "ACTIVE" else None


# ---- step 2: the Glue table whose schema Firehose converts the JSON records to

def create_source_table(tarn):
    step(f"Creating Glue database '{SOURCE_DATABASE}' and table '{SOURCE_TABLE}' (the schema Firehose writes)")
    tarn.glue.create_database(DatabaseInput={"Name": SOURCE_DATABASE, "Description": "clickstream, as producers send it"})
    tarn.glue.create_table(DatabaseName=SOURCE_DATABASE, TableInput={
        "Name": SOURCE_TABLE,
        "TableType": "EXTERNAL_TABLE",
        "StorageDescriptor": {"Columns": COLUMNS},
    })
    table = tarn.glue.get_table(DatabaseName=SOURCE_DATABASE, Name=SOURCE_TABLE)["Table"]
    info(f"{SOURCE_DATABASE}.{SOURCE_TABLE}: " + ", ".join(f"{c['Name']} {c['Type']}" for c in table["StorageDescriptor"]["Columns"]))


# ---- step 3: the bucket Firehose delivers to

def create_bucket(tarn):
    step(f"Creating S3 bucket '{BUCKET}'")
    tarn.s3.create_bucket(Bucket=BUCKET)
    info(f"s3://{BUCKET} created")


# ---- step 4: the delivery stream: Kinesis in, Parquet out, one folder per action

def create_delivery_stream(tarn, kinesis_arn):
    """Creates the stream and returns the emulator time just before (its deliveries come after)."""
    step(f"Creating Firehose stream '{DELIVERY_STREAM}': reads '{KINESIS_STREAM}', writes Parquet partitioned by action")
    created = iso_millis(tarn.now())
    tarn.firehose.create_delivery_stream(
        DeliveryStreamName=DELIVERY_STREAM,
        DeliveryStreamType="KinesisStreamAsSource",
        KinesisStreamSourceConfiguration={"KinesisStreamARN": kinesis_arn, "RoleARN": ROLE},
        ExtendedS3DestinationConfiguration={
            "RoleARN": ROLE,
            "BucketARN": f"arn:aws:s3:::{BUCKET}",
            # Format conversion and dynamic partitioning both require 64 MiB buffers; the interval decides here.
            "BufferingHints": {"SizeInMBs": 64, "IntervalInSeconds": BUFFER_SECONDS},
            # Parquet is compressed by its own codec (Snappy below), so the object is not compressed again.
            "CompressionFormat": "UNCOMPRESSED",
            "Prefix": "clicks/action=!{partitionKeyFromQuery:action}/",
            "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/",
            "DynamicPartitioningConfiguration": {"Enabled": True},
            "ProcessingConfiguration": {"Enabled": True, "Processors": [{
                "Type": "MetadataExtraction",
                "Parameters": [
                    {"ParameterName": "MetadataExtractionQuery", "ParameterValue": "{action:.action}"},
                    {"ParameterName": "JsonParsingEngine", "ParameterValue": "JQ-1.6"},
                ],
            }]},
            "DataFormatConversionConfiguration": {
                "Enabled": True,
                "SchemaConfiguration": {"RoleARN": ROLE, "DatabaseName": SOURCE_DATABASE, "TableName": SOURCE_TABLE,
                                        "Region": REGION, "VersionId": "LATEST"},
                "InputFormatConfiguration": {"Deserializer": {"OpenXJsonSerDe": {}}},
                "OutputFormatConfiguration": {"Serializer": {"ParquetSerDe": {"Compression": "SNAPPY"}}},
            },
        },
    )
    description = wait_for("the Firehose stream to be ACTIVE", lambda: active_delivery_stream(tarn))
    info(f"{description['DeliveryStreamARN']} is ACTIVE (version {description['VersionId']})")
    return created


def active_delivery_stream(tarn):
    d = tarn.firehose.describe_delivery_stream(DeliveryStreamName=DELIVERY_STREAM)["DeliveryStreamDescription"]
    require(d["DeliveryStreamStatus"] != "CREATING_FAILED", f"the Firehose stream failed: {d.get('FailureDescription')}")
    return d if d["DeliveryStreamStatus"] == "ACTIVE" else None


# ---- step 5: a minute of clickstream, one PutRecords a second of emulator time

def produce_events(tarn):
    step(f"Producing {SECONDS_OF_EVENTS} s of clickstream: one PutRecords a second, the clock advanced 1 s between them")
    rng = random.Random(15)  # the same events on every run
    users = [f"user-{n:03d}" for n in range(1, 41)]
    events = {}
    for second in range(SECONDS_OF_EVENTS):
        now = datetime.strptime(iso_millis(tarn.now()), "%Y-%m-%dT%H:%M:%S.%fZ")
        batch = []
        for _ in range(rng.randint(10, 40)):
            happened = now - timedelta(milliseconds=rng.randint(0, 999))  # in the second before the put
            event = {
                "event_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "user_id": rng.choice(users),
                "page": rng.choice(PAGES),
                "action": rng.choices(list(ACTIONS), weights=list(ACTIONS.values()))[0],
                # ISO-8601 in UTC with Z: one of the timestamp forms the OpenX JSON SerDe reads
                "ts": happened.isoformat(timespec="milliseconds") + "Z",
                "duration_ms": rng.randint(50, 30_000),
            }
            events[event["event_id"]] = event
            batch.append(event)
        put_records(tarn, batch)
        tarn.advance("PT1S")
        if second % 10 == 9:
            info(f"{second + 1:2d} s: {len(events)} events put so far")
    per_action = {a: sum(1 for e in events.values() if e["action"] == a) for a in ACTIONS}
    info(f"{len(events)} events in all: " + ", ".join(f"{a} {n}" for a, n in per_action.items()))
    return events


def put_records(tarn, batch):
    """PutRecords, putting again the records it refused (a throttled shard), as a producer must."""
    entries = [{"Data": json.dumps(e).encode() + b"\n", "PartitionKey": e["user_id"]} for e in batch]
    for attempt in range(5):
        result = tarn.kinesis.put_records(StreamName=KINESIS_STREAM, Records=entries)
        if result["FailedRecordCount"] == 0:
            return
        entries = [entry for entry, r in zip(entries, result["Records"]) if "ErrorCode" in r]
        time.sleep(0.2 * (attempt + 1))
    raise PipelineFailure(f"Kinesis refused {len(entries)} records five times")


# ---- step 6: Firehose reads the stream (once a second per shard), then its buffers come due

def wait_for_firehose(tarn, produced, created):
    step("Waiting until Firehose has read every record from Kinesis (GET /_tarn/firehose/" + DELIVERY_STREAM + ")")

    def read_state():
        # Firehose reads each shard once a second of emulator time: a second more lets a stopped clock move on.
        tarn.advance("PT1S")
        state = tarn.firehose_state(created)
        failed = [d for d in state["deliveries"] if d["error"]]
        require(not failed, f"Firehose failed to deliver: {failed[0]['error'] if failed else ''}")
        read[0] = sum(b["records"] for b in state["buffers"]) + sum(d["records"] for d in state["deliveries"])
        return state if read[0] >= produced else None

    read = [0]
    state = wait_for(lambda: f"Firehose to read the records: it read {read[0]} of {produced}", read_state)
    info(f"{sum(b['records'] for b in state['buffers'])} records in {len(state['buffers'])} open buffers, "
         f"{sum(d['records'] for d in state['deliveries'])} in {len(state['deliveries'])} objects already delivered")
    for b in state["buffers"]:
        info(f"  buffer of partition {b['partition']}: {b['records']} records, opened {b['ageSeconds']:.0f} s ago")

    step(f"Advancing the clock {BUFFER_SECONDS + 1} s, past the {BUFFER_SECONDS} s buffer interval: every buffer comes due")
    info(f"emulator time is now {tarn.advance(f'PT{BUFFER_SECONDS + 1}S')}")


# ---- step 7: the Parquet objects in S3, one folder per action

def wait_for_objects(tarn, events, created):
    step(f"Waiting for the Parquet objects under s3://{BUCKET}/clicks/")
    actions = {e["action"] for e in events.values()}

    def all_delivered():
        # A buffer stays listed until its object is written. A second more per poll, as above, lets
        # a buffer opened late (its records read after the advance) come due too.
        state = tarn.firehose_state(created)
        delivered[0] = sum(d["records"] for d in state["deliveries"] if not d["error"])
        if state["buffers"] or delivered[0] < len(events):
            tarn.advance("PT1S")
            return None
        return state

    delivered = [0]
    state = wait_for(lambda: f"every buffer to be delivered: {delivered[0]} of {len(events)} records delivered", all_delivered)
    info(f"{delivered[0]} records delivered in {len(state['deliveries'])} objects; no buffer left open")
    errors = list_objects(tarn, "errors/")
    require(not errors, f"Firehose wrote records it could not convert or partition: {[o['Key'] for o in errors]}")
    objects = list_objects(tarn, "clicks/")
    for o in objects:
        info(f"s3://{BUCKET}/{o['Key']}  ({o['Size']} bytes)")
    folders = {folder_action(o["Key"]) for o in objects}
    require(folders == actions, f"objects in the folders of actions {sorted(map(str, folders))}, produced {sorted(actions)}")
    for o in objects:
        with tarn.fs.open_input_file(f"{BUCKET}/{o['Key']}") as f:
            meta = pq.ParquetFile(f).metadata
        codecs = {meta.row_group(g).column(c).compression for g in range(meta.num_row_groups) for c in range(meta.num_columns)}
        require(codecs == {"SNAPPY"}, f"{o['Key']}: Parquet columns compressed with {codecs}, not SNAPPY")
    info(f"{len(objects)} Parquet objects (Snappy), in {len(actions)} action folders; nothing under errors/")
    return objects


def list_objects(tarn, prefix):
    objects = []
    for page in tarn.s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix):
        objects.extend(page.get("Contents", []))
    return objects


def folder_action(key):
    folder = key.split("/")[1]
    return folder.split("=", 1)[1] if folder.startswith("action=") else None


# ---- step 8: the crawler catalogs what Firehose wrote

def crawl(tarn):
    step(f"Creating Glue crawler '{CRAWLER}' over s3://{BUCKET}/clicks/ into database '{CRAWLED_DATABASE}', and running it")
    tarn.glue.create_database(DatabaseInput={"Name": CRAWLED_DATABASE})
    tarn.glue.create_crawler(Name=CRAWLER, Role=ROLE, DatabaseName=CRAWLED_DATABASE,
                             Targets={"S3Targets": [{"Path": f"s3://{BUCKET}/clicks/"}]})
    tarn.glue.start_crawler(Name=CRAWLER)

    def finished():
        crawler = tarn.glue.get_crawler(Name=CRAWLER)["Crawler"]
        return crawler if crawler["State"] == "READY" and "LastCrawl" in crawler else None

    crawler = wait_for("the crawler to finish", finished, timeout_seconds=120)
    last = crawler["LastCrawl"]
    require(last["Status"] == "SUCCEEDED", f"the crawl ended {last['Status']}: {last.get('ErrorMessage')}")
    info(f"crawl {last['Status']}, crawler {crawler['State']}")


def show_crawled_table(tarn, events):
    step(f"The crawled table in '{CRAWLED_DATABASE}'")
    tables = tarn.glue.get_tables(DatabaseName=CRAWLED_DATABASE)["TableList"]
    require([t["Name"] for t in tables] == [SOURCE_TABLE], f"expected one table '{SOURCE_TABLE}', the crawler made {[t['Name'] for t in tables]}")
    table = tables[0]
    sd = table["StorageDescriptor"]
    info(f"table {CRAWLED_DATABASE}.{table['Name']}  location {sd['Location']}  classification {table['Parameters'].get('classification')}")
    info(f"  SerDe {sd['SerdeInfo']['SerializationLibrary']}")
    for c in sd["Columns"]:
        info(f"  column         {c['Name']:<12} {c['Type']}")
    for k in table.get("PartitionKeys", []):
        info(f"  partition key  {k['Name']:<12} {k['Type']}")
    require([k["Name"] for k in table.get("PartitionKeys", [])] == ["action"],
            f"the crawled table's partition keys are {table.get('PartitionKeys')}, not [action]")
    crawled = [(c["Name"], c["Type"]) for c in sd["Columns"]]
    require(crawled == [(c["Name"], c["Type"]) for c in COLUMNS],
            f"the crawled columns {crawled} are not the columns Firehose converted to")

    partitions = tarn.glue.get_partitions(DatabaseName=CRAWLED_DATABASE, TableName=table["Name"])["Partitions"]
    for p in sorted(partitions, key=lambda p: p["Values"]):
        info(f"  partition action={p['Values'][0]:<12} {p['StorageDescriptor']['Location']}")
    require(sorted(p["Values"][0] for p in partitions) == sorted({e["action"] for e in events.values()}),
            f"partitions {[p['Values'] for p in partitions]} are not the actions produced")
    return sd["Location"]


# ---- step 9: read the data back, from where the catalog says it is

def read_back(tarn, location, events):
    step(f"Reading the rows back with pyarrow from {location}")
    dataset = ds.dataset(location.removeprefix("s3://"), filesystem=tarn.fs, format="parquet", partitioning="hive")
    rows = dataset.to_table().to_pylist()
    info(f"{len(rows)} rows read; {len(events)} events produced")
    require(len(rows) == len(events), f"{len(rows)} rows in S3, {len(events)} events produced")
    for row in rows:
        sent = events.get(row["event_id"])
        require(sent is not None, f"a row nobody produced: {row}")
        got = {"user_id": row["user_id"], "page": row["page"], "action": row["action"], "duration_ms": row["duration_ms"],
               "ts": row["ts"].isoformat(timespec="milliseconds")}
        want = {k: sent[k] for k in ("user_id", "page", "action", "duration_ms")}
        want["ts"] = sent["ts"].rstrip("Z")  # Parquet's INT96 timestamps are UTC without a zone
        require(got == want, f"event {row['event_id']} came back as {got}, was sent as {want}")
    require(len({r["event_id"] for r in rows}) == len(rows), "an event was delivered twice")
    info("every event came back once, in the folder of its action, with the values it was sent with. A few:")
    for row in sorted(rows, key=lambda r: (r["ts"], r["event_id"]))[:5]:
        info(f"  {row['ts'].isoformat(sep=' ', timespec='milliseconds')}  {row['user_id']}  {row['action']:<12} {row['page']:<16} {row['duration_ms']:>6} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", default="http://localhost:4566", help="Tarn's endpoint (default %(default)s)")
    args = parser.parse_args()
    tarn = Tarn(args.endpoint)
    try:
        tarn.admin("GET", "/_tarn/health")
    except (OSError, ValueError) as e:  # refused, timed out, 503 while starting, or not JSON: not a ready Tarn
        print(f"No ready Tarn at {args.endpoint} ({e}): start it with ./tarn, or pass --endpoint", file=sys.stderr)
        return 1
    try:
        remove_earlier_run(tarn)
        kinesis_arn = create_kinesis_stream(tarn)
        create_source_table(tarn)
        create_bucket(tarn)
        created = create_delivery_stream(tarn, kinesis_arn)
        events = produce_events(tarn)
        wait_for_firehose(tarn, len(events), created)
        wait_for_objects(tarn, events, created)
        crawl(tarn)
        location = show_crawled_table(tarn, events)
        read_back(tarn, location, events)
    except (PipelineFailure, ClientError) as e:
        print(f"\nFAILED: {e}", file=sys.stderr)
        return 1
    print("\nOK: producer -> Kinesis -> Firehose (Parquet, by action) -> S3 -> Glue crawler -> Data Catalog -> pyarrow")
    return 0


if __name__ == "__main__":
    sys.exit(main())
