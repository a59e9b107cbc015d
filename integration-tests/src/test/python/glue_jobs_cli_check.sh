#!/usr/bin/env bash
# Glue jobs through the AWS CLI against a running Tarn: glue_jobs_cli_check.sh http://127.0.0.1:4566
set -euo pipefail
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
aws_() { aws --endpoint-url "$1" "${@:2}"; }
E="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'import sys\nfrom awsglue.utils import getResolvedOptions\nprint(getResolvedOptions(sys.argv, ["n"])["n"])\n' > "$tmp/job.py"
aws_ "$E" s3 mb s3://cli-glue-jobs >/dev/null
aws_ "$E" s3 cp "$tmp/job.py" s3://cli-glue-jobs/job.py >/dev/null
aws_ "$E" glue create-job --name cli-job --role r --command Name=pythonshell,ScriptLocation=s3://cli-glue-jobs/job.py >/dev/null
run=$(aws_ "$E" glue start-job-run --job-name cli-job --arguments '{"--n":"7"}' --query JobRunId --output text)
for _ in $(seq 1 240); do
  state=$(aws_ "$E" glue get-job-run --job-name cli-job --run-id "$run" --query JobRun.JobRunState --output text)
  [ "$state" = STARTING ] || [ "$state" = RUNNING ] || break
  sleep 0.5
done
[ "$state" = SUCCEEDED ] || { echo "run ended $state"; exit 1; }
[ "$(curl -s "$E/_tarn/glue/job-runs/$run/logs?stream=stdout")" = 7 ] || { echo "unexpected stdout"; exit 1; }
[ "$(aws_ "$E" glue get-job-runs --job-name cli-job --query 'length(JobRuns)')" = 1 ]
echo OK
