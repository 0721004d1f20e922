//! The character properties the rules ask of every sequence and its neighbours (alphabetic,
//! upper- and lowercase), read from a table for the Latin and Vietnamese letters mojibake
//! repair meets nearly always: beyond ASCII, the standard library searches Unicode's tables
//! each time. The table is filled from the standard library's answers, so they agree. Part
//! of `mojibake.rs`.

use std::sync::LazyLock;

const ALPHABETIC: u8 = 1;
const UPPERCASE: u8 = 2;
const LOWERCASE: u8 = 4;

/// Characters below this (Latin-1 and Latin Extended-A and -B), then Latin Extended
/// Additional (the Vietnamese letters with two marks), are in the table.
const LATIN_END: u32 = 0x250;
const VIETNAMESE: std::ops::RangeInclusive<u32> = 0x1E00..=0x1EFF;

static FLAGS: LazyLock<Vec<u8>> = LazyLock::new(|| {
    (0..LATIN_END)
        .chain(VIETNAMESE)
        .map(|code| {
            let flag = |yes: bool, bit: u8| if yes { bit } else { 0 };
            char::from_u32(code).map_or(0, |c| {
                flag(c.is_alphabetic(), ALPHABETIC)
                    | flag(c.is_uppercase(), UPPERCASE)
                    | flag(c.is_lowercase(), LOWERCASE)
            })
        })
        .collect()
});

/// The flags of `c`, when the table has it.
fn flags(c: char) -> Option<u8> {
    let code = u32::from(c);
    let index = if code < LATIN_END {
        code
    } else if VIETNAMESE.contains(&code) {
        code - VIETNAMESE.start() + LATIN_END
    } else {
        return None;
    };
    FLAGS.get(usize::try_from(index).ok()?).copied()
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
        }
    }
}
