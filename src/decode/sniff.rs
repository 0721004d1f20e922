//! Looks at raw bytes before any decoding: byte-order marks, UTF-16 without a BOM, and
//! binary data (images, archives, executables, random bytes) that is not text at all.
//!
//! Sniffing only classifies; it never changes the bytes ([`decode_unicode`] decodes what a
//! byte-order mark or the UTF-16 pattern makes certain).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::scan::next_byte;

/// What the first bytes say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bom {
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Bom {
    /// The BOM at the start of `bytes`, if any.
    pub fn find(bytes: &[u8]) -> Option<Bom> {
        match bytes {
            [0xEF, 0xBB, 0xBF, ..] => Some(Bom::Utf8),
            [0xFF, 0xFE, ..] => Some(Bom::Utf16Le),
            [0xFE, 0xFF, ..] => Some(Bom::Utf16Be),
            _ => None,
        }
    }

    /// How many bytes the BOM takes.
    pub fn byte_len(self) -> usize {
        match self {
            Bom::Utf8 => 3,
            Bom::Utf16Le | Bom::Utf16Be => 2,
        }
    }
}

/// Text read as UTF-8 or UTF-16 because a byte-order mark or the UTF-16 NUL pattern says so.
pub struct UnicodeText {
    pub text: String,
    /// `utf-8`, `utf-16le` or `utf-16be`.
    pub encoding: String,
    /// 1.0, or 0.5 when some bytes could not be decoded.
    pub confidence: f64,
    /// A byte-order mark was there (and is not in `text`).
    pub had_bom: bool,
}

/// Decodes `bytes` when they start with a byte-order mark or look like UTF-16 without one;
/// `None` otherwise. The one place both plain text and markup go through for this.
pub fn decode_unicode(bytes: &[u8]) -> Option<UnicodeText> {
    let bom = Bom::find(bytes);
    let found = bom.or_else(|| utf16_without_bom(bytes))?;
    let body = if bom.is_some() {
        &bytes[found.byte_len()..]
    } else {
        bytes
    };
    let encoding: &Encoding = match found {
        Bom::Utf8 => UTF_8,
        Bom::Utf16Le => UTF_16LE,
        Bom::Utf16Be => UTF_16BE,
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    Some(UnicodeText {
        text: text.into_owned(),
        encoding: encoding.name().to_ascii_lowercase(),
        confidence: if had_errors { 0.5 } else { 1.0 },
        had_bom: bom.is_some(),
    })
}

/// Magic numbers of common binary formats found beside text in old archives.
const BINARY_MAGIC: [(&[u8], &str); 12] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x1F\x8B", "gzip-compressed data"),
    (b"BM", "a BMP image"),
    (b"\x7FELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an old Microsoft Office document",
    ),
    (b"Rar!\x1A\x07", "a RAR archive"),
];

/// Names the binary format `bytes` starts with, when it is one we know.
///
/// `BM` and `MZ` are only believed when a NUL byte follows soon, since text may begin so.
pub fn binary_format(bytes: &[u8]) -> Option<&'static str> {
    BINARY_MAGIC.iter().find_map(|(magic, name)| {
        let weak = magic.len() == 2 && magic != b"\x1F\x8B";
        let has_nul = bytes.iter().take(64).any(|&b| b == 0);
        (bytes.starts_with(magic) && (!weak || has_nul)).then_some(*name)
    })
}

/// Guesses UTF-16 without a BOM from the NUL pattern of mostly-ASCII text: at least 40%
/// of the even (big-endian) or odd (little-endian) positions in the first 4 KB are NUL,
/// and almost none of the other positions are.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<Bom> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    // Nearly every document has no NUL at all: memchr says so at once, where counting
    // every other byte cannot be vectorised.
    if sample.len() < 8 || memchr::memchr(0, sample).is_none() {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let mostly = |n: usize| n * 10 >= pairs * 4;
    let hardly = |n: usize| n * 50 <= pairs;
    if mostly(odd_nul) && hardly(even_nul) {
        Some(Bom::Utf16Le)
    } else if mostly(even_nul) && hardly(odd_nul) {
        Some(Bom::Utf16Be)
    } else {
        None
    }
}

/// Share of characters that no text holds: C0 controls other than tab, line feed, form
/// feed and carriage return, DEL, and U+FFFD. Binary data decoded as a single-byte encoding
/// scores well above 5%; text scores 0. C1 controls are not counted: Latin-1 mojibake is
/// full of them, and repair turns them back into text.
pub fn control_share(text: &str) -> f64 {
    // This runs on every document, and nearly every one has no such character: one block
    // scan (see `scan`) answers 0 for those. Otherwise the counts are taken in separate
    // passes that the compiler vectorises: characters are the bytes that do not continue a
    // UTF-8 sequence; C0 controls and DEL are single bytes; U+FFFD is EF BF BD.
    let bytes = text.as_bytes();
    if next_byte(bytes, 0, may_be_control).is_none() {
        return 0.0;
    }
    let is_control = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0C | b'\r')) || b == 0x7F;
    let controls = bytes.iter().filter(|&&b| is_control(b)).count();
    let replacements = if bytes.contains(&0xEF) {
        text.matches('\u{FFFD}').count()
    } else {
        0
    };
    let bad = controls + replacements;
    if bad == 0 {
        return 0.0;
    }
    let total = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    bad as f64 / total as f64
}

/// Whether `b` may start a character [`control_share`] counts: a C0 control other than
/// tab, line feed, form feed and carriage return, DEL, or EF (the lead byte of U+FFFD).
/// (Comparisons only, for the block scan.)
fn may_be_control(b: u8) -> bool {
    ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != 0x0C) & (b != b'\r'))
        | (b == 0x7F)
        | (b == 0xEF)
}

#[cfg(test)]
mod tests {
    use super::control_share;

    #[test]
    fn control_share_counts_characters_not_bytes() {
        let by_chars = |text: &str| {
            let bad = text
                .chars()
                .filter(|&c| {
                    (c < ' ' && !matches!(c, '\t' | '\n' | '\u{c}' | '\r'))
                        || c == '\u{7f}'
                        || c == '\u{fffd}'
                })
                .count();
            match text.chars().count() {
                0 => 0.0,
                total => bad as f64 / total as f64,
            }
        };
        for text in [
            "",
            "plain text\n",
            "a\u{0}b\u{1}\u{7f}c",
            "\u{fffd}\u{fffd}ị\u{fffd}\u{ef}\u{bf}",
            "Đảng\u{feff}\u{fffe}\t\r\n\u{1b}[0m",
        ] {
            assert_eq!(control_share(text), by_chars(text), "{text:?}");
        }
    }
}
