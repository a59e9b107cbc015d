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
assert error(lambda: glue.list_blueprints())[0] == "OperationNotSupportedException"

glue.delete_database(Name="py_catalog")
assert error(lambda: glue.get_table(DatabaseName="py_catalog", Name="clicks"))[0] == "EntityNotFoundException"

def partition_flow():
    """Partitions: a batch create, a typed Expression through the paginator, an index, a batch delete."""
    glue.create_database(DatabaseInput={"Name": "py_parts"})
    glue.create_table(DatabaseName="py_parts", TableInput={
        "Name": "events", "PartitionKeys": [{"Name": "year", "Type": "string"}, {"Name": "hour", "Type": "int"}],
        "StorageDescriptor": {"Location": "s3://bucket/py/events/"}})
    inputs = [{"Values": ["2024", str(h)], "StorageDescriptor": {"Location": f"s3://bucket/py/events/2024/{h}/"}}
              for h in range(24)]
    assert glue.batch_create_partition(DatabaseName="py_parts", TableName="events", PartitionInputList=inputs)["Errors"] == []
    again = glue.batch_create_partition(DatabaseName="py_parts", TableName="events", PartitionInputList=inputs[:1])["Errors"]
    assert again[0]["ErrorDetail"]["ErrorCode"] == "AlreadyExistsException", again
    glue.create_partition_index(DatabaseName="py_parts", TableName="events",
                                PartitionIndex={"IndexName": "by_hour", "Keys": ["hour"]})
    hours = sorted(int(p["Values"][1]) for page in glue.get_paginator("get_partitions").paginate(
        DatabaseName="py_parts", TableName="events", Expression="hour >= 9 AND hour < 12",
        PaginationConfig={"PageSize": 2}) for p in page["Partitions"])
    assert hours == [9, 10, 11], hours
    code, message = error(lambda: glue.get_partitions(DatabaseName="py_parts", TableName="events", Expression="hour >"))
    assert code == "InvalidInputException" and "line 1:6" in message, message
    indexes = glue.get_partition_indexes(DatabaseName="py_parts", TableName="events")["PartitionIndexDescriptorList"]
    assert [(i["IndexName"], i["IndexStatus"]) for i in indexes] == [("by_hour", "ACTIVE")], indexes
    gone = glue.batch_delete_partition(DatabaseName="py_parts", TableName="events",
                                       PartitionsToDelete=[{"Values": ["2024", "0"]}, {"Values": ["1999", "0"]}])["Errors"]
    assert [e["ErrorDetail"]["ErrorCode"] for e in gone] == ["EntityNotFoundException"], gone
    assert error(lambda: glue.get_partition(DatabaseName="py_parts", TableName="events", PartitionValues=["2024", "0"])) == (
        "EntityNotFoundException", "Partition not found.")
    glue.delete_database(Name="py_parts")


partition_flow()

