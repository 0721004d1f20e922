//! The last text step of decoding: NFC, then spaces and invisible characters, then line
//! ends. Runs only after every repair, because no-break spaces, soft hyphens and control
//! positions are parts of mojibake and legacy-font text until those are undone
//! (TCVN3 `ư` is 0xAD, Latin-1's soft hyphen; VISCII capitals sit in C0 positions).
//!
//! Each change that alters the text is named in `repairs`: `nfc`, `nbsp`, `spaces`,
//! `zero-width`, `soft-hyphen`, `control-chars`. Line ends (CRLF, CR) become `\n` without a
//! repair entry: that is layout, not content. Tabs, line feeds and form feeds are kept.

use std::borrow::Cow;

use super::nfc::nfc;

use super::scan::{next_byte, next_pair};

/// Normalises `text` and appends the name of each kind of change made to `repairs`.
pub fn normalize(text: &str, repairs: &mut Vec<String>) -> String {
    let composed = nfc(text);
    if matches!(composed, Cow::Owned(_)) {
        repairs.push("nfc".to_string());
    }
    let text: &str = &composed;
    let bytes = text.as_bytes();
    let Some(first) = next_change(bytes, 0) else {
        return text.to_string();
    };
    let mut found = Found::default();
    let mut out = String::with_capacity(text.len());
    // Copy the clean stretches whole; look at each character that needs a change.
    let (mut start, mut from) = (0, first);
    while let Some(i) = next_change(bytes, from) {
        out.push_str(&text[start..i]);
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        match c {
            '\r' if bytes.get(i + 1) == Some(&b'\n') => {}
            '\r' => out.push('\n'),
            '\u{00A0}' | '\u{202F}' | '\u{2007}' => {
                found.nbsp = true;
                out.push(' ');
            }
            '\u{2000}'..='\u{200A}' | '\u{205F}' => {
                found.spaces = true;
                out.push(' ');
            }
            '\u{200B}' | '\u{2060}' | '\u{FEFF}' => found.zero_width = true,
            '\u{00AD}' => found.soft_hyphen = true,
            c if c.is_control() => found.control = true,
            c => out.push(c),
        }
        start = i + c.len_utf8();
        from = start;
    }
    out.push_str(&text[start..]);
    for (hit, name) in [
        (found.nbsp, "nbsp"),
        (found.spaces, "spaces"),
        (found.zero_width, "zero-width"),
        (found.soft_hyphen, "soft-hyphen"),
        (found.control, "control-chars"),
    ] {
        if hit {
            repairs.push(name.to_string());
        }
    }
    out
}

/// Text whose characters are all below U+0300 or Vietnamese precomposed letters
/// (U+1E00–U+1EFF) or punctuation (U+2000–U+206F) is NFC: none of them composes or
/// reorders. A quick answer for the common case before the full quick check.
pub(crate) fn surely_nfc(text: &str) -> bool {
    // By lead bytes: C0–CB start U+0000–U+02FF, E1 B8–BB start U+1E00–U+1EFF, E2 80–81
    // start U+2000–U+207F. (Written without branches for the block scan; a text never ends
    // with a lead byte, so the pairs see every one.)
    let other = |b: u8, next: u8| {
        (b >= 0xCC)
            & !((b == 0xE1) & (next & 0xFC == 0xB8))
            & !((b == 0xE2) & (next & 0xFE == 0x80))
    };
    let bytes = text.as_bytes();
    next_pair(bytes, 0, other).is_none() && bytes.last().is_none_or(|&b| b <= 0xCB)
}

/// The first byte at or after `from` where [`needs_change_at`] holds.
fn next_change(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let at = next_byte(bytes, from, may_need_change)?;
        if needs_change_at(bytes, at) {
            return Some(at);
        }
        from = at + 1;
    }
}

/// Whether `b` may start a character [`needs_change_at`] changes: not tab, line feed or
/// form feed, which are kept (the scan would stop at every line). Comparisons only, for
/// the block scan.
fn may_need_change(b: u8) -> bool {
    ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != 0x0C))
        | (b == 0x7F)
        | (b == 0xC2)
        | (b == 0xE2)
        | (b == 0xEF)
}

/// Whether the character starting at byte `i` may need a change: CR, C0/C1 controls, DEL,
/// NBSP (C2 A0), soft hyphen (C2 AD), the U+2000–U+207F spaces, invisibles and marks
/// (E2 80/81 xx: the match above decides), BOM (EF BB BF).
fn needs_change_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\t' | b'\n' | 0x0C => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0xA0 | 0xAD)),
        0xE2 => matches!(bytes.get(i + 1), Some(0x80 | 0x81)),
        0xEF => bytes.get(i + 1..i + 3) == Some(&[0xBB, 0xBF][..]),
        _ => false,
    }
}

#[derive(Default)]
struct Found {
    nbsp: bool,
    spaces: bool,
    zero_width: bool,
    soft_hyphen: bool,
    control: bool,
}

#[cfg(test)]
mod tests {
    use super::normalize;

    fn run(text: &str) -> (String, Vec<String>) {
        let mut repairs = Vec::new();
        let out = normalize(text, &mut repairs);
        (out, repairs)
    }

    #[test]
    fn clean_text_is_untouched() {
        let text = "Đảng bộ Văn phòng\n\nTrong nhiệm kỳ 2015-2020.";
        assert_eq!(run(text), (text.to_string(), vec![]));
    }

    #[test]
    fn nfd_becomes_nfc_and_is_recorded() {
        let (out, repairs) = run("Đa\u{0309}ng");
        assert_eq!(out, "Đảng");
        assert_eq!(repairs, ["nfc"]);
    }

    #[test]
    fn spaces_and_invisibles_in_order() {
        let (out, repairs) = run("Thứ ba,\u{00A0}19\u{200B}/01\u{00AD}/2021\x07\r\nx\ry");
        assert_eq!(out, "Thứ ba, 19/01/2021\nx\ny");
        assert_eq!(
            repairs,
            ["nbsp", "zero-width", "soft-hyphen", "control-chars"]
        );
    }
}
