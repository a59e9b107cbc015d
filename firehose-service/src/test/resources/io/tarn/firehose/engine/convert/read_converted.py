"""Reads a converted Parquet or ORC file with pyarrow and prints its schema and rows as JSON lines."""
import datetime
import decimal
import json
import sys

import pyarrow.orc as orc
import pyarrow.parquet as pq


def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v


path = sys.argv[1]
table = pq.read_table(path) if path.endswith(".parquet") else orc.read_table(path)
print(json.dumps({f.name: str(f.type) for f in table.schema}))
for row in table.to_pylist():
    print(json.dumps({k: plain(v) for k, v in row.items()}, sort_keys=True))