def iceberg_catalog_flow():
    """The calls Iceberg's GlueCatalog makes, through boto3: a commit names the VersionId it read (compare-and-set)."""
    glue.create_database(DatabaseInput={"Name": "py_iceberg", "LocationUri": "s3://warehouse/py_iceberg.db",
                                        "Parameters": {"owner": "py"}})
    glue.update_database(Name="py_iceberg", DatabaseInput={"Name": "py_iceberg", "Description": "lake",
                                                           "LocationUri": "s3://warehouse/py_iceberg.db"})
    assert glue.get_database(Name="py_iceberg")["Database"]["Description"] == "lake"

    def iceberg_input(metadata, previous=None):
        params = {"table_type": "ICEBERG", "metadata_location": metadata}
        if previous:
            params["previous_metadata_location"] = previous
        return {"Name": "events", "TableType": "EXTERNAL_TABLE", "Parameters": params,
                "StorageDescriptor": {"Location": "s3://warehouse/py_iceberg.db/events",
                                      "Columns": [{"Name": "id", "Type": "bigint",
                                                   "Parameters": {"iceberg.field.id": "1", "iceberg.field.optional": "false"}}]}}

    glue.create_table(DatabaseName="py_iceberg", TableInput=iceberg_input("s3://warehouse/m/00000.metadata.json"))
    assert error(lambda: glue.create_table(DatabaseName="py_iceberg", TableInput=iceberg_input("s3://warehouse/m/x.json"))) == (
        "AlreadyExistsException", "Table already exists.")
    assert error(lambda: glue.create_table(DatabaseName="py_iceberg", TableInput=iceberg_input("s3://warehouse/m/y.json"),
                                           OpenTableFormatInput={"IcebergInput": {"MetadataOperation": "CREATE"}}))[0] == \
        "OperationNotSupportedException"
    read = glue.get_table(DatabaseName="py_iceberg", Name="events")["Table"]
    assert read["Parameters"]["table_type"] == "ICEBERG", read
    assert read["StorageDescriptor"]["Columns"][0]["Parameters"]["iceberg.field.id"] == "1", read

    glue.update_table(DatabaseName="py_iceberg", VersionId=read["VersionId"],
                      TableInput=iceberg_input("s3://warehouse/m/00001.metadata.json", "s3://warehouse/m/00000.metadata.json"))
    assert error(lambda: glue.update_table(DatabaseName="py_iceberg", VersionId=read["VersionId"],
                                           TableInput=iceberg_input("s3://warehouse/m/00001-lost.metadata.json"))) == (
        "ConcurrentModificationException", "Update table failed due to concurrent modifications.")
    params = glue.get_table(DatabaseName="py_iceberg", Name="events")["Table"]["Parameters"]
    assert params["metadata_location"] == "s3://warehouse/m/00001.metadata.json", params
    assert params["previous_metadata_location"] == "s3://warehouse/m/00000.metadata.json", params
    old = glue.get_table_version(DatabaseName="py_iceberg", TableName="events", VersionId="0")["TableVersion"]
    assert old["Table"]["Parameters"]["metadata_location"] == "s3://warehouse/m/00000.metadata.json", old
    assert error(lambda: glue.update_table(DatabaseName="py_iceberg", TableInput=dict(iceberg_input("m"), Name="nope")))[0] == \
        "EntityNotFoundException"

    glue.delete_table(DatabaseName="py_iceberg", Name="events")
    assert error(lambda: glue.get_table(DatabaseName="py_iceberg", Name="events"))[0] == "EntityNotFoundException"
    assert error(lambda: glue.delete_table(DatabaseName="py_iceberg", Name="events"))[0] == "EntityNotFoundException"
    glue.delete_database(Name="py_iceberg")


iceberg_catalog_flow()

def crawler_flow():
    """A crawler over Tarn's S3 with a schedule, a crawl to its end, and a custom classifier."""
    import time
    s3 = session.client("s3", endpoint_url=endpoint)
    s3.create_bucket(Bucket="py-crawl")
    s3.put_object(Bucket="py-crawl", Key="events/a.json", Body=b'{"id": 1}\n')
    glue.create_database(DatabaseInput={"Name": "py_crawled"})
    glue.create_classifier(CsvClassifier={"Name": "py-pipes", "Delimiter": "|", "ContainsHeader": "PRESENT"})
    assert glue.get_classifier(Name="py-pipes")["Classifier"]["CsvClassifier"]["Version"] == 1
    glue.create_crawler(Name="py-crawler", Role="AWSGlueServiceRole-py", DatabaseName="py_crawled",
                        Targets={"S3Targets": [{"Path": "s3://py-crawl/events/", "Exclusions": ["**.tmp"]}]},
                        Classifiers=["py-pipes"], Schedule="cron(15 12 * * ? *)")
    crawler = glue.get_crawler(Name="py-crawler")["Crawler"]
    assert crawler["State"] == "READY" and crawler["Schedule"]["State"] == "SCHEDULED", crawler
    assert error(lambda: glue.create_crawler(Name="py-ddb", Role="r", Targets={"DynamoDBTargets": [{"Path": "t"}]}))[0] == \
        "InvalidInputException"
    glue.start_crawler(Name="py-crawler")
    for _ in range(200):
        crawler = glue.get_crawler(Name="py-crawler")["Crawler"]
        if crawler["State"] == "READY" and "LastCrawl" in crawler:
            break
        time.sleep(0.1)
    assert crawler["LastCrawl"]["LogGroup"] == "/aws-glue/crawlers" and crawler["LastCrawl"]["LogStream"] == "py-crawler", crawler
    assert len(glue.list_crawls(CrawlerName="py-crawler")["Crawls"]) == 1
    glue.stop_crawler_schedule(CrawlerName="py-crawler")
    assert error(lambda: glue.stop_crawler_schedule(CrawlerName="py-crawler"))[0] == "SchedulerNotRunningException"
    glue.delete_crawler(Name="py-crawler")
    glue.delete_classifier(Name="py-pipes")
    assert error(lambda: glue.get_crawler(Name="py-crawler"))[0] == "EntityNotFoundException"


