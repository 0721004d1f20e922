//! Decoders and encoders for the Vietnamese legacy encodings that encoding_rs does not know:
//! TCVN3 ("ABC", .VnTime fonts), VNI-Windows, VISCII, VPS and VIQR. The tables are generated
//! from `data/vn-tables/` into `legacy_tables.rs` by `scripts/gen-legacy-tables.py`.
//!
//! Decoding accepts any bytes and never fails: a byte its table does not list is read as
//! windows-1252 (TCVN3 0x80–0x9F, all of VNI) or Latin-1 (TCVN3 0xA0–0xFF, VIQR's non-ASCII
//! bytes); VISCII and VPS define all 256 bytes, their capitals in C0 positions included. No
//! table yields a combining mark, so the output is NFC. It guesses nothing: which encoding
//! bytes are in is for the caller to choose (the syllable score helps).
//!
//! Encoding refuses (`None`) text holding a character the encoding has no code for, and text it
//! cannot write unambiguously (VNI: a base letter followed by a character whose single byte is a
//! diacritic byte, as in `aë`; VIQR: `d` before `đ`). TCVN3 has no capitals with tone marks:
//! they get the lower-case letter's byte, as in real TCVN3 files, and decode lower-case.
//!
//! VIQR, an ASCII spelling rather than a byte table, is read and written in `viqr.rs`; the
//! byte tables are read through tables of UTF-8 bytes made from them (`legacy_utf8.rs`).
//! Windows-1258 is encoding_rs's; `legacy_windows_1258.rs` only reads it straight into
//! NFC, the fast way for most of its texts.

#[path = "legacy_tables.rs"]
mod tables;
#[path = "legacy_utf8.rs"]
mod utf8;
#[path = "viqr.rs"]
mod viqr;
#[path = "legacy_windows_1258.rs"]
mod windows_1258;

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use tables::*;
use utf8::Single;

/// A Vietnamese legacy encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LegacyEncoding {
    Tcvn3,
    Vni,
    Viscii,
    Vps,
    Viqr,
}

impl LegacyEncoding {
    pub const ALL: [LegacyEncoding; 5] = [
        LegacyEncoding::Tcvn3,
        LegacyEncoding::Vni,
        LegacyEncoding::Viscii,
        LegacyEncoding::Vps,
        LegacyEncoding::Viqr,
    ];

    /// The lower-case name used in records and options: `tcvn3`, `vni`, `viscii`, `vps`, `viqr`.
    pub fn label(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 => "tcvn3",
            LegacyEncoding::Vni => "vni",
            LegacyEncoding::Viscii => "viscii",
            LegacyEncoding::Vps => "vps",
            LegacyEncoding::Viqr => "viqr",
        }
    }

    /// Reads a label or a common alias (`abc`, `vn3`, `.VnTime`, `vni-windows`, `VISCII1.1`,
    /// `csVIQR`, ...), ignoring case, spaces, `-`, `_` and `.`.
    pub fn from_label(label: &str) -> Option<Self> {
        let key: String = label
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | '.' | ' '))
            .collect::<String>()
            .to_ascii_lowercase();
        Some(match key.as_str() {
            "tcvn3" | "abc" | "vn3" | "tcvn3abc" | "tcvnabc" | "vntime" => LegacyEncoding::Tcvn3,
            "vni" | "vniwindows" | "vniwin" | "vnitimes" => LegacyEncoding::Vni,
            "viscii" | "viscii11" | "csviscii" => LegacyEncoding::Viscii,
            "vps" => LegacyEncoding::Vps,
            "viqr" | "csviqr" | "vietnet" => LegacyEncoding::Viqr,
            _ => return None,
        })
    }
}

/// Decodes `bytes`; never fails, the output is NFC.
pub fn decode(encoding: LegacyEncoding, bytes: &[u8]) -> String {
    match encoding {
        LegacyEncoding::Tcvn3 => utf8::decode_single(Single::Tcvn3, bytes),
        LegacyEncoding::Viscii => utf8::decode_single(Single::Viscii, bytes),
        LegacyEncoding::Vps => utf8::decode_single(Single::Vps, bytes),
        LegacyEncoding::Vni => utf8::decode_vni(bytes),
        LegacyEncoding::Viqr => viqr::decode_viqr(bytes),
    }
}

/// Decodes windows-1258 straight into NFC, when the text is regular (every tone mark after
/// a letter it joins); `None` otherwise, for the caller to decode and normalise in turn.
/// (Windows-1258 itself is encoding_rs's; this is the fast way for most of its texts.)
pub fn decode_windows_1258_nfc(bytes: &[u8]) -> Option<String> {
    windows_1258::decode_nfc(bytes)
}

