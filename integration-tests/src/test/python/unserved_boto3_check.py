"""Clients of services Tarn lacks, through boto3: python3 unserved_boto3_check.py http://127.0.0.1:4566

Each must get an error in its own protocol that names the service (awsJson, query, rest-json),
never an S3 error.
"""
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
no_retries = Config(retries={"max_attempts": 1})


def refused(service, call):
    try:
        call(session.client(service, endpoint_url=endpoint, config=no_retries))
    except ClientError as e:
        error = e.response["Error"]
        status = e.response["ResponseMetadata"]["HTTPStatusCode"]
        assert status == 400, (service, status, error)
        assert error["Message"] == "Tarn does not serve " + service, (service, error)
        return error["Code"]
    raise AssertionError(service + ": expected an error")


assert refused("sqs", lambda c: c.list_queues()) == "UnknownOperationException"            # awsJson 1.0
assert refused("dynamodb", lambda c: c.list_tables()) == "UnknownOperationException"       # awsJson 1.0
assert refused("logs", lambda c: c.describe_log_groups()) == "UnknownOperationException"  # awsJson 1.1
assert refused("sns", lambda c: c.list_topics()) == "InvalidAction"                        # query
assert refused("lambda", lambda c: c.list_functions()) == "UnknownOperationException"      # rest-json
print("OK")
