//! Shards: the share of the sources one machine of a sharded job converts. A source
//! file belongs to shard `K` of `N` when a stable hash of its path (relative to its
//! input, as in `source_path`) falls there, so every machine agrees without talking to
//! the others, and a file keeps its shard from one night to the next.
//!
//! `--shard auto` reads the index and count the scheduler gives each task: Kubernetes
//! Indexed Jobs (`JOB_COMPLETION_INDEX`, 0-based, with `--shards N`), Slurm job arrays
//! (`SLURM_ARRAY_TASK_ID` from `SLURM_ARRAY_TASK_MIN`, `SLURM_ARRAY_TASK_COUNT`), AWS Batch
//! array jobs (`AWS_BATCH_JOB_ARRAY_INDEX`, `AWS_BATCH_JOB_ARRAY_SIZE`) and Google Cloud
//! Batch (`BATCH_TASK_INDEX`, `BATCH_TASK_COUNT`). Refuses an index outside the count, a
//! count of zero, and a `--shards` that disagrees with the scheduler's count.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Shard `index` (1-based) of `count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// `K/N`, with 1 ≤ K ≤ N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (index, count) = text
            .split_once('/')
            .ok_or_else(|| format!("`{text}` is not K/N (for example 2/8) or `auto`"))?;
        let number = |part: &str| {
            part.trim()
                .parse::<u32>()
                .map_err(|_| format!("`{text}` is not K/N: `{part}` is not a whole number"))
        };
        Shard::new(number(index)?, number(count)?)
    }

    /// Shard `index` (1-based) of `count`, checked.
    pub fn new(index: u32, count: u32) -> Result<Shard, String> {
        if count == 0 {
            return Err("a job cannot have 0 shards".to_string());
        }
        if index == 0 || index > count {
            return Err(format!(
                "shard {index} of {count} does not exist: shards are numbered 1 to {count}"
            ));
        }
        Ok(Shard { index, count })
    }

    /// The shard the scheduler gave this task, from its environment (`var` looks a
    /// variable up). `shards` is `--shards N`: needed for Kubernetes, which does not say
    /// how many there are; checked against the count the others give.
    pub fn from_scheduler(
        shards: Option<u32>,
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<Shard, String> {
        let number = |name: &str| -> Result<Option<u32>, String> {
            match var(name) {
                None => Ok(None),
                Some(value) => value
                    .trim()
                    .parse::<u32>()
                    .map(Some)
                    .map_err(|_| format!("{name}={value} is not a whole number")),
            }
        };
        let (index0, count, source) = if let Some(index) = number("JOB_COMPLETION_INDEX")? {
            (index, None, "JOB_COMPLETION_INDEX")
        } else if let Some(id) = number("SLURM_ARRAY_TASK_ID")? {
            let min = number("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
            let index = id.checked_sub(min).ok_or_else(|| {
                format!("SLURM_ARRAY_TASK_ID={id} is below SLURM_ARRAY_TASK_MIN={min}")
            })?;
            (
                index,
                number("SLURM_ARRAY_TASK_COUNT")?,
                "SLURM_ARRAY_TASK_ID",
            )
        } else if let Some(index) = number("AWS_BATCH_JOB_ARRAY_INDEX")? {
            let size = number("AWS_BATCH_JOB_ARRAY_SIZE")?;
            (index, size, "AWS_BATCH_JOB_ARRAY_INDEX")
        } else if let Some(index) = number("BATCH_TASK_INDEX")? {
            (index, number("BATCH_TASK_COUNT")?, "BATCH_TASK_INDEX")
        } else {
            return Err("--shard auto: none of JOB_COMPLETION_INDEX (Kubernetes), SLURM_ARRAY_TASK_ID (Slurm), AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch) or BATCH_TASK_INDEX (Google Cloud Batch) is set".to_string());
        };
        let count = match (count, shards) {
            (Some(given), Some(asked)) if given != asked => {
                return Err(format!(
                    "--shards {asked} disagrees with the scheduler's count of {given} tasks"
                ));
            }
            (Some(count), _) | (None, Some(count)) => count,
            (None, None) => {
                return Err(format!(
                    "--shard auto: {source} gives this task's index but not the number of tasks; pass --shards N"
                ));
            }
        };
        Shard::new(index0 + 1, count)
    }

    /// Whether the source file at `source_path` belongs to this shard.
    pub fn owns(&self, source_path: &str) -> bool {
        stable_hash(source_path.as_bytes()) % u64::from(self.count) == u64::from(self.index - 1)
    }
}

/// FNV-1a, 64 bits: fixed by its definition, so shards never move between versions,
/// machines or Rust releases (std's hasher promises none of that).
fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::Shard;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn parses_and_checks_k_of_n() {
        assert_eq!(Shard::parse("2/8"), Ok(Shard { index: 2, count: 8 }));
        assert!(Shard::parse("0/8").is_err());
        assert!(Shard::parse("9/8").is_err());
        assert!(Shard::parse("1/0").is_err());
        assert!(Shard::parse("2").is_err());
        assert!(Shard::parse("a/b").is_err());
    }

    #[test]
    fn reads_each_scheduler() {
        let k8s = env(&[("JOB_COMPLETION_INDEX", "0")]);
        assert_eq!(Shard::from_scheduler(Some(3), k8s), Shard::new(1, 3));
        assert!(Shard::from_scheduler(None, env(&[("JOB_COMPLETION_INDEX", "0")])).is_err());
        let slurm = env(&[
            ("SLURM_ARRAY_TASK_ID", "7"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "7"),
        ]);
        assert_eq!(Shard::from_scheduler(None, slurm), Shard::new(7, 7));
        let aws = env(&[
            ("AWS_BATCH_JOB_ARRAY_INDEX", "4"),
            ("AWS_BATCH_JOB_ARRAY_SIZE", "5"),
        ]);
        assert_eq!(Shard::from_scheduler(Some(5), aws), Shard::new(5, 5));
        let gcp = env(&[("BATCH_TASK_INDEX", "1"), ("BATCH_TASK_COUNT", "2")]);
        assert!(Shard::from_scheduler(Some(3), gcp).is_err());
        assert!(Shard::from_scheduler(Some(3), env(&[])).is_err());
    }

    #[test]
    fn every_path_has_exactly_one_shard() {
        for count in [1, 3, 7] {
            for n in 0..200 {
                let path = format!("dumps/{n}.txt");
                let owners = (1..=count)
                    .filter(|&k| Shard { index: k, count }.owns(&path))
                    .count();
                assert_eq!(owners, 1);
            }
        }
    }
}
