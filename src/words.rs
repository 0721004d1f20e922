//! Whitespace runs collapsed to one space, fast: the same text as joining the words of
//! `str::split_whitespace` with spaces, found by looking only at the bytes that can start
//! a whitespace character instead of decoding every character, and copying whole spans.
//! Every line of a text dump and every record's body (for the duplicate key) goes through
//! this, and doing it a character at a time was a visible share of converting a dump.

use std::borrow::Cow;

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

/// The first byte from `from` on that may start a whitespace character. E1, which starts
/// most Vietnamese tone letters, only counts before 9A (U+1680 is the one space it starts).
fn next_space_start(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(&byte) = bytes.get(at) {
        if MAY_START_SPACE[usize::from(byte)] && (byte != 0xE1 || bytes.get(at + 1) == Some(&0x9A))
        {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// `text.split_whitespace().collect::<Vec<_>>().join(" ")`, borrowed when `text` is that
/// already (no whitespace at the ends, only single spaces between words), else built by
/// copying the spans between whitespace runs whole.
pub fn collapse_whitespace(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `text` accounted for in `out`
    let mut at = 0;
    while let Some(run_start) = next_space_start(bytes, at) {
        let mut run_end = run_start;
        loop {
            let width = if run_end < bytes.len() {
                whitespace_width(text, run_end)
            } else {
                0
            };
            if width == 0 {
                break;
            }
            run_end += width;
        }
        if run_end == run_start {
            at = run_start + 1; // a lead byte of something else
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
        if at >= bytes.len() {
            break;
        }
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::collapse_whitespace;

    #[test]
    fn collapses_like_split_whitespace_and_join() {
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
