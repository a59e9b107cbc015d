"""pyarrow reads what Firehose's record format conversion delivered to Tarn's S3:
python3 firehose_parquet_check.py ENDPOINT BUCKET PREFIX DATABASE TABLE RECORDS.jsonl parquet|orc

The Glue table DATABASE.TABLE is the conversion schema (read with boto3); RECORDS.jsonl holds the
JSON records that should have converted, one a line, in the order they were put. Under
BUCKET/PREFIX there must be one object of the format, in a Hive-style dt=<day> folder. pyarrow reads
it as a dataset through pyarrow.fs.S3FileSystem: its columns must be the table's, each of the Arrow
type the Hive type reads as, and its rows the records as the OpenX JSON SerDe reads them
(case-insensitive keys, numbers and booleans given as strings, epoch milliseconds, missing = null).
Exits non-zero on the first mismatch.
"""
import datetime
import decimal
import json
import re
import sys
from urllib.parse import urlparse

import boto3
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs
from checks import check

endpoint, bucket, prefix, database, table_name, records_path, fmt = sys.argv[1:8]


# --- Hive types, as a Glue column declares them ---

def parse_hive(text):
    """'struct<a:int,b:array<string>>' -> ('struct', [('a', ('int',)), ('b', ('array', ('string',)))])"""
    tokens = re.findall(r"[A-Za-z_][A-Za-z0-9_]*|\d+|[<>(),:]", text)
    pos = 0

    def take(expected=None):
        nonlocal pos
        token = tokens[pos]
        check(expected is None or token == expected, "Hive type %s: %s at token %d" % (text, expected, pos))
        pos += 1
        return token

    def one():
        word = take().lower()
        if word == "array":
            take("<"); element = one(); take(">")
            return ("array", element)
        if word == "map":
            take("<"); key = one(); take(","); value = one(); take(">")
            return ("map", key, value)
        if word == "struct":
            take("<")
            fields = []
            while tokens[pos] != ">":
                if fields:
                    take(",")
                name = take().lower(); take(":")
                fields.append((name, one()))
            take(">")
            return ("struct", fields)
        if word == "decimal":
            take("("); precision = int(take()); take(","); scale = int(take()); take(")")
            return ("decimal", precision, scale)
        return (word,)

    parsed = one()
    check(pos == len(tokens), "Hive type %s read to its end" % text)
    return parsed


SIMPLE = {
    "string": lambda t: pa.types.is_string(t) or pa.types.is_large_string(t),
    "bigint": lambda t: t == pa.int64(), "int": lambda t: t == pa.int32(),
    "smallint": lambda t: t == pa.int16(), "tinyint": lambda t: t == pa.int8(),
    "double": lambda t: t == pa.float64(), "float": lambda t: t == pa.float32(),
    "boolean": lambda t: t == pa.bool_(), "timestamp": lambda t: pa.types.is_timestamp(t) and t.tz is None,
    "date": lambda t: t == pa.date32(), "binary": lambda t: pa.types.is_binary(t) or pa.types.is_large_binary(t),
}


def arrow_matches(hive, t):
    kind = hive[0]
    if kind in SIMPLE:
        return SIMPLE[kind](t)
    if kind == "decimal":
        return pa.types.is_decimal(t) and (t.precision, t.scale) == hive[1:]
    if kind == "array":
        return pa.types.is_list(t) and arrow_matches(hive[1], t.value_type)
    if kind == "map":
        return pa.types.is_map(t) and arrow_matches(hive[1], t.key_type) and arrow_matches(hive[2], t.item_type)
    if kind == "struct":
        return (pa.types.is_struct(t) and [t.field(i).name for i in range(t.num_fields)] == [n for n, _ in hive[1]]
                and all(arrow_matches(h, t.field(i).type) for i, (_, h) in enumerate(hive[1])))
    return False


# --- what the OpenX JSON SerDe reads from a JSON value, as pyarrow's to_pylist gives it ---

