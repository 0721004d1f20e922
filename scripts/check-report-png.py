#!/usr/bin/env python3
"""Checks a screenshot of report.html is a real page and not a blank one, with Python's
standard library only (zlib decodes the PNG rows): the file is a PNG of the expected size,
the page holds many colours, and the chart area (the box around the pixels of the bar
colour) holds more than one colour, i.e. bars with labels and background, not a flat fill.

usage: check-report-png.py PNG WIDTH HEIGHT
"""
import struct
import sys
import zlib

BAR = (0x3D, 0x6F, 0xC6)  # --bar in src/report_html/page.rs: the bars' fill, used nowhere else


def fail(message):
    print(f"check-report-png: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def read_png(path):
    data = open(path, "rb").read()
    if len(data) < 100 or data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG ({len(data)} bytes)")
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        fail(f"unexpected PNG format: depth {depth}, colour type {colour}, interlace {interlace}")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = prev[x], (prev[x - channels] if x >= channels else 0)
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    pixel = lambda x, y: tuple(rows[y][x * channels:x * channels + 3])
    return width, height, pixel


def main():
    path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    width, height, pixel = read_png(path)
    if (width, height) != (want_w, want_h):
        fail(f"screenshot is {width}x{height}, expected {want_w}x{want_h}")
    colours = {pixel(x, y) for y in range(0, height, 3) for x in range(0, width, 3)}
    if len(colours) < 20:
        fail(f"only {len(colours)} colours on the page: blank or broken")
    bars = [(x, y) for y in range(0, height, 2) for x in range(0, width, 2) if pixel(x, y) == BAR]
    if len(bars) < 50:
        fail(f"{len(bars)} pixels of the bar colour: no chart was drawn")
    x0, x1 = min(x for x, _ in bars), max(x for x, _ in bars)
    y0, y1 = min(y for _, y in bars), max(y for _, y in bars)
    in_charts = {pixel(x, y) for y in range(y0, y1 + 1) for x in range(max(0, x0 - 200), x1 + 1)}
    if len(in_charts) < 2:
        fail("the chart area is one flat colour")
    print(f"check-report-png: {width}x{height}, {len(colours)} colours on the page, "
          f"chart area {x1 - x0 + 1}x{y1 - y0 + 1} px from ({x0},{y0}) with {len(in_charts)} colours")


if __name__ == "__main__":
    main()
