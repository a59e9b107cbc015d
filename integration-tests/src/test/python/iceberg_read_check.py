"""pyarrow and duckdb read an Iceberg table's data files from where Tarn's Glue catalog says they are:
python3 iceberg_read_check.py http://127.0.0.1:4566 DATABASE TABLE

IcebergGlueCatalogIT writes the table (ids 1, 2 in category a; 3 in category b) with Iceberg's GlueCatalog.
The path is the one every Iceberg reader takes: GetTable -> Parameters.metadata_location -> the
metadata JSON's current snapshot -> its manifest list (Avro) -> the manifests (Avro) -> the data
files (Parquet), all read from Tarn's S3.
"""
import io
import json
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import boto3
from botocore.config import Config
import duckdb
import fastavro
import pyarrow.fs
import pyarrow.parquet as pq

endpoint, database, table_name = sys.argv[1:4]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
glue = session.client("glue", endpoint_url=endpoint)
s3 = session.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))


def split(uri):
    parsed = urlparse(uri)
    assert parsed.scheme in ("s3", "s3a"), uri
    return parsed.netloc, parsed.path.lstrip("/")


def read_bytes(uri):
    bucket, key = split(uri)
    return s3.get_object(Bucket=bucket, Key=key)["Body"].read()


def avro_records(uri):
    return list(fastavro.reader(io.BytesIO(read_bytes(uri))))


table = glue.get_table(DatabaseName=database, Name=table_name)["Table"]
params = table["Parameters"]
assert params["table_type"] == "ICEBERG", params
metadata = json.loads(read_bytes(params["metadata_location"]))
assert table["StorageDescriptor"]["Location"] == metadata["location"], (table["StorageDescriptor"], metadata["location"])
snapshot = next(s for s in metadata["snapshots"] if s["snapshot-id"] == metadata["current-snapshot-id"])

data_files = []
for manifest in avro_records(snapshot["manifest-list"]):
    for entry in avro_records(manifest["manifest_path"]):
        if entry["status"] != 2:  # 2: DELETED
            data_files.append(entry["data_file"]["file_path"])
assert len(data_files) == 2, data_files

# pyarrow reads the files in place through its own S3 filesystem
fs = pyarrow.fs.S3FileSystem(endpoint_override=urlparse(endpoint).netloc, scheme=urlparse(endpoint).scheme,
                             access_key="test", secret_key="test", region="us-east-1", force_virtual_addressing=False,
                             connect_timeout=10, request_timeout=60)
tables = [pq.read_table("/".join(split(path)), filesystem=fs) for path in data_files]
ids = sorted(i for t in tables for i in t.column("id").to_pylist())
assert ids == [1, 2, 3], ids
assert tables[0].schema.field("id").metadata[b"PARQUET:field_id"] == b"1", tables[0].schema

# duckdb's own Parquet reader over copies (its S3 support, httpfs, is an extension fetched from the internet)
with tempfile.TemporaryDirectory() as tmp:
    local = []
    for n, path in enumerate(data_files):
        target = Path(tmp) / f"part-{n}.parquet"
        target.write_bytes(read_bytes(path))
        local.append(str(target))
    rows = duckdb.sql(f"SELECT category, count(*), sum(amount) FROM read_parquet({local!r}) GROUP BY category ORDER BY category")
    assert rows.fetchall() == [("a", 2, 30.0), ("b", 1, 30.0)], rows
print("OK")
