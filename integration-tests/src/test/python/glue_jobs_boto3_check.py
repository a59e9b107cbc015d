"""Glue jobs through boto3 against a running Tarn: python3 glue_jobs_boto3_check.py http://127.0.0.1:4566
Creates a Python shell job, runs it, waits for SUCCEEDED and reads its output and logs."""
import json
import sys
import time
import urllib.error
import urllib.request

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
glue = session.client("glue", endpoint_url=endpoint)
s3 = session.client("s3", endpoint_url=endpoint)

s3.create_bucket(Bucket="py-glue-jobs")
s3.put_object(Bucket="py-glue-jobs", Key="scripts/hello.py", Body=b"""
import sys
import boto3
from awsglue.utils import getResolvedOptions
args = getResolvedOptions(sys.argv, ['JOB_NAME', 'JOB_RUN_ID', 'greeting'])
boto3.client('s3').put_object(Bucket='py-glue-jobs', Key='out/' + args['JOB_RUN_ID'], Body=args['greeting'].encode())
print('greeted', args['JOB_NAME'])
""")
glue.create_job(Name="py-hello", Role="arn:aws:iam::000000000000:role/glue", Tags={"team": "py"},
                Command={"Name": "pythonshell", "ScriptLocation": "s3://py-glue-jobs/scripts/hello.py", "PythonVersion": "3.9"},
                GlueVersion="3.0", DefaultArguments={"--greeting": "hello"})
job = glue.get_job(JobName="py-hello")["Job"]
assert job["MaxCapacity"] == 0.0625 and job["Command"]["PythonVersion"] == "3.9" and "Tags" not in job, job
assert glue.list_jobs(Tags={"team": "py"})["JobNames"] == ["py-hello"]

run_id = glue.start_job_run(JobName="py-hello", Arguments={"--greeting": "bonjour"})["JobRunId"]
assert run_id.startswith("jr_"), run_id
try:
    glue.start_job_run(JobName="py-hello")
    raise AssertionError("a second run should exceed MaxConcurrentRuns 1")
except ClientError as e:
    assert e.response["Error"]["Code"] == "ConcurrentRunsExceededException", e.response

deadline = time.time() + 120
while True:
    run = glue.get_job_run(JobName="py-hello", RunId=run_id)["JobRun"]
    if run["JobRunState"] not in ("STARTING", "RUNNING"):
        break
    assert time.time() < deadline, run
    time.sleep(0.5)
assert run["JobRunState"] == "SUCCEEDED", run
assert run["Arguments"] == {"--greeting": "bonjour"}, run
assert run["CompletedOn"] >= run["StartedOn"], run
assert s3.get_object(Bucket="py-glue-jobs", Key="out/" + run_id)["Body"].read() == b"bonjour"
logs = json.load(urllib.request.urlopen(endpoint + "/_tarn/glue/job-runs/" + run_id + "/logs"))
assert logs["stdout"] == "greeted py-hello\n", logs

stop = glue.batch_stop_job_run(JobName="py-hello", JobRunIds=[run_id, "jr_missing"])
assert [e["JobRunId"] for e in stop["Errors"]] == [run_id, "jr_missing"], stop
assert stop["Errors"][1]["ErrorDetail"]["ErrorCode"] == "EntityNotFoundException", stop
glue.delete_job(JobName="py-hello")
assert glue.batch_get_jobs(JobNames=["py-hello"])["JobsNotFound"] == ["py-hello"]
try:  # the run's logs went with its job
    urllib.request.urlopen(endpoint + "/_tarn/glue/job-runs/" + run_id + "/logs")
    raise AssertionError("logs of a deleted job's run should be gone")
except urllib.error.HTTPError as e:
    assert e.code == 404, e

# job run queuing: a run beyond MaxConcurrentRuns waits instead of failing
s3.put_object(Bucket="py-glue-jobs", Key="scripts/slow.py", Body=b"import time\ntime.sleep(3600)\n")
glue.create_job(Name="py-queued", Role="arn:aws:iam::000000000000:role/glue",
                Command={"Name": "pythonshell", "ScriptLocation": "s3://py-glue-jobs/scripts/slow.py", "PythonVersion": "3.9"})
first = glue.start_job_run(JobName="py-queued")["JobRunId"]
queued = glue.start_job_run(JobName="py-queued", JobRunQueuingEnabled=True)["JobRunId"]
run = glue.get_job_run(JobName="py-queued", RunId=queued)["JobRun"]
assert run["JobRunState"] == "WAITING" and run["JobRunQueuingEnabled"] is True, run
glue.batch_stop_job_run(JobName="py-queued", JobRunIds=[queued, first])
deadline = time.time() + 120
while glue.get_job_run(JobName="py-queued", RunId=first)["JobRun"]["JobRunState"] not in ("STOPPED", "FAILED", "SUCCEEDED"):
    assert time.time() < deadline
    time.sleep(0.5)
assert glue.get_job_run(JobName="py-queued", RunId=queued)["JobRun"]["JobRunState"] == "STOPPED"
glue.delete_job(JobName="py-queued")
print("OK")
