#!/usr/bin/env bash
# Memory benchmark (issue 7, "Bounded memory"): peak memory of `salvage convert` must depend
# on --jobs and the chunk size, not on how many documents the corpus holds. Converts a corpus
# of 10,000 and one of 100,000 generated documents with default settings (`convert DIR -o
# OUT`: jsonl, csv and a bundle, one worker per core) under `/usr/bin/time -v`, prints each
# run's peak RSS (maximum resident set size) and wall time, and passes when the larger peak
# is within 20% of the smaller. Not part of scripts/test.sh (the 100,000 documents take
# about 400 MB of disk and a minute or two); run it by hand:
#
#   scripts/bench-memory.sh [SMALL] [LARGE]     # defaults 10000 100000
#
# The corpora come from scripts/make-corpus when this tree has it (branch `bench`), else
# from scripts/gen-jobs-corpus.py (the input/ dumps varied; seed 7). Installs Debian's
# `time` package when /usr/bin/time is missing. Needs cargo and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
SMALL=${1:-10000}
LARGE=${2:-100000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ ! -x /usr/bin/time ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time > /dev/null
fi
nice cargo build --locked --release --quiet

corpus() { # N DIR
    if [ -x scripts/make-corpus ]; then
        nice scripts/make-corpus "$1" "$2" > /dev/null
    else
        nice python3 scripts/gen-jobs-corpus.py "$1" "$2" --seed 7 2> /dev/null
    fi
}
source=$([ -x scripts/make-corpus ] && echo scripts/make-corpus || echo scripts/gen-jobs-corpus.py)

declare -A PEAK
for n in "$SMALL" "$LARGE"; do
    corpus "$n" "$WORK/in-$n"
    bytes=$(du -sb "$WORK/in-$n" | cut -f1)
    summary=$(nice /usr/bin/time -v -o "$WORK/time-$n.txt" \
        target/release/salvage convert "$WORK/in-$n" -o "$WORK/out-$n" 2> "$WORK/err-$n.txt" | tail -n 1)
    peak_kib=$(awk '/Maximum resident set size/ {print $6}' "$WORK/time-$n.txt")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time-$n.txt")
    PEAK[$n]=$peak_kib
    printf '%7d documents (%s, %d MB): peak RSS %d KiB (%.1f MiB), wall %s\n' \
        "$n" "$source" $((bytes / 1000000)) "$peak_kib" "$(awk -v k="$peak_kib" 'BEGIN {print k / 1024}')" "$wall"
    echo "        summary: $summary"
    rm -rf "$WORK/in-$n" "$WORK/out-$n"
done

small=${PEAK[$SMALL]}
large=${PEAK[$LARGE]}
lo=$((small < large ? small : large))
hi=$((small < large ? large : small))
# Within 20%: the larger peak at most 1.2 times the smaller.
ratio=$(awk -v h="$hi" -v l="$lo" 'BEGIN {printf "%.3f", h / l}')
# What each further document costs, if the growth is linear (a hint at per-document state).
echo "growth: $(awk -v a="$small" -v b="$large" -v m="$SMALL" -v n="$LARGE" \
    'BEGIN {printf "%.0f", (b - a) * 1024 / (n - m)}') bytes per document from $SMALL to $LARGE"
if [ $((hi * 10)) -le $((lo * 12)) ]; then
    echo "bench-memory: PASS (peaks within 20%: ratio $ratio)"
else
    echo "bench-memory: FAIL (peaks differ by more than 20%: ratio $ratio)"
    exit 1
fi
