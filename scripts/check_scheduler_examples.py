#!/usr/bin/env python3
"""Checks the scheduler examples in scripts/scheduler/ without Kubernetes, Slurm or Airflow.

Usage: check_scheduler_examples.py [DIR] [--only k8s|slurm|parallel|cron|airflow]
       (DIR defaults to scripts/scheduler next to this file; --only runs one section)

Run by scripts/check-scheduler-examples.sh (which provides PyYAML in .venv/). Prints one
line per check and exits 1 when any fails. What is checked, example by example:

- k8s-*.yaml: parsed with PyYAML; the convert Job is `batch/v1` `Job`, `completionMode:
  Indexed`, `completions` equal to the N of `--shards N`, `1 <= parallelism <= completions`,
  its command is `salvage convert ... --shard auto --shards N` writing to a folder named by
  `$(JOB_COMPLETION_INDEX)`, `restartPolicy: Never` (a podFailurePolicy needs it), and the
  exit codes that fail the Job at once leave 74 and 75 to retries. The merge Job names
  exactly the N folders the indexes 0..N-1 write.
- Slurm (*.sbatch, slurm-submit.sh): `bash -n`; every `#SBATCH` line comes before the first
  command (sbatch stops reading them there); the ids of `#SBATCH --array` number N of
  `--shards N`; the convert line says `--shard auto`. Then each script runs under bash with
  stand-ins for salvage, sbatch and scontrol on PATH that record their arguments: every array
  id gives its own output folder, the merge names exactly those folders, and the submit
  script queues the merge with `--dependency=afterok:<array job>`.
- parallel.sh: `bash -n`, then a run with GNU parallel and a stand-in salvage (3 shards): the
  shards are 1/3, 2/3, 3/3 into three folders, and the merge names those three.
- crontab: five valid time fields, no unescaped `%` (cron turns it into a newline), the
  command passes `bash -n`, runs `salvage convert ... --incremental`.
- airflow_*.py: parsed with `ast`, every BashOperator has a task_id and a bash_command; then
  the file runs against stand-in `airflow` modules that record the DAGs, tasks and `>>`
  links: every bash_command passes `bash -n`; the nightly DAG converts with
  `--incremental`; the sharded DAG's `--shard K/N` tasks cover 1..N once each, into
  different folders, all upstream of a merge that names exactly those folders.
"""

import ast
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import types

import yaml

RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append((name, bool(ok)))
    print(f"  {'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")
    return bool(ok)


def bash_syntax(text=None, path=None):
    args = ["bash", "-n", path] if path else ["bash", "-n", "-c", text]
    p = subprocess.run(args, capture_output=True, text=True)
    return p.returncode == 0, p.stderr.strip()


def option(argv, name):
    """The value after `name` in argv, or None."""
    for i, a in enumerate(argv[:-1]):
        if a == name:
            return argv[i + 1]
    return None


# -- stand-in commands ------------------------------------------------------------------

# A call is logged as its words, each ended by \x1f, and the call ended by \x1e.
STUB = r"""#!/bin/sh
{ printf '%s\037' "${0##*/}" "$@"; printf '\036'; } >> "$STUB_LOG"
if [ "${0##*/}" = sbatch ]; then
    for a in "$@"; do [ "$a" = --parsable ] && echo 4242; done
fi
exit 0
"""


class Stubs:
    """A folder of stand-in commands that append their argv to a log, first on PATH."""

    def __init__(self, names):
        self.dir = tempfile.mkdtemp(prefix="sched-stubs-")
        self.log = os.path.join(self.dir, "calls.jsonl")
        for name in names:
            path = os.path.join(self.dir, name)
            with open(path, "w") as f:
                f.write(STUB)
            os.chmod(path, 0o755)

    def run(self, argv, env=None, cwd=None):
        open(self.log, "w").close()
        e = dict(os.environ, PATH=self.dir + os.pathsep + os.environ["PATH"], STUB_LOG=self.log)
        e.update(env or {})
        p = subprocess.run(argv, env=e, cwd=cwd, capture_output=True, text=True, timeout=120)
        with open(self.log) as f:
            calls = [c.split("\x1f")[:-1] for c in f.read().split("\x1e")[:-1]]
        return p, calls

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


# -- Kubernetes ---------------------------------------------------------------------------


def container_argv(job):
    c = job["spec"]["template"]["spec"]["containers"][0]
    return [str(a) for a in (c.get("command") or []) + (c.get("args") or [])]


