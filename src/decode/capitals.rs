//! TCVN3 has no codes for the 60 capitals with tone marks (a second font, .VnTimeH, drew
//! them from the lower-case codes), so they decode lower-case: `ĐẢNG` arrives as `Đả NG`'s
//! `ĐảNG`. This restores them where the context says so:
//!
//! - a word whose other letters are capitals (`ĐảNG` → `ĐẢNG`, `TµI` → `TÀI`) when it has at
//!   least two capitals of its own, or a space away from such a word that is not a plain
//!   ASCII acronym (`Bộ` in `Bộ TÀI CHÍNH`, but not `Hà` in `Hà/TTXVN`; a plain ASCII word
//!   counts when it is one of two capitals words in a row: `Vũ` in `Vũ PHI LONG`), unless
//!   the word's other neighbour is a capitalised word (`Đà` in `VÂN Đà Nẵng` is a name);
//! - the first letter of a line or a sentence (after `.`, `!`, `?` and a space: `b.ệ.n.h`
//!   is no sentence).
//!
//! - the first letter of a few names told by the word beside them (`Ấn Độ`, `châu Á`, see
//!   [`names`]).
//!
//! Refuses to guess elsewhere: a proper noun in the middle of a sentence (`ủy ban` for
//! `Ủy ban`) stays lower-case, because nothing in the bytes tells it apart.
//!
//! Only a word holding such a letter can change, so a byte scan finds those letters and
//! only their words, and the neighbours the rules ask about, are looked at (a word is a run
//! of letters; a neighbour counts only across spaces, so it is found by skipping them).

#[path = "capitals_names.rs"]
mod names;

use super::byte_positions::BytePositions;
use super::scan::{char_at, char_before};

/// Whether `c` is a lower-case letter whose capital TCVN3 cannot write (a toned vowel).
fn lost_capital(c: char) -> bool {
    matches!(
        c,
        'à' | 'á' | 'ã' | 'è' | 'é' | 'ì' | 'í' | 'ò' | 'ó' | 'õ' | 'ù' | 'ú' | 'ý' | 'ĩ' | 'ũ'
    ) || (('\u{1EA0}'..='\u{1EF9}').contains(&c) && u32::from(c) % 2 == 1)
}

/// [`lost_capital`] for the character at byte `at`, told by its bytes: C3 A0–BF by a table,
/// C4 A9 (`ĩ`), C5 A9 (`ũ`), E1 BA A1–BF and E1 BB 81–B9 at odd code points (U+1EA1–U+1EF9).
/// (Without branches: which of these comes next is not predictable in Vietnamese text.)
fn lost_at(bytes: &[u8], at: usize) -> bool {
    let byte = |k: usize| bytes.get(at + k).copied().unwrap_or(0);
    let (first, second, third) = (byte(0), byte(1), byte(2));
    let vietnamese = ((second == 0xBA) & (third >= 0xA0)) | ((second == 0xBB) & (third <= 0xB9));
    ((first == 0xC3) & LOST_AFTER_C3[usize::from(second)])
        | (((first | 1) == 0xC5) & (second == 0xA9))
        | ((first == 0xE1) & vietnamese & (third % 2 == 1))
}

/// The bytes after C3 that make a [`lost_capital`] letter (C3 xx is U+00C0 + xx − 0x80).
const LOST_AFTER_C3: [bool; 256] = {
    let mut table = [false; 256];
    let lost = [
        'à', 'á', 'ã', 'è', 'é', 'ì', 'í', 'ò', 'ó', 'õ', 'ù', 'ú', 'ý',
    ];
    let mut i = 0;
    while i < lost.len() {
        table[(lost[i] as usize - 0xC0) | 0x80] = true;
        i += 1;
    }
    table
};

