"""salvage in Airflow: two DAGs of BashOperator tasks.

- `salvage_nightly`: every night, convert what is new or changed in /data/in into /data/out
  (`--incremental`), then check the bundles with `salvage verify`.
- `salvage_sharded`: started by hand for a large archive: SHARDS `convert --shard K/N` tasks
  side by side, each into its own folder, then `salvage merge` and `salvage verify`.

BashOperator pushes the last line of standard output to XCom: for `convert` and `merge`
that is salvage's JSON summary (documents, records, rejects, ...), which later tasks can
read with `ti.xcom_pull`. A task fails on any non-zero exit; salvage never exits 99, the code
BashOperator reads as "skipped". Retries help with 74 and 75 (I/O and temporary failures),
and a retried convert resumes from its checkpoints.

Copy this file into the DAG folder; the `salvage` binary must be on the workers' PATH.
"""

import datetime

from airflow import DAG

try:  # Airflow 3
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2
    from airflow.operators.bash import BashOperator

IN = "/data/in"
OUT = "/data/out"
SHARDS = 4

DEFAULTS = {
    "retries": 2,
    "retry_delay": datetime.timedelta(minutes=10),
}

with DAG(
    dag_id="salvage_nightly",
    schedule="15 2 * * *",
    start_date=datetime.datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,  # never two runs into the same output folder
    default_args=DEFAULTS,
    tags=["salvage"],
) as nightly:
    convert = BashOperator(
        task_id="convert",
        bash_command=f"salvage convert {IN} -o {OUT}/nightly --incremental --log-format json",
    )
    verify = BashOperator(
        task_id="verify",
        bash_command=f"salvage verify {OUT}/nightly/*.zip",
    )
    convert >> verify

with DAG(
    dag_id="salvage_sharded",
    schedule=None,
    start_date=datetime.datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULTS,
    tags=["salvage"],
) as sharded:
    shard_dirs = [f"{OUT}/shard-{k}" for k in range(1, SHARDS + 1)]
    shards = [
        BashOperator(
            task_id=f"convert_shard_{k}",
            bash_command=f"salvage convert {IN} -o {OUT}/shard-{k} --shard {k}/{SHARDS} --log-format json",
        )
        for k in range(1, SHARDS + 1)
    ]
    merge = BashOperator(
        task_id="merge",
        bash_command=f"salvage merge {' '.join(shard_dirs)} -o {OUT}/all",
    )
    verify_all = BashOperator(
        task_id="verify",
        bash_command=f"salvage verify {OUT}/all/*.zip",
    )
    shards >> merge >> verify_all
