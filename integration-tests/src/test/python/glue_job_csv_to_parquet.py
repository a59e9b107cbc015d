"""A Glue Python shell job (run by Tarn, not by the tests): reads a CSV from S3 with boto3, writes it as Parquet
with pyarrow. Arguments: --source_bucket --source_key --target_bucket --target_key."""
import io
import sys

import boto3
import pyarrow.csv as csv
import pyarrow.parquet as pq
from awsglue.utils import getResolvedOptions

args = getResolvedOptions(sys.argv, ["JOB_NAME", "source_bucket", "source_key", "target_bucket", "target_key"])
s3 = boto3.client("s3")
body = s3.get_object(Bucket=args["source_bucket"], Key=args["source_key"])["Body"].read()
table = csv.read_csv(io.BytesIO(body))
out = io.BytesIO()
pq.write_table(table, out)
s3.put_object(Bucket=args["target_bucket"], Key=args["target_key"], Body=out.getvalue())
print("wrote %d rows for %s" % (table.num_rows, args["JOB_NAME"]))