crawler_flow()


def catalog_extras():
    """Tags by ARN (a database, a crawler), a connection with HidePassword, a function, table and partition column
    statistics and SearchTables."""
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

    glue.create_table(DatabaseName="py_extras", TableInput={
        "Name": "events", "PartitionKeys": [{"Name": "day", "Type": "string"}],
        "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "bigint"}]}})
    glue.create_partition(DatabaseName="py_extras", TableName="events", PartitionInput={"Values": ["2024-01-01"]})
    assert glue.update_column_statistics_for_partition(DatabaseName="py_extras", TableName="events",
                                                       PartitionValues=["2024-01-01"], ColumnStatisticsList=[stats])["Errors"] == []
    got = glue.get_column_statistics_for_partition(DatabaseName="py_extras", TableName="events",
                                                   PartitionValues=["2024-01-01"], ColumnNames=["id", "ghost"])
    assert [c["ColumnName"] for c in got["ColumnStatisticsList"]] == ["id"], got
    assert [(e["ColumnName"], e["Error"]["ErrorCode"]) for e in got["Errors"]] == [("ghost", "EntityNotFoundException")], got
    assert error(lambda: glue.get_column_statistics_for_partition(
        DatabaseName="py_extras", TableName="events", PartitionValues=["2030-01-01"], ColumnNames=["id"])) == \
        ("EntityNotFoundException", "Partition [2030-01-01] not found")
    glue.delete_column_statistics_for_partition(DatabaseName="py_extras", TableName="events",
                                                PartitionValues=["2024-01-01"], ColumnName="id")

    crawler_arn = "arn:aws:glue:us-east-1:000000000000:crawler/py-tagged"
    glue.create_crawler(Name="py-tagged", Role="arn:aws:iam::000000000000:role/glue", DatabaseName="py_extras",
                        Targets={"S3Targets": [{"Path": "s3://py-lake/data/"}]}, Tags={"team": "data"})
    glue.tag_resource(ResourceArn=crawler_arn, TagsToAdd={"env": "dev"})
    assert glue.get_tags(ResourceArn=crawler_arn)["Tags"] == {"team": "data", "env": "dev"}
    assert "py-tagged" in glue.list_crawlers(Tags={"env": "dev"})["CrawlerNames"]
    glue.delete_crawler(Name="py-tagged")
    assert error(lambda: glue.get_tags(ResourceArn=crawler_arn))[0] == "EntityNotFoundException"

    found = glue.search_tables(Filters=[{"Key": "DatabaseName", "Value": "py_extras"}], SearchText="parquet")["TableList"]
    assert [t["Name"] for t in found] == ["orders"], found
    assert glue.get_catalog_import_status()["ImportStatus"]["ImportCompleted"] is True
    glue.delete_database(Name="py_extras")


catalog_extras()
print("OK")
