#!/bin/bash
# Queues the convert array, then the merge to run after all of its tasks succeeded.
set -euo pipefail
cd "$(dirname "$0")"
array_job=$(sbatch --parsable slurm-convert.sbatch)
sbatch --dependency="afterok:${array_job}" slurm-merge.sbatch
