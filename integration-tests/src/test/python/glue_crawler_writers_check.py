"""Glue crawls of data written into Tarn's S3 by real writers, checked field by field against what
AWS's documentation says the crawler produces ("Built-in classifiers", "Crawler properties", the
table Parameters of a crawled table), then read back by pyarrow and duckdb from the locations the
catalog gives: python3 glue_crawler_writers_check.py http://127.0.0.1:4566

Writers: pyarrow (a year=/month= partitioned Parquet dataset, ORC), fastavro (Avro), Python's json,
csv and gzip (JSON Lines, CSV with and without a header, gzip JSON), and Hadoop's block Snappy
framing around pyarrow's raw Snappy codec (the .snappy files Hive and Spark write). Framed Snappy
is not written: neither pyarrow nor the standard library writes the framing format.
"""
import csv
import gzip
import io
import json
import os
import struct
import sys
import tempfile
import time
import uuid
from urllib.parse import urlparse

import boto3
import duckdb
import fastavro
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.orc as orc
import pyarrow.parquet as pq
from botocore.config import Config

endpoint = sys.argv[1]
host = urlparse(endpoint).netloc
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
s3 = session.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))
glue = session.client("glue", endpoint_url=endpoint)
fs = pafs.S3FileSystem(endpoint_override=host, scheme="http", access_key="test", secret_key="test", region="us-east-1",
                       force_virtual_addressing=False, connect_timeout=10, request_timeout=60)

bucket = "crawl-" + uuid.uuid4().hex[:12]
run = uuid.uuid4().hex[:8]
database = "writers_" + run
s3.create_bucket(Bucket=bucket)
glue.create_database(DatabaseInput={"Name": database})

PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe"
LAZY_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"
TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat"
TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def put(key, body):
    s3.put_object(Bucket=bucket, Key=key, Body=body)


# ---- the writers

def write_parquet():
    """A year=/month= partitioned dataset, as pyarrow.dataset writes it with Hive partitioning."""
    n = 200
    table = pa.table({
        "id": pa.array(range(n), pa.int64()),
        "name": pa.array(["n%d" % i for i in range(n)]),
        "price": pa.array([i / 4 for i in range(n)], pa.float64()),
        "active": pa.array([i % 2 == 0 for i in range(n)]),
        "seen": pa.array([1_700_000_000_000 + i for i in range(n)], pa.timestamp("ms")),
        "address": pa.array([{"city": "c%d" % i, "zip": i} for i in range(n)],
                            pa.struct([("city", pa.string()), ("zip", pa.int32())])),
        "tags": pa.array([["a", "b"]] * n, pa.list_(pa.string())),
        "year": pa.array([2023 + i % 2 for i in range(n)], pa.int32()),
        "month": pa.array(["%02d" % (1 + i % 3) for i in range(n)]),
    })
    ds.write_dataset(table, bucket + "/parquet/sales", format="parquet", filesystem=fs,
                     partitioning=ds.partitioning(pa.schema([("year", pa.int32()), ("month", pa.string())]), flavor="hive"))


def write_json_lines():
    for day in (1, 2):
        lines = [json.dumps({"id": i, "user": {"name": "u%d" % i, "age": 20 + i}, "score": i + 0.5, "ok": True})
                 for i in range(5)]
        put("jsonl/events/day=%d/part-0.json" % day, ("\n".join(lines) + "\n").encode())


def write_csv():
    def rows(header):
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        if header:
            w.writerow(["id", "city", "amount"])
        for i in range(20):
            w.writerow([i, "city%d" % i, "%d.25" % i])
        return out.getvalue().encode()

    put("csvhead/orders_head/orders.csv", rows(True))
    put("csvbare/orders_bare/orders.csv", rows(False))


def write_avro():
    schema = fastavro.parse_schema({"type": "record", "name": "User", "fields": [
        {"name": "id", "type": "long"},
        {"name": "name", "type": "string"},
        {"name": "email", "type": ["null", "string"], "default": None},
        {"name": "address", "type": {"type": "record", "name": "Address", "fields": [{"name": "city", "type": "string"}]}},
    ]})
    out = io.BytesIO()
    fastavro.writer(out, schema, [{"id": i, "name": "n%d" % i, "email": None, "address": {"city": "x"}} for i in range(10)])
    put("avro/users/users.avro", out.getvalue())


def write_orc():
    table = pa.table({"id": pa.array(range(10), pa.int64()), "label": pa.array(["l%d" % i for i in range(10)]),
                      "ratio": pa.array([i / 3 for i in range(10)], pa.float64())})
    out = io.BytesIO()
    orc.write_table(table, out)
    put("orc/metrics/metrics.orc", out.getvalue())


def json_lines(n):
    return ("\n".join(json.dumps({"id": i, "msg": "m%d" % i}) for i in range(n)) + "\n").encode()


def write_gzip_json():
    put("gzjson/gz_logs/logs.json.gz", gzip.compress(json_lines(10)))