/// The text with capitals restored; `None` when nothing changed.
pub fn restore(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    // (A word is looked at once, from its first such letter: `ĐèO` has two.)
    let mut last_start = None;
    // Bytes that may begin a lost letter: C3 for the Latin-1 ones, C4 and C5 for `ĩ` and
    // `ũ`, E1 for U+1000–U+1FFF.
    for at in BytePositions::new(bytes, |b| matches!(b, 0xC3..=0xC5 | 0xE1)) {
        // A lower-case letter just before (`á` in `các`, `ờ` in `người`): this is no
        // word's first letter, and the word is no capitals word or was looked at from an
        // earlier letter (its first, when that is lost). Most words with such a letter end
        // here, by the byte before when it is ASCII.
        let before = at.checked_sub(1).and_then(|b| bytes.get(b));
        if !lost_at(bytes, at) | before.is_some_and(u8::is_ascii_lowercase)
            || char_before(text, at).is_some_and(|c| is_letter(c) && !is_upper(c))
        {
            continue;
        }
        let start = word_start(text, at);
        if last_start == Some(start) {
            continue;
        }
        last_start = Some(start);
        let Some(restoration) = restoration(text, &Word::at(text, start)) else {
            continue;
        };
        if out.capacity() == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[copied..start]);
        copied = match restoration {
            Restoration::Lost { end } => {
                let letters = text[start..end].chars();
                out.extend(letters.map(|c| if lost_capital(c) { upper(c) } else { c }));
                end
            }
            Restoration::First(first) => {
                out.push(upper(first));
                start + first.len_utf8()
            }
        };
    }
    if copied == 0 {
        return None; // (a change ends after byte 0)
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// What a word with a [`lost_capital`] letter gets back.
enum Restoration {
    /// Every such letter its capital, up to the word's `end`.
    Lost { end: usize },
    /// The first letter its capital.
    First(char),
}

/// What the rules of the module doc restore in `word`, which holds a [`lost_capital`].
fn restoration(text: &str, word: &Word) -> Option<Restoration> {
    let capitals = word.capitals_end();
    if let Some(end) = capitals.filter(|_| word.capitals >= 2 || capitals_beside(text, word)) {
        Some(Restoration::Lost { end })
    } else if lost_capital(word.first)
        && (starts_sentence(text, word.start)
            || names::is_name(text, word.start, word_end(text, word)))
    {
        Some(Restoration::First(word.first))
    } else {
        None
    }
}

/// Where `word` ends (its reading may have stopped early: see [`Word`]).
fn word_end(text: &str, word: &Word) -> usize {
    let mut end = word.end;
    while let Some(c) = char_at(text, end).filter(|&c| is_letter(c)) {
        end += c.len_utf8();
    }
    end
}

/// A capitals word beside `word` (a space away, Vietnamese or one of two capitals words in a
/// row), unless the word on its other side is a capitalised one.
fn capitals_beside(text: &str, word: &Word) -> bool {
    let (before, after) = (word_before(text, word), word_after(text, word));
    // (The word beyond `other`, on the side away from `word`, is found only when asked for.)
    let beside = |other: &Word, further: &dyn Fn() -> Option<Word>| {
        other.is_strong_capitals()
            && (!other.ascii || further().is_some_and(|f| f.is_strong_capitals()))
    };
    let capitalised = |other: &Word| other.capitals_end().is_none() && is_upper(other.first);
    (before
        .as_ref()
        .is_some_and(|b| beside(b, &|| word_before(text, b)))
        && !after.as_ref().is_some_and(capitalised))
        || (after
            .as_ref()
            .is_some_and(|a| beside(a, &|| word_after(text, a)))
            && !before.as_ref().is_some_and(capitalised))
}

fn upper(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

/// A run of letters, with what the rules ask of it, read only as far as it can be a capitals
/// word: most words are ruled out by their first letter, and then all that is asked of them
/// is that letter.
struct Word {
    /// Byte offset in the text.
    start: usize,
    first: char,
    /// Where the reading stopped: the end of the word, if it is a capitals word.
    end: usize,
    /// Every letter read is a capital or one TCVN3 cannot write as a capital.
    capitals_or_lost: bool,
    /// How many capitals it has (of the letters read).
    capitals: usize,
    /// The letters read are ASCII.
    ascii: bool,
}

impl Word {
    /// The run of letters from `start` on (with no letters if none is there).
    fn at(text: &str, start: usize) -> Word {
        let mut word = Word {
            start,
            first: '\0',
            end: start,
            capitals_or_lost: true,
            capitals: 0,
            ascii: true,
        };
        while let Some(c) = char_at(text, word.end).filter(|&c| is_letter(c)) {
            let upper = is_upper(c);
            if word.end == start {
                word.first = c;
            }
            word.end += c.len_utf8();
            word.capitals_or_lost &= upper || lost_capital(c);
            word.capitals += usize::from(upper);
            word.ascii &= c.is_ascii();
            if !word.capitals_or_lost {
                break;
            }
        }
        word
    }

    /// The end of the word when it is a capitals word: every letter that TCVN3 could write as
    /// a capital is one, and there is at least one.
    fn capitals_end(&self) -> Option<usize> {
        (self.capitals_or_lost && self.capitals >= 1).then_some(self.end)
    }

    /// A capitals word with two capitals or more.
    fn is_strong_capitals(&self) -> bool {
        self.capitals_or_lost && self.capitals >= 2
    }
}

/// The start of the run of letters holding byte `at`.
fn word_start(text: &str, mut at: usize) -> usize {
    while let Some(c) = char_before(text, at).filter(|&c| is_letter(c)) {
        at -= c.len_utf8();
    }
    at
}

/// The word before `word` when only spaces are between them.
fn word_before(text: &str, word: &Word) -> Option<Word> {
    let end = text.get(..word.start)?.trim_end_matches(' ').len();
    let last = text.get(..end)?.chars().next_back()?;
    is_letter(last).then(|| Word::at(text, word_start(text, end)))
}

/// The word after `word` when only spaces are between them (`word` a capitals word: its
/// end is known).
fn word_after(text: &str, word: &Word) -> Option<Word> {
    let rest = text.get(word.end..)?;
    let start = word.end + rest.len() - rest.trim_start_matches(' ').len();
    let next = Word::at(text, start);
    (next.end > start).then_some(next)
}

/// `char::is_uppercase`, answered without the Unicode tables for Latin-1 and the
/// Vietnamese letters (U+1EA0–U+1EF9, capitals at even code points).
fn is_upper(c: char) -> bool {
    match c {
        'A'..='Z' => true,
        '\0'..='\u{7F}' => false,
        '\u{C0}'..='\u{DE}' => c != '×',
        '\u{DF}'..='\u{FF}' => false,
        'Ă' | 'Đ' | 'Ĩ' | 'Ũ' | 'Ơ' | 'Ư' => true,
        'ă' | 'đ' | 'ĩ' | 'ũ' | 'ơ' | 'ư' => false,
        '\u{1EA0}'..='\u{1EF9}' => u32::from(c) % 2 == 0,
        c => c.is_uppercase(),
    }
}

/// A letter, answered without the Unicode tables for the scripts TCVN3 text holds.
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' | '×' | '÷' => false,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => true,
        c => c.is_alphabetic(),
    }
}

