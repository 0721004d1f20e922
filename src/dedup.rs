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

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::decode::normalize::surely_nfc;
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
            body: body_digest(&article.body),
        }
    }
}

/// The digest of `body_key(body)`: the words are copied into one buffer and hashed in one
/// call (hashing word by word costs more per call than the copy).
fn body_digest(body: &str) -> [u8; 16] {
    let canonical = canonical_body(body);
    let mut key = String::with_capacity(canonical.len());
    for word in canonical.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    digest16(key.as_bytes())
}

/// The text two bodies must share to be the same article: NFC, the new tone placement,
/// whitespace runs as one space.
pub fn body_key(body: &str) -> String {
    canonical_body(body)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `body` in NFC with the new tone placement; borrowed when it already is (the common
/// case: decoded text is NFC, and few words end in `oa`, `oe` or `uy`).
fn canonical_body(body: &str) -> Cow<'_, str> {
    let nfc: Cow<str> = if surely_nfc(body) || is_nfc_quick(body.chars()) == IsNormalized::Yes {
        Cow::Borrowed(body)
    } else {
        Cow::Owned(body.nfc().collect())
    };
    match new_tone_placement(&nfc) {
        Cow::Borrowed(_) => nfc,
        Cow::Owned(moved) => Cow::Owned(moved),
    }
}

/// `tone::apply(text, ToneStyle::New)`, which works word by word (runs of alphabetic
/// characters), called only on the words it can change: those ending in `o`/`u` + `a`/`e`/`y`
/// with or without tone marks. Same result, without looking up every character of the body
/// (that lookup was a third of the time of converting text dumps). `text` must be NFC.
fn new_tone_placement(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0; // bytes of `text` already in `out`
    let mut previous = (0, '\0');
    for (at, c) in text.char_indices() {
        let (before_at, before) = std::mem::replace(&mut previous, (at, c));
        let pair = matches!(
            (toneless_vowel(before), toneless_vowel(c)),
            (Some('o'), Some('a' | 'e')) | (Some('u'), Some('y'))
        );
        let end = at + c.len_utf8();
        if !pair || text[end..].chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        let start = word_start(text, before_at);
        if let Some(moved) = tone::apply(&text[start..end], ToneStyle::New) {
            out.push_str(&text[copied..start]);
            out.push_str(&moved);
            copied = end;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The plain lowercase vowel of `a`, `e`, `o`, `u`, `y` in either case, bare or with one of
/// the five tone marks (precomposed, as in NFC); `None` for any other character.
fn toneless_vowel(c: char) -> Option<char> {
    Some(match c {
        'a' | 'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'A' | 'À' | 'Á' | 'Ả' | 'Ã' | 'Ạ' => 'a',
        'e' | 'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'E' | 'È' | 'É' | 'Ẻ' | 'Ẽ' | 'Ẹ' => {
            'e'
        }
        'o' | 'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'O' | 'Ò' | 'Ó' | 'Ỏ' | 'Õ' | 'Ọ' => 'o',
        'u' | 'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'U' | 'Ù' | 'Ú' | 'Ủ' | 'Ũ' | 'Ụ' => 'u',
        'y' | 'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' | 'Y' | 'Ỳ' | 'Ý' | 'Ỷ' | 'Ỹ' | 'Ỵ' => {
            'y'
        }
        _ => return None,
    })
}

/// Byte offset where the alphabetic run holding the letter at `at` starts.
fn word_start(text: &str, at: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(at, |(i, _)| i)
}

fn digest16(bytes: &[u8]) -> [u8; 16] {
    first16(&Sha256::digest(bytes))
}

fn first16(digest: &[u8]) -> [u8; 16] {
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
    use super::{body_digest, body_key, digest16, new_tone_placement};
    use crate::decode::tone::{self, ToneStyle};

    #[test]
    fn body_key_ignores_form_spaces_and_tone_placement() {
        let a = "Đảng ủy  hòa\u{a0}bình\n\nthủy lợi";
        let b = "Đảng uỷ hoà bình thuỷ lợi";
        let decomposed: String = unicode_normalization::UnicodeNormalization::nfd(a).collect();
        assert_eq!(body_key(a), body_key(b));
        assert_eq!(body_key(&decomposed), body_key(b));
        assert_ne!(body_key(a), body_key("Đảng ủy hòa bình"));
    }

    #[test]
    fn tone_placement_matches_tone_apply_on_every_word() {
        let texts = [
            "hòa bình, khỏe, thủy lợi, Ủy ban, xóa, quý, khuya, hoàng, toán",
            "HÒA Hòa hoà hoa khoa tuy quy Quỳ, ḿoá xoè-xòe oa óa.",
            "Đảng ủy  hòa\u{a0}bình\n\nthủy lợi (Ủy) ủy",
            "no change here at all, hoàng quý",
        ];
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/vn-clean/");
        let clean: Vec<String> = ["danes-leads.txt", "binhvq-paragraphs.txt"]
            .iter()
            .filter_map(|name| std::fs::read_to_string(format!("{data}{name}")).ok())
            .collect();
        assert!(!clean.is_empty(), "tests/data/vn-clean/ is missing");
        for text in texts
            .iter()
            .copied()
            .chain(clean.iter().map(String::as_str))
        {
            let expected = tone::apply(text, ToneStyle::New).unwrap_or_else(|| text.to_string());
            assert_eq!(new_tone_placement(text), expected, "{text:.200}");
        }
    }

    #[test]
    fn body_digest_is_the_digest_of_the_body_key() {
        for body in ["Đảng ủy  hòa\u{a0}bình\n\nthủy lợi", "", "  one  ", "hoà"] {
            assert_eq!(
                body_digest(body),
                digest16(body_key(body).as_bytes()),
                "{body:?}"
            );
        }
    }
}
