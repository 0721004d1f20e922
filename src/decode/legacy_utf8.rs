//! Legacy decoding by tables of UTF-8 bytes: the character of each byte (and each VNI
//! letter written as a base byte and a mark byte) as its UTF-8 bytes, made once from the
//! generated tables, so that decoding appends bytes instead of encoding one character at a
//! time. Part of `legacy.rs`; the result is the same as decoding character by character.
//! The windows-1258 reader (`legacy_windows_1258.rs`) uses the same buffer and tables.

use std::sync::LazyLock;

use super::tables::{TCVN3_DECODE, VISCII_DECODE, VNI_DECODE, VNI_PAIRS, VPS_DECODE};

/// A character as its UTF-8 bytes; `len` 0 for none.
#[derive(Clone, Copy, Default)]
pub(super) struct Utf8Char {
    bytes: [u8; 4],
    pub(super) len: u8,
}

impl Utf8Char {
    pub(super) fn new(c: char) -> Self {
        let mut bytes = [0; 4];
        let len = c.encode_utf8(&mut bytes).len() as u8;
        Utf8Char { bytes, len }
    }
}

/// Decoded bytes, written into a buffer of four bytes per byte read (room for any
/// character, so nothing grows).
pub(super) struct Output {
    buffer: Vec<u8>,
    len: usize,
}

impl Output {
    pub(super) fn for_input(len: usize) -> Self {
        Output {
            buffer: vec![0; 4 * len],
            len: 0,
        }
    }

    /// Appends a character: all four bytes, of which the next one overwrites the surplus
    /// (a copy of fixed length is one store; one of variable length is a call).
    pub(super) fn push(&mut self, c: Utf8Char) {
        if let Some(slot) = self.buffer.get_mut(self.len..self.len + 4) {
            slot.copy_from_slice(&c.bytes);
            self.len += usize::from(c.len);
        }
    }

    /// Takes back the character just appended.
    pub(super) fn pop(&mut self, c: Utf8Char) {
        self.len = self.len.saturating_sub(usize::from(c.len));
    }

    /// The bytes written, as a `String`. They are UTF-8 by construction; simdutf8 checks
    /// that far faster than `String::from_utf8` on text this dense in non-ASCII.
    pub(super) fn into_string(self) -> String {
        let bytes = &self.buffer[..self.len];
        match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
        }
    }
}

pub(super) type ByteTable = [Utf8Char; 256];

pub(super) fn byte_table(chars: &[char; 256]) -> ByteTable {
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
