//! Which language a text is in, as an ISO 639-1 code.
//!
//! Today it recognises Vietnamese only: a text is `vi` when at least a fifth of its words
//! carry letters that only Vietnamese uses (ă đ ơ ư ĩ ũ and the precomposed tone letters
//! U+1EA0–U+1EF9; not à é ô, which French has too). Any other text gets `None`:
//! an unknown language is reported as unknown rather than guessed.

use crate::words;

/// The language of `text`, when it can be told.
pub fn detect(text: &str) -> Option<&'static str> {
    detect_parts(&[text])
}

/// The language of the texts `parts` read one after the other (a title and a body)
/// without joining them; the first 2,000 words decide.
pub fn detect_parts(parts: &[&str]) -> Option<&'static str> {
    let mut words = 0usize;
    let mut vietnamese = 0usize;
    for word in parts.iter().flat_map(|part| words::words(part)).take(2000) {
        let (has_letter, has_vietnamese_letter) = letters_in(word);
        words += usize::from(has_letter);
        vietnamese += usize::from(has_vietnamese_letter);
    }
    (words > 0 && vietnamese * 5 >= words).then_some("vi")
}

/// Whether `word` has a letter, and whether it has a letter only Vietnamese uses, in one
/// pass that answers ASCII without the Unicode tables.
fn letters_in(word: &str) -> (bool, bool) {
    let mut has_letter = false;
    for c in word.chars() {
        if c.is_ascii() {
            has_letter |= c.is_ascii_alphabetic();
        } else if is_vietnamese_letter(c) {
            return (true, true);
        } else {
            has_letter = has_letter || c.is_alphabetic();
        }
    }
    (has_letter, false)
}

fn is_vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | '\u{1EA0}'
            ..='\u{1EF9}'
    )
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn vietnamese_and_others() {
        assert_eq!(
            detect("Đảng bộ Văn phòng UBND tỉnh đại hội nhiệm kỳ 2020-2025"),
            Some("vi")
        );
        assert_eq!(detect("The quick brown fox jumps over the lazy dog"), None);
        assert_eq!(detect("Le café est très bon à Paris ce matin"), None);
        assert_eq!(detect("12345 67890"), None);
        assert_eq!(super::detect_parts(&["Đảng bộ", "tỉnh 2020"]), Some("vi"));
        assert_eq!(
            super::detect_parts(&["Đảng", "one two three four five"]),
            None
        );
    }
}
