"""The crawl figures of issue 14 against a running Tarn:

    python3 benchmark/scripts/glue_crawl_figures.py http://127.0.0.1:4566 [--pid PID] [--objects 100000]

1. A crawl of 1,000 small objects (500 Parquet from pyarrow, 500 JSON Lines) in 100 partitions: the time
   from StartCrawler to READY (target: under 5 s).
2. A crawl of --objects small JSON objects (default 100,000, in 1,000 partitions): its time, and with
   --pid the server's peak RSS while it runs, sampled from /proc every 50 ms (target: under 512 MiB).

Objects are written with 16 threads before each crawl; only the crawl is timed.
"""
import argparse
import io
import json
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import boto3
import pyarrow as pa
import pyarrow.parquet as pq
from botocore.config import Config

parser = argparse.ArgumentParser()
parser.add_argument("endpoint")
parser.add_argument("--pid", type=int, help="the server's process id, to sample its RSS")
parser.add_argument("--objects", type=int, default=100_000, help="objects of the large crawl (0 skips it)")
args = parser.parse_args()

session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
config = Config(s3={"addressing_style": "path"}, max_pool_connections=32, retries={"max_attempts": 10})
glue = session.client("glue", endpoint_url=args.endpoint)
local = threading.local()


def s3():
    if not hasattr(local, "s3"):
        local.s3 = session.client("s3", endpoint_url=args.endpoint, config=config)
    return local.s3


def put_all(bucket, objects):
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda kv: s3().put_object(Bucket=bucket, Key=kv[0], Body=kv[1]), objects))


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def crawl(bucket, database, paths):
    """Runs a crawler over the paths; answers (seconds from StartCrawler to READY, peak RSS in MiB or None)."""
    name = "fig-" + uuid.uuid4().hex[:8]
    glue.create_crawler(Name=name, Role="arn:aws:iam::000000000000:role/figures", DatabaseName=database,
                        Targets={"S3Targets": [{"Path": "s3://%s/%s/" % (bucket, p)} for p in paths]})
    peak = [rss_kib(args.pid) if args.pid else 0]
    start = time.monotonic()
    glue.start_crawler(Name=name)
    deadline = start + 1800
    while time.monotonic() < deadline:
        if args.pid:
            peak[0] = max(peak[0], rss_kib(args.pid))
        crawler = glue.get_crawler(Name=name)["Crawler"]
        if crawler["State"] == "READY" and "LastCrawl" in crawler:
            elapsed = time.monotonic() - start
            assert crawler["LastCrawl"]["Status"] == "SUCCEEDED", crawler["LastCrawl"]
            return elapsed, (peak[0] / 1024 if args.pid else None)
        time.sleep(0.05)
    raise SystemExit("the crawl did not end within 30 minutes")


def parquet_bytes(i):
    out = io.BytesIO()
    pq.write_table(pa.table({"id": pa.array([i, i + 1], pa.int64()), "name": ["a%d" % i, "b%d" % i]}), out)
    return out.getvalue()


def json_bytes(i):
    return ("%s\n%s\n" % (json.dumps({"id": i, "name": "a%d" % i}), json.dumps({"id": i + 1, "name": "b%d" % i}))).encode()


run = uuid.uuid4().hex[:8]
bucket = "figures-" + run
database = "figures_" + run
s3().create_bucket(Bucket=bucket)
glue.create_database(DatabaseInput={"Name": database})

# 1. 1,000 objects, 100 partitions: 50 of Parquet, 50 of JSON, 10 objects each
small = [("parquet/p=%03d/part-%d.parquet" % (p, f), parquet_bytes(p * 10 + f)) for p in range(50) for f in range(10)]
small += [("json/p=%03d/part-%d.json" % (p, f), json_bytes(p * 10 + f)) for p in range(50) for f in range(10)]
put_all(bucket, small)
seconds, peak = crawl(bucket, database, ["parquet", "json"])
partitions = sum(len(page["Partitions"]) for t in ("parquet", "json")
                 for page in glue.get_paginator("get_partitions").paginate(DatabaseName=database, TableName=t))
print("crawl of %d objects in %d partitions: %.2f s%s" % (len(small), partitions, seconds,
                                                         "" if peak is None else ", peak RSS %.0f MiB" % peak))

# 2. a large crawl of small JSON objects, 100 per partition
if args.objects:
    started = time.monotonic()
    per = 100
    put_all(bucket, (("big/p=%05d/part-%d.json" % (i // per, i % per), json_bytes(i)) for i in range(args.objects)))
    print("wrote %d objects in %.0f s" % (args.objects, time.monotonic() - started))
    seconds, peak = crawl(bucket, database, ["big"])
    print("crawl of %d objects in %d partitions: %.1f s%s" % (args.objects, (args.objects + per - 1) // per, seconds,
                                                              "" if peak is None else ", peak RSS %.0f MiB" % peak))
