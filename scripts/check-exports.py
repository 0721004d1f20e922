#!/usr/bin/env python3
"""Reads a salvage output folder back with Python's own csv and json modules (a reader that
salvage did not write) and checks that they agree: every input dump is a record, every CSV
row equals its JSONL record field for field, nulls are bare empty CSV fields, every string
is quoted, and the summary line matches report.json.

usage: check-exports.py OUTPUT_DIR SUMMARY_JSON_LINE
"""
import csv
import io
import json
import pathlib
import sys


def fail(message):
    print(f"check-exports: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    out = pathlib.Path(sys.argv[1])
    summary = json.loads(sys.argv[2])
    records = [json.loads(line) for line in (out / "records.jsonl").read_text("utf-8").splitlines()]
    report = json.loads((out / "report.json").read_text("utf-8"))
    dumps = [p for p in pathlib.Path("input").rglob("*.txt")]
    if summary["status"] != "ok" or summary["records"] != len(records):
        fail(f"summary {summary} does not match {len(records)} records")
    if len(records) != len(dumps):
        fail(f"{len(dumps)} dumps in input/ but {len(records)} records")
    for key in ("documents", "records", "rejects"):
        if report[key] != summary[key]:
            fail(f"report.json {key}={report[key]} but summary says {summary[key]}")

    raw = (out / "records.csv").read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        fail("records.csv starts with a BOM")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    header, rows = rows[0], rows[1:]
    if header != list(records[0].keys()):
        fail(f"CSV header {header} differs from JSONL keys")
    if len(rows) != len(records):
        fail(f"{len(rows)} CSV rows for {len(records)} records")
    for row, record in zip(rows, records):
        for name, cell in zip(header, row):
            value = record[name]
            if value is None:
                expected = ""
            elif isinstance(value, str):
                expected = value
            else:
                expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            if cell != expected:
                fail(f"{record['source_path']}: {name}: CSV {cell!r} != JSONL {expected!r}")
    # Raw quoting: schema_version (2) bare, id quoted, a null url bare (never ""). Text holds
    # no CR (salvage turns line ends into LF), so CRLF splits the raw rows exactly.
    for record, line in zip(records, raw.decode("utf-8").split("\r\n")[1:]):
        if not line.startswith(f'2,"{record["id"]}",'):
            fail(f"row does not start with a bare 2 and a quoted id: {line[:40]!r}")
        if record["url"] is None and f'"{record["source_format"]}",,' not in line:
            fail(f"{record['source_path']}: the null url is not a bare empty field")
    print(f"check-exports: {len(records)} records, CSV and JSONL agree field for field; "
          f"report counts {report['documents']} documents, {report['rejects']} rejects")


if __name__ == "__main__":
    main()