def write_snappy_json():
    """Hadoop's block Snappy (what Hive and Spark write as .snappy): uncompressed length, then chunks of compressed length + raw Snappy."""
    raw = json_lines(10)
    compressed = pa.compress(raw, codec="snappy", asbytes=True)
    put("snappyjson/snappy_logs/logs.json.snappy", struct.pack(">I", len(raw)) + struct.pack(">I", len(compressed)) + compressed)


# ---- the crawls

def crawler_of(table_name):
    return "w-%s-%s" % (run, table_name)


def crawl(name, path):
    glue.create_crawler(Name=name, Role="arn:aws:iam::000000000000:role/AWSGlueServiceRole-writers", DatabaseName=database,
                        Targets={"S3Targets": [{"Path": "s3://%s/%s/" % (bucket, path)}]})
    glue.start_crawler(Name=name)


def wait_ready(names):
    deadline = time.time() + 120
    pending = set(names)
    while pending and time.time() < deadline:
        for name in list(pending):
            crawler = glue.get_crawler(Name=name)["Crawler"]
            if crawler["State"] == "READY" and "LastCrawl" in crawler:
                check(crawler["LastCrawl"]["Status"] == "SUCCEEDED", "%s: %s" % (name, crawler["LastCrawl"]))
                pending.discard(name)
        time.sleep(0.2)
    check(not pending, "crawlers not READY within 120 s: %s" % sorted(pending))


def table(name):
    return glue.get_table(DatabaseName=database, Name=name)["Table"]


def columns(t):
    return [(c["Name"], c["Type"]) for c in t["StorageDescriptor"]["Columns"]]


def expect_table(name, classification, cols, serde, input_format, output_format, partition_keys=(), serde_params=None,
                 params=None, compression="none"):
    t = table(name)
    sd = t["StorageDescriptor"]
    check(columns(t) == list(cols), "%s columns %s" % (name, columns(t)))
    check([(k["Name"], k["Type"]) for k in t.get("PartitionKeys", [])] == list(partition_keys),
          "%s partition keys %s" % (name, t.get("PartitionKeys")))
    check(t["TableType"] == "EXTERNAL_TABLE", "%s table type %s" % (name, t.get("TableType")))
    check(sd["SerdeInfo"].get("SerializationLibrary") == serde, "%s serde %s" % (name, sd["SerdeInfo"]))
    check(sd.get("InputFormat") == input_format, "%s input format %s" % (name, sd.get("InputFormat")))
    check(sd.get("OutputFormat") == output_format, "%s output format %s" % (name, sd.get("OutputFormat")))
    for k, v in (serde_params or {}).items():
        check(sd["SerdeInfo"].get("Parameters", {}).get(k) == v, "%s serde parameter %s: %s" % (name, k, sd["SerdeInfo"]))
    p = t["Parameters"]
    check(p.get("classification") == classification, "%s classification %s" % (name, p))
    check(p.get("compressionType") == compression, "%s compressionType %s" % (name, p))
    check(p.get("typeOfData") == "file", "%s typeOfData %s" % (name, p))
    check(p.get("UPDATED_BY_CRAWLER") == crawler_of(name), "%s UPDATED_BY_CRAWLER %s" % (name, p))
    for key in ("objectCount", "sizeKey", "CrawlerSchemaSerializerVersion", "CrawlerSchemaDeserializerVersion", "CRAWL_RUN_ID"):
        check(key in p, "%s lacks parameter %s: %s" % (name, key, p))
    for k, v in (params or {}).items():
        check(p.get(k) == v, "%s parameter %s=%s: %s" % (name, k, v, p))
    check(sd["Location"] == "s3://%s/%s/" % (bucket, name_paths[name]), "%s location %s" % (name, sd["Location"]))
    return t


# each dataset's last folder is its table's name (AWS names a table after the folder at the include path)
name_paths = {
    "sales": "parquet/sales", "events": "jsonl/events", "orders_head": "csvhead/orders_head", "orders_bare": "csvbare/orders_bare",
    "users": "avro/users", "metrics": "orc/metrics", "gz_logs": "gzjson/gz_logs", "snappy_logs": "snappyjson/snappy_logs",
}

write_parquet()
write_json_lines()
write_csv()
write_avro()
write_orc()
write_gzip_json()
write_snappy_json()
for table_name, path in name_paths.items():
    crawl(crawler_of(table_name), path)
wait_ready([crawler_of(n) for n in name_paths])
tables = sorted(t["Name"] for t in glue.get_tables(DatabaseName=database)["TableList"])
check(tables == sorted(name_paths), "tables %s" % tables)

PARQUET_IN = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
PARQUET_OUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"
sales = expect_table("sales", "parquet", [
    ("id", "bigint"), ("name", "string"), ("price", "double"), ("active", "boolean"), ("seen", "timestamp"),
    ("address", "struct<city:string,zip:int>"), ("tags", "array<string>")],
    PARQUET_SERDE, PARQUET_IN, PARQUET_OUT, partition_keys=[("year", "string"), ("month", "string")],
    serde_params={"serialization.format": "1"}, params={"recordCount": "200"})
