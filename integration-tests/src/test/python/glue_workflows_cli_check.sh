#!/usr/bin/env bash
# Glue triggers through the AWS CLI against a running Tarn: bash glue_workflows_cli_check.sh http://127.0.0.1:4566
set -euo pipefail
endpoint="$1"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
glue() { aws --endpoint-url "$endpoint" glue "$@"; }
err="$(mktemp)"
trap 'rm -f "$err"' EXIT

glue create-job --name cli-trig-job --role arn:aws:iam::000000000000:role/glue \
  --command Name=pythonshell,ScriptLocation=s3://cli-none/none.py,PythonVersion=3.9 >/dev/null
glue create-trigger --name cli-sched --type SCHEDULED --schedule "cron(0 6 * * ? *)" \
  --actions JobName=cli-trig-job --tags team=cli >/dev/null
[ "$(glue get-trigger --name cli-sched --query Trigger.State --output text)" = CREATED ]
glue start-trigger --name cli-sched >/dev/null
[ "$(glue get-trigger --name cli-sched --query Trigger.State --output text)" = ACTIVATED ]
glue stop-trigger --name cli-sched >/dev/null
[ "$(glue get-trigger --name cli-sched --query Trigger.State --output text)" = DEACTIVATED ]
[ "$(glue list-triggers --tags team=cli --query 'TriggerNames[0]' --output text)" = cli-sched ]
glue update-trigger --name cli-sched --trigger-update 'Schedule=cron(0 7 * * ? *)' >/dev/null
[ "$(glue get-trigger --name cli-sched --query Trigger.Schedule --output text)" = "cron(0 7 * * ? *)" ]
if glue create-trigger --name cli-bad --type ON_DEMAND --actions JobName=cli-trig-job --start-on-creation 2>"$err"; then
  echo "StartOnCreation on ON_DEMAND should fail" >&2; exit 1
fi
grep -q InvalidInputException "$err"
glue delete-trigger --name cli-sched >/dev/null
glue delete-trigger --name cli-sched >/dev/null # no error when missing, as AWS
echo OK
