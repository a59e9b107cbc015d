"""The workflow figure of issue 18 against a running Tarn:

    python3 benchmark/scripts/glue_workflow_figures.py http://127.0.0.1:4566 [--jobs 10] [--runs 3]

A workflow of --jobs Python shell jobs chained by conditional triggers (job i SUCCEEDED starts job i+1),
started by StartWorkflowRun: the real time from StartWorkflowRun to the run's COMPLETED (target: under
10 s for 10 jobs), --runs times, each run after the previous one completed. Each job's script is trivial
(it imports boto3, as a real one would), so the figure is Tarn's orchestration plus one python3 start per job.
"""
import argparse
import time
import uuid

import boto3

parser = argparse.ArgumentParser()
parser.add_argument("endpoint")
parser.add_argument("--jobs", type=int, default=10)
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--bare", action="store_true", help="steps that only print (no boto3 import): Tarn's share of the time")
args = parser.parse_args()

session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
glue = session.client("glue", endpoint_url=args.endpoint)
s3 = session.client("s3", endpoint_url=args.endpoint)

tag = uuid.uuid4().hex[:8]
bucket = "bench-flow-" + tag
s3.create_bucket(Bucket=bucket)
s3.put_object(Bucket=bucket, Key="step.py", Body=b"print('step')\n" if args.bare else b"import boto3\nprint('step')\n")
workflow = "bench-flow-" + tag
glue.create_workflow(Name=workflow)
jobs = ["%s-job-%02d" % (workflow, i) for i in range(args.jobs)]
for job in jobs:
    glue.create_job(Name=job, Role="arn:aws:iam::000000000000:role/glue",
                    Command={"Name": "pythonshell", "ScriptLocation": "s3://%s/step.py" % bucket, "PythonVersion": "3.9"})
glue.create_trigger(Name=workflow + "-start", WorkflowName=workflow, Type="ON_DEMAND", Actions=[{"JobName": jobs[0]}])
for i in range(1, len(jobs)):
    glue.create_trigger(Name="%s-after-%02d" % (workflow, i - 1), WorkflowName=workflow, Type="CONDITIONAL", StartOnCreation=True,
                        Predicate={"Conditions": [{"LogicalOperator": "EQUALS", "JobName": jobs[i - 1], "State": "SUCCEEDED"}]},
                        Actions=[{"JobName": jobs[i]}])

times = []
gaps = []
for n in range(args.runs):
    began = time.monotonic()
    run_id = glue.start_workflow_run(Name=workflow)["RunId"]
    while True:
        run = glue.get_workflow_run(Name=workflow, RunId=run_id)["Run"]
        if run["Status"] != "RUNNING":
            break
        time.sleep(0.02)
    took = time.monotonic() - began
    stats = run["Statistics"]
    assert run["Status"] == "COMPLETED" and stats["SucceededActions"] == args.jobs, run
    times.append(took)
    # Tarn's share: from one job run's CompletedOn to the next one's StartedOn (the conditional trigger firing)
    ends = [glue.get_job_runs(JobName=job)["JobRuns"][0] for job in jobs]
    gap = max((ends[i]["StartedOn"] - ends[i - 1]["CompletedOn"]).total_seconds() for i in range(1, len(ends)))
    gaps.append(gap)
    print("run %d: %d jobs COMPLETED in %.2f s; longest gap between a job's end and the next job's start %.3f s"
          % (n + 1, args.jobs, took, gap))
times.sort()
print("workflow of %d chained Python shell jobs: best %.2f s, median %.2f s, worst %.2f s (target: under 10 s)"
      % (args.jobs, times[0], times[len(times) // 2], times[-1]))