/// Encodes `text` (any normalisation form); `None` if a character cannot be written.
pub fn encode(encoding: LegacyEncoding, text: &str) -> Option<Vec<u8>> {
    let text: Cow<str> = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.into(),
        _ => text.nfc().collect::<String>().into(),
    };
    let single = |decode: &[char; 256], encode: &[(char, u8)]| {
        text.chars()
            .map(|c| match u8::try_from(c) {
                Ok(b) if b < 0x80 && decode[usize::from(b)] == c => Some(b),
                _ => lookup(encode, c),
            })
            .collect()
    };
    match encoding {
        LegacyEncoding::Tcvn3 => single(&TCVN3_DECODE, &TCVN3_ENCODE),
        LegacyEncoding::Viscii => single(&VISCII_DECODE, &VISCII_ENCODE),
        LegacyEncoding::Vps => single(&VPS_DECODE, &VPS_ENCODE),
        LegacyEncoding::Vni => encode_vni(&text),
        LegacyEncoding::Viqr => viqr::encode_viqr(&text),
    }
}

fn lookup<T: Copy>(table: &[(char, T)], c: char) -> Option<T> {
    let found = table.binary_search_by_key(&c, |&(key, _)| key).ok()?;
    table.get(found).map(|&(_, value)| value)
}

fn vni_pair(base: u8, mark: u8) -> Option<char> {
    if mark < 0x80 {
        return None; // every diacritic byte is above ASCII: skip the search for plain text
    }
    let found = VNI_PAIRS
        .binary_search_by_key(&[base, mark], |&(key, _)| key)
        .ok()?;
    VNI_PAIRS.get(found).map(|&(_, letter)| letter)
}

