//! Windows-1258 read straight into NFC: a base byte followed by a tone byte is the
//! precomposed letter, through tables made once from encoding_rs and NFC. It refuses
//! (`None`) any text where that would not be what encoding_rs's windows-1258 followed by
//! NFC gives (a tone with no letter to join, two marks in a row); the caller then takes
//! that longer way. Part of `legacy.rs`, with the buffer of `legacy_utf8.rs`.

use std::sync::LazyLock;

use encoding_rs::WINDOWS_1258;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

use super::utf8::{ByteTable, Output, Utf8Char, byte_table};

/// Decodes windows-1258 into NFC when every combining mark in `bytes` follows a byte it
/// composes with into one character, and no mark follows that pair: then each pair is its
/// precomposed letter and every other byte its own character, which is what NFC makes of
/// encoding_rs's decoding (every character windows-1258 has but its five marks is a
/// starter that composes with nothing before it). `None` for any other text.
pub(super) fn decode_nfc(bytes: &[u8]) -> Option<String> {
    let table = &*WINDOWS_1258_NFC;
    let mut out = Output::for_input(bytes.len());
    // The row of the base just written, which a mark may join ([`NO_BASE`] after a mark and
    // at the start: a mark there is refused).
    let mut base = NO_BASE;
    for &b in bytes {
        let mark = table.mark_of[usize::from(b)];
        if mark == NO_MARK {
            let c = table.single[usize::from(b)];
            out.push(c);
            base = usize::from(b);
            continue;
        }
        let row = table.letters.get(base)?;
        let letter = row.get(usize::from(mark)).copied().unwrap_or_default();
        if letter.len == 0 {
            return None;
        }
        out.pop(table.single[base]);
        out.push(letter);
        base = NO_BASE;
    }
    Some(out.into_string())
}

/// Windows-1258's characters, which of its bytes are combining marks, and the letter each
/// byte makes with each mark (made from encoding_rs and NFC, once).
struct Windows1258Nfc {
    single: ByteTable,
    /// Per byte, the index of its mark in a row of `letters`, or [`NO_MARK`].
    mark_of: [u8; 256],
    /// Per base byte and mark, NFC of the two when that is one character (else `len` 0);
    /// 256 rows, one per byte.
    letters: Vec<[Utf8Char; 8]>,
}

const NO_MARK: u8 = u8::MAX;

/// No base for a mark to join: the row past the 256 bytes' rows of `letters`.
const NO_BASE: usize = 256;

static WINDOWS_1258_NFC: LazyLock<Windows1258Nfc> = LazyLock::new(|| {
    let chars: [char; 256] = std::array::from_fn(|b| {
        let byte = [b as u8];
        let (text, _) = WINDOWS_1258.decode_without_bom_handling(&byte);
        text.chars().next().unwrap_or('\u{FFFD}')
    });
    let mut mark_of = [NO_MARK; 256];
    let marks: Vec<u8> = (0..=255u8)
        .filter(|&b| canonical_combining_class(chars[usize::from(b)]) != 0)
        .collect();
    for (index, &b) in marks.iter().enumerate() {
        mark_of[usize::from(b)] = index as u8;
    }
    let letters = (0..256)
        .map(|b| {
            std::array::from_fn(|index| {
                let Some(&mark) = marks.get(index) else {
                    return Utf8Char::default();
                };
                let pair: String = [chars[b], chars[usize::from(mark)]].iter().collect();
                let mut composed = pair.nfc();
                match (composed.next(), composed.next()) {
                    (Some(letter), None) => Utf8Char::new(letter),
                    _ => Utf8Char::default(),
                }
            })
        })
        .collect();
    Windows1258Nfc {
        single: byte_table(&chars),
        mark_of,
        letters,
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    /// encoding_rs's windows-1258, then NFC: what the fast way must equal.
    fn long_way(bytes: &[u8]) -> String {
        let (text, _) = WINDOWS_1258.decode_without_bom_handling(bytes);
        text.nfc().collect()
    }

    #[test]
    fn windows_1258_straight_to_nfc_equals_decoding_then_nfc() {
        // Bytes drawn mostly from letters and the five tone marks (CC D2 DE EC F2), so that
        // every case of marks after letters, after marks and at the start comes up.
        let pieces: &[u8] =
            b"aeiouyAEIOUY\xe2\xea\xf4\xe3\xf5\xfd\xdd\xc3\xd5\xd0\xf0bdnt .\xcc\xd2\xde\xec\xf2";
        let mut next = crate::decode::scan::xorshift();
        let (mut fast, mut refused) = (0, 0);
        for _ in 0..20_000 {
            let len = next() % 12;
            let bytes: Vec<u8> = (0..len)
                .map(|_| match next() % 8 {
                    0 => next() as u8,
                    _ => pieces[next() % pieces.len()],
                })
                .collect();
            match decode_nfc(&bytes) {
                Some(text) => {
                    assert_eq!(text, long_way(&bytes), "{bytes:02x?}");
                    fast += 1;
                }
                None => refused += 1,
            }
        }
        // Both ways come up often enough for the comparison to mean something.
        assert!(
            fast > 5_000 && refused > 2_000,
            "{fast} fast, {refused} refused"
        );
    }

    #[test]
    fn real_windows_1258_text_takes_the_fast_way() {
        for bytes in [
            &include_bytes!("../../tests/data/vn-tables-samples/windows-1258.txt")[..],
            &include_bytes!("../../tests/data/vn-real/windows-1258.txt")[..],
        ] {
            let text = decode_nfc(bytes);
            assert_eq!(text.as_deref(), Some(long_way(bytes).as_str()));
        }
    }

    #[test]
    fn refuses_what_nfc_would_reorder_or_leave_apart() {
        // a + acute + dot below: NFC puts the dot first (ạ + acute); a tone opening the text;
        // a tone after a consonant.
        for bytes in [&b"ba\xec\xf2"[..], b"\xecba", b"b\xeca"] {
            assert_eq!(decode_nfc(bytes), None, "{bytes:02x?}");
        }
        let text = decode_nfc(b"Vi\xea\xf2t Nam, \xd0\xe3ng");
        assert_eq!(text.as_deref(), Some("Việt Nam, Đăng"));
    }
}
