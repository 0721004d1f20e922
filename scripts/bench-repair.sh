#!/usr/bin/env bash
# Benchmark of `salvage repair` beside ftfy (PyPI, fix_encoding) on the same text in the
# same run: MB/s on one core, and the share of paragraphs each gives back exactly, for
# clean text and each broken form of shared/design/encodings.md.
#
# usage: scripts/bench-repair.sh [CLEAN_TEXT_DIR] [REPEAT]
#   CLEAN_TEXT_DIR  folder of clean UTF-8 Vietnamese, one paragraph per line
#                   (default: tests/data/vn-clean)
#   REPEAT          how many times the paragraphs are repeated (default: 48, 4-13 MB a form:
#                   salvage's process start, about 2 ms, is then a few percent of its time)
# Writes the table to stdout and to target/bench-repair.md. Installs ftfy into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
clean_dir=${1:-tests/data/vn-clean}
repeat=${2:-48}

cargo build --release --locked --quiet
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/pip install --quiet --disable-pip-version-check ftfy==6.3.1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/python scripts/bench_repair.py "$clean_dir" "$repeat" "$work" target/release/salvage \
    | tee target/bench-repair.md
