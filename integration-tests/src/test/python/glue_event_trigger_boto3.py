"""Glue EVENT triggers fed by S3 through boto3 against a running Tarn whose init file has the event rule
"py-ev-uploads" (S3 Object Created events of keys in/ of bucket py-ev-raw to workflow py-ev-flow):
python3 glue_event_trigger_boto3.py http://127.0.0.1:4566
The bucket sends its events to EventBridge; the workflow's EVENT trigger starts a run once two uploads came,
naming their events in the run property aws:eventIds, with the batch condition that started it."""
import json
import sys
import time

import boto3

from checks import check

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
glue = session.client("glue", endpoint_url=endpoint)
s3 = session.client("s3", endpoint_url=endpoint)

s3.create_bucket(Bucket="py-ev-raw")
s3.put_bucket_notification_configuration(Bucket="py-ev-raw", NotificationConfiguration={"EventBridgeConfiguration": {}})
check("EventBridgeConfiguration" in s3.get_bucket_notification_configuration(Bucket="py-ev-raw"), "EventBridgeConfiguration reads back")
s3.put_object(Bucket="py-ev-raw", Key="scripts/noop.py", Body=b"print('batch handled')\n")
glue.create_job(Name="py-ev-job", Role="arn:aws:iam::000000000000:role/glue",
                Command={"Name": "pythonshell", "ScriptLocation": "s3://py-ev-raw/scripts/noop.py", "PythonVersion": "3.9"})
glue.create_workflow(Name="py-ev-flow")
glue.create_trigger(Name="py-ev-go", WorkflowName="py-ev-flow", Type="EVENT", StartOnCreation=True,
                    EventBatchingCondition={"BatchSize": 2, "BatchWindow": 300}, Actions=[{"JobName": "py-ev-job"}])
trigger = glue.get_trigger(Name="py-ev-go")["Trigger"]
check(trigger["State"] == "ACTIVATED" and trigger["EventBatchingCondition"] == {"BatchSize": 2, "BatchWindow": 300}, str(trigger))

s3.put_object(Bucket="py-ev-raw", Key="in/1.csv", Body=b"id\n1\n")
s3.put_object(Bucket="py-ev-raw", Key="in/2.csv", Body=b"id\n2\n")
runs = []
for _ in range(600):
    runs = glue.get_workflow_runs(Name="py-ev-flow")["Runs"]
    if runs:
        break
    time.sleep(0.1)
check(len(runs) == 1, "one run after the batch of two: %s" % runs)
run = runs[0]
check(run["StartingEventBatchCondition"] == {"BatchSize": 2, "BatchWindow": 0}, str(run.get("StartingEventBatchCondition")))
properties = glue.get_workflow_run_properties(Name="py-ev-flow", RunId=run["WorkflowRunId"])["RunProperties"]
event_ids = json.loads(properties["aws:eventIds"])
check(len(event_ids) == 2 and len(set(event_ids)) == 2, str(event_ids))
print("OK")
