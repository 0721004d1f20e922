//! A map that costs little more than its entries: most of them sit in one sorted `Vec`
//! (looked up by binary search), the newest in a small hash map that is merged into the
//! `Vec` once it holds a sixteenth as many. A hash map alone would cost two to three times
//! the entries' size, and the duplicate keys of a run grow with the corpus: this keeps a
//! run over 100,000 documents within a few MB of one over 10,000.

use std::collections::HashMap;
use std::hash::Hash;

/// Fewest entries the recent map takes before a merge.
const MIN_RECENT: usize = 4096;

/// Keys `K` with values `V`, inserted once, never removed.
#[derive(Debug)]
pub struct SortedMap<K, V> {
    sorted: Vec<(K, V)>,
    recent: HashMap<K, V>,
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap {
            sorted: Vec::new(),
            recent: HashMap::new(),
        }
    }
}

impl<K: Ord + Hash + Copy, V: Copy> SortedMap<K, V> {
    /// The value of `key`, if it was inserted.
    pub fn get(&self, key: &K) -> Option<V> {
        if let Ok(at) = self.sorted.binary_search_by(|(k, _)| k.cmp(key)) {
            return Some(self.sorted[at].1);
        }
        self.recent.get(key).copied()
    }

    /// Inserts `key` with `value` unless present; says whether it was new.
    pub fn insert(&mut self, key: K, value: V) -> bool {
        if self.get(&key).is_some() {
            return false;
        }
        self.recent.insert(key, value);
        if self.recent.len() >= MIN_RECENT.max(self.sorted.len() / 16) {
            self.merge();
        }
        true
    }

    /// Moves the recent entries into the sorted `Vec`: appended, then merged in place
    /// from the back, so the `Vec` grows by exactly the new entries (a large
    /// reallocation is a remap, not a copy) and never exists twice.
    fn merge(&mut self) {
        let mut recent: Vec<(K, V)> = self.recent.drain().collect();
        recent.sort_unstable_by_key(|entry| entry.0);
        let old_len = self.sorted.len();
        self.sorted.reserve_exact(recent.len());
        self.sorted.extend_from_slice(&recent);
        let (mut old, mut new, mut to) = (old_len, recent.len(), self.sorted.len());
        while new > 0 {
            to -= 1;
            if old > 0 && self.sorted[old - 1].0 > recent[new - 1].0 {
                old -= 1;
                self.sorted[to] = self.sorted[old];
            } else {
                new -= 1;
                self.sorted[to] = recent[new];
            }
        }
        self.recent.shrink_to(MIN_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::SortedMap;

    #[test]
    fn finds_every_key_across_merges() {
        let mut map = SortedMap::default();
        for n in 0..50_000u64 {
            let key = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            assert!(map.insert(key, n));
            assert!(!map.insert(key, 0));
        }
        for n in 0..50_000u64 {
            assert_eq!(map.get(&n.wrapping_mul(0x9e37_79b9_7f4a_7c15)), Some(n));
        }
        assert_eq!(map.get(&1), None);
    }
}
