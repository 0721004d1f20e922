#!/usr/bin/env python3
"""trafilatura over a list of saved pages, as the peer of `salvage convert` in scripts/bench.sh.

Usage: bench_trafilatura.py LIST OUT.jsonl [--jobs N]

LIST holds one page path a line. Each page's bytes go to trafilatura.bare_extraction with
metadata and without comments (the call scripts/eval_extraction.py scores), and its title,
author, date and text are written to OUT.jsonl as one line, in LIST order, so that both tools
read the same bytes and write their answers. With --jobs N > 1 the pages are spread over N
processes with multiprocessing (imap, in order). Prints a JSON line to standard output:
pages, failures, and `rss_sum_kb`, the sum of every process's peak resident set (the parent
and each worker), which is what the run holds at worst; /usr/bin/time shows only the
largest single process.
"""

import argparse
import json
import os
import resource
import sys

import trafilatura


def extract(path):
    with open(path, "rb") as page:
        html = page.read()
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception:  # a crash on one page is an empty answer, as in eval_extraction.py
        doc = None
    if doc is not None and not isinstance(doc, dict):
        doc = doc.as_dict()
    fields = None
    if doc:
        fields = {k: doc.get(k) for k in ("title", "author", "date", "text")}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return fields, os.getpid(), peak


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("list")
    parser.add_argument("out")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    with open(args.list, encoding="utf-8") as listing:
        paths = [line.rstrip("\n") for line in listing if line.strip()]

    peaks = {}
    failures = 0
    with open(args.out, "w", encoding="utf-8") as out:
        if args.jobs > 1:
            import multiprocessing

            with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
                results = list(pool.imap(extract, paths, chunksize=4))
        else:
            results = map(extract, paths)
        for path, (fields, pid, peak) in zip(paths, results):
            peaks[pid] = max(peaks.get(pid, 0), peak)
            failures += fields is None
            out.write(json.dumps({"path": path, **(fields or {})}, ensure_ascii=False) + "\n")
    peaks[os.getpid()] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    json.dump({"pages": len(paths), "failures": failures, "rss_sum_kb": sum(peaks.values())}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
