"""Init-file identities through boto3: python3 identity_boto3_check.py ENDPOINT BUCKET

The server runs with S3IdentityPolicyIT's init file: user alice (AKIAALICE) may read BUCKET/reports/*
and assume role reader, which may read the whole bucket."""
import sys

import boto3

from checks import check, error

endpoint, bucket = sys.argv[1], sys.argv[2]
alice = boto3.session.Session(aws_access_key_id="AKIAALICE", aws_secret_access_key="alice-secret", region_name="us-east-1")
sts = alice.client("sts", endpoint_url=endpoint)
check(sts.get_caller_identity()["Arn"] == "arn:aws:iam::000000000000:user/alice", "alice's identity")

s3 = alice.client("s3", endpoint_url=endpoint)
check(s3.get_object(Bucket=bucket, Key="reports/q1.csv")["Body"].read() == b"q1", "alice reads reports/")
denied = error(lambda: s3.get_object(Bucket=bucket, Key="private/salaries.csv"))
check(denied["Error"]["Code"] == "AccessDenied", "alice may not read private/: %s" % denied)
check("because no identity-based policy allows the s3:GetObject action" in denied["Error"]["Message"], denied["Error"]["Message"])

creds = sts.assume_role(RoleArn="arn:aws:iam::000000000000:role/reader", RoleSessionName="boto3")["Credentials"]
role = boto3.session.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                             aws_session_token=creds["SessionToken"], region_name="us-east-1")
check(role.client("sts", endpoint_url=endpoint).get_caller_identity()["Arn"]
      == "arn:aws:sts::000000000000:assumed-role/reader/boto3", "the session's identity")
role_s3 = role.client("s3", endpoint_url=endpoint)
check(role_s3.get_object(Bucket=bucket, Key="private/salaries.csv")["Body"].read() == b"secret", "the role reads private/")
put = error(lambda: role_s3.put_object(Bucket=bucket, Key="reports/boto3.csv", Body=b"x"))
check(put["Error"]["Code"] == "AccessDenied", "the role may not write: %s" % put)

refused = error(lambda: boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                                     aws_secret_access_key="test").assume_role(
    RoleArn="arn:aws:iam::000000000000:role/reader", RoleSessionName="root"))
check(refused["Error"]["Code"] == "AccessDenied", "the trust policy names alice only: %s" % refused)
print("OK")
