#!/usr/bin/env python3
"""Loads a salvage output folder into DuckDB (read_csv, a typed table from `salvage schema
--sql duckdb`, read_json, read_parquet) and into a running PostgreSQL (the table from
`salvage schema --sql postgres`, `\\copy ... (FORMAT csv, HEADER true)`, and the JSONL into
jsonb), and checks that every record arrives and that every field of every record equals
the JSONL's: the same text, the same numbers, the same dates, the same lists, the same nulls.

usage: check-warehouses.py OUTPUT_DIR SALVAGE_BINARY [--postgres]
PostgreSQL is reached through PGHOST/PGPORT/PGUSER (psql on PATH).
"""
import csv
import datetime
import io
import json
import pathlib
import subprocess
import sys

import duckdb

LISTS = {"repairs", "captions", "warnings"}
DATES = {"published", "header_date", "dateline_date"}


def fail(message):
    print(f"check-warehouses: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def csv_text(value):
    """The text records.csv holds for a JSONL value (None for a null)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def normal(name, value):
    """A loaded value in the JSONL's terms."""
    if value is None:
        return None
    if name in LISTS and isinstance(value, str):
        return json.loads(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def compare(how, fields, rows, records):
    """rows: one dict per loaded row; every field must equal the record's."""
    if len(rows) != len(records):
        fail(f"{how}: {len(rows)} rows loaded for {len(records)} records")
    by_path = {r["source_path"]: r for r in records}
    if len(by_path) != len(records):
        fail("source_path is not unique in this corpus; the check needs it to be")
    for row in rows:
        record = by_path.get(row["source_path"])
        if record is None:
            fail(f"{how}: a row for {row['source_path']!r} that the JSONL does not have")
        for name in fields:
            got, want = normal(name, row[name]), record[name]
            if got != want:
                fail(f"{how}: {record['source_path']!r}: {name}: {got!r} != JSONL {want!r}")
    print(f"check-warehouses: {how}: {len(rows)} records, every field equals the JSONL")


def duckdb_rows(con, sql):
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def check_duckdb(out, salvage, fields, records):
    con = duckdb.connect()
    csv_path = str(out / "records.csv")
    options = "header=true, quote='\"', escape='\"', allow_quoted_nulls=false"
    rows = duckdb_rows(con, f"SELECT * FROM read_csv('{csv_path}', {options}, all_varchar=true)")
    as_text = [{k: csv_text(v) for k, v in r.items()} for r in records]
    if len(rows) != len(records):
        fail(f"DuckDB read_csv: {len(rows)} rows for {len(records)} records")
    for row, record in zip(rows, as_text):
        for name in fields:
            if row[name] != record[name]:
                fail(f"DuckDB read_csv: {record['source_path']!r}: {name}: {row[name]!r} != {record[name]!r}")
    print(f"check-warehouses: DuckDB read_csv (all_varchar): {len(rows)} records, every cell equals the JSONL's text")

    ddl = subprocess.run([salvage, "schema", "--sql", "duckdb"], check=True, capture_output=True, text=True).stdout
    con.execute(ddl)
    con.execute(f"COPY articles FROM '{csv_path}' (FORMAT csv, HEADER true, QUOTE '\"', ESCAPE '\"', ALLOW_QUOTED_NULLS false)")
    compare("DuckDB CREATE TABLE (salvage schema --sql duckdb) + COPY records.csv", fields,
            duckdb_rows(con, "SELECT * FROM articles"), records)
    compare("DuckDB read_json(records.jsonl)", fields,
            duckdb_rows(con, f"SELECT * FROM read_json('{out / 'records.jsonl'}')"), records)
    compare("DuckDB read_parquet(records.parquet)", fields,
            duckdb_rows(con, f"SELECT * FROM read_parquet('{out / 'records.parquet'}')"), records)
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{out / 'records.parquet'}'))").fetchall())
    expected = {"published": "DATE", "captions": "VARCHAR[]", "word_count": "BIGINT", "encoding_confidence": "DOUBLE"}
    for name, kind in expected.items():
        if types.get(name) != kind:
            fail(f"records.parquet: {name} is {types.get(name)}, expected {kind}")
    print("check-warehouses: records.parquet column types: " + ", ".join(f"{k} {v}" for k, v in expected.items()))


def psql(*args, stdin=None):
    return subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres", *args],
                          input=stdin, check=True, capture_output=True, text=True).stdout


def check_postgres(out, salvage, fields, records):
    ddl = subprocess.run([salvage, "schema", "--sql", "postgres"], check=True, capture_output=True, text=True).stdout
    psql("-c", "DROP TABLE IF EXISTS articles; DROP TABLE IF EXISTS docs;")
    psql(stdin=ddl)
    psql("-c", f"\\copy articles FROM '{out / 'records.csv'}' WITH (FORMAT csv, HEADER true)")
    text = psql("-A", "-t", "-c", "SELECT row_to_json(a) FROM articles a")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    compare("PostgreSQL CREATE TABLE (salvage schema --sql postgres) + \\copy records.csv", fields, rows, records)
    psql("-c", "CREATE TABLE docs (doc jsonb NOT NULL)")
    psql("-c", f"\\copy docs(doc) FROM '{out / 'records.jsonl'}' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')")
    text = psql("-A", "-t", "-c", "SELECT doc FROM docs")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    compare("PostgreSQL jsonb \\copy records.jsonl", fields, rows, records)


def main():
    out, salvage = pathlib.Path(sys.argv[1]).resolve(), sys.argv[2]
    records = [json.loads(line) for line in (out / "records.jsonl").read_text("utf-8").splitlines()]
    if not records:
        fail("no records to check")
    fields = list(records[0].keys())
    hostile = [r for r in records if any(c in (r["title"] + r["body"]) for c in '",') and "\n" in r["body"]]
    if not hostile:
        fail("the corpus has no record with quotes, commas and newlines: the check would prove little")
    check_duckdb(out, salvage, fields, records)
    if "--postgres" in sys.argv[3:]:
        check_postgres(out, salvage, fields, records)


if __name__ == "__main__":
    main()
