//! The last text step of decoding: NFC, then spaces and invisible characters, then line
//! ends. Runs only after every repair, because no-break spaces, soft hyphens and control
//! positions are parts of mojibake and legacy-font text until those are undone
//! (TCVN3 `ư` is 0xAD, Latin-1's soft hyphen; VISCII capitals sit in C0 positions).
//!
//! Each change that alters the text is named in `repairs`: `nfc`, `nbsp`, `spaces`,
//! `zero-width`, `soft-hyphen`, `control-chars`. Line ends (CRLF, CR) become `\n` without a
//! repair entry: that is layout, not content. Tabs, line feeds and form feeds are kept.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Normalises `text` and appends the name of each kind of change made to `repairs`.
pub fn normalize(text: &str, repairs: &mut Vec<String>) -> String {
    let nfc: String;
    let text = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        nfc = text.nfc().collect();
        if nfc != text {
            repairs.push("nfc".to_string());
        }
        &nfc
    };
    let mut found = Found::default();
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
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
            '\t' | '\n' | '\x0C' => out.push(c),
            c if c.is_control() => found.control = true,
            c => out.push(c),
        }
    }
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
