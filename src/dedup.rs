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
//! The keys are computed on the worker threads ([`Keys::of`]); this module remembers 16
//! bytes per record and, for bodies, the first record's id. Rejects are never duplicates.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use crate::decode::tone::{self, ToneStyle};
use crate::record::Article;

/// A record's duplicate keys: its exact source bytes (and article position), its body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keys {
    bytes: [u8; 16],
    body: [u8; 16],
}

impl Keys {
    pub fn of(article: &Article) -> Self {
        let exact = format!("{}\n{}", article.source_sha256, article.id);
        Keys {
            bytes: digest16(exact.as_bytes()),
            body: digest16(body_key(&article.body).as_bytes()),
        }
    }
}

/// The text two bodies must share to be the same article: NFC, the new tone placement,
/// whitespace runs as one space.
pub fn body_key(body: &str) -> String {
    let nfc: String = body.nfc().collect();
    let toned = tone::apply(&nfc, ToneStyle::New).unwrap_or(nfc);
    toned.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn digest16(bytes: &[u8]) -> [u8; 16] {
    let digest = Sha256::digest(bytes);
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[..16]);
    key
}

/// What the run has seen so far.
#[derive(Debug, Default)]
pub struct Duplicates {
    seen: HashSet<[u8; 16]>,
    bodies: HashMap<[u8; 16], String>,
}

impl Duplicates {
    /// Decides for the next record in input order: `true` when it is a copy of bytes
    /// already seen (it gives no record); otherwise sets `duplicate_of` when its body
    /// was seen before.
    pub fn is_copy(&mut self, article: &mut Article, keys: &Keys) -> bool {
        if !self.seen.insert(keys.bytes) {
            return true;
        }
        match self.bodies.get(&keys.body) {
            Some(first) => article.duplicate_of = Some(first.clone()),
            None => {
                self.bodies.insert(keys.body, article.id.clone());
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::body_key;

    #[test]
    fn body_key_ignores_form_spaces_and_tone_placement() {
        let a = "Đảng ủy  hòa\u{a0}bình\n\nthủy lợi";
        let b = "Đảng uỷ hoà bình thuỷ lợi";
        let decomposed: String = unicode_normalization::UnicodeNormalization::nfd(a).collect();
        assert_eq!(body_key(a), body_key(b));
        assert_eq!(body_key(&decomposed), body_key(b));
        assert_ne!(body_key(a), body_key("Đảng ủy hòa bình"));
    }
}
