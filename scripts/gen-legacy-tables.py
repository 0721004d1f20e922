#!/usr/bin/env python3
"""Generate src/decode/legacy_tables.rs from the mapping tables in data/vn-tables/.

Usage (from anywhere): python3 scripts/gen-legacy-tables.py [--no-rustfmt]

Reads the plain-text tables (`BYTES<TAB>U+XXXX...<TAB># comment`, `#` header lines), checks
them (every encoding must cover the 134 Vietnamese letters of unicode-nfd.txt, TCVN3 the 74 it
has), and writes decode tables (byte -> char, sequence -> char) and encode tables (char ->
bytes, sorted by char for binary search) as Rust statics. The output is formatted with
`rustfmt --edition 2024` so that `cargo fmt --check` passes. Python 3 standard library only;
running it twice gives the same file. Model: encoding_rs's generate-encoding-data.py.
"""

import os
import subprocess
import sys
import textwrap
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data", "vn-tables")
OUT = os.path.join(ROOT, "src", "decode", "legacy_tables.rs")

# windows-1252 0x80-0x9F (unicode.org CP1252.TXT). The five undefined bytes (None) decode to
# the C1 control of the same number, as the WHATWG windows-1252 decoder does.
CP1252_HIGH = [
    0x20AC, None, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, None, 0x017D, None,
    None, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, None, 0x017E, 0x0178,
]


def windows_1252(byte):
    """What windows-1252 (WHATWG flavour) makes of one byte."""
    if 0x80 <= byte <= 0x9F:
        return chr(CP1252_HIGH[byte - 0x80] or byte)
    return chr(byte)


def read_table(name):
    """Rows (bytes, text) of one table file, in file order; a blank row is (None, None)."""
    rows = []
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 2 or not cols[1].strip():
                rows.append((None, None))
                continue
            try:
                data = bytes(int(b, 16) for b in cols[0].split())
                text = "".join(chr(int(u[2:], 16)) for u in cols[1].split())
            except ValueError as err:
                sys.exit(f"{name}:{number}: cannot read {line!r}: {err}")
            rows.append((data, text))
    return rows


def letters():
    """The 134 Vietnamese letters, in the order of unicode-nfd.txt."""
    found = [unicodedata.normalize("NFC", t) for _, t in read_table("unicode-nfd.txt")]
    if len(found) != 134 or any(len(c) != 1 for c in found):
        sys.exit("unicode-nfd.txt: expected 134 letters")
    return found


def check_covers(name, mapping, expected):
    missing = [c for c in expected if c not in mapping]
    if missing:
        sys.exit(f"{name}: no code for {''.join(missing)}")


def single_byte(name, fallback, need_full=False):
    """(decode table of 256 chars, {char: byte} of the listed entries)."""
    listed = {}
    for data, text in read_table(name):
        if data is None or len(data) != 1 or len(text) != 1:
            sys.exit(f"{name}: expected one byte and one char per line")
        if data[0] in listed:
            sys.exit(f"{name}: byte 0x{data[0]:02X} listed twice")
        listed[data[0]] = text
    if need_full and any(b not in listed for b in range(0x80, 0x100)):
        sys.exit(f"{name}: expected every byte 0x80-0xFF to be listed")
    table = [listed.get(b) or fallback(b) for b in range(256)]
    return table, {c: b for b, c in listed.items()}


def encode_single(table, listed, extra=()):
    """{char: byte}: listed entries win over fallback ones; ASCII identities are left out."""
    enc = {}
    for c, b in list(listed.items()) + list(extra):
        enc.setdefault(c, b)
    for b, c in enumerate(table):
        enc.setdefault(c, b)
    return {c: b for c, b in enc.items() if not (ord(c) < 0x80 and ord(c) == b)}


def doc(text):
    """Rust doc comment lines for `text`, wrapped to the house width."""
    return ["/// " + line for line in textwrap.wrap(text, 96)]


def esc(c):
    return "'\\u{%04X}'" % ord(c)


def glyph(c):
    if unicodedata.category(c)[0] in "CZM":
        return "U+%04X" % ord(c)
    return c


def byte_list(data):
    return "&[" + ", ".join("0x%02X" % b for b in data) + "]"


def decode_array(out, name, text, table):
    # The decoders promise NFC output: no table may yield a combining or decomposable char.
    for b, c in enumerate(table):
        if unicodedata.combining(c) or unicodedata.normalize("NFC", c) != c:
            sys.exit(f"{name}: byte 0x{b:02X} decodes to U+{ord(c):04X}, which breaks NFC")
    out.extend(doc(text))
    out.append(f"pub(super) static {name}: [char; 256] = [")
    for b, c in enumerate(table):
        out.append(f"    {esc(c)}, // 0x{b:02X} {glyph(c)}")
    out.append("];\n")


def encode_array(out, name, text, rust_type, mapping, render, attrs=()):
    out.extend(doc(text))
    out.extend(attrs)
    out.append(f"pub(super) static {name}: [(char, {rust_type}); {len(mapping)}] = [")
    for c in sorted(mapping):
        out.append(f"    ({esc(c)}, {render(mapping[c])}), // {glyph(c)}")
    out.append("];\n")


