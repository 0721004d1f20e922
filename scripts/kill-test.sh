#!/usr/bin/env bash
# Kill test (issue 7): a `salvage convert` killed with SIGKILL at any moment must never leave
# an output that looks complete but is not, and running the same command again must finish
# the job with the same records as a run that was never killed.
#
#   scripts/kill-test.sh [KILLS] [SEED] [DOCS]      # defaults 24, 1, 4000
#
# 1. Builds the release binary and writes a corpus of DOCS documents: scripts/make-corpus
#    when this tree has it (branch `bench`), else scripts/gen-jobs-corpus.py (the input/
#    dumps varied; some duplicates, rejects, multi-article dumps and zips among them).
# 2. Two clean runs, `convert CORPUS -o ref` and `-o ref2`, and prints which files differ.
#    Checked on salvage 0.1.0 (main at c998565): records.jsonl, records.csv, rejects.jsonl,
#    duplicates.jsonl, _SUCCESS and the bundle zip are byte-identical; report.json differs
#    only in command_line, output_dir, started_at, finished_at and duration_seconds;
#    report.html shows those too. (The bundle's bag-info.txt has a Bagging-Date: equal on
#    the same day, and fixed here by SOURCE_DATE_EPOCH so that runs across midnight agree.)
# 3. Starts `convert CORPUS -o out` and SIGKILLs it, KILLS times, at moments drawn from a
#    random generator seeded with SEED: a random time within a clean run's duration, the
#    first 50 ms, the moment the first temporary file appears, or (the late kills) right
#    after the k-th output of report.json's list is renamed into place, so during the
#    final renames and just before _SUCCESS. The folder is kept between runs (a run then
#    resumes from, or overwrites, what the killed one left), now and then emptied, and now
#    and then given what a run over another, smaller input left (its complete outputs, or
#    its killed run's files and checkpoints): an archive that changed since the last run.
#    After each kill:
#      - every salvage-*.zip under its final name passes `salvage verify`;
#      - every record file under its final name equals a clean run's: this input's, or the
#        other input's (a file is renamed into place only when complete);
#      - if _SUCCESS exists: report.json is readable, every file in its `outputs` exists,
#        and the record files all come from the one input report.json names.
# 4. Now and then, and after the last kill, runs the same command to completion and checks:
#    exit 0; the summary line's counts equal the clean run's; the same file names; no
#    `.*.tmp-*` file left; records.jsonl, records.csv, rejects.jsonl, duplicates.jsonl
#    byte-identical; each bundle verifies, its data/records.jsonl, data/records.csv,
#    data/rejects.jsonl and manifest-sha256.txt are identical, and so is the whole zip;
#    report.json equal but for the five keys above; _SUCCESS present; no file of the other
#    input left. report.html is not compared (it shows times and paths).
# Prints one line per run and a PASS/FAIL summary with counts; exits 1 on any failure.
# Takes under two minutes on 2 cores shared with other builds (1m42s measured; salvage runs
# under nice), after the release build. Needs cargo and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${1:-24}
SEED=${2:-1}
DOCS=${3:-4000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

nice cargo build --locked --release --quiet
# Set only now: zstd-sys's build script watches SOURCE_DATE_EPOCH, so cargo would rebuild.
export SOURCE_DATE_EPOCH=1700000000
# The corpus, and a smaller other one (another seed): another input's outputs that a run
# may find in its folder.
if [ -x scripts/make-corpus ]; then
    nice scripts/make-corpus "$DOCS" "$WORK/corpus" --seed "$SEED" > /dev/null
    nice scripts/make-corpus $((DOCS / 4)) "$WORK/other" --seed $((SEED + 1)) > /dev/null
    echo "corpus: $DOCS documents from scripts/make-corpus (seed $SEED), other input $((DOCS / 4))"
else
    nice python3 scripts/gen-jobs-corpus.py "$DOCS" "$WORK/corpus" --seed "$SEED" 2> /dev/null
    nice python3 scripts/gen-jobs-corpus.py $((DOCS / 4)) "$WORK/other" --seed $((SEED + 1)) 2> /dev/null
    echo "corpus: $DOCS documents from scripts/gen-jobs-corpus.py (seed $SEED), other input $((DOCS / 4))"
fi
# The loop's Python process kills only the salvage processes it started, by pid, and waits
# for each before the next starts, so nothing is left running when it exits.
python3 scripts/kill_test.py --bin "$PWD/target/release/salvage" --corpus "$WORK/corpus" \
    --other-corpus "$WORK/other" --work "$WORK" --kills "$KILLS" --seed "$SEED"
