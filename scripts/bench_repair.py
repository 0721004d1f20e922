#!/usr/bin/env python3
"""The work of scripts/bench-repair.sh: builds each broken form of the clean paragraphs
(legacy encodings from the tables in data/vn-tables/, mojibake with Python's codecs).

Speed: the paragraphs, repeated, as one file: `salvage repair FILE > FILE` (a process,
start-up, reading and writing included, as a user runs it) and ftfy.fix_encoding on the
same text (in-process, the call alone), medians of five runs each, the two tools taking
turns, one core each. Exactness: every paragraph on its own (`salvage repair --lines`, ftfy per line),
compared with the clean paragraph."""
import pathlib
import statistics
import subprocess
import sys
import time
import unicodedata

import ftfy

RUNS = 5  # timed runs of each tool per form, taken in turn

TONES = "\u0300\u0301\u0303\u0309\u0323"


def table(name):
    """char -> bytes from a data/vn-tables file (BYTES<TAB>U+XXXX...)."""
    out = {}
    for line in pathlib.Path("data/vn-tables", name).read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        raw, code = line.split("\t")[:2]
        chars = "".join(chr(int(c[2:], 16)) for c in code.split())
        out.setdefault(chars, bytes(int(b, 16) for b in raw.split()))
    return out


def legacy(text, name, lower_fallback=False):
    t = table(name)
    out = bytearray()
    for c in text:
        if c in t:
            out += t[c]
        elif lower_fallback and c.lower() in t:
            out += t[c.lower()]
        elif ord(c) < 128:
            out += c.encode()
        else:
            return None
    return bytes(out)


def cp1258(text):
    spelled = []
    for c in text:
        d = unicodedata.normalize("NFD", c)
        base = unicodedata.normalize("NFC", "".join(m for m in d if m not in TONES))
        spelled.append(base + "".join(m for m in d if m in TONES))
    try:
        return "".join(spelled).encode("cp1258")
    except UnicodeEncodeError:
        return None


def misread(data, codec):
    return "".join(bytes([b]).decode(codec, errors="ignore") or chr(b) for b in data)


def normal(text):
    """What both outputs are compared after: NFC, no-break and zero-width spaces as salvage
    writes them (salvage normalises them; ftfy leaves them)."""
    text = unicodedata.normalize("NFC", text)
    for a, b in (("\u00a0", " "), ("\u200b", ""), ("\u00ad", ""), ("\ufeff", "")):
        text = text.replace(a, b)
    return text


FORMS = {
    "clean UTF-8": lambda t: t.encode(),
    "UTF-8 NFD": lambda t: unicodedata.normalize("NFD", t).encode(),
    "mojibake (UTF-8 as windows-1252)": lambda t: misread(t.encode(), "cp1252").encode(),
    "mojibake, double": lambda t: misread(misread(t.encode(), "cp1252").encode(), "cp1252").encode(),
    "mojibake (UTF-8 as windows-1258)": lambda t: misread(t.encode(), "cp1258").encode(),
    "lossy mojibake (? for lost bytes)": lambda t: "".join(
        "?" if c in "\x81\x8d\x8f\x90\x9d" else (" " if c == "\xa0" else c)
        for c in misread(t.encode(), "cp1252")).encode(),
    "windows-1258": cp1258,
    "TCVN3": lambda t: legacy(t, "tcvn3-abc.txt", lower_fallback=True),
    "VNI": lambda t: legacy(t, "vni-windows.txt"),
    "VISCII": lambda t: legacy(t, "viscii.txt"),
    "VPS": lambda t: legacy(t, "vps.txt"),
    "HTML references": lambda t: "".join(c if ord(c) < 128 else f"&#{ord(c)};" for c in t).encode(),
}


def main():
    clean_dir, repeat, work, salvage = sys.argv[1], int(sys.argv[2]), pathlib.Path(sys.argv[3]), sys.argv[4]
    paragraphs = []
    for path in sorted(pathlib.Path(clean_dir).glob("*.txt")):
        paragraphs += [unicodedata.normalize("NFC", l) for l in path.read_text("utf-8").splitlines() if l.strip()]
    rows = []
    print(f"{len(paragraphs)} paragraphs; speed on the paragraphs x {repeat} as one text, medians of {RUNS} runs"
          " (salvage and ftfy in turn), one core; exactness per paragraph\n")
    print("| form | MB | salvage MB/s | ftfy MB/s | salvage / ftfy | salvage exact | ftfy exact |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, make in FORMS.items():
        broken = [make(p) for p in paragraphs]
        kept = [(p, b) for p, b in zip(paragraphs, broken) if b is not None and b"\n" not in b]
        data = b"\n".join(b for _, b in kept) + b"\n"
        path = work / "form.txt"
        path.write_bytes(data * repeat)
        size_mb = len(data) * repeat / 1e6
        lines_path = work / "lines.txt"
        lines_path.write_bytes(data)
        out = subprocess.run([salvage, "repair", "--lines", str(lines_path)], check=True, capture_output=True).stdout
        salvage_lines = out.decode("utf-8").split("\n")[: len(kept)]
        # ftfy gets text: legacy bytes as Latin-1 (what a reader without a codec sees).
        texts = [b.decode("utf-8") if _is_utf8(b) else b.decode("latin-1") for _, b in kept]
        whole = "\n".join(texts * repeat)
        # The two take turns, so that a slower spell of a shared machine falls on both.
        times, ftfy_times = [], []
        for _ in range(RUNS):
            with open(work / "repaired.txt", "wb") as repaired:
                start = time.perf_counter()
                subprocess.run([salvage, "repair", str(path)], check=True, stdout=repaired)
                times.append(time.perf_counter() - start)
            start = time.perf_counter()
            ftfy.fix_encoding(whole)
            ftfy_times.append(time.perf_counter() - start)
        ftfy_out = [ftfy.fix_encoding(t) for t in texts]
        want = [normal(p) for p, _ in kept]
        s_exact = sum(normal(a) == w for a, w in zip(salvage_lines, want)) / len(kept)
        f_exact = sum(normal(a) == w for a, w in zip(ftfy_out, want)) / len(kept)
        s_rate, f_rate = size_mb / statistics.median(times), size_mb / statistics.median(ftfy_times)
        print(f"| {name} | {size_mb:.1f} | {s_rate:.1f} | {f_rate:.1f} | {s_rate / f_rate:.1f}x "
              f"| {s_exact:.1%} | {f_exact:.1%} |", flush=True)


def _is_utf8(data):
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


if __name__ == "__main__":
    main()
