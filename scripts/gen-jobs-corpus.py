#!/usr/bin/env python3
"""Write N small deterministic test documents for the batch-job scripts (kill test, memory bench).

Usage: scripts/gen-jobs-corpus.py N DIR [--seed S]

A stand-in for scripts/make-corpus (branch `bench`) that reads only input/: each document is
one of the input/ dumps, varied so that its bytes are its own (the title gets a number, a
paragraph is dropped or repeated, a last line names the document). The mix keeps every
output file busy:

- about 1 in 40 documents is an exact copy of an earlier one (a duplicate, listed in
  duplicates.jsonl);
- about 1 in 50 is a reject (a title block too long to be a title: `no_title`);
- about 1 in 25 is a multi-article dump (three articles cut by `=====`);
- every folder of 500 documents also holds a zip of 20 more (archive members);
- about 1 in 20 is stored with CRLF line ends, 1 in 30 with a UTF-8 BOM.

DIR gets dNNN/NNNNNN.txt (500 a folder) and dNNN/members.zip; it must not exist or be empty.
The same N and seed give the same bytes (zip entries carry a fixed date).
"""

import argparse
import os
import pathlib
import random
import sys
import zipfile

PER_FOLDER = 500
ZIP_MEMBERS = 20


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("dir")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    root = pathlib.Path(__file__).resolve().parent.parent
    dumps = [p.read_text(encoding="utf-8-sig") for p in sorted((root / "input").glob("*.txt"))]
    if not dumps:
        sys.exit("gen-jobs-corpus: no dumps in input/")
    out = pathlib.Path(args.dir)
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        sys.exit(f"gen-jobs-corpus: {out} is not empty")

    rng = random.Random(args.seed)
    made = []  # up to 256 earlier documents, the sources of exact duplicates

    def remember(data):
        if len(made) < 256:
            made.append(data)
        else:
            made[rng.randrange(256)] = data

    def document(i):
        roll = rng.random()
        if made and roll < 0.025:
            return made[rng.randrange(len(made))]
        if roll < 0.045:
            # A first block far too long to be a title: rejected as no_title.
            words = " ".join(f"chữ{j}" for j in range(80 + i % 7))
            return f"{words}\n\nĐoạn văn số {i}.\n".encode()
        if roll < 0.085:
            parts = [vary(dumps[(i + k) % len(dumps)], i * 10 + k) for k in range(3)]
            return "\n=====\n".join(parts).encode()
        text = vary(dumps[i % len(dumps)], i)
        if rng.random() < 0.05:
            text = text.replace("\n", "\r\n")
        data = text.encode()
        if rng.random() < 0.033:
            data = b"\xef\xbb\xbf" + data
        return data

    def vary(text, i):
        lines = text.rstrip("\n").split("\n")
        # The title is the first line that is not a header (`Thứ ...`) or blank.
        for k, line in enumerate(lines):
            if line.strip() and not line.startswith(("Thứ", "Chủ nhật")):
                lines[k] = f"{line} (kỳ {i})"
                break
        paragraphs = "\n".join(lines).split("\n\n")
        if len(paragraphs) > 6:
            at = 3 + rng.randrange(len(paragraphs) - 5)
            if rng.random() < 0.5:
                del paragraphs[at]
            else:
                paragraphs.insert(at, paragraphs[at])
        return "\n\n".join(paragraphs) + f"\n\nBài số {i}, mã {rng.randrange(10**9):09d}.\n"

    count = 0
    folder = 0
    while count < args.n:
        d = out / f"d{folder:03d}"
        d.mkdir()
        for _ in range(min(PER_FOLDER, args.n - count)):
            data = document(count)
            remember(data)
            (d / f"{count:06d}.txt").write_bytes(data)
            count += 1
        if count < args.n:
            with zipfile.ZipFile(d / "members.zip", "w", zipfile.ZIP_DEFLATED) as z:
                for m in range(min(ZIP_MEMBERS, args.n - count)):
                    info = zipfile.ZipInfo(f"zip/{count:06d}.txt", date_time=(2020, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    data = document(count)
                    remember(data)
                    z.writestr(info, data)
                    count += 1
        folder += 1
    print(f"gen-jobs-corpus: {count} documents in {folder} folders under {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