def check_kubernetes(folder):
    files = sorted(f for f in os.listdir(folder) if f.startswith("k8s-") and f.endswith((".yaml", ".yml")))
    if not check("kubernetes: manifests present", files, " ".join(files)):
        return
    jobs = []
    for f in files:
        try:
            with open(os.path.join(folder, f)) as fh:
                docs = [d for d in yaml.safe_load_all(fh) if d is not None]
        except yaml.YAMLError as e:
            check(f"{f}: YAML parses", False, str(e).replace("\n", " "))
            continue
        check(f"{f}: YAML parses", True, f"{len(docs)} document(s)")
        for d in docs:
            ok = isinstance(d, dict) and d.get("apiVersion") == "batch/v1" and d.get("kind") == "Job"
            name = d.get("metadata", {}).get("name") if isinstance(d, dict) else None
            check(f"{f}: {name}: apiVersion batch/v1, kind Job", ok,
                  f"{d.get('apiVersion')} {d.get('kind')}" if isinstance(d, dict) else repr(d))
            if ok:
                jobs.append((f, d))
    converts = [(f, j) for f, j in jobs if "convert" in container_argv(j)]
    merges = [(f, j) for f, j in jobs if "merge" in container_argv(j)]
    if not check("kubernetes: one convert Job", len(converts) == 1, str(len(converts))):
        return
    f, job = converts[0]
    spec = job["spec"]
    argv = container_argv(job)
    n = spec.get("completions")
    check(f"{f}: completionMode Indexed", spec.get("completionMode") == "Indexed", str(spec.get("completionMode")))
    check(f"{f}: completions is a positive integer", isinstance(n, int) and n > 0, repr(n))
    par = spec.get("parallelism")
    check(f"{f}: 1 <= parallelism <= completions", isinstance(par, int) and isinstance(n, int) and 1 <= par <= n,
          f"parallelism {par!r}")
    check(f"{f}: command is salvage convert", argv[:2] == ["salvage", "convert"], " ".join(argv))
    check(f"{f}: --shard auto", option(argv, "--shard") == "auto", str(option(argv, "--shard")))
    shards = option(argv, "--shards")
    check(f"{f}: --shards equals completions", shards is not None and shards == str(n),
          f"--shards {shards}, completions {n}")
    out = option(argv, "-o") or option(argv, "--output") or ""
    check(f"{f}: output folder per index ($(JOB_COMPLETION_INDEX))", "$(JOB_COMPLETION_INDEX)" in out, out)
    tspec = spec["template"]["spec"]
    check(f"{f}: restartPolicy Never", tspec.get("restartPolicy") == "Never", str(tspec.get("restartPolicy")))
    for rule in (spec.get("podFailurePolicy") or {}).get("rules", []):
        codes = (rule.get("onExitCodes") or {}).get("values", [])
        if rule.get("action") == "FailJob" and codes:
            check(f"{f}: FailJob exit codes leave 74 and 75 to retries", not {74, 75} & set(codes), str(codes))
    if not check("kubernetes: one merge Job", len(merges) == 1, str(len(merges))):
        return
    mf, merge = merges[0]
    margv = container_argv(merge)
    check(f"{mf}: command is salvage merge", margv[:2] == ["salvage", "merge"], " ".join(margv[:2]))
    stop = margv.index("-o") if "-o" in margv else len(margv)
    dirs = margv[2:stop]
    want = [out.replace("$(JOB_COMPLETION_INDEX)", str(i)) for i in range(n)] if isinstance(n, int) else []
    check(f"{mf}: merges exactly the {n} shard folders", dirs == want,
          f"{len(dirs)} named" + ("" if dirs == want else f"; want {want}, got {dirs}"))
    check(f"{mf}: -o given", "-o" in margv)


# -- Slurm --------------------------------------------------------------------------------


def array_ids(spec):
    """Ids of an #SBATCH --array spec: 1-16, 0-15%4, 1,3,5-7, 1-15:2."""
    spec = spec.split("%")[0]
    ids = []
    for part in spec.split(","):
        m = re.fullmatch(r"(\d+)(?:-(\d+)(?::(\d+))?)?", part)
        if not m:
            raise ValueError(f"not an array range: {part!r}")
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        step = int(m.group(3)) if m.group(3) else 1
        ids.extend(range(a, b + 1, step))
    return ids


def sbatch_lines(text):
    """#SBATCH options, and whether each came before the first command."""
    out, in_header = [], True
    for line in text.splitlines()[1:]:
        s = line.strip()
        if s.startswith("#SBATCH"):
            out.append((s[len("#SBATCH"):].strip(), in_header))
        elif s and not s.startswith("#"):
            in_header = False
    return out


