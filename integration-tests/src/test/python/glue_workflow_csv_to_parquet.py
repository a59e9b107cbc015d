"""A Glue Python shell job of a workflow (run by Tarn, not by the tests): reads its workflow run's properties,
reads a CSV from S3 with boto3, writes it as Parquet with pyarrow under the run property target_key, and
records the row count as the run property rows. Arguments: --source_bucket --source_key --target_bucket."""
import io
import sys

import boto3
import pyarrow.csv as csv
import pyarrow.parquet as pq
from awsglue.utils import getResolvedOptions

args = getResolvedOptions(sys.argv, ["JOB_NAME", "WORKFLOW_NAME", "WORKFLOW_RUN_ID", "source_bucket", "source_key", "target_bucket"])
glue = boto3.client("glue")
props = glue.get_workflow_run_properties(Name=args["WORKFLOW_NAME"], RunId=args["WORKFLOW_RUN_ID"])["RunProperties"]
s3 = boto3.client("s3")
body = s3.get_object(Bucket=args["source_bucket"], Key=args["source_key"])["Body"].read()
table = csv.read_csv(io.BytesIO(body))
out = io.BytesIO()
pq.write_table(table, out)
s3.put_object(Bucket=args["target_bucket"], Key=props["target_key"], Body=out.getvalue())
glue.put_workflow_run_properties(Name=args["WORKFLOW_NAME"], RunId=args["WORKFLOW_RUN_ID"],
                                 RunProperties={"rows": str(table.num_rows)})
print("wrote %d rows to %s" % (table.num_rows, props["target_key"]))