def parse_timestamp(v):
    if isinstance(v, (int, decimal.Decimal)) and not isinstance(v, bool):
        return datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=int(v))
    text = v.strip()
    for pattern in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, pattern)
        except ValueError:
            pass
    check(False, "a test record's timestamp %r" % v)


def expected_value(v, hive):
    if v is None:
        return None
    kind = hive[0]
    if kind == "string":
        return v if isinstance(v, str) else json.dumps(v)
    if kind == "binary":
        return (v if isinstance(v, str) else json.dumps(v)).encode("utf-8")
    if kind in ("bigint", "int", "smallint", "tinyint"):
        return int(decimal.Decimal(str(v)))
    if kind in ("double", "float"):
        return float(v)
    if kind == "boolean":
        return v if isinstance(v, bool) else str(v).strip().lower() == "true"
    if kind == "decimal":
        return decimal.Decimal(str(v)).quantize(decimal.Decimal(1).scaleb(-hive[2]), rounding=decimal.ROUND_HALF_UP)
    if kind == "timestamp":
        return parse_timestamp(v)
    if kind == "date":
        return datetime.date.fromisoformat(v)
    if kind == "array":
        return [expected_value(e, hive[1]) for e in v]
    if kind == "map":
        return [(expected_value(k, hive[1]), expected_value(x, hive[2])) for k, x in v.items()]
    if kind == "struct":
        by_key = {k.lower(): x for k, x in v.items()}  # CaseInsensitive (the default) lower-cases keys
        return {name: expected_value(by_key.get(name), h) for name, h in hive[1]}
    check(False, "no expectation for Hive type %s" % (hive,))


glue = boto3.client("glue", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test",
                    region_name="us-east-1")
columns = [(c["Name"].lower(), parse_hive(c["Type"]))
           for c in glue.get_table(DatabaseName=database, Name=table_name)["Table"]["StorageDescriptor"]["Columns"]]
row_type = ("struct", columns)
with open(records_path, encoding="utf-8") as f:
    records = [json.loads(line, parse_float=decimal.Decimal) for line in f if line.strip()]
expected = [expected_value(r, row_type) for r in records]

fs = pafs.S3FileSystem(endpoint_override=urlparse(endpoint).netloc, scheme="http", access_key="test", secret_key="test",
                       region="us-east-1", force_virtual_addressing=False, connect_timeout=10, request_timeout=60)
root = bucket + "/" + prefix.rstrip("/")
files = [i.path for i in fs.get_file_info(pafs.FileSelector(root, recursive=True)) if i.type == pafs.FileType.File]
check(len(files) == 1 and files[0].endswith("." + fmt), "one .%s object under %s: %s" % (fmt, root, files))
day = re.search(r"/dt=(\d{4}-\d{2}-\d{2})/", files[0])
check(day is not None, "a dt=<day> folder in %s" % files[0])

dataset = ds.dataset(root, format=fmt, filesystem=fs, partitioning="hive")
table = dataset.to_table()
names = [n for n, _ in columns]
check(table.column_names == names + ["dt"], "columns %s, expected %s + dt" % (table.column_names, names))
for name, hive in columns:
    t = table.schema.field(name).type
    check(arrow_matches(hive, t), "column %s: Arrow type %s for Hive type %s" % (name, t, hive))
check(table.num_rows == len(expected), "%d rows, %d records converted" % (table.num_rows, len(expected)))
check(set(table.column("dt").to_pylist()) == {day.group(1)}, "dt: %s" % set(table.column("dt").to_pylist()))

# timestamps (INT96 in Parquet, ORC's own) read as nanoseconds: compared at microseconds, Python's precision
table = table.select(names)
table = pa.table([c.cast(pa.timestamp("us")) if pa.types.is_timestamp(c.type) else c for c in table.columns], names=names)
for i, (got, want) in enumerate(zip(table.to_pylist(), expected)):
    check(got == want, "row %d:\n  read     %s\n  expected %s" % (i, got, want))
print("OK: pyarrow read %d rows of %d columns from the delivered %s dataset" % (table.num_rows, len(names), fmt))
