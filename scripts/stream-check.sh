#!/usr/bin/env bash
# Streaming check (issue 6): converts a WARC of about 5 GB and reports salvage's peak
# memory, which must stay bounded by the chunk of documents, not the file. Not part of
# scripts/test.sh (it writes 5 GB and takes minutes); run it by hand:
#
#   scripts/stream-check.sh [GIB]        # default 5
#
# The WARC is made here with Python's zlib, a gzip member per record as crawlers write
# them: GIB*1024 image responses of 1 MiB of random bytes (read through and skipped) and
# as many article responses, each an input/ dump with its own last line (so none is a
# duplicate). Needs python3 and /usr/bin/time; fails if the peak passes 200 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
GIB=${1:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cargo build --locked --release --quiet
python3 - "$WORK/big.warc.gz" "$GIB" <<'PYTHON'
import os, pathlib, sys, zlib

out_path, gib = sys.argv[1], int(sys.argv[2])
dumps = sorted(pathlib.Path("input").glob("*.txt"))

def member(kind, uri, block, level):
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2021-01-19T08:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    gz = zlib.compressobj(level, zlib.DEFLATED, 31)
    return gz.compress(head) + gz.compress(block) + gz.compress(b"\r\n\r\n") + gz.flush()

noise = os.urandom(1 << 20)
with open(out_path, "wb") as out:
    for i in range(gib * 1024):
        dump = dumps[i % len(dumps)].read_bytes() + f"\n\nBài số {i}.\n".encode()
        page = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + dump
        out.write(member("response", f"http://example.vn/{i}.html", page, 6))
        # A different megabyte each time, so the gzip member cannot shrink it.
        image = b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n" + noise[i % 4096:] + noise[:i % 4096]
        out.write(member("response", f"http://example.vn/{i}.jpg", image, 0))
print(f"{out_path}: {os.path.getsize(out_path)} bytes")
PYTHON

/usr/bin/time -v target/release/salvage convert "$WORK/big.warc.gz" -o "$WORK/out" --format jsonl \
    2> "$WORK/time.txt" | tail -n 1
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$WORK/time.txt"
peak_kib=$(awk '/Maximum resident set size/ {print $6}' "$WORK/time.txt")
records=$(wc -l < "$WORK/out/records.jsonl")
echo "records: $records, peak memory: $((peak_kib / 1024)) MiB"
[ "$records" -eq $((GIB * 1024)) ] || { echo "stream-check: FAIL: expected $((GIB * 1024)) records" >&2; exit 1; }
[ "$peak_kib" -lt $((200 * 1024)) ] || { echo "stream-check: FAIL: peak memory over 200 MB" >&2; exit 1; }
echo "stream-check: passed"
