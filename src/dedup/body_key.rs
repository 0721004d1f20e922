//! The body key: the text two article bodies must share to be the same article (NFC, the
//! new tone placement, whitespace runs as one space), and its SHA-256 computed without
//! building that text. It runs once per record on the worker threads, over most of the
//! record's text, so it does only the work a body needs: no NFC pass over text that is
//! NFC already, tone placement only on the words it can change.

use std::borrow::Cow;

use sha2::{Digest, Sha256};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::decode::normalize::surely_nfc;
use crate::decode::scan::{char_before, next_pair};
use crate::decode::tone::{self, ToneStyle};
use crate::words::collapse_whitespace;

/// The digest of `body_key(body)`, hashed in one call, without copying a body that needs
/// no change.
pub fn body_digest(body: &str) -> [u8; 32] {
    let canonical = canonical_body(body);
    Sha256::digest(collapse_whitespace(&canonical).as_bytes()).into()
}

/// The text two bodies must share to be the same article: NFC, the new tone placement,
/// whitespace runs as one space.
pub fn body_key(body: &str) -> String {
    collapse_whitespace(&canonical_body(body)).into_owned()
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
/// characters), called only on the words it can change. The new placement moves a tone
/// from the `o`/`u` of a word ending in `oa`, `oe` or `uy` to the last vowel (`hòa` →
/// `hoà`), so such a word has a toned `o`/`u` (non-ASCII: its last byte is a continuation
/// byte) followed by a bare `a`/`e`/`y` (ASCII): only those byte pairs are looked at, found
/// by a block scan (looking at every character was a tenth of the time of converting text
/// dumps). `text` must be NFC. Words that are no Vietnamese syllable, with two tones or a
/// tone on a consonant (`ḿoá`, `òé`), are left as they are (`tone::apply` would drop a tone).
fn new_tone_placement(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0; // bytes of `text` already in `out`
    let mut from = 0;
    let continuation_then_bare_vowel = |x: u8, y: u8| {
        let lower = y | 0x20;
        (x & 0xC0 == 0x80) & ((lower == b'a') | (lower == b'e') | (lower == b'y'))
    };
    while let Some(k) = next_pair(bytes, from, continuation_then_bare_vowel) {
        from = k + 1;
        let end = k + 2;
        let Some(first) = char_before(text, k + 1) else {
            continue;
        };
        let pair = matches!(
            (toneless_vowel(first), bytes[k + 1] | 0x20),
            (Some('o'), b'a' | b'e') | (Some('u'), b'y')
        );
        if !pair || text[end..].chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        let start = word_start(text, k + 1 - first.len_utf8());
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
    if c.is_ascii() {
        let lower = c.to_ascii_lowercase();
        return matches!(lower, 'a' | 'e' | 'o' | 'u' | 'y').then_some(lower);
    }
    // Every other vowel below is in one of these ranges: most characters stop here.
    if !matches!(c, '\u{C0}'..='\u{FD}' | '\u{168}'..='\u{169}' | '\u{1EA0}'..='\u{1EF9}') {
        return None;
    }
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

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use super::{body_digest, body_key, new_tone_placement};
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
            "HÒA Hòa hoà hoa khoa tuy quy Quỳ, moá xoè-xòe oa óa.",
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
    fn tone_placement_matches_tone_apply_on_random_syllables() {
        // Words of consonants and vowels with at most one tone, on a vowel (as in any
        // Vietnamese syllable), between spaces and punctuation.
        let consonants = ["", "h", "q", "t", "kh", "n", "ng", "H", "Q"];
        let bare = [
            "o", "O", "u", "U", "a", "A", "e", "E", "y", "Y", "i", "ô", "ơ", "ư", "ă",
        ];
        let toned = [
            "ò", "Ó", "ỏ", "õ", "ọ", "ù", "Ú", "ủ", "ũ", "Ụ", "à", "Á", "ả", "ạ", "è", "é", "ẻ",
            "ẽ", "Ẹ", "ỳ", "Ý", "ỷ", "ỹ", "ỵ", "ố", "ờ", "ự",
        ];
        let separators = [" ", ", ", "-", "\n", ". "];
        let mut next = crate::decode::scan::xorshift();
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..next() % 6 {
                text.push_str(consonants[next() % consonants.len()]);
                let vowels = 1 + next() % 3;
                let tone_at = next() % (vowels + 1); // (== vowels: no tone)
                for v in 0..vowels {
                    let pick = if v == tone_at { &toned[..] } else { &bare[..] };
                    text.push_str(pick[next() % pick.len()]);
                }
                if next().is_multiple_of(3) {
                    text.push_str(consonants[next() % consonants.len()]);
                }
                text.push_str(separators[next() % separators.len()]);
            }
            let expected = tone::apply(&text, ToneStyle::New).unwrap_or_else(|| text.clone());
            assert_eq!(new_tone_placement(&text), expected, "{text:?}");
        }
    }

    #[test]
    fn words_that_are_no_syllable_are_left_as_they_are() {
        for text in ["ḿoá", "òé", "ǹoa"] {
            assert_eq!(new_tone_placement(text), text);
        }
    }

    #[test]
    fn body_digest_is_the_digest_of_the_body_key() {
        for body in ["Đảng ủy  hòa\u{a0}bình\n\nthủy lợi", "", "  one  ", "hoà"] {
            let digest: [u8; 32] = Sha256::digest(body_key(body).as_bytes()).into();
            assert_eq!(body_digest(body), digest, "{body:?}");
        }
    }
}
