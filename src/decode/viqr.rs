//! VIQR (RFC 1456): Vietnamese written in ASCII, a mark character after the vowel it
//! belongs to (`Vie^.t Nam`). Part of the legacy decoders (`legacy.rs`).
//!
//! It follows RFC 1456: `dd`/`DD` (also `Dd`) are `đ`/`Đ`, and a backslash after a letter
//! makes the next mark character (or `\`, or a second `d`) literal; the encoder writes such an
//! escape wherever a strict RFC 1456 reader would combine. RFC 1456 combines whenever it can;
//! this decoder is stricter, so that English survives: a mark counts only where the word it
//! makes is a Vietnamese syllable. Two cases also need text that looks like VIQR (a syllable
//! with a mark other than a final `'`, `?` or `.`, and no fewer of those than syllables whose
//! only mark is such a final one): a word-final `' ? .`, which is otherwise punctuation
//! (`Hello? I go.` stays as it is), and words that are not one syllable: upper-case
//! abbreviations (`HDDND` → `HĐND`) and syllables written solid (`o^to^` → `ôtô`). `I'm` and
//! abbreviations such as `a.m.` and `e.g.` are left alone. So a lone `ba.` stays `ba.`, while
//! `ba\.` (RFC 1456's escape) is always `ba` and a full stop.

use super::lookup;
use super::tables::{VIQR_DECODE, VIQR_ENCODE};
use crate::decode::syllable::is_vietnamese_syllable;

const MARKS: &[u8] = b"'`?~.^(+";

fn viqr_letter(raw: &[u8]) -> Option<char> {
    let found = VIQR_DECODE
        .binary_search_by(|&(key, _)| key.cmp(raw))
        .ok()?;
    VIQR_DECODE.get(found).map(|&(_, letter)| letter)
}

fn is_dd(first: u8, second: u8) -> bool {
    matches!((first, second), (b'd', b'd') | (b'D', b'D') | (b'D', b'd'))
}

pub(super) fn encode_viqr(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 2);
    let mut prev: Vec<u8> = Vec::new(); // code of the previous character if it is a letter
    for c in text.chars() {
        let ascii = [c as u8];
        let code = match lookup(&VIQR_ENCODE, c) {
            Some(code) => code.as_bytes(),
            None if c.is_ascii() => &ascii[..],
            None => return None,
        };
        let first = code.first().copied().unwrap_or(0);
        let after_d = matches!(prev.as_slice(), [d] if is_dd(*d, first));
        if after_d && code.len() > 1 {
            return None; // `d` + `đ` would read as `đ` + `d`
        }
        let mut with_mark = prev.clone();
        with_mark.extend_from_slice(code);
        let escape = !prev.is_empty()
            && (c == '\\'
                || after_d
                || (MARKS.contains(&first) && viqr_letter(&with_mark).is_some()));
        if escape {
            out.push(b'\\');
        }
        out.extend_from_slice(code);
        prev.clear();
        if !escape && (c.is_ascii_alphabetic() || code.len() > 1) {
            prev.extend_from_slice(code);
        }
    }
    Some(out)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Marked,
    Escaped,
}

/// A letter (plain, or with VIQR marks) or an escaped character.
#[derive(Clone, Copy)]
struct Unit<'a> {
    raw: &'a [u8],
    letter: char,
    kind: Kind,
}

fn next_unit<'a>(bytes: &'a [u8], i: usize, last: Option<&Unit>) -> Option<Unit<'a>> {
    let b = *bytes.get(i)?;
    let unit = |len: usize, letter, kind| {
        Some(Unit {
            raw: bytes.get(i..i + len)?,
            letter,
            kind,
        })
    };
    if b.is_ascii_alphabetic() {
        match bytes.get(i + 1) {
            Some(&next) if is_dd(b, next) => {
                return unit(2, if b == b'd' { 'đ' } else { 'Đ' }, Kind::Marked);
            }
            _ => {}
        }
        for len in [3, 2] {
            if let Some(letter) = bytes.get(i..i + len).and_then(viqr_letter) {
                return unit(len, letter, Kind::Marked);
            }
        }
        return unit(1, char::from(b), Kind::Plain);
    }
    let last = last.filter(|u| u.kind != Kind::Escaped)?;
    let next = *bytes.get(i + 1)?;
    let second_d = last.kind == Kind::Plain && matches!(last.raw, [d] if is_dd(*d, next));
    let escapable = MARKS.contains(&next) || next == b'\\' || second_d;
    if b == b'\\' && escapable {
        return unit(2, char::from(next), Kind::Escaped);
    }
    None
}

/// The readings of one VIQR word that holds a mark or an escape.
struct Word {
    literal: String,
    /// Every mark applied, if that gives a Vietnamese syllable, an upper-case abbreviation with
    /// `DD` (`HDDND`) or syllables written solid (`o^to^`).
    full: Option<String>,
    /// `full` only in text that looks like VIQR: it ends in `' ? .`, or is not one syllable.
    needs_trust: bool,
    /// `Some(true)`: a syllable with a mark besides a final `' ? .`, evidence that the text is
    /// VIQR; `Some(false)`: a syllable whose only mark is such a final one.
    evidence: Option<bool>,
    /// A final `' ? .` read as punctuation, the other marks applied.
    stripped: Option<String>,
}

