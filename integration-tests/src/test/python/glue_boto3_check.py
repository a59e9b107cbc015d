"""The Glue Data Catalog through boto3 against a running Tarn: python3 glue_boto3_check.py http://127.0.0.1:4566"""
import datetime
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


glue.create_database(DatabaseInput={"Name": "Py_Catalog", "LocationUri": "s3://bucket/py/"})
db = glue.get_database(Name="py_catalog")["Database"]
assert db["Name"] == "py_catalog" and db["CatalogId"] == "000000000000", db
assert error(lambda: glue.get_database(Name="py_missing")) == ("EntityNotFoundException", "Database py_missing not found.")

table_input = {
    "Name": "clicks",
    "TableType": "EXTERNAL_TABLE",
    "Parameters": {"classification": "json"},
    "PartitionKeys": [{"Name": "dt", "Type": "string"}],
    "StorageDescriptor": {
        "Columns": [{"Name": "id", "Type": "bigint"}, {"Name": "url", "Type": "string"}],
        "Location": "s3://bucket/py/clicks/",
        "SerdeInfo": {"SerializationLibrary": "org.openx.data.jsonserde.JsonSerDe"},
    },
}
glue.create_table(DatabaseName="py_catalog", TableInput=table_input)
table = glue.get_table(DatabaseName="py_catalog", Name="clicks")["Table"]
assert table["VersionId"] == "0" and table["IsRegisteredWithLakeFormation"] is False, table
assert table["StorageDescriptor"]["Columns"] == table_input["StorageDescriptor"]["Columns"], table
assert table["CreateTime"] == table["UpdateTime"], table

glue.update_table(DatabaseName="py_catalog", TableInput=dict(table_input, Parameters={"classification": "parquet"}), VersionId="0")
assert error(lambda: glue.update_table(DatabaseName="py_catalog", TableInput=table_input, VersionId="0")) == (
    "ConcurrentModificationException", "Update table failed due to concurrent modifications.")
versions = glue.get_table_versions(DatabaseName="py_catalog", TableName="clicks")["TableVersions"]
assert [v["VersionId"] for v in versions] == ["1", "0"], versions

names = [t["Name"] for page in glue.get_paginator("get_tables").paginate(DatabaseName="py_catalog", Expression="click*",
                                                                        PaginationConfig={"PageSize": 1}) for t in page["TableList"]]
assert names == ["clicks"], names
assert error(lambda: glue.get_crawlers())[0] == "OperationNotSupportedException"

glue.delete_database(Name="py_catalog")
assert error(lambda: glue.get_table(DatabaseName="py_catalog", Name="clicks"))[0] == "EntityNotFoundException"


def catalog_extras():
    """Tags by ARN, a connection with HidePassword, a function, column statistics and SearchTables."""
    arn = "arn:aws:glue:us-east-1:000000000000:database/py_extras"
    glue.create_database(DatabaseInput={"Name": "py_extras"}, Tags={"team": "data"})
    glue.tag_resource(ResourceArn=arn, TagsToAdd={"env": "dev"})
    glue.untag_resource(ResourceArn=arn, TagsToRemove=["team"])
    assert glue.get_tags(ResourceArn=arn)["Tags"] == {"env": "dev"}
    assert error(lambda: glue.get_tags(ResourceArn=arn + "_missing"))[0] == "EntityNotFoundException"

    glue.create_connection(ConnectionInput={"Name": "py-pg", "ConnectionType": "JDBC", "ConnectionProperties": {
        "JDBC_CONNECTION_URL": "jdbc:postgresql://h/db", "USERNAME": "u", "PASSWORD": "p"}})
    props = glue.get_connection(Name="py-pg", HidePassword=True)["Connection"]["ConnectionProperties"]
    assert "PASSWORD" not in props and props["USERNAME"] == "u", props
    assert [c["Name"] for c in glue.get_connections(Filter={"ConnectionType": "JDBC"})["ConnectionList"]] == ["py-pg"]
    assert glue.batch_delete_connection(ConnectionNameList=["py-pg"])["Succeeded"] == ["py-pg"]

    glue.create_user_defined_function(DatabaseName="py_extras", FunctionInput={
        "FunctionName": "py_upper", "ClassName": "com.example.Upper", "OwnerName": "me", "OwnerType": "USER"})
    functions = glue.get_user_defined_functions(Pattern="py_*")["UserDefinedFunctions"]
    assert [(f["DatabaseName"], f["FunctionName"]) for f in functions] == [("py_extras", "py_upper")], functions

    glue.create_table(DatabaseName="py_extras", TableInput={"Name": "orders", "Parameters": {"classification": "parquet"},
                                                           "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "bigint"}]}})
    stats = {"ColumnName": "id", "ColumnType": "bigint", "AnalyzedTime": datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc),
             "StatisticsData": {"Type": "LONG", "LongColumnStatisticsData": {
                 "MinimumValue": 1, "MaximumValue": 9, "NumberOfNulls": 0, "NumberOfDistinctValues": 9}}}
    assert glue.update_column_statistics_for_table(DatabaseName="py_extras", TableName="orders",
                                                   ColumnStatisticsList=[stats])["Errors"] == []
    got = glue.get_column_statistics_for_table(DatabaseName="py_extras", TableName="orders", ColumnNames=["id"])
    assert got["ColumnStatisticsList"][0]["StatisticsData"]["LongColumnStatisticsData"]["MaximumValue"] == 9, got

    found = glue.search_tables(Filters=[{"Key": "DatabaseName", "Value": "py_extras"}], SearchText="parquet")["TableList"]
    assert [t["Name"] for t in found] == ["orders"], found
    assert glue.get_catalog_import_status()["ImportStatus"]["ImportCompleted"] is True
    glue.delete_database(Name="py_extras")


catalog_extras()
print("OK")