def check_slurm(folder, stubs):
    conv, merge, submit = (os.path.join(folder, n) for n in ("slurm-convert.sbatch", "slurm-merge.sbatch",
                                                              "slurm-submit.sh"))
    for path in (conv, merge, submit):
        name = os.path.basename(path)
        if not check(f"{name}: present", os.path.exists(path)):
            return
        ok, err = bash_syntax(path=path)
        check(f"{name}: bash -n", ok, err)
        if not ok:
            return
    with open(conv) as f:
        text = f.read()
    opts = sbatch_lines(text)
    check("slurm-convert.sbatch: #SBATCH lines before the first command", all(h for _, h in opts),
          ", ".join(o for o, h in opts if not h))
    arrays = [o.split("=", 1)[1] for o, _ in opts if o.startswith("--array=")]
    if not check("slurm-convert.sbatch: one #SBATCH --array", len(arrays) == 1, " ".join(arrays)):
        return
    try:
        ids = array_ids(arrays[0])
    except ValueError as e:
        check("slurm-convert.sbatch: --array range parses", False, str(e))
        return
    m = re.search(r"--shards[ =]\"?(\d+)", text)
    n = int(m.group(1)) if m else None
    check("slurm-convert.sbatch: --array ids number --shards", n is not None and len(ids) == n == len(set(ids)),
          f"--array={arrays[0]} ({len(ids)} ids), --shards {n}")
    check("slurm-convert.sbatch: --shard auto", re.search(r"--shard[ =]auto\b", text) is not None)
    # A dry run of every array task with stand-ins.
    outs = []
    for i in ids:
        env = {"SLURM_ARRAY_TASK_ID": str(i), "SLURM_ARRAY_TASK_MIN": str(min(ids)),
               "SLURM_ARRAY_TASK_MAX": str(max(ids)), "SLURM_ARRAY_TASK_COUNT": str(len(ids)),
               "SLURM_ARRAY_JOB_ID": "4242", "SLURM_CPUS_PER_TASK": "4"}
        p, calls = stubs.run(["bash", conv], env=env)
        conv_calls = [c for c in calls if c[:2] == ["salvage", "convert"]]
        if p.returncode != 0 or len(conv_calls) != 1:
            check(f"slurm-convert.sbatch: dry run of task {i}", False, f"exit {p.returncode}, calls {calls}")
            return
        outs.append(option(conv_calls[0], "-o"))
    check("slurm-convert.sbatch: dry run: every task its own folder", len(set(outs)) == len(ids) and None not in outs,
          f"{len(set(outs))} folders for {len(ids)} tasks")
    p, calls = stubs.run(["bash", merge])
    mcalls = [c for c in calls if c[:2] == ["salvage", "merge"]]
    ok = p.returncode == 0 and len(mcalls) == 1
    dirs = mcalls[0][2:mcalls[0].index("-o")] if ok and "-o" in mcalls[0] else []
    check("slurm-merge.sbatch: dry run: merges exactly the tasks' folders", ok and dirs == outs,
          f"{len(dirs)} folders" + ("" if dirs == outs else f"; tasks wrote {outs}, merge names {dirs}"))
    p, calls = stubs.run(["bash", submit])
    sb = [c for c in calls if c[0] == "sbatch"]
    ok = (p.returncode == 0 and len(sb) == 2 and "slurm-convert.sbatch" in sb[0] and "--parsable" in sb[0]
          and "slurm-merge.sbatch" in sb[1] and "--dependency=afterok:4242" in sb[1])
    check("slurm-submit.sh: dry run: merge queued afterok the array", ok, " | ".join(" ".join(c) for c in sb))


# -- GNU parallel -------------------------------------------------------------------------


def check_parallel(folder, stubs):
    path = os.path.join(folder, "parallel.sh")
    if not check("parallel.sh: present", os.path.exists(path)):
        return
    ok, err = bash_syntax(path=path)
    check("parallel.sh: bash -n", ok, err)
    if not ok:
        return
    if shutil.which("parallel") is None:
        check("parallel.sh: GNU parallel installed for the dry run", False, "parallel not on PATH")
        return
    out = tempfile.mkdtemp(prefix="sched-parallel-")
    try:
        p, calls = stubs.run(["bash", path, "/data/in", out, "3", "1"])
        conv = sorted((c for c in calls if c[:2] == ["salvage", "convert"]), key=lambda c: option(c, "--shard") or "")
        shards = [option(c, "--shard") for c in conv]
        outs = [option(c, "-o") for c in conv]
        check("parallel.sh: dry run: shards 1/3 2/3 3/3", p.returncode == 0 and shards == ["1/3", "2/3", "3/3"],
              f"exit {p.returncode}, shards {shards} {p.stderr.strip()[-200:]}")
        check("parallel.sh: dry run: three output folders", len(set(outs)) == 3, str(outs))
        merges = [c for c in calls if c[:2] == ["salvage", "merge"]]
        dirs = merges[0][2:merges[0].index("-o")] if len(merges) == 1 and "-o" in merges[0] else []
        check("parallel.sh: dry run: merges exactly those folders", dirs == outs, f"{dirs}")
    finally:
        shutil.rmtree(out, ignore_errors=True)


