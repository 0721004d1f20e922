//! The misreadings mojibake repair undoes, as character → byte maps (windows-1252 with
//! windows-1258's extra letters, windows-1250, windows-1251), with the byte-pair tables the
//! quick scans of [`quick`](super::quick) read. Part of `mojibake.rs`; only maps and
//! lookups live here, no decisions.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::decode::scan::ByteSet;
use encoding_rs::{Encoding, WINDOWS_1250, WINDOWS_1251, WINDOWS_1252, WINDOWS_1258};

/// An encoding UTF-8 text was misread as, with its character → byte map. A second
/// encoding may add the characters the first lacks (windows-1258 to windows-1252: the two
/// share most characters at the same bytes, and Vietnamese text was misread as either).
pub struct Misreading {
    pub name: &'static str,
    /// The name when a fix used a character only the second encoding has.
    pub second_name: &'static str,
    /// Per character below [`TABLE_END`]: what it maps back to. Every character of the
    /// single-byte code pages used here lies below that point, so a lookup is one array
    /// read: this runs on every character of every line mojibake repair looks at.
    table: Box<[Mapped]>,
    /// Characters at or above [`TABLE_END`], sorted (none for the code pages used now).
    beyond: Vec<(char, Mapped)>,
    starts: SequenceStarts,
}

/// Where the characters that may begin a sequence are, as byte pairs of UTF-8, for the quick
/// scan that lets a pass skip a line without decoding it (see
/// [`Misreading::may_start_sequence`]).
struct SequenceStarts {
    /// Per first byte of a character, bit (second byte & 63): some character with those two
    /// first bytes maps to a two-byte lead (C2–DF).
    two_byte_leads: [u64; 256],
    /// The first bytes of the characters that map to continuation bytes (80–BF).
    continuation_firsts: ByteSet,
}

impl SequenceStarts {
    fn of(pairs: impl Iterator<Item = (char, u8)>) -> Self {
        let mut starts = SequenceStarts {
            two_byte_leads: [0; 256],
            continuation_firsts: [false; 256],
        };
        for (c, byte) in pairs {
            let mut buffer = [0; 4];
            let &[first, second, ..] = c.encode_utf8(&mut buffer).as_bytes() else {
                continue; // (ASCII: maps to nothing)
            };
            match byte {
                0xC2..=0xDF => starts.two_byte_leads[usize::from(first)] |= 1 << (second & 63),
                0x80..=0xBF => starts.continuation_firsts[usize::from(first)] = true,
                _ => {}
            }
        }
        starts
    }
}

/// What a character maps back to through a misreading: a byte of the upper half (0x80–0xFF;
/// only those are mapped, so ASCII maps to nothing), and whether only the second encoding
/// has it. The default maps to nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mapped(u16);

impl Mapped {
    fn new(byte: u8, second_only: bool) -> Self {
        Mapped(u16::from(byte) | if second_only { SECOND_ONLY } else { 0 })
    }

    /// The byte, or 0 for none (no non-ASCII character maps to a byte below 0x80, so the
    /// scans can compare ranges without unwrapping).
    pub fn byte(self) -> u8 {
        self.0.to_le_bytes()[0]
    }

    /// Whether only the second encoding has the character.
    pub fn is_second_only(self) -> bool {
        self.0 & SECOND_ONLY != 0
    }
}

/// Characters below this are looked up in `Misreading::table` (Latin, Greek, Cyrillic and
/// the general punctuation, currency and letter-like symbols).
const TABLE_END: usize = 0x2200;

/// The flag of a [`Mapped`] for a character only the second encoding has.
const SECOND_ONLY: u16 = 0x100;

impl Misreading {
    fn new(name: &'static str, encoding: &'static Encoding) -> Self {
        let mut misreading = Misreading {
            name,
            second_name: name,
            table: vec![Mapped::default(); TABLE_END].into_boxed_slice(),
            beyond: Vec::new(),
            starts: SequenceStarts::of(std::iter::empty()),
        };
        for (c, byte) in byte_map(encoding) {
            misreading.insert(c, Mapped::new(byte, false));
        }
        misreading.starts = SequenceStarts::of(misreading.pairs());
        misreading
    }