fn encode_vni(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut last_single = None;
    for c in text.chars() {
        let ascii = [c as u8];
        let code = if c.is_ascii() {
            &ascii[..]
        } else {
            lookup(&VNI_ENCODE, c)?
        };
        if let (Some(prev), Some(&first)) = (last_single, code.first())
            && vni_pair(prev, first).is_some()
        {
            return None; // the decoder would read the two as one letter
        }
        out.extend_from_slice(code);
        last_single = code.first().copied().filter(|_| code.len() == 1);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::LegacyEncoding::{Tcvn3, Viqr, Viscii, Vni, Vps};
    use super::*;
    use unicode_normalization::is_nfc;

    const SEED: &str = "Đảng bộ Văn phòng UBND tỉnh đại hội nhiệm kỳ 2020-2025";
    const SAMPLE: &str = include_str!("../../tests/data/vn-tables-samples/utf-8.txt");
    const SAMPLE_NFD: &str = include_str!("../../tests/data/vn-tables-samples/utf-8-nfd.txt");
    const CAPITALS: &str =
        "ĐẢNG BỘ VĂN PHÒNG. Ông Nguyễn Văn Ánh, Ủy ban; Ở Huế, Ý kiến, Ấp Bắc. Ừ, Ỷ lại!";

    fn sample(encoding: LegacyEncoding) -> &'static [u8] {
        match encoding {
            Tcvn3 => include_bytes!("../../tests/data/vn-tables-samples/tcvn3.txt"),
            Vni => include_bytes!("../../tests/data/vn-tables-samples/vni.txt"),
            Viscii => include_bytes!("../../tests/data/vn-tables-samples/viscii.txt"),
            Vps => include_bytes!("../../tests/data/vn-tables-samples/vps.txt"),
            Viqr => b"",
        }
    }

    /// What TCVN3 gives back: capitals with tone marks have no code and return lower-case.
    fn expected(encoding: LegacyEncoding, text: &str) -> String {
        let text: String = text.nfc().collect();
        match encoding {
            Tcvn3 => text
                .chars()
                .flat_map(|c| {
                    let keep = !LETTERS.contains(&c) || !c.is_uppercase() || "ĂÂÊÔƠƯĐ".contains(c);
                    let lower: String = if keep {
                        c.into()
                    } else {
                        c.to_lowercase().collect()
                    };
                    lower.chars().collect::<Vec<_>>()
                })
                .collect(),
            _ => text,
        }
    }

    #[test]
    fn labels_and_aliases() {
        for encoding in LegacyEncoding::ALL {
            assert_eq!(LegacyEncoding::from_label(encoding.label()), Some(encoding));
            assert_eq!(
                LegacyEncoding::from_label(&encoding.label().to_uppercase()),
                Some(encoding)
            );
        }
        for (alias, encoding) in [
            ("ABC", Tcvn3),
            ("VN3", Tcvn3),
            (".VnTime", Tcvn3),
            ("VNI-Windows", Vni),
            ("VISCII 1.1", Viscii),
            ("csVIQR", Viqr),
        ] {
            assert_eq!(LegacyEncoding::from_label(alias), Some(encoding), "{alias}");
        }
        for other in ["utf-8", "windows-1258", "tcvn5712-1", ""] {
            assert_eq!(LegacyEncoding::from_label(other), None);
        }
    }

    #[test]
    fn sample_files_decode_to_the_utf8_sample_and_back() {
        // Exact for TCVN3 too: the sample has no capital with a tone mark.
        assert_eq!(SAMPLE_NFD.nfc().collect::<String>(), SAMPLE);
        for encoding in [Tcvn3, Vni, Viscii, Vps] {
            assert_eq!(decode(encoding, sample(encoding)), SAMPLE, "{encoding:?}");
            assert_eq!(
                encode(encoding, SAMPLE).as_deref(),
                Some(sample(encoding)),
                "{encoding:?}"
            );
            assert_eq!(
                encode(encoding, SAMPLE_NFD).as_deref(),
                Some(sample(encoding)),
                "{encoding:?}"
            );
        }
        let cp1258 = include_bytes!("../../tests/data/vn-tables-samples/windows-1258.txt");
        let written: Vec<u8> = SAMPLE
            .chars()
            .flat_map(|c| match lookup(&WINDOWS_1258_ENCODE, c) {
                Some(code) => code.to_vec(),
                None => vec![c as u8],
            })
            .collect();
        assert_eq!(written, cp1258);
        let read = encoding_rs::WINDOWS_1258
            .decode_without_bom_handling(cp1258)
            .0;
        assert_eq!(read.nfc().collect::<String>(), SAMPLE);
    }

    #[test]
    fn real_text_round_trips_in_every_encoding() {
        for text in [
            SEED,
            SAMPLE,
            SAMPLE_NFD,
            CAPITALS,
            "Xin chào các bạn. Tôi đi học.",
        ] {
            for encoding in LegacyEncoding::ALL {
                let bytes =
                    encode(encoding, text).unwrap_or_else(|| panic!("{encoding:?}: {text}"));
                assert_eq!(
                    decode(encoding, &bytes),
                    expected(encoding, text),
                    "{encoding:?}"
                );
            }
        }
        assert_eq!(
            encode(Viqr, SEED).as_deref(),
            Some(&b"DDa?ng bo^. Va(n pho`ng UBND ti?nh dda.i ho^.i nhie^.m ky` 2020-2025"[..])
        );
        assert_eq!(
            encode(Vni, "Tôi đi học").as_deref(),
            Some(&b"To\xE2i \xF1i ho\xEFc"[..])
        );
        assert_eq!(
            encode(Tcvn3, "hộp mứt tết").as_deref(),
            Some(&b"h\xE9p m\xF8t t\xD5t"[..])
        );
    }

    #[test]
    fn all_134_letters_round_trip() {
        assert_eq!(LETTERS.len(), 134);
        for encoding in LegacyEncoding::ALL {
            let mut exact = 0;
            for letter in LETTERS {
                // VIQR needs a syllable (ă, â and đ are not one alone) in text that looks like VIQR.
                let text = match (encoding, letter) {
                    (Viqr, 'đ' | 'Đ') => format!("Người Việt {letter}i"),
                    (Viqr, _) if "ĂẮẰẲẴẶÂẤẦẨẪẬăắằẳẵặâấầẩẫậ".contains(letter) =>
                    {
                        format!("Người Việt {letter}n")
                    }
                    (Viqr, _) => format!("Người Việt {letter}"),
                    _ => letter.to_string(),
                };
                let back = decode(encoding, &encode(encoding, &text).unwrap_or_default());
                assert_eq!(back, expected(encoding, &text), "{encoding:?} {letter}");
                exact += usize::from(back == text);
            }
            assert_eq!(
                exact,
                if encoding == Tcvn3 { 74 } else { 134 },
                "{encoding:?}"
            );
        }
    }

    #[test]
    fn decoding_never_panics_and_gives_nfc() {
        let mut state = 0x2545_F491_4F6C_DD1D_u64; // xorshift64
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut inputs: Vec<Vec<u8>> = (0..=255u8).map(|b| vec![b]).collect();
        // Half the strings from letters, marks and backslashes, to exercise VIQR and VNI.
        let alphabet = b"aeoiuyAdD^(+'`?~.\\ \xF9\xF4\xD4";
        for round in 0..3000 {
            let len = (next() % 48) as usize;
            let byte = |r: u64| {
                if round % 2 == 0 {
                    r as u8
                } else {
                    alphabet[r as usize % alphabet.len()]
                }
            };
            inputs.push((0..len).map(|_| byte(next())).collect());
        }
        for bytes in &inputs {
            for encoding in LegacyEncoding::ALL {
                let text = decode(encoding, bytes);
                assert!(is_nfc(&text), "{encoding:?} {bytes:?}");
                if let (Some(again), true) = (encode(encoding, &text), encoding != Viqr) {
                    let back = decode(encoding, &again);
                    assert_eq!(back, expected(encoding, &text), "{encoding:?} {bytes:?}");
                }
            }
            for encoding in [Viscii, Vps] {
                let again = encode(encoding, &decode(encoding, bytes));
                assert_eq!(again.as_deref(), Some(&bytes[..]));
            }
        }
    }

    #[test]
    fn decoding_details() {
        let tcvn3 = decode(Tcvn3, b"\xA7\xB6ng b\xE9 V\xA8n ph\xDFng");
        assert_eq!(tcvn3, "Đảng bộ Văn phòng");
        assert_eq!(decode(Tcvn3, b"\xADu ti\xAAn"), "ưu tiên"); // 0xAD: ư, not a soft hyphen
        assert_eq!(decode(Viscii, b"\x02\x05\x06\x14\x19\x1E"), "ẲẴẪỶỸỴ");
        assert_eq!(decode(Vni, b"\xD1a\xFBng bo\xE4"), "Đảng bộ");
        assert_eq!(decode(Vni, b"\xF4\xF9 \xF6\xF4\xF9 n\xF9"), "ớ ướ nù"); // n + 0xF9: no pair
        assert_eq!(decode(Vps, b"\xC7\xE4ng b\xB6"), "đảng bộ");
        assert_eq!(decode(Viqr, b"Vie^.t Nam \xE9"), "Việt Nam é");
    }

    #[test]
    fn encoding_refuses_what_it_cannot_write() {
        assert_eq!(encode(Tcvn3, "Ả Ấ").as_deref(), Some(&b"\xB6 \xCA"[..]));
        for encoding in LegacyEncoding::ALL {
            assert_eq!(encode(encoding, "日本"), None, "{encoding:?}");
        }
        assert_eq!(encode(Viscii, "\u{2}"), None); // 0x02 is Ẳ
        assert_eq!(encode(Vni, "aë"), None); // would read back as ặ
        assert_eq!(encode(Vni, "Zürich").as_deref(), Some(&b"Z\xFCrich"[..]));
        assert_eq!(encode(Viqr, "dđ"), None);
    }

    #[test]
    fn viqr_follows_rfc_1456() {
        for (viqr, text) in [
            (
                r"To^i ye^u tie^'ng nu+o+'c to^i tu+` khi mo+'i ra ddo+`i\.",
                "Tôi yêu tiếng nước tôi từ khi mới ra đời.",
            ),
            (
                r"O^ng te^n gi`\? To^i te^n la` Tra^`n Va(n Hie^'u\.",
                "Ông tên gì? Tôi tên là Trần Văn Hiếu.",
            ),
            ("Xin cha`o ca'c ba.n", "Xin chào các bạn"),
            // A final ' ? . is a mark in text that looks like VIQR, if the word stays valid.
            (
                "Ba.n co' kho?e kho^ng? Me. to^i o+? Ha` No^.i, Dda`.",
                "Bạn có khỏe không? Mẹ tôi ở Hà Nội, Đà.",
            ),
            (
                "Ngu+o+`i Vie^.t no'i: Hello? OK, ddi dda^u?",
                "Người Việt nói: Hello? OK, đi đâu?",
            ),
            ("1 ti? ddo^`ng.", "1 tỉ đồng."),
            ("Ngu+o+`i la'i o^to^ o+? HDDND.", "Người lái ôtô ở HĐND."),
        ] {
            assert_eq!(decode(Viqr, viqr.as_bytes()), text);
        }
    }

    #[test]
    fn viqr_leaves_english_alone() {
        for text in [
            "Hello? Is it so. I'm fine, e.g. at 9 a.m. today. Add the odd address, Eddie.",
            "Where do you go? To the sea. 'Me too.' She said 'no'.",
            r"o'clock, rock'n'roll, C:\Windows\, C++ (a+b) x^2 ~home",
            "A Vie^.t Nam trip: I go. You go. We all go. So do I. ADD ODD, ma'am.",
        ] {
            let expected = text.replace("Vie^.t", "Việt");
            assert_eq!(decode(Viqr, text.as_bytes()), expected);
        }
    }

    #[test]
    fn viqr_escapes_literal_marks() {
        let text = r"Ai? Tôi. Cao\. dd, d\d, add, x^2 (a+b), c'est, u+, o+?";
        let bytes = encode(Viqr, text).unwrap_or_default();
        // Escaped wherever a strict RFC 1456 reader would combine (`ad\d`, not `a+b`).
        let expected = r"Ai\? To^i\. Cao\\. d\d, d\\d, ad\d, x^2 (a+b), c'est, u\+, o\+?";
        assert_eq!(String::from_utf8_lossy(&bytes), expected);
        assert_eq!(decode(Viqr, &bytes), text);
    }
}
