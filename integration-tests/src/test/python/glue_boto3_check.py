"""The Glue Data Catalog through boto3 against a running Tarn: python3 glue_boto3_check.py http://127.0.0.1:4566"""
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
assert error(lambda: glue.get_jobs())[0] == "OperationNotSupportedException"

glue.delete_database(Name="py_catalog")
assert error(lambda: glue.get_table(DatabaseName="py_catalog", Name="clicks"))[0] == "EntityNotFoundException"


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
print("OK")
