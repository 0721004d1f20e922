#!/usr/bin/env python3
"""Times salvage, trafilatura and cat on the same files and writes the side-by-side table.

Usage (scripts/bench.sh calls it): bench_run.py --salvage BIN --python VENV_PYTHON
    --html DIR --dumps DIR --work DIR --runs N --markdown FILE

Every configuration runs N times, round-robin (run 1 of each, then run 2 of each ...), so a
burst of load on a shared machine hits all of them alike; the table gives the median wall
time and its min-max, the median CPU time (user + system, all threads and processes: on a
busy machine it moves less than wall time), the median CPU the rest of the machine used
meanwhile (from /proc/stat, in cores: other work on a shared machine, which takes cores
from --jobs N), and the largest peak RSS seen (/usr/bin/time's %M for one process; for
trafilatura with multiprocessing the sum of every process's peak, which it reports itself).
MB are 10^6 bytes of input files; files/s counts input files (a multi-article dump is one).
Prints the table and writes it as Markdown with the date, CPU model, cores, commit and the
load average before and after. Measures only: no figure is computed from another run.
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def files_under(folder, suffixes):
    found = []
    for base, dirs, names in os.walk(folder):
        dirs.sort()
        found += [os.path.join(base, n) for n in sorted(names) if n.endswith(suffixes)]
    return found


class Config:
    """One command to time: its label, how it is run and what peer it is compared with."""

    def __init__(self, corpus, tool, jobs, outputs, argv, rss_from_stdout=False):
        self.corpus, self.tool, self.jobs, self.outputs = corpus, tool, jobs, outputs
        self.argv, self.rss_from_stdout = argv, rss_from_stdout
        self.seconds, self.cpu, self.rss_kb, self.others = [], [], [], []

    def run(self, work):
        rss_file = os.path.join(work, "rss")
        busy_before = busy_seconds()
        started = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file, *self.argv],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, shell=False,
        )
        seconds = time.perf_counter() - started
        busy = busy_seconds() - busy_before
        if done.returncode != 0:
            sys.exit(f"bench: {' '.join(self.argv)} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
        rss, user, system = open(rss_file).read().split()[-3:]
        rss = int(rss)
        if self.rss_from_stdout:
            rss = json.loads(done.stdout.decode().strip().splitlines()[-1])["rss_sum_kb"]
        self.seconds.append(seconds)
        self.cpu.append(float(user) + float(system))
        # What the rest of the machine used meanwhile, in cores: on a shared machine this
        # says whether --jobs N could have had N cores.
        self.others.append(max(0.0, busy - self.cpu[-1]) / seconds)
        self.rss_kb.append(rss)


def busy_seconds():
    """CPU seconds the whole machine has spent busy since boot (/proc/stat: all but idle and
    iowait)."""
    with open("/proc/stat", encoding="utf-8") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def salvage_configs(corpus, salvage, folder, work, cores):
    configs = []
    for jobs in sorted({1, cores}):
        for outputs, formats in (("jsonl", ["--format", "jsonl"]), ("jsonl,csv,bundle (default)", [])):
            out = os.path.join(work, f"out-{corpus[:4]}-{jobs}-{len(formats)}")
            argv = [salvage, "convert", folder, "-o", out, "--jobs", str(jobs), *formats]
            configs.append(Config(corpus, "salvage", jobs, outputs, argv))
    return configs


def main():
    parser = argparse.ArgumentParser()
    for name in ("--salvage", "--python", "--html", "--dumps", "--work", "--markdown"):
        parser.add_argument(name, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    html_files = files_under(args.html, (".html", ".htm"))
    dump_files = files_under(args.dumps, (".txt",))
    sizes = {
        "html": (len(html_files), sum(os.path.getsize(p) for p in html_files)),
        "dumps": (len(dump_files), sum(os.path.getsize(p) for p in dump_files)),
    }
    html_list = os.path.join(args.work, "html.list")
    dump_list = os.path.join(args.work, "dumps.list")
    with open(html_list, "w", encoding="utf-8") as out:
        out.write("".join(p + "\n" for p in html_files))
    with open(dump_list, "w", encoding="utf-8") as out:
        out.write("".join(p + "\0" for p in dump_files))

    traf = os.path.join(ROOT, "scripts", "bench_trafilatura.py")
    traf_out = os.path.join(args.work, "trafilatura.jsonl")
    configs = salvage_configs("html", args.salvage, args.html, args.work, cores)
    for jobs in sorted({1, cores}):
        argv = [args.python, traf, html_list, traf_out, "--jobs", str(jobs)]
        configs.append(Config("html", "trafilatura", jobs, "jsonl", argv, rss_from_stdout=True))
    configs.append(Config("dumps", "cat", 1, "/dev/null", ["sh", "-c", f"xargs -0 cat < {dump_list} > /dev/null"]))
    configs += salvage_configs("dumps", args.salvage, args.dumps, args.work, cores)

    load_before = os.getloadavg()
    for config in configs:  # warm-up: page cache, first-run costs; not counted
        if config.tool == "trafilatura":
            continue  # a minute or more a run, on pages the salvage runs have just read
        config.run(args.work)
        config.seconds.clear()
        config.cpu.clear()
        config.others.clear()
        config.rss_kb.clear()
    for n in range(args.runs):
        print(f"bench: run {n + 1} of {args.runs}", file=sys.stderr)
        for config in configs:
            config.run(args.work)
    load_after = os.getloadavg()

    table = render(configs, sizes, cores)
    header = machine_header(args, cores, load_before, load_after, sizes)
    print(table)
    with open(args.markdown, "w", encoding="utf-8") as out:
        out.write(header + "\n" + table + "\n")


def mb_per_s(config, sizes):
    return sizes[config.corpus][1] / 1e6 / statistics.median(config.seconds)


def per_cpu_s(config, sizes):
    cpu = statistics.median(config.cpu)
    return f"{sizes[config.corpus][1] / 1e6 / cpu:.1f}" if cpu > 0 else "–"


def render(configs, sizes, cores):
    rows = [
        "| corpus | tool | jobs | writes | median s (min–max) | MB/s | files/s | CPU s | MB per CPU s | peak RSS MB | other load (cores) | vs peer (MB/s) |",
        "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    peer = {}
    for c in configs:
        if c.tool in ("trafilatura", "cat"):
            peer[(c.corpus, c.jobs if c.tool == "trafilatura" else None)] = c
    for c in configs:
        median = statistics.median(c.seconds)
        rate = mb_per_s(c, sizes)
        versus = ""
        if c.tool == "salvage":
            other = peer.get((c.corpus, c.jobs)) or peer.get((c.corpus, None))
            if other:
                versus = f"{rate / mb_per_s(other, sizes):.2f}× {other.tool} ({other.jobs} process{'es' if other.jobs > 1 else ''})"
        rows.append(
            f"| {'wcxb-dev HTML' if c.corpus == 'html' else 'make-corpus dumps'} | {c.tool} | {c.jobs} | {c.outputs} "
            f"| {median:.3f} ({min(c.seconds):.3f}–{max(c.seconds):.3f}) | {rate:.1f} "
            f"| {sizes[c.corpus][0] / median:.0f} | {statistics.median(c.cpu):.2f} "
            f"| {per_cpu_s(c, sizes)} | {max(c.rss_kb) / 1024:.0f} "
            f"| {statistics.median(c.others):.2f} | {versus} |"
        )
    notes = []
    for corpus in ("html", "dumps"):
        for outputs in ("jsonl", "jsonl,csv,bundle (default)"):
            one = [c for c in configs if c.corpus == corpus and c.tool == "salvage" and c.jobs == 1 and c.outputs == outputs]
            many = [c for c in configs if c.corpus == corpus and c.tool == "salvage" and c.jobs == cores and c.outputs == outputs]
            if one and many and cores > 1:
                speedup = statistics.median(one[0].seconds) / statistics.median(many[0].seconds)
                notes.append(f"- salvage `--jobs {cores}` ÷ `--jobs 1`, {corpus}, writes {outputs}: {speedup:.2f}×")
    return "\n".join(rows) + "\n\n" + "\n".join(notes)


def machine_header(args, cores, before, after, sizes):
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    commit = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
    version = subprocess.run([args.python, "-c", "import trafilatura; print(trafilatura.__version__)"], capture_output=True, text=True).stdout.strip()
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"{now}; {cpu}, {cores} cores; salvage {commit}; trafilatura {version}; "
        f"{args.runs} timed runs of each, after one warm-up run (not for trafilatura); load average {before[0]:.2f} before, {after[0]:.2f} after.  \n"
        f"HTML: {sizes['html'][0]} pages, {sizes['html'][1] / 1e6:.1f} MB; "
        f"text dumps: {sizes['dumps'][0]} files, {sizes['dumps'][1] / 1e6:.1f} MB.\n"
    )


if __name__ == "__main__":
    main()
