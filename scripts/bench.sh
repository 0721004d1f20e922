#!/usr/bin/env bash
# Speed of `salvage convert` beside trafilatura and cat, on the same files in the same run
# (issue 8; metrics as in shared/design/quality.md, "Speed"):
#   scripts/bench.sh [WCXB_DIR]      (default: ../shared/data/wcxb-dev-articles/)
# (a) the HTML pages of WCXB_DIR/html/*.html.gz, decompressed once outside the timing:
#     salvage with --jobs 1 and with all cores, writing jsonl only and the default
#     jsonl,csv,bundle; trafilatura (PyPI, pinned, in ./.venv) in one process and with
#     multiprocessing over all cores, writing its answers as JSONL;
# (b) BENCH_DUMPS (default 3000) text dumps from scripts/make-corpus --text-only (seed 1):
#     `cat` into /dev/null as the floor, and salvage as in (a).
# Each configuration is timed BENCH_RUNS times (default 5; lower it for a quick check) and
# the medians are printed and written to docs/bench.md (BENCH_MARKDOWN to change that) with
# the date, CPU model, cores, commit and load average. Builds salvage in release mode.
# A development script: not part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

TRAFILATURA_VERSION=2.3.1
# lxml 6 moved lxml.html.clean (which trafilatura's justext imports) into its own package.
LXML_HTML_CLEAN_VERSION=0.4.6
dir=${1:-../shared/data/wcxb-dev-articles/}
runs=${BENCH_RUNS:-5}
dumps=${BENCH_DUMPS:-3000}
markdown=${BENCH_MARKDOWN:-docs/bench.md}
[ -d "$dir/html" ] || {
    echo "bench: $dir has no html/ folder" >&2
    exit 66
}
[ -x /usr/bin/time ] || {
    echo "bench: /usr/bin/time is missing (Debian: apt-get install time)" >&2
    exit 69
}

cargo build --locked --release --quiet
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
if ! .venv/bin/python -c "import trafilatura, sys; sys.exit(trafilatura.__version__ != '$TRAFILATURA_VERSION')" 2>/dev/null; then
    .venv/bin/pip install --quiet --disable-pip-version-check \
        "trafilatura==$TRAFILATURA_VERSION" "lxml_html_clean==$LXML_HTML_CLEAN_VERSION"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/html"
for page in "$dir"/html/*.html.gz; do
    gzip -dc "$page" > "$work/html/$(basename "$page" .gz)"
done
scripts/make-corpus "$dumps" "$work/dumps" --text-only --seed 1

.venv/bin/python scripts/bench_run.py \
    --salvage target/release/salvage \
    --python .venv/bin/python \
    --html "$work/html" \
    --dumps "$work/dumps" \
    --work "$work" \
    --runs "$runs" \
    --markdown "$markdown"
echo "bench: table written to $markdown" >&2
