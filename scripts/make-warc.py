#!/usr/bin/env python3
"""Writes the WARC test fixtures with PyPI warcio (a writer salvage did not write), from
three dumps of input/: the same articles the sources tests read as loose files, zips,
tarballs and gzip files.

Each WARC holds, in order: a warcinfo record; for the first two dumps a request and a
response (HTTP 200, text/plain; charset=utf-8, the dump's bytes as payload); the third
dump as a resource record (text/plain); then a 404 response and an image/jpeg response,
which hold no article. Record ids and dates are fixed, so the files are the same bytes on
every run (warcio's gzip members carry no timestamp).

usage: make-warc.py OUT_DIR
writes OUT_DIR/articles-1.1.warc.gz (WARC/1.1, a gzip member per record),
       OUT_DIR/articles-1.0.warc    (WARC/1.0, uncompressed),
and next to each, FILE.index.jsonl: `warcio index` lines (type, target URI, offset).
"""
import io
import json
import pathlib
import sys

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DUMPS = [
    "000_b3723bb827f40c3b.txt",
    "003_ttxvn-son-la-cay-an-qua.txt",
    "005_qno-hoi-an-don-tet.txt",
]
BASE = "http://baolangson.vn/archive/"


def records(writer, version_tag):
    counter = iter(range(1, 1000))

    def headers(minute):
        return {
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{version_tag}{next(counter):010d}>",
            "WARC-Date": f"2021-01-19T08:{minute:02d}:00Z",
        }

    info = writer.create_warcinfo_record("articles.warc", {"software": "warcio (salvage test fixture)"})
    info.rec_headers.replace_header("WARC-Record-ID", headers(0)["WARC-Record-ID"])
    info.rec_headers.replace_header("WARC-Date", "2021-01-19T08:00:00Z")
    yield info
    root = pathlib.Path(__file__).resolve().parent.parent / "input"
    for minute, name in enumerate(DUMPS, start=1):
        body = (root / name).read_bytes()
        uri = BASE + name.replace(".txt", ".html")
        if minute < 3:
            request = StatusAndHeaders("GET /archive/ HTTP/1.1", [("Host", "baolangson.vn")], is_http_request=True)
            yield writer.create_warc_record(uri, "request", http_headers=request, warc_headers_dict=headers(minute))
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain; charset=utf-8")], protocol="HTTP/1.1")
            yield writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                            http_headers=http, warc_headers_dict=headers(minute))
        else:
            yield writer.create_warc_record(uri, "resource", payload=io.BytesIO(body), length=len(body),
                                            warc_content_type="text/plain; charset=utf-8",
                                            warc_headers_dict=headers(minute))
    missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    yield writer.create_warc_record(BASE + "missing.html", "response", payload=io.BytesIO(b"<h1>404</h1>"),
                                    length=12, http_headers=missing, warc_headers_dict=headers(10))
    image = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1")
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
    yield writer.create_warc_record(BASE + "photo.jpg", "response", payload=io.BytesIO(jpeg),
                                    length=len(jpeg), http_headers=image, warc_headers_dict=headers(11))


def write(path, gzip, version):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip, warc_version=version)
        for record in records(writer, version.replace(".", "")):
            writer.write_record(record)
    # What warcio itself reads back: each record's type, target and offset.
    lines = []
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            lines.append({
                "warc-type": record.rec_type,
                "warc-target-uri": record.rec_headers.get_header("WARC-Target-URI"),
                "offset": iterator.get_record_offset(),
            })
    index = pathlib.Path(str(path) + ".index.jsonl")
    index.write_text("".join(json.dumps(line) + "\n" for line in lines))


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    write(out / "articles-1.1.warc.gz", True, "1.1")
    write(out / "articles-1.0.warc", False, "1.0")


if __name__ == "__main__":
    main()