# -- cron ---------------------------------------------------------------------------------

CRON_RANGES = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]
CRON_NAMES = [None, None, None,
              "jan feb mar apr may jun jul aug sep oct nov dec".split(),
              "sun mon tue wed thu fri sat".split()]


def cron_field_ok(field, i):
    lo, hi = CRON_RANGES[i]
    for part in field.lower().split(","):
        m = re.fullmatch(r"(\*|[0-9a-z]+(?:-[0-9a-z]+)?)(?:/(\d+))?", part)
        if not m:
            return False
        if m.group(1) == "*":
            continue
        for v in m.group(1).split("-"):
            if v.isdigit():
                if not lo <= int(v) <= hi:
                    return False
            elif not (CRON_NAMES[i] and v in CRON_NAMES[i]):
                return False
    return True


def check_cron(folder):
    path = os.path.join(folder, "crontab")
    if not check("crontab: present", os.path.exists(path)):
        return
    with open(path) as f:
        lines = [ln.rstrip("\n") for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    check("crontab: one entry", len(lines) == 1, str(len(lines)))
    for ln in lines:
        fields = ln.split(None, 5)
        if not check("crontab: five time fields and a command", len(fields) == 6, ln):
            continue
        bad = [fld for i, fld in enumerate(fields[:5]) if not cron_field_ok(fld, i)]
        check("crontab: time fields valid", not bad, " ".join(fields[:5]) + (f" (bad: {bad})" if bad else ""))
        cmd = fields[5]
        check("crontab: no unescaped %", re.search(r"(?<!\\)%", cmd) is None)
        ok, err = bash_syntax(text=cmd)
        check("crontab: command passes bash -n", ok, err)
        words = shlex.split(cmd) if ok else []
        check("crontab: salvage convert --incremental",
              "salvage" in words and "convert" in words and "--incremental" in words)


# -- Airflow ------------------------------------------------------------------------------


class FakeTask:
    def __init__(self, dag, task_id=None, bash_command=None, **kwargs):
        self.task_id, self.bash_command, self.kwargs = task_id, bash_command, kwargs
        self.downstream = set()
        dag.tasks.append(self)

    def _link(self, other):
        for o in other if isinstance(other, (list, tuple)) else [other]:
            self.downstream.add(o.task_id)
        return other

    def __rshift__(self, other):
        return self._link(other)

    def __rrshift__(self, other):  # [a, b] >> task
        for o in other if isinstance(other, (list, tuple)) else [other]:
            o._link(self)
        return self


def fake_airflow(dags):
    current = []

    class DAG:
        def __init__(self, dag_id=None, **kwargs):
            self.dag_id, self.kwargs, self.tasks = dag_id, kwargs, []
            dags.append(self)

        def __enter__(self):
            current.append(self)
            return self

        def __exit__(self, *exc):
            current.pop()

    def BashOperator(**kwargs):  # noqa: N802 (Airflow's name)
        if not current:
            raise RuntimeError("BashOperator outside a DAG")
        return FakeTask(current[-1], **kwargs)

    airflow = types.ModuleType("airflow")
    airflow.DAG = DAG
    ops = types.ModuleType("airflow.operators")
    bash = types.ModuleType("airflow.operators.bash")
    bash.BashOperator = BashOperator
    return {"airflow": airflow, "airflow.operators": ops, "airflow.operators.bash": bash}


def reachable(dag, start):
    by_id = {t.task_id: t for t in dag.tasks}
    seen, todo = set(), [start]
    while todo:
        for d in by_id[todo.pop()].downstream:
            if d not in seen:
                seen.add(d)
                todo.append(d)
    return seen


def check_airflow(folder):
    files = sorted(f for f in os.listdir(folder) if f.startswith("airflow") and f.endswith(".py"))
    if not check("airflow: DAG file present", files, " ".join(files)):
        return
    for f in files:
        path = os.path.join(folder, f)
        with open(path) as fh:
            source = fh.read()
        try:
            tree = ast.parse(source, filename=f)
        except SyntaxError as e:
            check(f"{f}: ast parses", False, f"line {e.lineno}: {e.msg}")
            continue
        check(f"{f}: ast parses", True)
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
                 and getattr(n.func, "id", getattr(n.func, "attr", None)) == "BashOperator"]
        kw_ok = all({"task_id", "bash_command"} <= {k.arg for k in c.keywords} for c in calls)
        check(f"{f}: BashOperator calls with task_id and bash_command", calls and kw_ok, f"{len(calls)} in the source")
        dags = []
        saved = {k: sys.modules.get(k) for k in ("airflow", "airflow.operators", "airflow.operators.bash",
                                                 "airflow.providers", "airflow.providers.standard",
                                                 "airflow.providers.standard.operators",
                                                 "airflow.providers.standard.operators.bash")}
        try:
            for k in saved:
                sys.modules.pop(k, None)
            sys.modules.update(fake_airflow(dags))
            exec(compile(tree, path, "exec"), {"__name__": "dag_under_test", "__file__": path})
        except Exception as e:  # noqa: BLE001 (any failure of the DAG file is the finding)
            check(f"{f}: runs against stand-in airflow modules", False, f"{type(e).__name__}: {e}")
            continue
        finally:
            for k, v in saved.items():
                if v is None:
                    sys.modules.pop(k, None)
                else:
                    sys.modules[k] = v
        tasks = [t for d in dags for t in d.tasks]
        check(f"{f}: runs against stand-in airflow modules", True,
              ", ".join(f"{d.dag_id} ({len(d.tasks)} tasks)" for d in dags))
        for t in tasks:
            ok, err = bash_syntax(text=t.bash_command or "")
            check(f"{f}: {t.task_id}: bash_command passes bash -n", ok and t.bash_command, err)
        incremental = [t for t in tasks if re.search(r"\bsalvage convert\b.*--incremental", t.bash_command or "")]
        check(f"{f}: a convert task with --incremental", incremental, ", ".join(t.task_id for t in incremental))
        for d in dags:
            shard_tasks = [(t, re.search(r"--shard[ =](\d+)/(\d+)", t.bash_command or "")) for t in d.tasks]
            shard_tasks = [(t, int(m.group(1)), int(m.group(2))) for t, m in shard_tasks if m]
            if not shard_tasks:
                continue
            ns = {n for _, _, n in shard_tasks}
            ks = sorted(k for _, k, _ in shard_tasks)
            n = ns.pop() if len(ns) == 1 else None
            check(f"{f}: {d.dag_id}: --shard K/N covers 1..N once", n is not None and ks == list(range(1, n + 1)),
                  f"K {ks}, N {sorted({x for _, _, x in shard_tasks})}")
            outs = [option(shlex.split(t.bash_command), "-o") for t, _, _ in sorted(shard_tasks, key=lambda s: s[1])]
            check(f"{f}: {d.dag_id}: every shard its own folder", len(set(outs)) == len(outs) and None not in outs,
                  str(outs))
            merges = [t for t in d.tasks if re.search(r"\bsalvage merge\b", t.bash_command or "")]
            if not check(f"{f}: {d.dag_id}: one merge task", len(merges) == 1, str(len(merges))):
                continue
            margv = shlex.split(merges[0].bash_command)
            at = margv.index("merge")
            dirs = margv[at + 1:margv.index("-o")] if "-o" in margv else []
            check(f"{f}: {d.dag_id}: merge names exactly the shard folders", dirs == outs, f"{dirs}")
            upstream = all(merges[0].task_id in reachable(d, t.task_id) for t, _, _ in shard_tasks)
            check(f"{f}: {d.dag_id}: every shard task runs before the merge", upstream)


def main():
    args = sys.argv[1:]
    only = None
    if "--only" in args:
        at = args.index("--only")
        only = args[at + 1]
        del args[at:at + 2]
    folder = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "scheduler")
    stubs = Stubs(["salvage", "sbatch", "scontrol"])
    try:
        for key, title, fn in (("k8s", "Kubernetes", lambda: check_kubernetes(folder)),
                               ("slurm", "Slurm", lambda: check_slurm(folder, stubs)),
                               ("parallel", "GNU parallel", lambda: check_parallel(folder, stubs)),
                               ("cron", "cron", lambda: check_cron(folder)),
                               ("airflow", "Airflow", lambda: check_airflow(folder))):
            if only and key != only:
                continue
            print(title)
            try:
                fn()
            except Exception as e:  # noqa: BLE001 (a broken example must fail the check, not crash it)
                check(f"{title}: checked without error", False, f"{type(e).__name__}: {e}")
    finally:
        stubs.close()
    failed = [n for n, ok in RESULTS if not ok]
    print(f"scheduler examples: {len(RESULTS) - len(failed)}/{len(RESULTS)} checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