expect_table("events", "json", [
    ("id", "int"), ("user", "struct<name:string,age:int>"), ("score", "double"), ("ok", "boolean")],
    JSON_SERDE, TEXT_INPUT, TEXT_OUTPUT, partition_keys=[("day", "string")], serde_params={"paths": "id,ok,score,user"})
expect_table("orders_head", "csv", [("id", "bigint"), ("city", "string"), ("amount", "double")],
             LAZY_SERDE, TEXT_INPUT, TEXT_OUTPUT, serde_params={"field.delim": ","},
             params={"skip.header.line.count": "1", "delimiter": ",", "areColumnsQuoted": "false"})
expect_table("orders_bare", "csv", [("col0", "bigint"), ("col1", "string"), ("col2", "double")],
             LAZY_SERDE, TEXT_INPUT, TEXT_OUTPUT, serde_params={"field.delim": ","}, params={"delimiter": ","})
check("skip.header.line.count" not in table("orders_bare")["Parameters"], "orders_bare skips a header it does not have")
users = expect_table("users", "avro", [
    ("id", "bigint"), ("name", "string"), ("email", "string"), ("address", "struct<city:string>")],
    "org.apache.hadoop.hive.serde2.avro.AvroSerDe", "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
    "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat")
check("avro.schema.literal" in users["Parameters"] or "avro.schema.literal" in users["StorageDescriptor"]["SerdeInfo"].get("Parameters", {}),
      "users has no avro.schema.literal: %s" % users["Parameters"])
expect_table("metrics", "orc", [("id", "bigint"), ("label", "string"), ("ratio", "double")],
             "org.apache.hadoop.hive.ql.io.orc.OrcSerde", "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
             "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat")
expect_table("gz_logs", "json", [("id", "int"), ("msg", "string")], JSON_SERDE, TEXT_INPUT, TEXT_OUTPUT, compression="gzip")
expect_table("snappy_logs", "json", [("id", "int"), ("msg", "string")], JSON_SERDE, TEXT_INPUT, TEXT_OUTPUT,
             compression="snappy")

# partitions: one per year/month folder, each with its own location and the table's formats
parts = glue.get_partitions(DatabaseName=database, TableName="sales")["Partitions"]
values = sorted(tuple(p["Values"]) for p in parts)
check(values == [(str(y), "%02d" % m) for y in (2023, 2024) for m in (1, 2, 3)], "sales partitions %s" % values)
for p in parts:
    location = p["StorageDescriptor"]["Location"]
    check(location == "s3://%s/parquet/sales/year=%s/month=%s/" % (bucket, p["Values"][0], p["Values"][1]),
          "partition location %s" % location)
    check(p["StorageDescriptor"]["SerdeInfo"].get("SerializationLibrary") == PARQUET_SERDE, "partition serde %s" % p)

# the catalog's locations are readable by real readers
location = sales["StorageDescriptor"]["Location"]
dataset = ds.dataset(location[len("s3://"):], format="parquet", filesystem=fs, partitioning="hive")
check(dataset.count_rows() == 200, "pyarrow read %d rows from %s" % (dataset.count_rows(), location))
first = parts[0]["StorageDescriptor"]["Location"]
in_partition = ds.dataset(first[len("s3://"):], format="parquet", filesystem=fs).count_rows()
check(0 < in_partition < 200, "pyarrow read %d rows from partition %s" % (in_partition, first))

# duckdb's own readers over copies of the files under each location the catalog gives (its S3 support,
# httpfs, is an extension fetched from the internet, which CI may not reach)
def copy_under(location, into):
    selector = pafs.FileSelector(location[len("s3://"):], recursive=True)
    for info in fs.get_file_info(selector):
        if info.type == pafs.FileType.File:
            target = os.path.join(into, os.path.relpath(info.path, location[len("s3://"):].rstrip("/")))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with fs.open_input_stream(info.path, compression=None) as src, open(target, "wb") as dst:
                dst.write(src.read())


with tempfile.TemporaryDirectory() as tmp:
    for p in parts:
        copy_under(p["StorageDescriptor"]["Location"], os.path.join(tmp, "sales", "year=%s" % p["Values"][0], "month=%s" % p["Values"][1]))
    rows = duckdb.sql("SELECT count(*), count(DISTINCT year), sum(id) FROM read_parquet('%s/sales/**/*.parquet', hive_partitioning=true)"
                      % tmp).fetchone()
    check(rows == (200, 2, sum(range(200))), "duckdb read %s from the sales partitions" % (rows,))
    for name in ("events", "gz_logs"):
        copy_under(table(name)["StorageDescriptor"]["Location"], os.path.join(tmp, name))
    rows = duckdb.sql("SELECT count(*), max(\"user\".age) FROM read_json_auto('%s/events/**/*.json')" % tmp).fetchone()
    check(rows == (10, 24), "duckdb read %s from events" % (rows,))
    rows = duckdb.sql("SELECT count(*) FROM read_json_auto('%s/gz_logs/*.json.gz')" % tmp).fetchone()
    check(rows == (10,), "duckdb read %s from gz_logs" % (rows,))

if failures:
    print("MISMATCHES:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("OK")
