#!/usr/bin/env bash
# Glue EVENT triggers fed by S3 through the AWS CLI against a running Tarn whose init file has the event rule
# "cli-ev-uploads" (S3 Object Created events of bucket cli-ev-raw to workflow cli-ev-flow):
# bash glue_event_trigger_cli_check.sh http://127.0.0.1:4566
set -euo pipefail
endpoint="$1"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
aws_() { aws --endpoint-url "$endpoint" "$@"; }
body="$(mktemp)"
trap 'rm -f "$body"' EXIT
echo "id" >"$body"

aws_ s3api create-bucket --bucket cli-ev-raw >/dev/null
aws_ s3api put-bucket-notification-configuration --bucket cli-ev-raw \
  --notification-configuration '{"EventBridgeConfiguration":{}}'
aws_ glue create-workflow --name cli-ev-flow >/dev/null
aws_ glue create-job --name cli-ev-job --role arn:aws:iam::000000000000:role/glue \
  --command Name=pythonshell,ScriptLocation=s3://cli-ev-raw/none.py,PythonVersion=3.9 >/dev/null
aws_ glue create-trigger --name cli-ev-go --workflow-name cli-ev-flow --type EVENT --start-on-creation \
  --event-batching-condition BatchSize=1 --actions JobName=cli-ev-job >/dev/null
aws_ s3api put-object --bucket cli-ev-raw --key in/one.csv --body "$body" >/dev/null
for _ in $(seq 1 600); do
  run="$(aws_ glue get-workflow-runs --name cli-ev-flow --query 'Runs[0].WorkflowRunId' --output text)"
  [ "$run" != None ] && break
  sleep 0.1
done
[ "$(aws_ glue get-workflow-run --name cli-ev-flow --run-id "$run" --query Run.StartingEventBatchCondition.BatchSize --output text)" = 1 ]
aws_ glue get-workflow-run-properties --name cli-ev-flow --run-id "$run" --query 'RunProperties."aws:eventIds"' --output text | grep -q '^\["'
echo OK
