//! Counting names (authors, dateline codes) in bounded memory: at most [`CAPACITY`]
//! different names are held, each cut to [`MAX_NAME_CHARS`] characters. When a run sees
//! more, the rarest half is dropped and the counter says so, with the largest count
//! dropped, so the report can say how far to trust its top list. Below the capacity the
//! counts are exact. The result does not depend on hash order: pruning goes by count.

use std::collections::HashMap;

/// Different names held at most.
pub const CAPACITY: usize = 20_000;
/// Characters of a name kept.
const MAX_NAME_CHARS: usize = 120;

/// Counts of names, bounded.
#[derive(Clone, Debug, Default)]
pub struct TopCounter {
    counts: HashMap<String, u64>,
    /// The largest count ever dropped (0: the counts are exact).
    dropped_up_to: u64,
}

impl TopCounter {
    /// Counts one occurrence of `name`.
    pub fn add(&mut self, name: &str) {
        let key: String = match name.char_indices().nth(MAX_NAME_CHARS) {
            Some((at, _)) => format!("{}…", &name[..at]),
            None => name.to_string(),
        };
        *self.counts.entry(key).or_default() += 1;
        if self.counts.len() > CAPACITY {
            self.prune();
        }
    }

    /// Drops every name counted no more than the median count (at least half of them).
    fn prune(&mut self) {
        let mut values: Vec<u64> = self.counts.values().copied().collect();
        values.sort_unstable();
        let median = values[values.len() / 2];
        self.counts.retain(|_, count| *count > median);
        self.dropped_up_to = self.dropped_up_to.max(median);
    }

    /// The `n` most frequent names, most frequent first, ties in name order.
    pub fn top(&self, n: usize) -> Vec<(String, u64)> {
        let mut all: Vec<(String, u64)> =
            self.counts.iter().map(|(k, v)| (k.clone(), *v)).collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        all.truncate(n);
        all
    }

    /// Different names held now.
    pub fn distinct(&self) -> usize {
        self.counts.len()
    }

    /// 0 when every count is exact; else the largest count of a name that was dropped.
    pub fn dropped_up_to(&self) -> u64 {
        self.dropped_up_to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_below_capacity_and_ordered() {
        let mut counter = TopCounter::default();
        for name in ["B", "A", "B", "C", "A", "B"] {
            counter.add(name);
        }
        assert_eq!(counter.top(2), [("B".to_string(), 3), ("A".to_string(), 2)]);
        assert_eq!(counter.dropped_up_to(), 0);
    }

    #[test]
    fn memory_stays_bounded_and_frequent_names_survive() {
        let mut counter = TopCounter::default();
        for i in 0..(3 * CAPACITY) {
            counter.add(&format!("rare {i}"));
            if i % 10 == 0 {
                counter.add("frequent");
            }
        }
        assert!(counter.distinct() <= CAPACITY);
        assert_eq!(counter.top(1)[0], ("frequent".to_string(), 6_000));
        assert_eq!(counter.dropped_up_to(), 1);
    }
}
