#!/usr/bin/env python3
"""The kill loop of scripts/kill-test.sh (read that file's header first).

Usage: scripts/kill_test.py --bin SALVAGE --corpus DIR --work DIR [--kills 24] [--seed 1]
                            [--other-corpus DIR]

Runs `SALVAGE convert CORPUS -o WORK/ref` and again into WORK/ref2 (two clean runs: what
differs between them is printed, and the record files must not differ), then SIGKILLs
`SALVAGE convert CORPUS -o WORK/out` at seeded random moments, checks what each kill left,
re-runs the same command to completion now and then, and compares the completed outputs
with WORK/ref. With --other-corpus, the output folder sometimes holds, before a run, the
complete or killed output of a run over that other input (a changed archive, another job's
leftovers): a kill must then leave either input's complete outputs or no `_SUCCESS`, and the
completed run must hold nothing of the other input. Prints one line per run and a PASS/FAIL
summary; exits 1 on any failure.
"""

import argparse
import collections
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile

# Files that must be byte-identical between a clean run and a killed-then-finished one.
RECORD_FILES = ["records.jsonl", "records.csv", "rejects.jsonl", "duplicates.jsonl"]
# Inside each bundle: the bundle's records, rejects, and the manifest that hashes them.
BUNDLE_MEMBERS = ["data/records.jsonl", "data/records.csv", "data/rejects.jsonl", "manifest-sha256.txt"]
# report.json keys that differ between two clean runs (times, the output folder in paths).
REPORT_VOLATILE = {"command_line", "output_dir", "started_at", "finished_at", "duration_seconds"}
# Keys of the summary line that must agree with the clean run's.
SUMMARY_KEYS = ["status", "exit_code", "documents", "records", "rejects", "duplicates", "skipped"]


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--kills", type=int, default=24)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--other-corpus")
    return ap.parse_args()


