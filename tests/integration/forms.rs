//! Breaks clean text into each form old archives hold (`shared/design/encodings.md`):
//! legacy single-byte encodings, NFD, UTF-16, VIQR, mojibake (single, double, lossy,
//! Latin-1 and windows-1258 readings), HTML references, and a legacy-font paragraph
//! inside UTF-8. Written independently of salvage's decoders, from the encoders of
//! encoding_rs and the table-driven `legacy::encode` (which the unit tests check against
//! the tables' own samples).

use encoding_rs::{Encoding, WINDOWS_1252, WINDOWS_1258};
use salvage::decode::legacy::{self, LegacyEncoding};
use unicode_normalization::UnicodeNormalization;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Utf8Nfd,
    Utf16Le,
    Utf16Be,
    Windows1258,
    Tcvn3,
    Vni,
    Viscii,
    Vps,
    Viqr,
    MojibakeWindows1252,
    MojibakeLatin1,
    MojibakeWindows1258,
    MojibakeDouble,
    LossyQuestionMarks,
    LossyDropped,
    EntitiesDecimal,
    EntitiesHex,
    EntitiesDoubleEscaped,
    Tcvn3RunInUtf8,
}

pub const FORMS: &[Form] = &[
    Form::Utf8Nfd,
    Form::Utf16Le,
    Form::Utf16Be,
    Form::Windows1258,
    Form::Tcvn3,
    Form::Vni,
    Form::Viscii,
    Form::Vps,
    Form::Viqr,
    Form::MojibakeWindows1252,
    Form::MojibakeLatin1,
    Form::MojibakeWindows1258,
    Form::MojibakeDouble,
    Form::LossyQuestionMarks,
    Form::LossyDropped,
    Form::EntitiesDecimal,
    Form::EntitiesHex,
    Form::EntitiesDoubleEscaped,
    Form::Tcvn3RunInUtf8,
];

/// The bytes of `text` in `form`; `None` when the form cannot hold the text.
pub fn break_text(text: &str, form: Form) -> Option<Vec<u8>> {
    let utf8 = text.as_bytes();
    Some(match form {
        Form::Utf8Nfd => text.nfd().collect::<String>().into_bytes(),
        Form::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Form::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        Form::Windows1258 => windows_1258(text)?,
        Form::Tcvn3 => legacy::encode(LegacyEncoding::Tcvn3, text)?,
        Form::Vni => legacy::encode(LegacyEncoding::Vni, text)?,
        Form::Viscii => legacy::encode(LegacyEncoding::Viscii, text)?,
        Form::Vps => legacy::encode(LegacyEncoding::Vps, text)?,
        Form::Viqr => legacy::encode(LegacyEncoding::Viqr, text)?,
        Form::MojibakeWindows1252 => misread(utf8, WINDOWS_1252).into_bytes(),
        Form::MojibakeLatin1 => utf8
            .iter()
            .map(|&b| char::from(b))
            .collect::<String>()
            .into_bytes(),
        Form::MojibakeWindows1258 => misread(utf8, WINDOWS_1258).into_bytes(),
        Form::MojibakeDouble => {
            misread(misread(utf8, WINDOWS_1252).as_bytes(), WINDOWS_1252).into_bytes()
        }
        Form::LossyQuestionMarks => lossy(utf8, Some('?')).into_bytes(),
        Form::LossyDropped => lossy(utf8, None).into_bytes(),
        Form::EntitiesDecimal => references(text, |c| format!("&#{};", u32::from(c))).into_bytes(),
        Form::EntitiesHex => references(text, |c| format!("&#x{:X};", u32::from(c))).into_bytes(),
        Form::EntitiesDoubleEscaped => {
            references(text, |c| format!("&amp;#{};", u32::from(c))).into_bytes()
        }
        Form::Tcvn3RunInUtf8 => {
            // The text as TCVN3 bytes shown with a windows-1252 font, then saved as UTF-8.
            let tcvn3 = legacy::encode(LegacyEncoding::Tcvn3, text)?;
            if tcvn3
                .iter()
                .any(|&b| (0x80..0xA0).contains(&b) || b == 0xAD)
            {
                return None; // bytes a windows-1252 round trip would not keep
            }
            misread(&tcvn3, WINDOWS_1252).into_bytes()
        }
    })
}

/// Each byte read as one character of `encoding` (WHATWG: undefined bytes become C1).
fn misread(bytes: &[u8], encoding: &'static Encoding) -> String {
    bytes
        .iter()
        .map(|&b| {
            let single = [b];
            let (text, _) = encoding.decode_without_bom_handling(&single);
            text.into_owned()
        })
        .collect()
}

/// windows-1252 mojibake where the five undefined bytes became `replacement` (or vanished)
/// and the no-break spaces plain spaces: what a lossy converter left.
fn lossy(utf8: &[u8], replacement: Option<char>) -> String {
    misread(utf8, WINDOWS_1252)
        .chars()
        .filter_map(|c| match c {
            '\u{81}' | '\u{8D}' | '\u{8F}' | '\u{90}' | '\u{9D}' => replacement,
            '\u{A0}' => Some(' '),
            c => Some(c),
        })
        .collect()
}

fn references(text: &str, write: impl Fn(char) -> String) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                write(c)
            }
        })
        .collect()
}

/// windows-1258 as real files hold it: base letters (with their shape marks) as single
/// bytes, tone marks as separate combining bytes.
fn windows_1258(text: &str) -> Option<Vec<u8>> {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut spelled = String::with_capacity(text.len() * 2);
    for c in text.nfc() {
        let decomposed: String = std::iter::once(c).nfd().collect();
        let base: String = decomposed
            .chars()
            .filter(|m| !TONES.contains(m))
            .collect::<String>()
            .nfc()
            .collect();
        spelled.push_str(&base);
        spelled.extend(decomposed.chars().filter(|m| TONES.contains(m)));
    }
    let (bytes, _, unmappable) = WINDOWS_1258.encode(&spelled);
    (!unmappable).then(|| bytes.into_owned())
}
