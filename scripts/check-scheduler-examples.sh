#!/usr/bin/env bash
# Checks the scheduler examples in scripts/scheduler/ (issue 7: "each tested at least for
# syntax; kubectl is not needed") without a cluster, Slurm or Airflow:
#
#   scripts/check-scheduler-examples.sh
#
# 1. scripts/check_scheduler_examples.py on scripts/scheduler/ (see its docstring): the
#    Kubernetes manifests parsed with PyYAML and their fields read back (kind Job,
#    completionMode Indexed, completions == --shards, --shard auto, the merge naming every
#    shard folder); `bash -n` on the Slurm and GNU parallel scripts, the #SBATCH --array
#    range against --shards, and a dry run of each with stand-ins for salvage, sbatch and
#    scontrol that record their arguments (GNU parallel itself runs); the cron line's
#    fields; the Airflow DAG parsed with `ast` and run against stand-in airflow modules, its
#    bash_command strings through `bash -n`, its shards and merge compared.
# 2. A self-test: each of a dozen broken copies of the examples (completions that no longer
#    match --shards, a missing merge folder, a shell syntax error, a bad cron hour, ...) must
#    make the checker fail; one that passes fails this script.
# Installs PyYAML into .venv/ (as scripts/test.sh does warcio) and, when missing, Debian's
# `parallel`. Exits non-zero when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --disable-pip-version-check -q PyYAML==6.0.3
if ! command -v parallel > /dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq parallel > /dev/null
fi

.venv/bin/python scripts/check_scheduler_examples.py scripts/scheduler

# Self-test: FILE|SED-EXPRESSION|what it breaks. Each must make the checker fail.
MUTANTS=(
    'k8s-indexed-job.yaml|s/^  completions: 8$/  completions: 7/|completions no longer equal to --shards'
    'k8s-indexed-job.yaml|s/completionMode: Indexed/completionMode: NonIndexed/|not an Indexed Job'
    'k8s-indexed-job.yaml|s/^            - auto$/            - 1\/8/|--shard 1/8 instead of auto'
    'k8s-indexed-job.yaml|s/^  parallelism: 4$/  parallelism: [4/|YAML syntax error'
    'k8s-merge-job.yaml|/shard-7$/d|a shard folder missing from the merge'
    'slurm-convert.sbatch|s/--array=1-16%4/--array=1-15%4/|array range one short of --shards'
    'slurm-convert.sbatch|s/then$/do/|shell syntax error'
    'slurm-convert.sbatch|s/^set -euo pipefail$/set -euo pipefail\n#SBATCH --mem=4G/|#SBATCH after the first command'
    'slurm-merge.sbatch|s/{1..16}/{1..15}/|merge one shard short'
    'parallel.sh|s/--shard "{}\/$N"/--shard "{}\/4"/|shards fixed to 4 whatever N is'
    'parallel.sh|s/::: $(seq 1 "$N")$/::: $(seq 1 "$N"/|shell syntax error'
    'crontab|s/^15 2 /15 25 /|hour 25'
    'crontab|s/ --incremental//|not incremental'
    'airflow_salvage_dag.py|s/--shard {k}\/{SHARDS}/--shard {k}\/{SHARDS + 1}/|shards of 5 in a DAG of 4'
    'airflow_salvage_dag.py|s/shards >> merge >> verify_all/shards >> merge >>/|Python syntax error'
    'airflow_salvage_dag.py|s/-o {OUT}\/all"/-o {OUT}\/all; fi"/|bash syntax error in a bash_command'
)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
caught=0
for m in "${MUTANTS[@]}"; do
    IFS='|' read -r file expr what <<< "$m"
    rm -rf "$WORK/ex" && cp -r scripts/scheduler "$WORK/ex"
    sed -i "$expr" "$WORK/ex/$file"
    if cmp -s "scripts/scheduler/$file" "$WORK/ex/$file"; then
        echo "self-test: FAIL: the edit '$expr' changed nothing in $file (update the self-test)" >&2
        exit 1
    fi
    case $file in k8s-*) only=k8s ;; slurm-*) only=slurm ;; parallel.sh) only=parallel ;;
                  crontab) only=cron ;; airflow*) only=airflow ;; esac
    if .venv/bin/python scripts/check_scheduler_examples.py "$WORK/ex" --only "$only" > "$WORK/log" 2>&1; then
        echo "self-test: FAIL: $file broken ($what) but the checker passed it" >&2
        exit 1
    fi
    caught=$((caught + 1))
    echo "self-test: $file, $what: caught ($(grep -m1 FAIL "$WORK/log" | sed 's/^ *//' | cut -c1-120))"
done
echo "check-scheduler-examples: PASS (examples valid; $caught/${#MUTANTS[@]} broken copies caught)"
