//! The misreadings mojibake repair undoes, as character → byte maps (windows-1252 with
//! windows-1258's extra letters, windows-1250, windows-1251), and the quick check that
//! tells clean text from text that may hold mojibake before any full scan. Part of
//! `mojibake.rs`; only maps and lookups live here, no decisions.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use encoding_rs::{Encoding, WINDOWS_1250, WINDOWS_1251, WINDOWS_1252, WINDOWS_1258};

/// An encoding UTF-8 text was misread as, with its character → byte map. A second
/// encoding may add the characters the first lacks (windows-1258 to windows-1252: the two
/// share most characters at the same bytes, and Vietnamese text was misread as either).
pub struct Misreading {
    pub name: &'static str,
    /// The name when a fix used a character only the second encoding has.
    pub second_name: &'static str,
    to_byte: HashMap<char, u8>,
    /// The same map for U+0000–U+02FF as a table (byte + 1; 0 for none): most lookups.
    low: Box<[u16; LOW]>,
    second_only: HashSet<char>,
}

/// Characters below this are looked up in `Misreading::low`.
const LOW: usize = 0x300;

impl Misreading {
    fn new(name: &'static str, encoding: &'static Encoding) -> Self {
        Misreading {
            name,
            second_name: name,
            to_byte: byte_map(encoding),
            low: Box::new([0; LOW]),
            second_only: HashSet::new(),
        }
        .with_table()
    }

    /// Fills the table from the map.
    fn with_table(mut self) -> Self {
        for (&c, &byte) in &self.to_byte {
            if let Some(slot) = self.low.get_mut(u32::from(c) as usize) {
                *slot = u16::from(byte) + 1;
            }
        }
        self
    }

    fn with_second(mut self, name: &'static str, encoding: &'static Encoding) -> Self {
        for (c, byte) in byte_map(encoding) {
            if let std::collections::hash_map::Entry::Vacant(slot) = self.to_byte.entry(c) {
                slot.insert(byte);
                self.second_only.insert(c);
            }
        }
        self.second_name = name;
        self.with_table()
    }

    /// A misreading that maps nothing: words stay as they are.
    pub fn none() -> Self {
        Misreading {
            name: "",
            second_name: "",
            to_byte: HashMap::new(),
            low: Box::new([0; LOW]),
            second_only: HashSet::new(),
        }
    }

    /// Whether `c` is read only through the second encoding.
    pub fn is_second_only(&self, c: char) -> bool {
        self.second_only.contains(&c)
    }

    pub fn byte(&self, c: char) -> Option<u8> {
        if c.is_ascii() {
            return u8::try_from(c).ok();
        }
        match self.low.get(u32::from(c) as usize) {
            Some(&0) => None,
            Some(&entry) => u8::try_from(entry - 1).ok(),
            None => self.to_byte.get(&c).copied(),
        }
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

/// Characters that begin a UTF-8 sequence when read back through any misreading (bytes
/// C2–F4), and characters that continue one (bytes 80–BF), for the quick check below.
static CHAR_CLASSES: LazyLock<CharClasses> = LazyLock::new(|| {
    let mut classes = CharClasses {
        table: [0; TABLE],
        other: Vec::new(),
    };
    for misreading in MISREADINGS.iter() {
        for (&c, &byte) in &misreading.to_byte {
            let class = match byte {
                0xC2..=0xF4 => LEAD,
                0x80..=0xBF => CONTINUATION,
                _ => 0,
            };
            match usize::try_from(u32::from(c)) {
                Ok(i) if i < TABLE => classes.table[i] |= class,
                _ => classes.other.push((c, class)),
            }
        }
    }
    classes.other.sort_unstable();
    classes
});

const LEAD: u8 = 1;
const CONTINUATION: u8 = 2;

/// Characters below this have their class in a table (Latin-1, Latin Extended-A and -B,
/// spacing modifiers); the rest are looked up in a sorted list.
const TABLE: usize = 0x300;

/// Whether a character reads back as a lead or a continuation byte in some misreading
/// (cheaper than hashing every character).
struct CharClasses {
    table: [u8; TABLE],
    other: Vec<(char, u8)>,
}

impl CharClasses {
    fn of(&self, c: char) -> u8 {
        let code = u32::from(c);
        if let Some(&class) = self.table.get(code as usize) {
            return class;
        }
        if (0x1E00..=0x1EFF).contains(&code) {
            return 0; // Vietnamese letters: no single-byte code page has them
        }
        let found = self.other.binary_search_by(|(k, _)| k.cmp(&c));
        let mut class = 0;
        if let Ok(i) = found {
            // A character may be listed twice (a lead in one misreading, a continuation in another).
            let start = self.other[..i]
                .iter()
                .rposition(|(k, _)| *k != c)
                .map_or(0, |p| p + 1);
            for (_, bits) in self.other[start..].iter().take_while(|(k, _)| *k == c) {
                class |= bits;
            }
        }
        class
    }
}

/// A quick look for what every sure kind of mojibake leaves: a lead character followed by a
/// continuation character, `?`, U+FFFD, or (for `Ã`/`Æ`, whose NBSP became one) a space.
/// Clean text seldom has such a pair, so it skips the full scan. (Bytes dropped without a
/// trace are only restored in documents with sure cases, which pass this check.)
pub fn may_hold_mojibake(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    let classes = &*CHAR_CLASSES;
    let mut previous_is_lead = false;
    let mut previous = ' ';
    for c in text.chars() {
        let class = if c.is_ascii() { 0 } else { classes.of(c) };
        if previous_is_lead
            && (class & CONTINUATION != 0
                || matches!(c, '?' | '\u{FFFD}')
                || (c == ' ' && matches!(previous, 'Ã' | 'Æ')))
        {
            return true;
        }
        previous_is_lead = class & LEAD != 0;
        previous = c;
    }
    false
}
