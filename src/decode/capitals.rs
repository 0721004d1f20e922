//! TCVN3 has no codes for the 60 capitals with tone marks (a second font, .VnTimeH, drew
//! them from the lower-case codes), so they decode lower-case: `ĐẢNG` arrives as `Đả NG`'s
//! `ĐảNG`. This restores them where the context says so:
//!
//! - a word whose other letters are capitals (`ĐảNG` → `ĐẢNG`, `TµI` → `TÀI`) when it has at
//!   least two capitals of its own, or a space away from such a word that is not a plain
//!   ASCII acronym (`Bộ` in `Bộ TÀI CHÍNH`, but not `Hà` in `Hà/TTXVN`);
//! - the first letter of a line or a sentence (after `.`, `!`, `?`).
//!
//! Refuses to guess elsewhere: a proper noun in the middle of a sentence (`ủy ban` for
//! `Ủy ban`) stays lower-case, because nothing in the bytes tells it apart.

/// Whether `c` is a lower-case letter whose capital TCVN3 cannot write (a toned vowel).
fn lost_capital(c: char) -> bool {
    let mut toned = false;
    unicode_normalization::char::decompose_canonical(c, |m| {
        toned |= matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}');
    });
    toned && c.is_lowercase() && c.to_uppercase().count() == 1
}

/// The text with capitals restored; `None` when nothing changed.
pub fn restore(text: &str) -> Option<String> {
    let words: Vec<(usize, &str)> = word_spans(text);
    let caps: Vec<bool> = words.iter().map(|(_, w)| is_capitals_word(w)).collect();
    let mut out: Vec<char> = text.chars().collect();
    let mut changed = false;
    let mut char_index = text.char_indices().map(|(i, _)| i).collect::<Vec<_>>();
    char_index.push(text.len());
    let to_char = |byte: usize| char_index.partition_point(|&b| b < byte);
    for (k, (start, word)) in words.iter().enumerate() {
        let strong = caps[k] && capitals_count(word) >= 2;
        // A capitals word beside it, across spaces only, that is Vietnamese (not `TTXVN`).
        let beside = |other: usize| {
            let (a, b) = if other < k { (other, k) } else { (k, other) };
            let between = &text[words[a].0 + words[a].1.len()..words[b].0];
            let other_word = words[other].1;
            caps[other]
                && capitals_count(other_word) >= 2
                && !other_word.is_ascii()
                && between.chars().all(|c| c == ' ')
        };
        let neighbour = (k > 0 && beside(k - 1)) || (k + 1 < words.len() && beside(k + 1));
        let first = to_char(*start);
        if caps[k] && (strong || neighbour) {
            for (offset, c) in word.chars().enumerate() {
                if lost_capital(c) {
                    out[first + offset] = upper(c);
                    changed = true;
                }
            }
        } else if starts_sentence(text, *start)
            && let Some(c) = word.chars().next().filter(|&c| lost_capital(c))
        {
            out[first] = upper(c);
            changed = true;
        }
    }
    changed.then(|| out.into_iter().collect())
}

fn upper(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

/// Every letter that TCVN3 could write as a capital is one, and there is at least one.
fn is_capitals_word(word: &str) -> bool {
    capitals_count(word) >= 1
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase() || lost_capital(c))
}

fn capitals_count(word: &str) -> usize {
    word.chars().filter(|c| c.is_uppercase()).count()
}

/// Byte offsets and text of each run of letters.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, &text[s..]));
    }
    spans
}

/// The word at `start` opens a line or follows a sentence end.
fn starts_sentence(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t', '"', '“', '(', '\'']);
    before.is_empty() || before.ends_with(['\n', '.', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::restore;

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