/// The word at `start` opens a line or follows a sentence end.
fn starts_sentence(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let trimmed = before.trim_end_matches([' ', '\t', '"', '“', '(', '\'']);
    // A sentence ends with a mark and a space (or quote); `b.ệ.n.h` and `1.ấn` are no ends.
    let gap = trimmed.len() < before.len();
    trimmed.is_empty() || trimmed.ends_with('\n') || (gap && trimmed.ends_with(['.', '!', '?']))
}

#[cfg(test)]
#[path = "capitals_reference.rs"]
mod reference;

#[cfg(test)]
mod tests {
    use super::{reference, restore};

    #[test]
    fn is_upper_is_is_uppercase() {
        for c in ('\u{0}'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}') {
            assert_eq!(super::is_upper(c), c.is_uppercase(), "{c:?}");
        }
    }

    #[test]
    fn lost_at_is_lost_capital() {
        for c in ('\u{80}'..='\u{7FF}').chain('\u{1000}'..='\u{1FFF}') {
            let bytes = c.to_string();
            assert_eq!(
                super::lost_at(bytes.as_bytes(), 0),
                super::lost_capital(c),
                "{c:?}"
            );
        }
    }

    /// Random texts of words and separators the rules look at, against the reference.
    #[test]
    fn same_as_the_reference() {
        let pool = [
            "ĐảNG", "Bộ", "VĂN", "PHòNG", "TTXVN", "Hà", "Vũ", "PHI", "LONG", "Nẵng", "Đà", "ủy",
            "ban", "ấn", "ĐèO", "ở", "à", "Ω", "ωà", "Ĩ", "ũ", "A", "b", "Xà", "NGÃ", " ", " ",
            "  ", ". ", "!", "?", "\n", "\t", "\"", "“", "(", "'", "/", "1", ",", "×",
        ];
        let mut next = crate::decode::scan::xorshift();
        let mut restored = 0;
        for _ in 0..50_000 {
            let text: String = (0..next() % 12)
                .map(|_| pool[next() % pool.len()])
                .collect();
            let want = reference::restore(&text);
            restored += usize::from(want.is_some());
            assert_eq!(restore(&text), want, "{text:?}");
        }
        assert!(restored > 5_000, "{restored}");
    }

    #[test]
    fn capitals_from_context() {
        assert_eq!(
            restore("ĐảNG Bộ VĂN PHòNG").as_deref(),
            Some("ĐẢNG BỘ VĂN PHÒNG")
        );
        assert_eq!(
            restore("ủy ban họp. ấn Độ thắng.").as_deref(),
            Some("Ủy ban họp. Ấn Độ thắng.")
        );
        assert_eq!(restore("Bộ Tài chính, ủy ban"), None);
    }
}