/// A word that is no Vietnamese syllable (a minority place name, `Plo^ng`) but whose marks
/// cannot be punctuation: each is a shape mark (`^ ( +`) or stands before another letter.
/// Read as VIQR only in text that is VIQR as a whole.
fn shape_marked(letters: &[Unit]) -> bool {
    let last = letters.len().saturating_sub(1);
    let marked: Vec<(usize, &Unit)> = letters
        .iter()
        .enumerate()
        .filter(|(_, u)| u.kind == Kind::Marked)
        .collect();
    !marked.is_empty()
        && marked
            .iter()
            .all(|(i, u)| *i < last || u.raw.iter().skip(1).any(|m| b"^(+".contains(m)))
}

fn read_word(units: &[Unit], raw: &[u8], next: Option<u8>) -> Word {
    let (letters, tail) = match units.split_last() {
        Some((last, rest)) if last.kind == Kind::Escaped => (rest, Some(last.letter)),
        _ => (units, None),
    };
    let literal = units.iter().flat_map(|u| match u.kind {
        Kind::Escaped => u.raw.get(1..).unwrap_or_default(),
        _ => u.raw,
    });
    let literal = literal.map(|&b| char::from(b)).collect();
    let mut word = Word {
        literal,
        full: None,
        needs_trust: false,
        evidence: None,
        stripped: None,
    };
    let dot = if next == Some(b'.') && !raw.ends_with(b".") {
        &b"."[..]
    } else {
        b""
    };
    let abbreviation = raw.len() + dot.len() >= 4
        && [raw, dot]
            .concat()
            .chunks(2)
            .all(|c| matches!(c, [l, b'.'] if l.is_ascii_alphabetic()));
    let Some((last, init)) = letters.split_last() else {
        return word;
    };
    if raw == b"I'm" || abbreviation || letters.iter().all(|u| u.kind == Kind::Plain) {
        return word;
    }
    let final_mark = last.raw.last().copied().filter(|m| b"'?.".contains(m));
    let ends_ambiguous = last.kind == Kind::Marked && final_mark.is_some();
    let full: String = letters.iter().map(|u| u.letter).collect();
    let with_tail = |mut s: String| {
        s.extend(tail);
        s
    };
    if is_vietnamese_syllable(&full) {
        let marked_before = init.iter().any(|u| u.kind == Kind::Marked);
        word.evidence = Some(!ends_ambiguous || last.raw.len() == 3 || marked_before);
        (word.full, word.needs_trust) = (Some(with_tail(full)), ends_ambiguous);
    } else if letters
        .iter()
        .all(|u| u.letter.is_ascii_uppercase() || u.raw == b"DD")
        || splits_into_syllables(&full)
        || shape_marked(letters)
    {
        (word.full, word.needs_trust) = (Some(with_tail(full)), true);
    }
    let Some(mark) = final_mark.filter(|_| ends_ambiguous) else {
        return word;
    };
    let head = &last.raw[..last.raw.len() - 1];
    let base = match head {
        [letter] => Some(char::from(*letter)),
        _ => viqr_letter(head),
    };
    if let Some(base) = base {
        let mut stripped: String = init.iter().map(|u| u.letter).chain([base]).collect();
        let plain = head.len() == 1 && init.iter().all(|u| u.kind == Kind::Plain);
        if plain || is_vietnamese_syllable(&stripped) {
            stripped.push(char::from(mark));
            word.stripped = Some(with_tail(stripped));
        }
    }
    word
}

/// Is `word` two or more Vietnamese syllables written as one (`ôtô`, `mililít`)?
fn splits_into_syllables(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let mut reachable = vec![false; chars.len() + 1];
    reachable[0] = true;
    for start in 0..chars.len() {
        if !reachable[start] {
            continue;
        }
        for end in start + 1..=chars.len().min(start + 7) {
            let part: String = chars[start..end].iter().collect();
            reachable[end] |= end - start < chars.len() && is_vietnamese_syllable(&part);
        }
    }
    reachable[chars.len()]
}

enum Piece<'a> {
    /// Bytes without marks or escapes, as they are (non-ASCII as Latin-1).
    Text(&'a [u8]),
    Word(Word),
}

pub(super) fn decode_viqr(bytes: &[u8]) -> String {
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let mut units: Vec<Unit> = Vec::new();
        let mut end = i;
        while let Some(unit) = next_unit(bytes, end, units.last()) {
            end += unit.raw.len();
            units.push(unit);
            if unit.kind == Kind::Escaped {
                break;
            }
        }
        let end = end.max(i + 1);
        let raw = &bytes[i..end];
        pieces.push(match units.iter().all(|u| u.kind == Kind::Plain) {
            true => Piece::Text(raw),
            false => Piece::Word(read_word(&units, raw, bytes.get(end).copied())),
        });
        i = end;
    }
    let count = |evidence: bool| {
        let counted = |p: &&Piece| matches!(p, Piece::Word(w) if w.evidence == Some(evidence));
        pieces.iter().filter(counted).count()
    };
    let (strong, weak) = (count(true), count(false));
    let trust = strong >= 1 && strong >= weak;
    let mut out = String::with_capacity(bytes.len());
    for piece in &pieces {
        match piece {
            Piece::Text(raw) => out.extend(raw.iter().map(|&b| char::from(b))),
            Piece::Word(w) => out.push_str(match (&w.full, &w.stripped) {
                (Some(full), _) if !w.needs_trust || trust => full,
                (_, Some(stripped)) => stripped,
                _ => &w.literal,
            }),
        }
    }
    out
}
