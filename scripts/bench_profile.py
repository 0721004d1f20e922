#!/usr/bin/env python3
"""Where a salvage run spends its time, from a perf profile with call graphs.

Usage:
    perf record -F 499 -g --call-graph dwarf -o perf.data \\
        target/release/salvage convert DIR -o OUT --format jsonl --jobs 1 --quiet
    perf script -i perf.data | scripts/bench_profile.py [TOP]

Prints, as shares of all samples: the time in html5ever (scraper's parser: the floor of
any extraction with scraper), then for each sample the deepest salvage function on its
stack (its own code and the library code it called, not its salvage callees), summed per
function and per module, and the salvage functions by inclusive time. Reads only the
`perf script` text; needs the release build's debug info (Cargo.toml keeps it).
"""

import collections
import re
import sys

PARSER = re.compile(r"html5ever|markup5ever|tendril|string_cache")
# A salvage function's own frame starts with its path (a path inside a generic parameter
# list is a type, not the function running).
SALVAGE = re.compile(r"<?(salvage::[A-Za-z0-9_:]+)")


def samples(lines):
    """Each sample's frame names, leaf first."""
    frames = []
    for line in lines:
        line = line.rstrip("\n")
        if line[:1] in ("\t", " ") and line.strip():
            parts = line.strip().split(" ", 1)
            if len(parts) == 2:
                frames.append(re.sub(r"\+0x[0-9a-f]+", "", parts[1]))
        elif frames:
            yield frames
            frames = []
    if frames:
        yield frames


def function_of(frame):
    found = SALVAGE.match(frame)
    if not found:
        return None
    return found.group(1).rstrip(":")


def main():
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    total = parse = 0
    deepest, modules, inclusive = collections.Counter(), collections.Counter(), collections.Counter()
    for frames in samples(sys.stdin):
        total += 1
        parse += any(PARSER.search(f) for f in frames)
        names = [n for n in map(function_of, frames) if n]
        leaf = names[0] if names else "(no salvage frame)"
        deepest[leaf] += 1
        modules[leaf.rsplit("::", 1)[0] if names else leaf] += 1
        for name in set(names):
            inclusive[name] += 1
    if not total:
        sys.exit("bench_profile: no samples on standard input (pipe `perf script` into it)")
    share = lambda n: f"{100 * n / total:5.1f}%"  # noqa: E731
    print(f"{total} samples; in html5ever (parsing): {share(parse)}")
    for title, counter in (
        ("deepest salvage module (self + libraries it called)", modules),
        ("deepest salvage function", deepest),
        ("inclusive", inclusive),
    ):
        print(f"\n{title}:")
        for name, n in counter.most_common(top):
            print(f"  {share(n)}  {name}")


if __name__ == "__main__":
    main()
