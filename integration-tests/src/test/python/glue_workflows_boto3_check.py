"""Glue triggers and workflows through boto3 against a running Tarn:
python3 glue_workflows_boto3_check.py http://127.0.0.1:4566
Two Python shell jobs chained by a conditional trigger in a workflow, started by StartWorkflowRun; the run
completes with its statistics and graph; trigger and workflow errors come back as AWS's."""
import sys
import time

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
glue = session.client("glue", endpoint_url=endpoint)
s3 = session.client("s3", endpoint_url=endpoint)


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError("expected an error from %s" % call)


s3.create_bucket(Bucket="py-glue-flow")
s3.put_object(Bucket="py-glue-flow", Key="step.py", Body=b"""
import sys
import boto3
from awsglue.utils import getResolvedOptions
args = getResolvedOptions(sys.argv, ['JOB_NAME', 'WORKFLOW_NAME', 'WORKFLOW_RUN_ID'])
boto3.client('glue').put_workflow_run_properties(Name=args['WORKFLOW_NAME'], RunId=args['WORKFLOW_RUN_ID'],
                                                 RunProperties={args['JOB_NAME']: 'done'})
""")
for name in ("py-flow-a", "py-flow-b"):
    glue.create_job(Name=name, Role="arn:aws:iam::000000000000:role/glue",
                    Command={"Name": "pythonshell", "ScriptLocation": "s3://py-glue-flow/step.py", "PythonVersion": "3.9"})

glue.create_workflow(Name="py-flow", DefaultRunProperties={"env": "test"}, Tags={"team": "py"})
glue.create_trigger(Name="py-flow-start", WorkflowName="py-flow", Type="ON_DEMAND", Actions=[{"JobName": "py-flow-a"}])
glue.create_trigger(Name="py-flow-next", WorkflowName="py-flow", Type="CONDITIONAL", StartOnCreation=True,
                    Predicate={"Conditions": [{"LogicalOperator": "EQUALS", "JobName": "py-flow-a", "State": "SUCCEEDED"}]},
                    Actions=[{"JobName": "py-flow-b", "Arguments": {"--extra": "1"}}])
assert glue.get_trigger(Name="py-flow-next")["Trigger"]["State"] == "ACTIVATED"
assert glue.get_trigger(Name="py-flow-start")["Trigger"]["State"] == "CREATED"
assert error_code(glue.create_trigger, Name="bad", Type="SCHEDULED", Actions=[{"JobName": "py-flow-a"}]) == "InvalidInputException"
assert error_code(glue.create_trigger, Name="bad", Type="ON_DEMAND", Actions=[{"JobName": "nope"}]) == "EntityNotFoundException"
assert error_code(glue.get_trigger, Name="nope") == "EntityNotFoundException"
assert sorted(glue.list_triggers(DependentJobName="py-flow-b")["TriggerNames"]) == ["py-flow-next"]

graph = glue.get_workflow(Name="py-flow", IncludeGraph=True)["Workflow"]["Graph"]
assert sorted(n["Type"] for n in graph["Nodes"]) == ["JOB", "JOB", "TRIGGER", "TRIGGER"], graph
assert len(graph["Edges"]) == 3, graph

run_id = glue.start_workflow_run(Name="py-flow", RunProperties={"day": "1"})["RunId"]
deadline = time.time() + 180
while True:
    run = glue.get_workflow_run(Name="py-flow", RunId=run_id, IncludeGraph=True)["Run"]
    if run["Status"] != "RUNNING":
        break
    assert time.time() < deadline, run
    time.sleep(0.2)
assert run["Status"] == "COMPLETED", run
stats = run["Statistics"]
assert stats["TotalActions"] == 2 and stats["SucceededActions"] == 2 and stats["RunningActions"] == 0, stats
props = glue.get_workflow_run_properties(Name="py-flow", RunId=run_id)["RunProperties"]
assert props == {"env": "test", "day": "1", "py-flow-a": "done", "py-flow-b": "done"}, props
job_b = [n for n in run["Graph"]["Nodes"] if n["Name"] == "py-flow-b"][0]["JobDetails"]["JobRuns"][0]
assert job_b["TriggerName"] == "py-flow-next" and job_b["Arguments"]["--extra"] == "1", job_b
assert job_b["Arguments"]["--WORKFLOW_RUN_ID"] == run_id, job_b
job_a = [n for n in run["Graph"]["Nodes"] if n["Name"] == "py-flow-a"][0]["JobDetails"]["JobRuns"][0]
assert job_b["PredecessorRuns"] == [{"JobName": "py-flow-a", "RunId": job_a["Id"]}], job_b
assert job_a["PredecessorRuns"] == [], job_a  # started by the start trigger
with_predecessors = glue.get_job_run(JobName="py-flow-b", RunId=job_b["Id"], PredecessorsIncluded=True)["JobRun"]
assert with_predecessors["PredecessorRuns"] == job_b["PredecessorRuns"], with_predecessors
assert glue.get_job_run(JobName="py-flow-b", RunId=job_b["Id"])["JobRun"]["PredecessorRuns"] == []
assert error_code(glue.stop_workflow_run, Name="py-flow", RunId=run_id) == "IllegalWorkflowStateException"
assert glue.get_workflow_runs(Name="py-flow")["Runs"][0]["WorkflowRunId"] == run_id

glue.delete_workflow(Name="py-flow")
assert error_code(glue.get_trigger, Name="py-flow-next") == "EntityNotFoundException"
print("OK")
