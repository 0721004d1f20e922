//! Whitespace, fast: runs collapsed to one space (the same text as joining the words of
//! `str::split_whitespace` with spaces) and words counted (`split_whitespace().count()`),
//! without decoding every character. Every line of a text dump, every record's body (for
//! the duplicate key) and every word count goes through here, and doing it a character at
//! a time was a visible share of converting a dump.
//!
//! Both look for the few byte pairs that can start whitespace other than a lone space
//! between words with a block scan the compiler vectorises, and look closer only there.

use std::borrow::Cow;

use crate::decode::scan::next_pair;

/// The byte length of the whitespace character at byte `at` of `text`, or 0 when there
/// is none there (another character, or the middle of one).
pub fn whitespace_width(text: &str, at: usize) -> usize {
    match text.as_bytes()[at] {
        b' ' | b'\t'..=b'\r' => 1,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// Whether the bytes `a b` may start whitespace other than ASCII space: controls 9–13,
/// U+0085 and U+00A0 (C2 85, C2 A0), U+1680 (E1 9A), U+2000–U+205F (E2 80, E2 81) and
/// U+3000 (E3 80). (Comparisons only: it runs on every byte, in a vectorised block scan.)
fn may_start_other_space(a: u8, b: u8) -> bool {
    (a.wrapping_sub(9) <= 4)
        | ((a == 0xC2) & ((b == 0x85) | (b == 0xA0)))
        | ((a == 0xE1) & (b == 0x9A))
        | ((a == 0xE2) & ((b == 0x80) | (b == 0x81)))
        | ((a == 0xE3) & (b == 0x80))
}

/// Whether a whitespace run may start at `a b` that is not a lone space: another kind of
/// whitespace, or two spaces.
fn may_start_odd_run(a: u8, b: u8) -> bool {
    may_start_other_space(a, b) | ((a == b' ') & (b == b' '))
}

/// `text.split_whitespace().collect::<Vec<_>>().join(" ")`, borrowed when `text` is that
/// already (no whitespace at the ends, only single spaces between words), else built by
/// copying the spans between whitespace runs whole.
pub fn collapse_whitespace(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `text` accounted for in `out`
    let mut at = 0;
    // Runs at the very start and end are found directly; inside, a run that is not a lone
    // space holds a pair the scan finds (a run begun by a space before another kind of
    // whitespace is found at that second character, one byte later).
    let next_run = |at: usize| match at {
        0 if whitespace_width(text, 0) > 0 => Some(0),
        _ => next_pair(bytes, at, may_start_odd_run),
    };
    while at < bytes.len()
        && let Some(found) = next_run(at)
    {
        let mut run_start = found;
        if run_start > at && bytes[run_start - 1] == b' ' {
            run_start -= 1;
        }
        let mut run_end = found;
        while run_end < bytes.len() {
            match whitespace_width(text, run_end) {
                0 => break,
                width => run_end += width,
            }
        }
        if run_end == found {
            at = found + 1; // the pair began something else (`“` is E2 80 9C)
            continue;
        }
        let inner = run_start > 0 && run_end < bytes.len();
        if !(inner && &text[run_start..run_end] == " ") {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..run_start]);
            if inner {
                out.push(' ');
            }
            copied = run_end;
        }
        at = run_end;
    }
    // A run of one ASCII character at the end is no pair; longer runs there were found.
    let trailing = text.len() - text.trim_end().len();
    if trailing > 0 && copied < text.len() {
        let end = text.len() - trailing;
        let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[copied.min(end)..end]);
        copied = text.len();
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
    }
}

/// `text.split_whitespace().count()`. Words are counted as characters that are not
/// whitespace and follow ASCII whitespace (or the start), by a loop over bytes the compiler
/// vectorises; then each other kind of whitespace character (rare) corrects the count: it
/// was taken for a word character, and the character after it for part of a word.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let ascii_space = |b: u8| (b == b' ') | (b.wrapping_sub(9) <= 4);
    // A byte that starts a character (not a UTF-8 continuation byte) and is no ASCII space.
    let starts_word_char = |b: u8| !ascii_space(b) & ((b & 0xC0) != 0x80);
    let Some(&first) = bytes.first() else {
        return 0;
    };
    let mut count = usize::from(starts_word_char(first));
    // Counted per chunk in a byte-wide sum (at most 128 per chunk), which the compiler
    // does 16 or 32 bytes at a time.
    for (firsts, seconds) in bytes.chunks(128).zip(bytes[1..].chunks(128)) {
        let starts: u8 = firsts
            .iter()
            .zip(seconds)
            .map(|(&a, &b)| u8::from(ascii_space(a) & starts_word_char(b)))
            .sum();
        count += usize::from(starts);
    }
    let mut from = 0;
    while let Some(at) = next_pair(bytes, from, may_start_other_space) {
        from = at + 1;
        let width = whitespace_width(text, at);
        if width <= 1 {
            continue; // ASCII (counted already) or not whitespace
        }
        if at == 0 || ascii_space(bytes[at - 1]) {
            count -= 1; // it was counted as a word
        }
        let next = at + width;
        if next < bytes.len() && whitespace_width(text, next) == 0 {
            count += 1; // the word after it was not
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::{collapse_whitespace, count_words};

    #[test]
    fn collapses_like_split_whitespace_and_join() {
        let spaces = [
            " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}",
            "\u{2009}", "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        let others = [
            "a",
            "hòa",
            "Đ",
            "\u{200b}",
            "\u{2060}",
            "ạ",
            "\u{1e00}",
            "、",
            "中",
            "\u{2010}",
            "x\u{301}",
            "Những tiếng chuông ngân nga xa vắng",
            "“trích dẫn”",
        ];
        let pieces: Vec<&str> = spaces.iter().chain(others.iter()).copied().collect();
        // Strings of pieces drawn pseudo-randomly from spaces and letters.
        let mut state = 7usize;
        for _ in 0..20_000 {
            let mut text = String::new();
            // Short strings, and long ones that reach the block scan.
            let draw = state >> 33;
            let pieces_in_text = if draw.is_multiple_of(3) {
                draw % 61
            } else {
                draw % 7
            };
            for _ in 0..pieces_in_text {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                text.push_str(pieces[(state >> 33) % pieces.len()]);
            }
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let expected: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(count_words(&text), expected.len(), "{text:?}");
            let collapsed = collapse_whitespace(&text);
            assert_eq!(collapsed, expected.join(" "), "{text:?}");
            assert_eq!(
                matches!(collapsed, std::borrow::Cow::Borrowed(_)),
                collapsed == text.as_str(),
                "{text:?}"
            );
        }
    }
}
