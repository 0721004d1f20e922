//! When a sequence found by [`mojibake`](super) is taken for mojibake, and how lossy
//! sequences are restored. Kept apart so the rules can be read (and tuned) in one place.

use super::Misreading;
use crate::decode::syllable::is_vietnamese_syllable;
use crate::decode::syllable_freq::SYLLABLE_COUNTS;

/// How a sequence was recovered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lossy {
    /// All bytes were there.
    No,
    /// A lost byte restored: the only candidate making a valid Vietnamese syllable.
    Restored,
    /// A lost byte restored, but more than one candidate made a valid syllable.
    Ambiguous,
    /// A lost byte that nothing explains: the sequence becomes U+FFFD.
    Replacement,
    /// A lost NBSP restored outside Vietnamese (kept only inside a group of sequences).
    Other,
}

/// Characters `start..end` of a line map back to UTF-8 `bytes`, which encode `decoded`.
#[derive(Clone, Debug)]
pub struct Seq {
    pub start: usize,
    pub end: usize,
    pub decoded: String,
    pub bytes: Vec<u8>,
    pub lossy: Lossy,
    /// Weak evidence (the lost byte left no trace, or a single space stood for it): the
    /// line must hold sure cases too.
    pub dropped: bool,
}

impl Seq {
    pub fn exact(start: usize, end: usize, decoded: String, bytes: Vec<u8>) -> Self {
        Seq {
            start,
            end,
            decoded,
            bytes,
            lossy: Lossy::No,
            dropped: false,
        }
    }
}

/// Characters that UTF-8 mojibake plausibly hides: letters of the scripts whose text is
/// misread this way, common symbols and punctuation, and C1 controls (the middle layer of
/// double encoding, `Ä\u{90}` for `Đ`; a lone sequence must still be a cased letter). Rare letters (IPA, Armenian, Cyrillic
/// supplements, Latin Extended-B but Vietnamese ơ ư) are left out: those are far more often
/// a coincidence (`É¿`, `Õ…`) than mojibake.
pub fn plausible(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{17F}' | 'ƒ' | 'ˆ' | '˜' | 'Ơ' | 'ơ' | 'Ư' | 'ư' | '\u{218}'..='\u{21B}'
        | '\u{300}'..='\u{323}' | '\u{386}'..='\u{3CE}' | '\u{400}'..='\u{45F}' | 'Ґ' | 'ґ'
        | '\u{5D0}'..='\u{5EA}' | '\u{600}'..='\u{6FF}' | '\u{900}'..='\u{DFF}'
        | '\u{E00}'..='\u{E7F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2000}'..='\u{206F}' | '₫' | '€'
        | '™' | '\u{2190}'..='\u{22FF}' | '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}' | '\u{FEFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{1F300}'..='\u{1FAFF}')
}

