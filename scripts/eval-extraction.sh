#!/usr/bin/env bash
# Measures salvage's HTML extraction beside trafilatura's on the same pages, in one run:
#   scripts/eval-extraction.sh [DIR]     (default: ../shared/data/wcxb-dev-articles/)
# DIR is WCXB-style: html/<id>.html.gz and ground-truth/<id>.json. The script builds
# salvage in release, decompresses the pages once into a temporary folder, runs
# `salvage convert` on them, installs trafilatura (pinned) into ./.venv, and prints body
# 4-word-shingle precision/recall/F1, title, author and date match rates for both
# (scripts/eval_extraction.py; metrics as in shared/design/quality.md).
# Set EVAL_DETAILS=FILE to keep per-page scores (TSV) for finding kinds of failure.
# trafilatura's answers are kept in target/eval-cache/ (per version and page SHA-256, with
# the seconds each page took): a rerun only converts with salvage. EVAL_NO_CACHE=1 reruns it.
# A development script: not part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

TRAFILATURA_VERSION=2.3.1
dir=${1:-../shared/data/wcxb-dev-articles/}
[ -d "$dir/html" ] && [ -d "$dir/ground-truth" ] || {
    echo "eval-extraction: $dir needs html/ and ground-truth/" >&2
    exit 66
}

cargo build --locked --release --quiet

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pages"
for page in "$dir"/html/*.html.gz; do
    name=$(basename "$page" .gz)
    gzip -dc "$page" > "$work/pages/$name"
done
echo "eval-extraction: $(ls "$work/pages" | wc -l) pages in $dir" >&2

start=$(date +%s.%N)
target/release/salvage convert "$work/pages" -o "$work/out" --format jsonl > "$work/summary.json"
end=$(date +%s.%N)
seconds=$(python3 -c "print($end - $start)")

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
if ! .venv/bin/python -c "import trafilatura, sys; sys.exit(trafilatura.__version__ != '$TRAFILATURA_VERSION')" 2>/dev/null; then
    .venv/bin/pip install --quiet "trafilatura==$TRAFILATURA_VERSION"
fi

details=()
if [ -n "${EVAL_DETAILS:-}" ]; then
    details=(--details "$EVAL_DETAILS")
fi
if [ -z "${EVAL_NO_CACHE:-}" ]; then
    details+=(--cache target/eval-cache)
fi
.venv/bin/python scripts/eval_extraction.py \
    --truth "$dir/ground-truth" \
    --pages "$work/pages" \
    --records "$work/out/records.jsonl" \
    --salvage-seconds "$seconds" \
    "${details[@]}"
python3 -c "
import json, sys
summary = json.load(open('$work/summary.json'))
rejects = {}
for line in open('$work/out/rejects.jsonl'):
    reason = json.loads(line)['reason']
    rejects[reason] = rejects.get(reason, 0) + 1
print('salvage rejects:', rejects or 'none')
"
