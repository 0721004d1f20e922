"""Byte encoders for scripts/make-corpus: the legacy Vietnamese encodings old archives hold.

Built from the repository's own tables in data/vn-tables/ (the same files
scripts/gen-legacy-tables.py turns into salvage's decoders), so Python needs no codec for
TCVN3, VNI or VISCII. Each encoder maps a str to bytes through one `str.translate` table
(char -> the bytes spelled as Latin-1 chars) and a Latin-1 encode: fast enough to write
100,000 documents in seconds. Characters an encoding lacks are written as ASCII look-alikes
(quotes, dashes) or `?`, as the converters of the time did. Not a decoder, and not used by
salvage itself.
"""

import os
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES = os.path.join(ROOT, "data", "vn-tables")

# Typography that legacy encodings lack, written as the ASCII a converter would have left.
ASCII_STAND_INS = {
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
    "\u2014": "-", "\u2026": "...", "\u00a0": " ", "\u200b": "", "\u00ab": '"', "\u00bb": '"',
}

# windows-1252 0x80-0x9F; the five undefined bytes read as the C1 control of the same number
# (WHATWG), which is how UTF-8 read as windows-1252 and saved again comes out.
CP1252_HIGH = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
]
MISREAD_1252 = {0x80 + i: chr(c) for i, c in enumerate(CP1252_HIGH)}

TABLE_FILES = {
    "windows-1258": "cp1258.txt",
    "tcvn3": "tcvn3-abc.txt",
    "vni": "vni-windows.txt",
    "viscii": "viscii.txt",
}


def read_table(name):
    """{char: bytes} from a data/vn-tables file; later lines win (cp1258's letter spellings)."""
    codes = {}
    with open(os.path.join(TABLES, TABLE_FILES[name]), encoding="utf-8") as table:
        for line in table:
            if line.startswith("#") or not line.strip():
                continue
            raw, points = line.split("\t")[:2]
            if not raw.strip() or not points.strip():
                continue
            text = "".join(chr(int(p[2:], 16)) for p in points.split())
            if len(text) == 1:
                codes[text] = bytes(int(b, 16) for b in raw.split())
    return codes


def translate_table(name):
    """A str.translate table taking Unicode text to the encoding's bytes spelled in Latin-1."""
    codes = read_table(name)
    table = {ord(c): s for c, s in ASCII_STAND_INS.items()}
    for c, code in codes.items():
        table[ord(c)] = code.decode("latin-1")
    if name == "tcvn3":
        # No codes for capitals with tone marks: the fonts wrote the small letter's byte.
        for c, code in codes.items():
            upper = c.upper()
            if len(upper) == 1 and upper not in codes:
                table[ord(upper)] = code.decode("latin-1")
    # Latin-1 characters the encoding lacks become '?' here; characters above U+00FF that it
    # lacks become '?' in the Latin-1 encode (errors="replace").
    for point in range(0x80, 0x100):
        table.setdefault(point, "?")
    return table


class Encoders:
    """encode(text, name) for every encoding make-corpus writes; tables are built once."""

    NAMES = ("utf-8", "utf-8-nfd", "windows-1258", "tcvn3", "vni", "viscii", "mojibake")

    def __init__(self):
        self.tables = {name: translate_table(name) for name in TABLE_FILES}
        self.seen = {}

    def encode_pieces(self, pieces, name):
        """The bytes of "".join(pieces); each distinct piece is encoded once per run (the
        pieces come from bounded pools: sentences, titles, dates, markup)."""
        out = []
        for piece in pieces:
            key = (name, piece)
            data = self.seen.get(key)
            if data is None:
                data = self.seen[key] = self.encode(piece, name)
            out.append(data)
        return b"".join(out)

    def encode(self, text, name):
        if name == "utf-8":
            return text.encode("utf-8")
        if name == "utf-8-nfd":
            return unicodedata.normalize("NFD", text).encode("utf-8")
        if name == "mojibake":
            # UTF-8 bytes read as windows-1252 and saved as UTF-8 again.
            return text.encode("utf-8").decode("latin-1").translate(MISREAD_1252).encode("utf-8")
        if name == "windows-1258":
            # Real windows-1258 files carry tone marks as combining bytes: spell from NFC.
            text = unicodedata.normalize("NFC", text)
        return text.translate(self.tables[name]).encode("latin-1", errors="replace")