fn is_latin(c: char) -> bool {
    c < '\u{250}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// Whether a group of adjacent sequences is mojibake to undo. `stray_punctuation`: the
/// line holds windows-1252 punctuation outside any sequence.
/// `primary`: the group reads through windows-1252 alone. `relaxed`: the line holds sure
/// cases of the same misreading, so a lone sequence need not be primary nor share its line
/// with clean punctuation.
pub fn accept_group(
    chars: &[char],
    group: &[Seq],
    primary: bool,
    stray_punctuation: bool,
    relaxed: bool,
) -> bool {
    let (Some(first), Some(last)) = (group.first(), group.last()) else {
        return false;
    };
    let prev = first.start.checked_sub(1).map(|i| chars[i]);
    let prev2 = first.start.checked_sub(2).map(|i| chars[i]);
    let next = chars.get(last.end).copied();
    let long = group
        .iter()
        .any(|s| s.bytes.len() >= 3 && s.lossy == Lossy::No);
    if group.len() >= 2 || long {
        let foreign = group
            .iter()
            .any(|s| s.decoded.chars().any(|d| d.is_alphabetic() && !is_latin(d)));
        let ascii_neighbour = [prev, next].iter().flatten().any(char::is_ascii_alphabetic);
        return !(foreign && ascii_neighbour);
    }
    // A lone two-byte (or lossy) sequence.
    match first.lossy {
        Lossy::Restored | Lossy::Ambiguous | Lossy::Replacement => {
            return relaxed || !first.dropped;
        }
        Lossy::Other => {
            let latin = first
                .decoded
                .chars()
                .all(|d| d.is_alphabetic() && is_latin(d));
            return (relaxed && latin)
                || (first.decoded == "à" && prev.is_some_and(char::is_lowercase));
        }
        Lossy::No => {}
    }
    if !relaxed && (!primary || stray_punctuation) {
        return false;
    }
    let Some(d) = first.decoded.chars().next() else {
        return false;
    };
    let lead = chars[first.start];
    if lead == 'Â' && ('\u{A0}'..='\u{BF}').contains(&d) {
        return true;
    }
    if !(d.is_uppercase() || d.is_lowercase()) {
        return false;
    }
    let cont = first.bytes.get(1).copied().unwrap_or(0);
    if cont == 0xA0 && !matches!(d, 'à' | 'Ơ') {
        return false;
    }
    let cont_char = chars[first.start + 1];
    let punctuation =
        (0x80..=0x9F).contains(&cont) && !cont_char.is_alphabetic() && !cont_char.is_control();
    let same_case_next =
        next.is_some_and(|n| n.is_alphabetic() && n.is_uppercase() == d.is_uppercase());
    if punctuation && !same_case_next && !relaxed {
        return false;
    }
    if d.is_uppercase() {
        let after_lower = prev.is_some_and(char::is_lowercase);
        let mid_word =
            prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_lowercase);
        !(after_lower || mid_word)
    } else {
        let before_upper = next.is_some_and(char::is_uppercase);
        let in_capitals =
            prev.is_some_and(char::is_uppercase) && prev2.is_some_and(char::is_uppercase);
        !(before_upper || in_capitals)
    }
}

/// Bytes lost to mojibake, most frequent first in Vietnamese (ờ ề ọ ỏ Ố; Đ Á Í Ý).
const LOST_BYTES: [u8; 5] = [0x9D, 0x81, 0x8D, 0x8F, 0x90];

/// Lost bytes with one usual reading, for abbreviations and punctuation: `Đ` (`TTĐT`) and
/// the closing quote `”`, when the byte became `?` (U+FFFD stays U+FFFD, as in ftfy). Used
/// only in lines that hold sure mojibake too.
const USUAL_LOST: [(&[u8], u8); 2] = [(&[0xC4], 0x90), (&[0xE2, 0x80], 0x9D)];

