#!/usr/bin/env python3
"""Writes a UTF-8 page of src/ in a legacy encoding, as old Vietnamese sites saved them:
    python3 encode.py windows-1258 src/PAGE.html PAGE.html
    python3 encode.py tcvn3 src/PAGE.html PAGE.html
windows-1258 writes tone marks as combining bytes after the base letter (as Windows did);
TCVN3 uses ../../../../shared/data/vn-tables/tcvn3-abc.txt (or $TCVN3_TABLE), where
capitals with tones have no code and are written with the lowercase byte, as the fonts did.
"""
import os
import sys
import unicodedata

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text):
    out = bytearray()
    for c in text:
        try:
            out += c.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", c)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONES))
        out += base.encode("cp1258")
        out += "".join(p for p in parts if p in TONES).encode("cp1258")
    return bytes(out)


def tcvn3(text):
    here = os.path.dirname(os.path.abspath(__file__))
    table = os.environ.get(
        "TCVN3_TABLE",
        os.path.join(here, "../../../../shared/data/vn-tables/tcvn3-abc.txt"),
    )
    codes = {}
    for line in open(table, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        byte, point = line.split("\t")[:2]
        codes[chr(int(point[2:], 16))] = bytes([int(byte, 16)])
    out = bytearray()
    for c in unicodedata.normalize("NFC", text):
        if ord(c) < 0x80:
            out += c.encode("ascii")
        elif c in codes:
            out += codes[c]
        elif c.lower() in codes:
            out += codes[c.lower()]
        else:
            raise SystemExit(f"no TCVN3 code for {c!r}")
    return bytes(out)


def main():
    encoding, source, target = sys.argv[1:4]
    text = open(source, encoding="utf-8").read()
    data = {"windows-1258": cp1258, "tcvn3": tcvn3}[encoding](text)
    open(target, "wb").write(data)


if __name__ == "__main__":
    main()
