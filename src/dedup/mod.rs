//! Duplicates, decided on the delivering thread in input order, so the outcome is the same
//! for any `--jobs`. Two kinds:
//!
//! - **The same bytes** (a file in a folder and again inside a zip; the same dump twice):
//!   the first gives the record, every further copy gives none and is listed in
//!   `duplicates.jsonl` under the kept record's id (which the same bytes always give).
//! - **The same article body from different bytes** (a re-crawl, another encoding, a
//!   different page around it): the record is kept and its `duplicate_of` names the
//!   first record with that body. Bodies are compared by a key that ignores Unicode
//!   normalisation, runs of whitespace and tone placement (`hoà`/`hòa`).
//!
//! The same bytes always give the same record id (it is the start of their SHA-256, with
//! the article's number in a dump) and the same body. So a copy is a record whose body
//! key and id both equal an earlier record's: 128 bits of two SHA-256 digests must
//! agree before a record is dropped.
//!
//! Body keys are computed on the worker threads ([`Keys::of`]); this module remembers
//! 20 bytes per distinct body (8 bytes of its key and the first record's id, packed),
//! in a map that holds them with little overhead ([`sorted`]): the memory a run needs
//! grows by about 2 MB per 100,000 records. (Two different bodies sharing 8 bytes of key
//! would only give a wrong `duplicate_of`: about one chance in 10^7 for a million
//! records.) Rejects are never duplicates.

mod body_key;
mod sorted;

use std::collections::HashMap;

use crate::record::Article;
pub use body_key::body_key;

/// A record's duplicate key: the start of the SHA-256 of its body's [`body_key`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keys {
    body: [u8; 8],
}

impl Keys {
    pub fn of(article: &Article) -> Self {
        let digest = body_key::body_digest(&article.body);
        let mut body = [0u8; 8];
        body.copy_from_slice(&digest[..8]);
        Keys { body }
    }
}

/// What the run has seen so far: per article body, the first record that had it.
#[derive(Debug, Default)]
pub struct Duplicates {
    /// Body key → the id of the first record with that body.
    bodies: sorted::SortedMap<[u8; 8], PackedId>,
    /// Body keys and ids of the records whose body an earlier record with other bytes
    /// had (re-crawls, other encodings: few).
    other_versions: sorted::SortedMap<([u8; 8], PackedId), ()>,
    /// Ids that are not salvage's usual form (never expected), for `PackedId::Other`.
    other_ids: Vec<String>,
    other_index: HashMap<String, u64>,
}

/// A record id in 12 bytes: `0123456789abcdef` or `0123456789abcdef-7` as the 16 hex
/// digits and the part number (0 for none), or an index into `other_ids`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct PackedId([u8; 12]);

/// The part number that marks an index into `other_ids`.
const OTHER: u32 = u32::MAX;

impl Duplicates {
    /// Decides for the next record in input order: `true` when it is a copy of bytes
    /// already seen (it gives no record); otherwise sets `duplicate_of` when its body
    /// was seen before.
    pub fn is_copy(&mut self, article: &mut Article, keys: &Keys) -> bool {
        let id = self.pack(&article.id);
        let Some(first) = self.bodies.get(&keys.body) else {
            self.bodies.insert(keys.body, id);
            return false;
        };
        if first == id || !self.other_versions.insert((keys.body, id), ()) {
            return true;
        }
        article.duplicate_of = Some(self.unpack(first));
        false
    }

    fn pack(&mut self, id: &str) -> PackedId {
        let (hex, part) = match id.split_once('-') {
            Some((hex, part)) => (
                hex,
                part.parse::<u32>().ok().filter(|&p| p > 0 && p != OTHER),
            ),
            None => (id, Some(0)),
        };
        let hex = (hex.len() == 16 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
            .then(|| u64::from_str_radix(hex, 16).ok())
            .flatten();
        let (number, part) = match (hex, part) {
            (Some(hex), Some(part)) => (hex, part),
            _ => {
                let next = self.other_ids.len() as u64;
                let at = *self.other_index.entry(id.to_string()).or_insert(next);
                if at == next {
                    self.other_ids.push(id.to_string());
                }
                (at, OTHER)
            }
        };
        let mut packed = [0u8; 12];
        packed[..8].copy_from_slice(&number.to_le_bytes());
        packed[8..].copy_from_slice(&part.to_le_bytes());
        PackedId(packed)
    }

    fn unpack(&self, id: PackedId) -> String {
        let mut number = [0u8; 8];
        number.copy_from_slice(&id.0[..8]);
        let number = u64::from_le_bytes(number);
        let mut part = [0u8; 4];
        part.copy_from_slice(&id.0[8..]);
        match u32::from_le_bytes(part) {
            0 => format!("{number:016x}"),
            OTHER => usize::try_from(number)
                .ok()
                .and_then(|at| self.other_ids.get(at))
                .cloned()
                .unwrap_or_default(),
            part => format!("{number:016x}-{part}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Duplicates;

    #[test]
    fn ids_come_back_as_they_went_in() {
        let mut duplicates = Duplicates::default();
        for id in [
            "0123456789abcdef",
            "00000000000000ff-12",
            "ABC",
            "0123-x",
            "",
        ] {
            let packed = duplicates.pack(id);
            assert_eq!(duplicates.unpack(packed), id);
        }
    }
}
