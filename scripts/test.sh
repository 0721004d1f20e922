#!/usr/bin/env bash
# Every test salvage has, in the order a reviewer would run them:
#   1. cargo fmt --check           formatting
#   2. cargo clippy -D warnings    lints, tests included
#   3. cargo test                  unit tests, doctests, the integration binary
#   4. the README's Quick start    `cargo run --release -- convert` on input/, checked
#      and a 10 MB web page        scripts/check-html-speed.sh: release build, one core,
#                                  well under a second per MB
#   5. checks with other tools     Python's csv and json modules read the exports back
#   6. the real tools              scripts/test-exports.sh: bagit.py, bdbag, frictionless,
#                                  DuckDB and PostgreSQL on the exports and bundles
#   7. a browser                   scripts/test-report-browser.sh: headless Chromium takes a
#                                  screenshot of report.html (kept at docs/report.png)
# Needs cargo and python3; steps 6 and 7 install their own tools (a venv in .venv/,
# PostgreSQL and Chromium from Debian when missing). Exits non-zero at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*" >&2; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --locked --all-targets -- -D warnings

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

echo
echo "all checks passed"
