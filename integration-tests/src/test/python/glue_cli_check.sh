#!/usr/bin/env bash
# The Glue Data Catalog through the AWS CLI against a running Tarn: glue_cli_check.sh http://127.0.0.1:4566
# database, table and table version create-get-update-delete, the VersionId compare-and-set Iceberg commits
# with, and AWS's error codes.
set -euo pipefail
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
E="$1"
aws() { command aws --endpoint-url "$E" "$@"; }
fail() { echo "MISMATCH: $*" >&2; exit 1; }
# the error code of a call that must fail (the CLI prints "An error occurred (Code) when calling ...")
error_code() {
  local out
  if out=$(aws "$@" 2>&1); then fail "aws $* succeeded"; fi
  sed -n 's/.*An error occurred (\([A-Za-z]*\)).*/\1/p' <<<"$out" | head -n1
}
db="cli_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
table_input() { # name metadata_location
  echo "{\"Name\":\"$1\",\"TableType\":\"EXTERNAL_TABLE\",\"Parameters\":{\"table_type\":\"ICEBERG\",\"metadata_location\":\"$2\"},
        \"StorageDescriptor\":{\"Location\":\"s3://warehouse/$db/$1\",\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"}]}}"
}

aws glue create-database --database-input "{\"Name\":\"$db\",\"Description\":\"cli\"}"
[[ "$(aws glue get-database --name "$db" --query Database.Description --output text)" == "cli" ]] || fail "database description"
aws glue update-database --name "$db" --database-input "{\"Name\":\"$db\",\"Description\":\"changed\"}"
[[ "$(aws glue get-database --name "$db" --query Database.Description --output text)" == "changed" ]] || fail "updated description"
[[ "$(error_code glue create-database --database-input "{\"Name\":\"$db\"}")" == "AlreadyExistsException" ]] || fail "duplicate database"
aws glue get-databases --query 'DatabaseList[].Name' --output text | grep -qw "$db" || fail "the database is not listed"

aws glue create-table --database-name "$db" --table-input "$(table_input events s3://warehouse/m/0.json)"
[[ "$(error_code glue create-table --database-name "$db" --table-input "$(table_input events s3://warehouse/m/0.json)")" \
   == "AlreadyExistsException" ]] || fail "duplicate table"
version=$(aws glue get-table --database-name "$db" --name events --query Table.VersionId --output text)
[[ "$version" == "0" ]] || fail "first version '$version'"
aws glue update-table --database-name "$db" --version-id "$version" --table-input "$(table_input events s3://warehouse/m/1.json)"
[[ "$(error_code glue update-table --database-name "$db" --version-id "$version" \
      --table-input "$(table_input events s3://warehouse/m/1-lost.json)")" == "ConcurrentModificationException" ]] \
  || fail "a stale VersionId was accepted"
location=$(aws glue get-table --database-name "$db" --name events --query 'Table.Parameters.metadata_location' --output text)
[[ "$location" == "s3://warehouse/m/1.json" ]] || fail "metadata_location '$location'"
versions=$(aws glue get-table-versions --database-name "$db" --table-name events --query 'TableVersions[].VersionId' --output text)
[[ "$versions" == $'1\t0' ]] || fail "versions '$versions'"
old=$(aws glue get-table-version --database-name "$db" --table-name events --version-id 0 \
  --query 'TableVersion.Table.Parameters.metadata_location' --output text)
[[ "$old" == "s3://warehouse/m/0.json" ]] || fail "version 0 '$old'"
aws glue delete-table-version --database-name "$db" --table-name events --version-id 0
[[ "$(error_code glue get-table-version --database-name "$db" --table-name events --version-id 0)" == "EntityNotFoundException" ]] \
  || fail "a deleted version is still there"
[[ "$(aws glue get-tables --database-name "$db" --query 'TableList[].Name' --output text)" == "events" ]] || fail "get-tables"

aws glue delete-table --database-name "$db" --name events
[[ "$(error_code glue get-table --database-name "$db" --name events)" == "EntityNotFoundException" ]] || fail "table still there"
aws glue delete-database --name "$db"
[[ "$(error_code glue get-database --name "$db")" == "EntityNotFoundException" ]] || fail "database still there"
echo OK