class Test:
    def __init__(self, args):
        self.bin = args.bin
        self.corpus = args.corpus
        self.other_corpus = args.other_corpus
        self.work = args.work
        self.rng = random.Random(args.seed)
        self.kills_wanted = args.kills
        self.failures = []
        self.unprinted = []
        self.notes = collections.Counter()

    def fail(self, what):
        self.failures.append(what)
        self.unprinted.append(what)

    def print_run(self, line):
        """The run's line, then what failed in it."""
        print(line, flush=True)
        for what in self.unprinted:
            print(f"    FAIL: {what}", flush=True)
        self.unprinted = []

    def command(self, out, corpus=None):
        return [self.bin, "convert", corpus or self.corpus, "-o", out]

    def start(self, out, corpus=None):
        # nice: the machine is shared; the test's own polling stays at normal priority so
        # that it sees an output appear before salvage gets much further.
        return subprocess.Popen(self.command(out, corpus), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                preexec_fn=lambda: os.nice(10))

    def run_to_end(self, out, corpus=None):
        t0 = time.monotonic()
        p = self.start(out, corpus)
        stdout, stderr = p.communicate()
        return p.returncode, stdout.decode(errors="replace"), stderr.decode(errors="replace"), time.monotonic() - t0

    # -- what a folder holds ------------------------------------------------------------

    @staticmethod
    def listing(out):
        try:
            return sorted(os.listdir(out))
        except FileNotFoundError:
            return []

    @staticmethod
    def signature(out):
        """name -> (inode, mtime, size) of every final (not hidden) name in the folder."""
        sig = {}
        try:
            with os.scandir(out) as it:
                for e in it:
                    if not e.name.startswith("."):
                        try:
                            st = e.stat(follow_symlinks=False)
                        except FileNotFoundError:
                            continue
                        sig[e.name] = (st.st_ino, st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            pass
        return sig

    def verify(self, path):
        p = subprocess.run([self.bin, "verify", path], capture_output=True, text=True)
        return p.returncode, (p.stdout.strip().splitlines() or [""])[-1]

    @staticmethod
    def read(path):
        with open(path, "rb") as f:
            return f.read()

    @staticmethod
    def zips(out):
        return sorted(n for n in Test.listing(out) if n.endswith(".zip") and not n.startswith("."))

    @staticmethod
    def bundle_member(zpath, member):
        with zipfile.ZipFile(zpath) as z:
            name = os.path.basename(zpath)[:-4] + "/" + member
            return z.read(name)

    @staticmethod
    def report_core(path):
        with open(path, encoding="utf-8") as f:
            r = json.load(f)
        core = {k: v for k, v in r.items() if k not in REPORT_VOLATILE}
        # How many chunks a run took from checkpoints is the one batch fact that differs
        # between a resumed run and a clean one.
        if isinstance(core.get("batch"), dict):
            core["batch"] = {k: v for k, v in core["batch"].items() if k != "resumed_chunks"}
        return core

    # -- the two clean runs --------------------------------------------------------------

    def reference(self):
        self.ref = os.path.join(self.work, "ref")
        ref2 = os.path.join(self.work, "ref2")
        rc, stdout, stderr, secs = self.run_to_end(self.ref)
        if rc != 0:
            sys.exit(f"kill-test: the clean reference run failed with exit {rc}:\n{stderr}")
        self.ref_seconds = secs
        self.ref_summary = json.loads(stdout.strip().splitlines()[-1])
        self.ref_files = [n for n in self.listing(self.ref) if not n.startswith(".")]
        self.ref_zips = self.zips(self.ref)
        self.ref_report = self.report_core(os.path.join(self.ref, "report.json"))
        with open(os.path.join(self.ref, "report.json"), encoding="utf-8") as f:
            self.ref_outputs = json.load(f)["outputs"]
        print(f"reference run: {secs:.2f} s, summary {json.dumps(self.ref_summary)}")
        print(f"reference files: {' '.join(self.ref_files)}")
        if not self.ref_zips:
            sys.exit("kill-test: the reference run wrote no bundle")

        rc, _, stderr, secs2 = self.run_to_end(ref2)
        if rc != 0:
            sys.exit(f"kill-test: the second clean run failed with exit {rc}:\n{stderr}")
        same, differ = [], []
        for name in sorted(set(self.ref_files) | set(self.listing(ref2))):
            a, b = os.path.join(self.ref, name), os.path.join(ref2, name)
            if os.path.exists(a) and os.path.exists(b) and self.read(a) == self.read(b):
                same.append(name)
            else:
                differ.append(name)
        print(f"two clean runs ({secs:.2f} s, {secs2:.2f} s): identical: {' '.join(same)}")
        if "report.json" in differ:
            with open(os.path.join(self.ref, "report.json")) as f1, open(os.path.join(ref2, "report.json")) as f2:
                r1, r2 = json.load(f1), json.load(f2)
            keys = sorted(k for k in set(r1) | set(r2) if r1.get(k) != r2.get(k))
            print(f"  differ: report.json (keys: {', '.join(keys)})")
            extra = set(keys) - REPORT_VOLATILE
            if extra:
                sys.exit(f"kill-test: report.json differs between two clean runs beyond times and paths: {extra}")
        for name in differ:
            if name != "report.json":
                print(f"  differ: {name}")
        must = set(RECORD_FILES) | set(self.ref_zips)
        if must & set(differ):
            sys.exit(f"kill-test: two clean runs differ in {sorted(must & set(differ))}: nothing to compare against")
        shutil.rmtree(ref2)
        self.other_ref = None
        if self.other_corpus:
            self.other_ref = os.path.join(self.work, "ref-other")
            rc, stdout, stderr, self.other_seconds = self.run_to_end(self.other_ref, self.other_corpus)
            if rc != 0:
                sys.exit(f"kill-test: the clean run over the other input failed with exit {rc}:\n{stderr}")
            print(f"clean run over the other input: {self.other_seconds:.2f} s, summary {stdout.strip().splitlines()[-1]}")

    # -- after a kill --------------------------------------------------------------------

    def check_killed(self, out):
        """What a killed run left: never a complete-looking output that is not complete."""
        names = self.listing(out)
        finals = [n for n in names if not n.startswith(".")]
        hidden = [n for n in names if n.startswith(".")]
        tmp = [n for n in hidden if ".tmp-" in n]
        left = f"{len(finals)} final ({' '.join(finals) or '-'}), {len(tmp)} tmp"
        if ".salvage-work" in hidden:
            left += ", .salvage-work/"
        ok = True
        # Every bundle under its final name must verify, _SUCCESS or not: it was renamed
        # into place only when complete.
        for z in self.zips(out):
            rc, line = self.verify(os.path.join(out, z))
            if rc != 0:
                self.fail(f"after a kill, {z} fails salvage verify (exit {rc}): {line}")
                ok = False
        # A record file under its final name is complete, so equal to the clean run's of
        # this command, or of the other input when a run over it left the file.
        sources = {}
        for name in RECORD_FILES:
            p = os.path.join(out, name)
            if not os.path.exists(p):
                continue
            data = self.read(p)
            if data == self.read(os.path.join(self.ref, name)):
                sources[name] = "this input"
            elif self.other_ref and data == self.read(os.path.join(self.other_ref, name)):
                sources[name] = "the other input"
            else:
                self.fail(f"after a kill, {name} is under its final name but is no clean run's "
                          f"({os.path.getsize(p)} bytes, the clean run's {os.path.getsize(os.path.join(self.ref, name))})")
                ok = False
        if "_SUCCESS" in finals:
            if len(set(sources.values())) > 1:
                self.fail(f"after a kill, _SUCCESS exists but the record files come from two runs: {sources}")
                ok = False
            self.notes["kills that left _SUCCESS"] += 1
            rp = os.path.join(out, "report.json")
            try:
                with open(rp, encoding="utf-8") as f:
                    report = json.load(f)
                outputs = report["outputs"]
            except (OSError, ValueError, KeyError) as e:
                self.fail(f"after a kill, _SUCCESS exists but report.json is unreadable: {e}")
                return False, left
            inputs = report.get("inputs")
            said = ("this input" if inputs == [self.corpus] else
                    "the other input" if self.other_corpus and inputs == [self.other_corpus] else None)
            if said and set(sources.values()) - {said}:
                self.fail(f"after a kill, _SUCCESS exists and report.json is {said}'s, but the records: {sources}")
                ok = False
            missing = [n for n in outputs if not os.path.exists(os.path.join(out, n))]
            if missing:
                self.fail(f"after a kill, _SUCCESS exists but outputs named in report.json are missing: {missing}")
                ok = False
            if not any(z in outputs for z in self.zips(out)):
                self.fail("after a kill, _SUCCESS exists but no bundle named in report.json is present")
                ok = False
        else:
            if finals:
                self.notes["kills that left final-named files without _SUCCESS"] += 1
        if tmp:
            self.notes["kills that left temporary files"] += 1
        return ok, left

    # -- after a completed re-run --------------------------------------------------------

    def check_completed(self, out, rc, stdout, stderr):
        ok = True
        if rc != 0:
            self.fail(f"the re-run exited {rc}: {stderr.strip().splitlines()[-1:] or ''}")
            return False
        try:
            summary = json.loads(stdout.strip().splitlines()[-1])
        except (IndexError, ValueError):
            self.fail(f"the re-run's last stdout line is not JSON: {stdout[-200:]!r}")
            return False
        for k in SUMMARY_KEYS:
            if summary.get(k) != self.ref_summary.get(k):
                self.fail(f"summary {k}: {summary.get(k)!r}, the clean run said {self.ref_summary.get(k)!r}")
                ok = False
        if summary.get("resumed_chunks", 0) > 0:
            self.notes["completed re-runs that resumed from checkpoints"] += 1
            self.notes["chunks taken from checkpoints"] += summary["resumed_chunks"]
        extra = sorted(set(summary) - set(self.ref_summary))
        if extra:
            self.notes["summary keys only in re-runs: " + ",".join(extra)] += 1
        names = self.listing(out)
        finals = [n for n in names if not n.startswith(".")]
        if sorted(finals) != sorted(self.ref_files):
            self.fail(f"files after the re-run: {finals}, the clean run wrote {self.ref_files}")
            ok = False
        stale = [n for n in names if ".tmp-" in n]
        if stale:
            self.fail(f"temporary files left after a completed run: {stale}")
            ok = False
        if ".salvage-work" in names:
            self.notes["completed runs that kept .salvage-work/"] += 1
        for name in RECORD_FILES:
            p = os.path.join(out, name)
            if not os.path.exists(p):
                continue  # reported above
            if self.read(p) != self.read(os.path.join(self.ref, name)):
                self.fail(f"{name} differs from the clean run's")
                ok = False
        for z in self.ref_zips:
            p = os.path.join(out, z)
            if not os.path.exists(p):
                continue
            rcv, line = self.verify(p)
            if rcv != 0:
                self.fail(f"{z} fails salvage verify: {line}")
                ok = False
            for m in BUNDLE_MEMBERS:
                try:
                    if self.bundle_member(p, m) != self.bundle_member(os.path.join(self.ref, z), m):
                        self.fail(f"{z}: {m} differs from the clean run's")
                        ok = False
                except (KeyError, zipfile.BadZipFile) as e:
                    self.fail(f"{z}: cannot read {m}: {e}")
                    ok = False
            if self.read(p) != self.read(os.path.join(self.ref, z)):
                self.fail(f"{z} is not byte-identical to the clean run's (SOURCE_DATE_EPOCH is fixed)")
                ok = False
        try:
            report = self.report_core(os.path.join(out, "report.json"))
            diff = sorted(k for k in self.ref_report if report.get(k) != self.ref_report[k])
            if diff:
                self.fail(f"report.json differs from the clean run's in {diff}")
                ok = False
        except (OSError, ValueError) as e:
            self.fail(f"report.json unreadable after the re-run: {e}")
            ok = False
        if "_SUCCESS" not in finals:
            self.fail("no _SUCCESS after a completed re-run")
            ok = False
        return ok

    # -- the loop ------------------------------------------------------------------------

    def plan(self):
        """The kill moments, shuffled by the seeded generator: 40% late (right after the k-th
        output of report.json's list is renamed into place, k cycling through every
        position, so during the final renames and just before _SUCCESS), 10% at the first
        temporary file, 10% in the first 50 ms, the rest at a random time within a clean
        run's duration."""
        late = max(len(self.ref_outputs), round(self.kills_wanted * 0.4))
        early = max(1, round(self.kills_wanted * 0.1))
        plan = [f"rename-{1 + i % len(self.ref_outputs)}" for i in range(late)]
        plan += ["first-tmp"] * early + ["start"] * early
        plan += ["random"] * max(0, self.kills_wanted - len(plan))
        self.rng.shuffle(plan)
        return plan

    def kill_once(self, out, n, mode):
        """Start the command and SIGKILL it at the moment `mode` names."""
        before = self.signature(out)
        hidden_before = {n for n in self.listing(out) if n.startswith(".")}
        delay = None
        if mode == "random":
            delay = self.rng.uniform(0.0, self.ref_seconds)
        elif mode == "start":
            delay = self.rng.uniform(0.0, 0.05)
        t0 = time.monotonic()
        p = self.start(out)
        try:
            if delay is not None:
                time.sleep(delay)
            elif mode == "first-tmp":
                # The first temporary file (or work folder) this run makes.
                while p.poll() is None and not any(
                        name.startswith(".") and name not in hidden_before for name in self.listing(out)):
                    time.sleep(0.0005)
            else:
                k = int(mode.split("-")[1])
                while p.poll() is None:
                    now = self.signature(out)
                    renamed = [name for name, s in now.items() if name != "_SUCCESS" and before.get(name) != s]
                    if len(renamed) >= k:
                        break
                    time.sleep(0.0005)
        finally:
            # Also on an exception here (Ctrl-C): never leave the salvage started above running.
            if p.poll() is None:
                os.kill(p.pid, signal.SIGKILL)
            p.communicate()
        at = time.monotonic() - t0
        if p.returncode != -signal.SIGKILL:
            print(f"run {n:2d} {mode:<9} finished (exit {p.returncode}) before the kill at {at:.3f} s: not counted",
                  flush=True)
            self.notes[f"runs that finished before their kill ({mode.split('-')[0]})"] += 1
            return False
        ok, left = self.check_killed(out)
        self.kills_by_mode[mode.split("-")[0]] += 1
        self.print_run(f"run {n:2d} {mode:<9} killed at {at:.3f} s; left {left}: {'ok' if ok else 'FAIL'}")
        return True

    def loop(self):
        out = os.path.join(self.work, "out")
        self.kills_by_mode = collections.Counter()
        kills = completions = identical = 0
        n = 0
        pending = False  # a kill since the last completed run
        plan = self.plan()
        attempts = 0
        while plan and attempts < self.kills_wanted * 3:
            attempts += 1
            n += 1
            roll = self.rng.random()
            if roll < 0.2 and os.path.exists(out):
                shutil.rmtree(out)
                print("        (output folder emptied: the next run starts from nothing)")
            elif roll < 0.35 and self.other_ref:
                self.seed_other(out)
            mode = plan.pop()
            if self.kill_once(out, n, mode):
                kills += 1
                pending = True
            else:
                plan.insert(0, mode)  # try that moment again later
            # Now and then, and always at the end, let the same command run to completion.
            if pending and (self.rng.random() < 0.4 or not plan):
                n += 1
                completions += 1
                identical += self.complete(out, n)
                pending = False
        if pending:
            n += 1
            completions += 1
            identical += self.complete(out, n)
        return kills, completions, identical

    def seed_other(self, out):
        """Leave in the folder what a run over the other input leaves: its complete outputs,
        or what it had written when killed at a random moment."""
        if os.path.exists(out):
            shutil.rmtree(out)
        if self.rng.random() < 0.5:
            shutil.copytree(self.other_ref, out)
            print("        (output folder now holds a complete run over another input)")
            self.notes["runs over the other input left in the folder (complete)"] += 1
            return
        delay = self.rng.uniform(0.0, self.other_seconds)
        p = self.start(out, self.other_corpus)
        try:
            time.sleep(delay)
        finally:
            if p.poll() is None:
                os.kill(p.pid, signal.SIGKILL)
            p.communicate()
        state = "killed" if p.returncode == -signal.SIGKILL else f"finished (exit {p.returncode})"
        print(f"        (output folder now holds a run over another input, {state} at {delay:.3f} s)")
        self.notes["runs over the other input left in the folder (killed)"] += 1

    def complete(self, out, n):
        rc, stdout, stderr, secs = self.run_to_end(out)
        ok = self.check_completed(out, rc, stdout, stderr)
        self.print_run(f"run {n:2d} re-run    completed in {secs:.2f} s (exit {rc}): "
                       f"{'identical to the clean run' if ok else 'FAIL'}")
        return 1 if ok else 0

    def main(self):
        self.reference()
        kills, completions, identical = self.loop()
        print()
        print(f"kills: {kills} ({', '.join(f'{m} {c}' for m, c in sorted(self.kills_by_mode.items()))})")
        print(f"completed re-runs: {completions}, identical to the clean run: {identical}")
        for what, count in sorted(self.notes.items()):
            print(f"{what}: {count}")
        if kills < self.kills_wanted:
            self.failures.append(f"only {kills} kills landed (wanted {self.kills_wanted})")
        if self.failures:
            print(f"kill-test: FAIL ({len(self.failures)} failures)")
            for f in self.failures:
                print(f"  - {f}")
            return 1
        print(f"kill-test: PASS ({kills} kills, {completions} re-runs, all identical)")
        return 0


if __name__ == "__main__":
    sys.exit(Test(parse_args()).main())
