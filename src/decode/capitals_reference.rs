//! The rules of `capitals.rs` spelled out over a list of every word of the text, as they
//! were before the scan for lost letters: the reference its tests compare it with on
//! random text.

use super::{is_letter, is_upper, lost_capital, starts_sentence, upper};

/// The text with capitals restored; `None` when nothing changed.
pub(super) fn restore(text: &str) -> Option<String> {
    let words: Vec<Word> = words(text);
    let caps: Vec<bool> = words.iter().map(Word::is_capitals).collect();
    // Replacements by byte range, in order.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (
        k,
        &Word {
            start, text: word, ..
        },
    ) in words.iter().enumerate()
    {
        if !words[k].lost {
            continue; // nothing to restore in it
        }
        let strong = caps[k] && words[k].capitals >= 2;
        // A capitals word beside it, across spaces only, that is Vietnamese (not `TTXVN`).
        let spaces_between = |a: usize, b: usize| {
            let (a, b) = (a.min(b), a.max(b));
            text[words[a].start + words[a].text.len()..words[b].start]
                .chars()
                .all(|c| c == ' ')
        };
        // A capitals word of two capitals or more, a space away from word `from`.
        let capitals_at = |other: usize, from: usize| {
            caps[other] && words[other].capitals >= 2 && spaces_between(other, from)
        };
        let beside = |other: usize, further: Option<usize>| {
            let vietnamese = !words[other].text.is_ascii();
            let in_a_row = further.is_some_and(|f| capitals_at(f, other));
            capitals_at(other, k) && (vietnamese || in_a_row)
        };
        // A capitalised word (`Nẵng`, not `NẴNG`) a space away.
        let capitalised = |other: usize| {
            !caps[other]
                && words[other].text.starts_with(char::is_uppercase)
                && spaces_between(other, k)
        };
        let before = k.checked_sub(1);
        let after = Some(k + 1).filter(|&a| a < words.len());
        // (Asked only of a capitals word: most words with a toned vowel are not one.)
        let neighbour = || {
            (before.is_some_and(|b| beside(b, b.checked_sub(1))) && !after.is_some_and(capitalised))
                || (after.is_some_and(|a| beside(a, Some(a + 1).filter(|&f| f < words.len())))
                    && !before.is_some_and(capitalised))
        };
        let replacement: Option<String> = if caps[k] && (strong || neighbour()) {
            word.chars().any(lost_capital).then(|| {
                word.chars()
                    .map(|c| if lost_capital(c) { upper(c) } else { c })
                    .collect()
            })
        } else if word.starts_with(lost_capital) && starts_sentence(text, start) {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| std::iter::once(upper(c)).chain(chars).collect())
        } else {
            None
        };
        if let Some(replacement) = replacement {
            edits.push((start, start + word.len(), replacement));
        }
    }
    if edits.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + edits.len() * 2);
    let mut copied = 0;
    for (start, end, replacement) in edits {
        out.push_str(&text[copied..start]);
        out.push_str(&replacement);
        copied = end;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// A run of letters, with what the rules ask of it, found in one walk over its characters.
struct Word<'a> {
    /// Byte offset in the text.
    start: usize,
    text: &'a str,
    /// Every letter is a capital or one TCVN3 cannot write as a capital.
    capitals_or_lost: bool,
    /// How many capitals it has.
    capitals: usize,
    /// Some letter is one TCVN3 cannot write as a capital.
    lost: bool,
}

impl Word<'_> {
    /// Every letter that TCVN3 could write as a capital is one, and there is at least one.
    fn is_capitals(&self) -> bool {
        self.capitals_or_lost && self.capitals >= 1
    }
}

/// Each run of letters of `text`, in order.
fn words(text: &str) -> Vec<Word<'_>> {
    // (Room for a word every four bytes from the start: growing would move them all.)
    let mut words = Vec::with_capacity(text.len() / 4);
    let mut word: Option<Word> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII (most of the text) is judged by its byte, without decoding.
        let (letter, upper, lost, width) = match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_alphabetic(), b.is_ascii_uppercase(), false, 1),
            _ => match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (is_letter(c), is_upper(c), lost_capital(c), c.len_utf8()),
                None => break,
            },
        };
        let at = i;
        i += width;
        match (letter, &mut word) {
            (true, None) => {
                word = Some(Word {
                    start: at,
                    text: "",
                    capitals_or_lost: upper || lost,
                    capitals: usize::from(upper),
                    lost,
                })
            }
            (true, Some(w)) => {
                w.capitals_or_lost &= upper || lost;
                w.capitals += usize::from(upper);
                w.lost |= lost;
            }
            (false, Some(_)) => {
                if let Some(mut w) = word.take() {
                    w.text = &text[w.start..at];
                    words.push(w);
                }
            }
            (false, None) => {}
        }
    }
    if let Some(mut w) = word {
        w.text = &text[w.start..];
        words.push(w);
    }
    words
}
