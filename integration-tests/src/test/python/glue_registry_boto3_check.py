"""The Glue Schema Registry through boto3 against a running Tarn: python3 glue_registry_boto3_check.py http://127.0.0.1:4566"""
import json
import sys

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
glue = session.client("glue", endpoint_url=endpoint)


def error(fn):
    try:
        fn()
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"]
    raise AssertionError("expected an error")


def record(*fields):
    return json.dumps({"type": "record", "name": "Click", "namespace": "py",
                       "fields": [{"name": "id", "type": "long"}, *fields]})


created = glue.create_registry(RegistryName="py-registry", Description="from boto3", Tags={"team": "py"})
assert created["RegistryArn"] == "arn:aws:glue:us-east-1:000000000000:registry/py-registry", created
registry = glue.get_registry(RegistryId={"RegistryName": "py-registry"})
assert registry["Status"] == "AVAILABLE" and registry["CreatedTime"].endswith("Z"), registry
assert error(lambda: glue.create_registry(RegistryName="py-registry"))[0] == "AlreadyExistsException"

schema = glue.create_schema(RegistryId={"RegistryName": "py-registry"}, SchemaName="clicks", DataFormat="AVRO",
                            Compatibility="FULL", SchemaDefinition=record())
assert schema["SchemaArn"] == "arn:aws:glue:us-east-1:000000000000:schema/py-registry/clicks", schema
assert schema["SchemaVersionStatus"] == "AVAILABLE" and schema["LatestSchemaVersion"] == 1, schema
schema_id = {"RegistryName": "py-registry", "SchemaName": "clicks"}

v2 = glue.register_schema_version(SchemaId=schema_id, SchemaDefinition=record({"name": "page", "type": "string", "default": ""}))
assert v2["VersionNumber"] == 2 and v2["Status"] == "PENDING", v2
assert glue.get_schema_version(SchemaVersionId=v2["SchemaVersionId"])["Status"] == "AVAILABLE"
v3 = glue.register_schema_version(SchemaId=schema_id, SchemaDefinition=record({"name": "user", "type": "string"}))
assert glue.get_schema_version(SchemaId=schema_id, SchemaVersionNumber={"VersionNumber": 3})["Status"] == "FAILURE"
latest = glue.get_schema_version(SchemaId=schema_id, SchemaVersionNumber={"LatestVersion": True})
assert latest["SchemaVersionId"] == v3["SchemaVersionId"], latest

found = glue.get_schema_by_definition(SchemaId=schema_id, SchemaDefinition=record())
assert found["SchemaVersionId"] == schema["SchemaVersionId"], found
assert error(lambda: glue.get_schema_by_definition(SchemaId=schema_id, SchemaDefinition=record({"name": "x", "type": "int"}))) \
    == ("EntityNotFoundException", "Schema version is not found.")

numbers = [v["VersionNumber"] for page in glue.get_paginator("list_schema_versions").paginate(
    SchemaId=schema_id, PaginationConfig={"PageSize": 2}) for v in page["Schemas"]]
assert numbers == [1, 2, 3], numbers

glue.put_schema_version_metadata(SchemaVersionId=v2["SchemaVersionId"],
                                 MetadataKeyValue={"MetadataKey": "owner", "MetadataValue": "py"})
metadata = glue.query_schema_version_metadata(SchemaVersionId=v2["SchemaVersionId"])["MetadataInfoMap"]
assert metadata["owner"]["MetadataValue"] == "py", metadata

valid = glue.check_schema_version_validity(DataFormat="JSON", SchemaDefinition='{"type": "object"}')
assert valid["Valid"] is True, valid
invalid = glue.check_schema_version_validity(DataFormat="PROTOBUF", SchemaDefinition="message A { string a = }")
assert invalid["Valid"] is False and invalid["Error"], invalid

assert glue.delete_schema_versions(SchemaId=schema_id, Versions="2-3")["SchemaVersionErrors"] == []
assert glue.delete_schema(SchemaId=schema_id)["Status"] == "DELETING"
assert glue.delete_registry(RegistryId={"RegistryName": "py-registry"})["Status"] == "DELETING"
assert error(lambda: glue.get_schema(SchemaId=schema_id)) == ("EntityNotFoundException", "Schema is not found.")
print("OK")