    /// Adds `c` unless it has a byte already.
    fn insert(&mut self, c: char, entry: Mapped) {
        match self.table.get_mut(c as usize) {
            Some(slot) if slot.byte() == 0 => *slot = entry,
            Some(_) => {}
            None => {
                if let Err(at) = self.beyond.binary_search_by_key(&c, |&(k, _)| k) {
                    self.beyond.insert(at, (c, entry));
                }
            }
        }
    }

    fn with_second(mut self, name: &'static str, encoding: &'static Encoding) -> Self {
        for (c, byte) in byte_map(encoding) {
            self.insert(c, Mapped::new(byte, true));
        }
        self.starts = SequenceStarts::of(self.pairs());
        self.second_name = name;
        self
    }

    /// A misreading that maps nothing: words stay as they are.
    pub fn none() -> Self {
        Misreading {
            name: "",
            second_name: "",
            table: Box::new([]),
            beyond: Vec::new(),
            starts: SequenceStarts::of(std::iter::empty()),
        }
    }

    /// What `c` maps back to (ASCII to nothing here: see [`Misreading::byte`]).
    pub fn mapped(&self, c: char) -> Mapped {
        match self.table.get(c as usize) {
            Some(&entry) => entry,
            None => self
                .beyond
                .binary_search_by_key(&c, |&(k, _)| k)
                .map_or(Mapped::default(), |i| self.beyond[i].1),
        }
    }

    /// Whether text bytes `x`, `y` may be where a character that maps to a two-byte lead
    /// begins (at `x`), or where a character that maps to a continuation byte follows a
    /// non-ASCII one (at `y`): every sequence, lossy or not, has one of the two. Without
    /// branches, as it runs on every byte pair of the lines a pass looks at.
    pub fn may_start_sequence(&self, x: u8, y: u8) -> bool {
        let lead = (self.starts.two_byte_leads[usize::from(x)] >> (y & 63)) & 1 != 0;
        let continuation = (x >= 0x80) & self.starts.continuation_firsts[usize::from(y)];
        lead | continuation
    }

    /// Every (character, byte) pair of the map.
    pub fn pairs(&self) -> impl Iterator<Item = (char, u8)> + '_ {
        let low = self
            .table
            .iter()
            .enumerate()
            .filter_map(|(code, &entry)| Some((char::from_u32(code as u32)?, entry)));
        low.chain(self.beyond.iter().copied())
            .filter(|(_, entry)| entry.byte() != 0)
            .map(|(c, entry)| (c, entry.byte()))
    }

    /// The byte `c` maps back to (ASCII to itself).
    pub fn byte(&self, c: char) -> Option<u8> {
        if c.is_ascii() {
            return u8::try_from(c).ok();
        }
        Some(self.mapped(c).byte()).filter(|&b| b != 0)
    }
}

/// Character → byte for the upper half of a single-byte encoding.
fn byte_map(encoding: &'static Encoding) -> HashMap<char, u8> {
    let mut to_byte = HashMap::new();
    for byte in 0x80..=0xFFu8 {
        let single = [byte];
        let (text, had_errors) = encoding.decode_without_bom_handling(&single);
        let mut chars = text.chars();
        if let (Some(c), None, false) = (chars.next(), chars.next(), had_errors) {
            // windows-1258's combining tone marks (0xCC 0xD2 0xDE 0xEC 0xF2) would make
            // every NFD text look like mojibake; they are left out.
            if !('\u{300}'..='\u{36F}').contains(&c) {
                to_byte.insert(c, byte);
            }
        }
    }
    if encoding == WINDOWS_1252 {
        // Latin-1 readings leave C1 controls where windows-1252 has punctuation.
        for byte in 0x80..=0x9Fu8 {
            to_byte.entry(char::from(byte)).or_insert(byte);
        }
    }
    to_byte
}

/// The misreadings tried, most common first.
pub static MISREADINGS: LazyLock<[Misreading; 3]> = LazyLock::new(|| {
    [
        Misreading::new("windows-1252", WINDOWS_1252).with_second("windows-1258", WINDOWS_1258),
        Misreading::new("windows-1250", WINDOWS_1250),
        Misreading::new("windows-1251", WINDOWS_1251),
    ]
});
