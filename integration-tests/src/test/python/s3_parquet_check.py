"""Parquet on Tarn's S3 through pyarrow (the AWS C++ SDK) and polars (Rust object_store):
python3 s3_parquet_check.py http://127.0.0.1:4566

Writes a small partitioned Parquet dataset with pyarrow.fs.S3FileSystem, reads it back with
pyarrow, then reads it with polars. Exits non-zero on a mismatch.
"""
import sys
import uuid
from urllib.parse import urlparse

import boto3
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq
from botocore.config import Config
from checks import check

endpoint = sys.argv[1]
host = urlparse(endpoint).netloc


bucket = "parquet-" + uuid.uuid4().hex[:12]
boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1",
             config=Config(s3={"addressing_style": "path"})).create_bucket(Bucket=bucket)

fs = pafs.S3FileSystem(endpoint_override=host, scheme="http", access_key="test", secret_key="test", region="us-east-1",
                       force_virtual_addressing=False, connect_timeout=10, request_timeout=60,
                       allow_bucket_creation=True, allow_bucket_deletion=True)

n = 10_000
table = pa.table({
    "id": pa.array(range(n), pa.int64()),
    "name": pa.array(["name-%d" % i for i in range(n)]),
    "score": pa.array([i * 0.5 for i in range(n)], pa.float64()),
    "region": pa.array(["eu" if i % 3 == 0 else "us" for i in range(n)]),
})

# one file, then a partitioned dataset
pq.write_table(table, bucket + "/single/data.parquet", filesystem=fs, row_group_size=2_000)
back = pq.read_table(bucket + "/single/data.parquet", filesystem=fs)
check(back.equals(table), "pyarrow reads back the single file")
info = fs.get_file_info(bucket + "/single/data.parquet")
check(info.type == pafs.FileType.File and info.size > 0, "file info: %s" % info)

ds.write_dataset(table, bucket + "/dataset", format="parquet", filesystem=fs, partitioning=["region"],
                 partitioning_flavor="hive", existing_data_behavior="overwrite_or_ignore")
listed = sorted(i.path for i in fs.get_file_info(pafs.FileSelector(bucket + "/dataset", recursive=True))
                if i.type == pafs.FileType.File)
check(len(listed) == 2 and any("region=eu" in p for p in listed) and any("region=us" in p for p in listed),
      "partitioned files: %s" % listed)
dataset = ds.dataset(bucket + "/dataset", format="parquet", filesystem=fs, partitioning="hive")
eu = dataset.to_table(filter=ds.field("region") == "eu")
check(eu.num_rows == len(range(0, n, 3)), "pyarrow dataset filter: %d rows" % eu.num_rows)
check(dataset.count_rows() == n, "pyarrow dataset rows")

# polars through object_store
storage = {"aws_endpoint_url": endpoint, "aws_access_key_id": "test", "aws_secret_access_key": "test",
           "aws_region": "us-east-1", "aws_allow_http": "true", "aws_virtual_hosted_style_request": "false"}
df = pl.read_parquet("s3://%s/single/data.parquet" % bucket, storage_options=storage)
check(df.height == n, "polars row count %d" % df.height)
check(df["id"].sum() == sum(range(n)), "polars column sum")
check(df.filter(pl.col("region") == "eu").height == len(range(0, n, 3)), "polars filter")
lazy = pl.scan_parquet("s3://%s/dataset/**/*.parquet" % bucket, storage_options=storage, hive_partitioning=True)
check(lazy.select(pl.len()).collect().item() == n, "polars scan of the partitioned dataset")
# polars writes too
pl.DataFrame({"x": [1, 2, 3]}).write_parquet("s3://%s/polars/out.parquet" % bucket, storage_options=storage)
check(pq.read_table(bucket + "/polars/out.parquet", filesystem=fs).column("x").to_pylist() == [1, 2, 3],
      "pyarrow reads what polars wrote")

fs.delete_dir(bucket)  # the objects, then the bucket
check(fs.get_file_info(bucket).type == pafs.FileType.NotFound, "the bucket is gone")
print("pyarrow/polars Parquet flows: OK")