def main():
    vn = letters()
    out = [
        "//! Decode and encode tables of the Vietnamese legacy encodings.",
        "//!",
        "//! @generated by scripts/gen-legacy-tables.py — do not edit.",
        "//! Source: the tables in data/vn-tables/ (their README names where each comes from).",
        "//! Encode tables are sorted by char (binary search); ASCII that maps to itself is left out.",
        "",
    ]

    def latin1_or_1252(b):
        return windows_1252(b) if b < 0xA0 else chr(b)

    # TCVN3: 75 listed bytes; UniKey reads every other byte as windows-1252 / Latin-1.
    tcvn3, tcvn3_listed = single_byte("tcvn3-abc.txt", latin1_or_1252)
    toned_capitals = []
    for c, b in tcvn3_listed.items():
        upper = c.upper()
        if len(upper) == 1 and upper != c and upper not in tcvn3_listed:
            toned_capitals.append((upper, b))
    check_covers("tcvn3-abc.txt", {**tcvn3_listed, **dict(toned_capitals)}, vn)
    if sum(1 for c in vn if c in tcvn3_listed) != 74:
        sys.exit("tcvn3-abc.txt: expected 74 letters")
    decode_array(out, "TCVN3_DECODE",
                 "TCVN3 (ABC) byte -> char. Unlisted bytes: windows-1252 (0x80-0x9F), Latin-1.",
                 tcvn3)
    encode_array(out, "TCVN3_ENCODE",
                 "TCVN3 char -> byte. The 60 capitals with tone marks take the lower-case "
                 "letter's byte.", "u8", encode_single(tcvn3, tcvn3_listed, toned_capitals),
                 lambda b: "0x%02X" % b)

    # VISCII and VPS list every high byte and their C0 letters; the rest is ASCII.
    for name, file, label in (("VISCII", "viscii.txt", "VISCII 1.1"), ("VPS", "vps.txt", "VPS")):
        table, listed = single_byte(file, chr, need_full=True)
        check_covers(file, listed, vn)
        decode_array(out, f"{name}_DECODE", f"{label} byte -> char (C0 letters included).",
                     table)
        encode_array(out, f"{name}_ENCODE", f"{label} char -> byte.", "u8",
                     encode_single(table, listed), lambda b: "0x%02X" % b)

    # VNI: one-byte letters, base + diacritic pairs, windows-1252 for everything else.
    singles, pairs = {}, {}
    for data, text in read_table("vni-windows.txt"):
        (singles if len(data) == 1 else pairs)[data] = text
    if any(len(d) != 2 for d in pairs):
        sys.exit("vni-windows.txt: expected one or two bytes per line")
    vni = [singles.get(bytes([b])) or windows_1252(b) for b in range(256)]
    vni_listed = {c: bytes(d) for d, c in list(pairs.items()) + list(singles.items())}
    check_covers("vni-windows.txt", vni_listed, vn)
    decode_array(out, "VNI_DECODE",
                 "VNI-Windows single byte -> char (one-byte letters, else windows-1252).", vni)
    out.append("/// VNI-Windows base byte + diacritic byte -> letter, sorted by bytes.")
    out.append(f"pub(super) static VNI_PAIRS: [([u8; 2], char); {len(pairs)}] = [")
    for data in sorted(pairs):
        out.append(f"    ([0x{data[0]:02X}, 0x{data[1]:02X}], {esc(pairs[data])}), "
                   f"// {glyph(pairs[data])}")
    out.append("];\n")
    vni_enc = dict(vni_listed)
    for b, c in enumerate(vni):
        vni_enc.setdefault(c, bytes([b]))
    vni_enc = {c: d for c, d in vni_enc.items() if not (ord(c) < 0x80 and d == bytes([ord(c)]))}
    encode_array(out, "VNI_ENCODE", "VNI-Windows char -> one or two bytes.", "&[u8]",
                 vni_enc, byte_list)

    # VIQR: ASCII sequences.
    viqr = {bytes(d): t for d, t in read_table("viqr.txt")}
    check_covers("viqr.txt", {t: d for d, t in viqr.items()}, vn)
    out.append("/// VIQR (RFC 1456) ASCII sequence -> letter, sorted by bytes.")
    out.append(f"pub(super) static VIQR_DECODE: [(&[u8], char); {len(viqr)}] = [")
    for data in sorted(viqr):
        out.append(f"    (b\"{data.decode('ascii')}\", {esc(viqr[data])}), // {viqr[data]}")
    out.append("];\n")
    encode_array(out, "VIQR_ENCODE", "VIQR char -> ASCII sequence.", "&str",
                 {t: d for d, t in viqr.items()},
                 lambda d: '"' + d.decode("ascii").replace("\\", "\\\\") + '"')

    # windows-1258: spellings of the 134 letters (second section) before the plain code page.
    cp1258 = {}
    for data, text in read_table("cp1258.txt"):
        if data is not None and len(text) == 1:
            cp1258[text] = bytes(data)  # later (letter spellings) wins over the code page
    check_covers("cp1258.txt", cp1258, vn)
    encode_array(out, "WINDOWS_1258_ENCODE",
                 "windows-1258 char -> bytes as a Windows-style encoder writes them (precomposed "
                 "where the code page has the letter, else base + combining tone byte). Decoding "
                 "is encoding_rs's + NFC; this is for tests and for generating test corpora.",
                 "&[u8]", {c: d for c, d in cp1258.items() if ord(c) >= 0x80}, byte_list,
                 attrs=["#[cfg_attr(not(test), allow(dead_code))]"])

    out.append("/// The 134 Vietnamese letters (67 capitals, 67 small), as in unicode-nfd.txt.")
    out.append("#[cfg(test)]")
    out.append("pub(super) static LETTERS: [char; 134] = [")
    for c in vn:
        out.append(f"    {esc(c)}, // {c}")
    out.append("];")

    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    if "--no-rustfmt" not in sys.argv[1:]:
        subprocess.run(["rustfmt", "--edition", "2024", OUT], check=True)
    print(f"wrote {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
