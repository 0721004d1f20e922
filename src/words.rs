//! Splitting text at whitespace fast: the same words as `str::split_whitespace`, found by
//! looking only at the bytes that can start a whitespace character instead of decoding
//! every character. Record bodies are split several times per document (the text dump
//! layout, the duplicate key), and this was a visible share of converting a dump.

/// `text.split_whitespace()`, looking only at the bytes that can start a whitespace
/// character (ASCII, and the lead bytes C2, E1, E2, E3 of U+0085, U+00A0, U+1680,
/// U+2000–U+205F and U+3000) instead of decoding every character.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        // Skip the whitespace before a word.
        loop {
            if at >= bytes.len() {
                return None;
            }
            let width = whitespace_width(text, at);
            if width == 0 {
                break;
            }
            at += width;
        }
        let start = at;
        // The word ends at the next byte that starts a whitespace character.
        loop {
            match bytes[at..]
                .iter()
                .position(|&b| MAY_START_SPACE[usize::from(b)])
            {
                None => {
                    at = bytes.len();
                    return Some(&text[start..]);
                }
                Some(offset) => {
                    at += offset;
                    if whitespace_width(text, at) > 0 {
                        return Some(&text[start..at]);
                    }
                    at += 1;
                }
            }
        }
    })
}

/// The bytes that may start a whitespace character: ASCII spaces and controls 9–13, and
/// the lead bytes of U+0085, U+00A0 (C2), U+1680 (E1), U+2000–U+205F (E2) and U+3000 (E3).
static MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 9;
    while b <= 13 {
        table[b] = true;
        b += 1;
    }
    table[b' ' as usize] = true;
    table[0xC2] = true;
    table[0xE1] = true;
    table[0xE2] = true;
    table[0xE3] = true;
    table
};

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

/// Whether `text` is already its words joined by single spaces: no whitespace at the
/// ends, none but single spaces between words.
pub fn is_collapsed(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut after_space = true; // the start counts as after a space: no leading space
    while at < bytes.len() {
        let width = whitespace_width(text, at);
        if width > 0 && (after_space || bytes[at] != b' ') {
            return false;
        }
        after_space = width > 0;
        at += width.max(1);
    }
    !after_space || bytes.is_empty()
}

#[cfg(test)]
mod tests {
    use super::{is_collapsed, words};

    #[test]
    fn words_split_like_split_whitespace_and_collapsed_means_joined() {
        let spaces = [
            " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}",
            "\u{2009}", "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        let others = [
            "a", "hòa", "Đ", "\u{200b}", "\u{2060}", "ạ", "\u{1e00}", "、", "中", "\u{2010}",
            "x\u{301}",
        ];
        let pieces: Vec<&str> = spaces.iter().chain(others.iter()).copied().collect();
        // Strings of up to 4 pieces drawn pseudo-randomly from spaces and letters.
        let mut state = 7usize;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 5) {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                text.push_str(pieces[(state >> 33) % pieces.len()]);
            }
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let expected: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(words(&text).collect::<Vec<_>>(), expected, "{text:?}");
            assert_eq!(is_collapsed(&text), expected.join(" ") == text, "{text:?}");
        }
    }
}
