//! Legacy decoding by tables of UTF-8 bytes: the character of each byte (and each VNI
//! letter written as a base byte and a mark byte) as its UTF-8 bytes, made once from the
//! generated tables, so that decoding appends bytes instead of encoding one character at a
//! time. Part of `legacy.rs`; the result is the same as decoding character by character.
//!
//! Windows-1258 is read the same way, straight into NFC: a base byte followed by a tone
//! byte is the precomposed letter. It refuses (`None`) any text where that would not be
//! what encoding_rs's windows-1258 followed by NFC gives (a tone with no base to join, two
//! marks in a row); the caller then takes that longer way.

use std::sync::LazyLock;

use encoding_rs::WINDOWS_1258;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

use super::tables::{TCVN3_DECODE, VISCII_DECODE, VNI_DECODE, VNI_PAIRS, VPS_DECODE};

/// A character as its UTF-8 bytes; `len` 0 for none.
#[derive(Clone, Copy, Default)]
struct Utf8Char {
    bytes: [u8; 4],
    len: u8,
}

impl Utf8Char {
    fn new(c: char) -> Self {
        let mut bytes = [0; 4];
        let len = c.encode_utf8(&mut bytes).len() as u8;
        Utf8Char { bytes, len }
    }
}

/// Decoded bytes, written into a buffer of four bytes per byte read (room for any
/// character, so nothing grows).
struct Output {
    buffer: Vec<u8>,
    len: usize,
}

impl Output {
    fn for_input(len: usize) -> Self {
        Output {
            buffer: vec![0; 4 * len],
            len: 0,
        }
    }

    /// Appends a character: all four bytes, of which the next one overwrites the surplus
    /// (a copy of fixed length is one store; one of variable length is a call).
    fn push(&mut self, c: Utf8Char) {
        if let Some(slot) = self.buffer.get_mut(self.len..self.len + 4) {
            slot.copy_from_slice(&c.bytes);
            self.len += usize::from(c.len);
        }
    }

    /// Takes back the character just appended.
    fn pop(&mut self, c: Utf8Char) {
        self.len = self.len.saturating_sub(usize::from(c.len));
    }

    /// The bytes written, as a `String`. They are UTF-8 by construction; simdutf8 checks
    /// that far faster than `String::from_utf8` on text this dense in non-ASCII.
    fn into_string(self) -> String {
        let bytes = &self.buffer[..self.len];
        match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
        }
    }
}

type ByteTable = [Utf8Char; 256];

fn byte_table(chars: &[char; 256]) -> ByteTable {
    std::array::from_fn(|b| Utf8Char::new(chars[b]))
}

static TCVN3: LazyLock<ByteTable> = LazyLock::new(|| byte_table(&TCVN3_DECODE));
static VISCII: LazyLock<ByteTable> = LazyLock::new(|| byte_table(&VISCII_DECODE));
static VPS: LazyLock<ByteTable> = LazyLock::new(|| byte_table(&VPS_DECODE));
static VNI: LazyLock<ByteTable> = LazyLock::new(|| byte_table(&VNI_DECODE));

/// The single-byte encodings with a table here.
#[derive(Clone, Copy)]
pub(super) enum Single {
    Tcvn3,
    Viscii,
    Vps,
}

/// Decodes `bytes` one byte a character.
pub(super) fn decode_single(encoding: Single, bytes: &[u8]) -> String {
    let table: &ByteTable = match encoding {
        Single::Tcvn3 => &TCVN3,
        Single::Viscii => &VISCII,
        Single::Vps => &VPS,
    };
    let mut out = Output::for_input(bytes.len());
    for &b in bytes {
        out.push(table[usize::from(b)]);
    }
    out.into_string()
}

/// Decodes VNI: a base byte followed by a mark byte that make a letter are that letter,
/// any other byte its own character.
pub(super) fn decode_vni(bytes: &[u8]) -> String {
    let (single, pairs) = (&*VNI, &*VNI_LETTERS);
    let mut out = Output::for_input(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match bytes.get(i + 1).and_then(|&mark| pairs.get(b, mark)) {
            Some(letter) => {
                out.push(letter);
                i += 2;
            }
            None => {
                out.push(single[usize::from(b)]);
                i += 1;
            }
        }
    }
    out.into_string()
}

/// Decodes windows-1258 into NFC when every combining mark in `bytes` follows a byte it
/// composes with into one character, and no mark follows that pair: then each pair is its
/// precomposed letter and every other byte its own character, which is what NFC makes of
/// encoding_rs's decoding (every character windows-1258 has but its five marks is a
/// starter that composes with nothing before it). `None` for any other text.
pub(super) fn decode_windows_1258_nfc(bytes: &[u8]) -> Option<String> {
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

/// VNI's two-byte letters: for each base byte that has some, a row of its letters by mark
/// byte (0x80–0xFF; no mark byte is ASCII).
struct VniLetters {
    /// Per base byte, its row + 1 (0: none).
    row_of: [u8; 256],
    rows: Vec<[Utf8Char; 128]>,
}

impl VniLetters {
    fn get(&self, base: u8, mark: u8) -> Option<Utf8Char> {
        let row = usize::from(self.row_of[usize::from(base)]).checked_sub(1)?;
        let letter = *self
            .rows
            .get(row)?
            .get(usize::from(mark).checked_sub(0x80)?)?;
        (letter.len > 0).then_some(letter)
    }
}

static VNI_LETTERS: LazyLock<VniLetters> = LazyLock::new(|| {
    let mut letters = VniLetters {
        row_of: [0; 256],
        rows: Vec::new(),
    };
    for &([base, mark], letter) in VNI_PAIRS.iter().filter(|(pair, _)| pair[1] >= 0x80) {
        let slot = &mut letters.row_of[usize::from(base)];
        if *slot == 0 {
            letters.rows.push([Utf8Char::default(); 128]);
            *slot = letters.rows.len() as u8;
        }
        let row = usize::from(*slot) - 1;
        letters.rows[row][usize::from(mark - 0x80)] = Utf8Char::new(letter);
    }
    letters
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
            match decode_windows_1258_nfc(&bytes) {
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
            let text = decode_windows_1258_nfc(bytes);
            assert_eq!(text.as_deref(), Some(long_way(bytes).as_str()));
        }
    }

    #[test]
    fn refuses_what_nfc_would_reorder_or_leave_apart() {
        // a + acute + dot below: NFC puts the dot first (ạ + acute); a tone opening the text;
        // a tone after a consonant.
        for bytes in [&b"ba\xec\xf2"[..], b"\xecba", b"b\xeca"] {
            assert_eq!(decode_windows_1258_nfc(bytes), None, "{bytes:02x?}");
        }
        let text = decode_windows_1258_nfc(b"Vi\xea\xf2t Nam, \xd0\xe3ng");
        assert_eq!(text.as_deref(), Some("Việt Nam, Đăng"));
    }
}