/// A sequence with one byte missing at `j`: replaced by `?` or U+FFFD, turned from NBSP
/// into a space, or dropped. Restored when exactly the candidates that make the word a valid
/// Vietnamese syllable are found; U+FFFD when nothing explains it.
pub fn lossy(
    chars: &[char],
    i: usize,
    j: usize,
    bytes: &[u8],
    misreading: &Misreading,
) -> Option<Seq> {
    let damage = chars.get(j).copied();
    let (candidates, consumed): (&[u8], bool) = match damage {
        Some('?' | '\u{FFFD}') => (&LOST_BYTES, true),
        Some(' ') => (&[0xA0], true),
        _ => (&LOST_BYTES, false),
    };
    let mut end = if consumed { j + 1 } else { j };
    let as_written: String = chars[i..j].iter().collect();
    if !consumed && vietnamese_word(chars, i, j, &as_written, &Misreading::none()).is_some() {
        return None; // `VĂN` is a word, not `VÁN` with a byte lost
    }
    // A no-break space that became a space, or was dropped before a real space? Before a
    // letter both can be: the space belongs to the word when the joined word is a valid
    // syllable (`ĐẠ I` is `ĐẠI`, `hÃ nh` is `hành`), else it is a word break (`voilÃ le`).
    let space = damage == Some(' ');
    let word_follows = chars.get(j + 1).is_some_and(|c| !c.is_whitespace());
    if space
        && word_follows
        && let Ok(decoded) = std::str::from_utf8(&[bytes, &[0xA0]].concat())
        && vietnamese_word(chars, i, j + 1, decoded, misreading).is_none()
    {
        end = j;
    }
    // Weak evidence: the byte vanished without a trace, or a single space may be a real one.
    let weak = !consumed || (space && word_follows);
    let mut valid: Vec<(u8, String, u32)> = Vec::new();
    let mut other = None;
    for &byte in candidates {
        let mut full = bytes.to_vec();
        full.push(byte);
        let Ok(decoded) = std::str::from_utf8(&full) else {
            continue;
        };
        if !decoded.chars().all(plausible) {
            continue;
        }
        if let Some(word) = vietnamese_word(chars, i, end, decoded, misreading) {
            valid.push((byte, decoded.to_string(), frequency(&word)));
        } else if other.is_none() {
            other = Some((byte, decoded.to_string()));
        }
    }
    let mut full = bytes.to_vec();
    // The most frequent restoration wins (stable: ties keep LOST_BYTES order); it is
    // ambiguous unless it is at least ten times as frequent as the next one.
    valid.sort_by_key(|v| std::cmp::Reverse(v.2));
    if let Some((byte, decoded, count)) = valid.first() {
        full.push(*byte);
        let runner_up = valid.get(1).map(|v| v.2);
        let clear = runner_up.is_none_or(|second| *count >= 10 * second.max(1));
        let lossy = if clear {
            Lossy::Restored
        } else {
            Lossy::Ambiguous
        };
        return Some(Seq {
            start: i,
            end,
            decoded: decoded.clone(),
            bytes: full,
            lossy,
            dropped: weak,
        });
    }
    // No syllable to judge by (`TTÄ?T`, `â€?`): the one reading that is common.
    if damage == Some('?')
        && let Some(&(_, byte)) = USUAL_LOST.iter().find(|(prefix, _)| *prefix == bytes)
        && let Ok(decoded) = std::str::from_utf8(&[bytes, &[byte]].concat())
    {
        full.push(byte);
        return Some(Seq {
            start: i,
            end,
            decoded: decoded.to_string(),
            bytes: full,
            lossy: Lossy::Restored,
            dropped: true,
        });
    }
    match damage {
        Some('\u{FFFD}') => Some(Seq {
            start: i,
            end,
            decoded: "\u{FFFD}".into(),
            bytes: full,
            lossy: Lossy::Replacement,
            dropped: false,
        }),
        Some(' ') => other.map(|(byte, decoded)| {
            full.push(byte);
            // A lost NBSP outside Vietnamese: keep the space when it was a word break.
            Seq {
                start: i,
                end: j,
                decoded,
                bytes: full,
                lossy: Lossy::Other,
                dropped: false,
            }
        }),
        _ => None,
    }
}

/// How often `word` occurs in the headline sample (0 when it does not).
fn frequency(word: &str) -> u32 {
    let lower = word.to_lowercase();
    SYLLABLE_COUNTS
        .binary_search_by(|(w, _)| (*w).cmp(lower.as_str()))
        .map_or(0, |i| SYLLABLE_COUNTS[i].1)
}

/// The word around `i..end`, with `decoded` in that place, when it is a valid Vietnamese
/// syllable: either with its other characters as they are (already repaired), or with them
/// mapped back through the misreading (still mojibake).
fn vietnamese_word(
    chars: &[char],
    i: usize,
    end: usize,
    decoded: &str,
    misreading: &Misreading,
) -> Option<String> {
    let word_start = chars[..i]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |p| p + 1);
    let word_end = chars[end..]
        .iter()
        .position(|c| c.is_whitespace())
        .map_or(chars.len(), |p| end + p);
    let remap = |part: &[char]| {
        let mut bytes = Vec::new();
        for c in part {
            match misreading.byte(*c) {
                Some(b) => bytes.push(b),
                None => bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let (before, after) = (&chars[word_start..i], &chars[end..word_end]);
    let as_is = format!(
        "{}{decoded}{}",
        before.iter().collect::<String>(),
        after.iter().collect::<String>()
    );
    let remapped = format!("{}{decoded}{}", remap(before), remap(after));
    [as_is, remapped].into_iter().find_map(|word| {
        let letters = word.trim_matches(|c: char| !c.is_alphabetic());
        let chars: Vec<char> = letters.chars().collect();
        // `tỐ`: a capital after a small letter is no restoration.
        let case_breaks = chars
            .windows(2)
            .any(|p| p[0].is_lowercase() && p[1].is_uppercase());
        (!letters.is_empty() && !case_breaks && is_vietnamese_syllable(letters))
            .then(|| letters.to_string())
    })
}
