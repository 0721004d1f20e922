#!/usr/bin/env bash
# salvage on one big machine (or several, with `parallel --sshlogin`) with GNU parallel:
# N shards, each a `salvage convert --shard K/N` into its own folder, then one merge.
#
#   scripts/scheduler/parallel.sh [INPUT] [OUTPUT] [SHARDS] [JOBS_PER_SHARD]   # /data/in /data/out 4 1
#
# A failed shard is tried again (--retries 3: a re-run resumes from its checkpoints); when
# one still fails, parallel stops starting new shards and the merge does not run.
set -euo pipefail
IN=${1:-/data/in}
OUT=${2:-/data/out}
N=${3:-4}
J=${4:-1}
mkdir -p "$OUT"

parallel --halt soon,fail=1 --retries 3 --joblog "$OUT/parallel-joblog.tsv" salvage convert "$IN" -o "$OUT/shard-{}" --shard "{}/$N" --jobs "$J" --quiet ::: $(seq 1 "$N")
salvage merge $(seq -f "$OUT/shard-%g" 1 "$N") -o "$OUT/all"
