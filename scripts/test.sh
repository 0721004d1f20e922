#!/usr/bin/env bash
# Every test salvage has, in the order a reviewer would run them:
#   1. cargo fmt --check           formatting
#   2. cargo clippy -D warnings    lints, tests included
#   3. WARC fixtures               PyPI warcio writes the test WARCs again (scripts/make-warc.py):
#                                  the same bytes as tests/data/warc/, and `warcio check` passes
#   4. cargo test                  unit tests, doctests, the integration binary (its WARC
#                                  tests read the files warcio just wrote)
#   5. the README's Quick start    `cargo run --release -- convert` on input/, checked
#      and a 10 MB web page        scripts/check-html-speed.sh: release build, one core,
#                                  well under a second per MB
#   6. checks with other tools     Python's csv and json modules read the exports back
#   7. the real tools              scripts/test-exports.sh: bagit.py, bdbag, frictionless,
#                                  DuckDB and PostgreSQL on the exports and bundles
#   8. a browser                   scripts/test-report-browser.sh: headless Chromium takes a
#                                  screenshot of report.html (kept at docs/report.png)
#   9. batch jobs                  scripts/kill-test.sh: SIGKILL at 24 moments (some during the
#                                  final renames); no complete-looking output is ever incomplete
#                                  and the same command resumes to the clean run's bytes;
#                                  scripts/check-scheduler-examples.sh: the Kubernetes, Slurm,
#                                  GNU parallel, cron and Airflow examples parsed and dry-run
# Needs cargo and python3; steps 3, 7, 8 and 9 install their own tools (a venv in .venv/,
# PostgreSQL, Chromium and GNU parallel from Debian when missing). Exits non-zero at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*" >&2; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --locked --all-targets -- -D warnings

step "WARC fixtures written by warcio (scripts/make-warc.py), checked against tests/data/warc/"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --disable-pip-version-check -q warcio==1.8.1
WARC_DIR=$(mktemp -d)
trap 'rm -rf "$WARC_DIR"' EXIT
.venv/bin/python scripts/make-warc.py "$WARC_DIR"
for warc in articles-1.1.warc.gz articles-1.0.warc; do
    cmp "$WARC_DIR/$warc" "tests/data/warc/$warc"
    cmp "$WARC_DIR/$warc.index.jsonl" "tests/data/warc/$warc.index.jsonl"
    .venv/bin/warcio check "$WARC_DIR/$warc"
done
export SALVAGE_WARC_DIR=$WARC_DIR

step "cargo test"
cargo test --locked

step "Quick start: cargo run --release -- convert"
summary=$(cargo run --locked --release --quiet -- convert | tail -n 1)
echo "$summary"

step "a 10 MB web page in well under a second per MB (scripts/check-html-speed.sh)"
bash scripts/check-html-speed.sh

step "exports read back by Python's csv and json modules"
python3 scripts/check-exports.py output "$summary"

step "exports and bundles checked by the tools people use (scripts/test-exports.sh)"
bash scripts/test-exports.sh

step "report.html in a browser (scripts/test-report-browser.sh)"
bash scripts/test-report-browser.sh

step "batch jobs: killed at random moments, resumed to the same bytes (scripts/kill-test.sh)"
bash scripts/kill-test.sh

step "scheduler examples: Kubernetes, Slurm, GNU parallel, cron, Airflow (scripts/check-scheduler-examples.sh)"
bash scripts/check-scheduler-examples.sh

echo
echo "all checks passed"
