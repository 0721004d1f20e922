//! The character properties the rules ask of every sequence and its neighbours (alphabetic,
//! upper- and lowercase), read from tables for the Latin and Vietnamese letters and the
//! punctuation and symbols mojibake repair meets nearly always: beyond ASCII, the standard
//! library searches Unicode's tables each time. The tables are filled from the standard
//! library's answers, so they agree. Part of `mojibake.rs`.

use std::ops::Range;
use std::sync::LazyLock;

const ALPHABETIC: u8 = 1;
const UPPERCASE: u8 = 2;
const LOWERCASE: u8 = 4;

/// Characters below this (Latin-1 and Latin Extended-A and -B), then Latin Extended
/// Additional (the Vietnamese letters with two marks), are in the table of letters.
const LATIN_END: u32 = 0x250;
const VIETNAMESE: Range<u32> = 0x1E00..0x1F00;

/// IPA and the spacing modifiers (`ˆ` `˜`), then the general punctuation, currency and
/// letter-like symbols (`–` `€` `™`), are in the table of symbols: windows-1252 mojibake
/// decodes to them all the time, and double encoding asks whether each is a letter. (A
/// table apart, filled when first asked: clean text seldom asks, and filling costs more.)
const MODIFIERS: Range<u32> = 0x250..0x300;
const SYMBOLS: Range<u32> = 0x2000..0x2200;

/// The flags of the characters of `ranges`, one after the other, from the standard library.
fn table(ranges: [Range<u32>; 2]) -> Vec<u8> {
    ranges
        .into_iter()
        .flatten()
        .map(|code| {
            let flag = |yes: bool, bit: u8| if yes { bit } else { 0 };
            char::from_u32(code).map_or(0, |c| {
                flag(c.is_alphabetic(), ALPHABETIC)
                    | flag(c.is_uppercase(), UPPERCASE)
                    | flag(c.is_lowercase(), LOWERCASE)
            })
        })
        .collect()
}

static LETTERS: LazyLock<Vec<u8>> = LazyLock::new(|| table([0..LATIN_END, VIETNAMESE]));
static SYMBOL_FLAGS: LazyLock<Vec<u8>> = LazyLock::new(|| table([MODIFIERS, SYMBOLS]));

/// The flags of `c`, when a table has it.
fn flags(c: char) -> Option<u8> {
    let code = u32::from(c);
    let (flags, index) = if code < LATIN_END {
        (&LETTERS, code)
    } else if VIETNAMESE.contains(&code) {
        (&LETTERS, code - VIETNAMESE.start + LATIN_END)
    } else if MODIFIERS.contains(&code) {
        (&SYMBOL_FLAGS, code - MODIFIERS.start)
    } else if SYMBOLS.contains(&code) {
        let modifiers = MODIFIERS.end - MODIFIERS.start;
        (&SYMBOL_FLAGS, code - SYMBOLS.start + modifiers)
    } else {
        return None;
    };
    flags.get(usize::try_from(index).ok()?).copied()
}

/// What [`props`] tells of a character: [`char::is_alphabetic`], [`char::is_uppercase`],
/// [`char::is_lowercase`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Props {
    pub alphabetic: bool,
    pub uppercase: bool,
    pub lowercase: bool,
}

/// The three properties of `c` from one lookup, for the rules that ask several of one
/// character.
pub fn props(c: char) -> Props {
    match flags(c) {
        Some(f) => Props {
            alphabetic: f & ALPHABETIC != 0,
            uppercase: f & UPPERCASE != 0,
            lowercase: f & LOWERCASE != 0,
        },
        None => Props {
            alphabetic: c.is_alphabetic(),
            uppercase: c.is_uppercase(),
            lowercase: c.is_lowercase(),
        },
    }
}

/// [`char::is_alphabetic`].
pub fn is_alphabetic(c: char) -> bool {
    flags(c).map_or_else(|| c.is_alphabetic(), |f| f & ALPHABETIC != 0)
}

/// [`char::is_uppercase`].
pub fn is_uppercase(c: char) -> bool {
    flags(c).map_or_else(|| c.is_uppercase(), |f| f & UPPERCASE != 0)
}

/// [`char::is_lowercase`].
pub fn is_lowercase(c: char) -> bool {
    flags(c).map_or_else(|| c.is_lowercase(), |f| f & LOWERCASE != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_library() {
        for c in (0..0x2_0000).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lowercase(c), c.is_lowercase(), "{c:?}");
            let expected = Props {
                alphabetic: c.is_alphabetic(),
                uppercase: c.is_uppercase(),
                lowercase: c.is_lowercase(),
            };
            assert_eq!(props(c), expected, "{c:?}");
        }
    }
}
