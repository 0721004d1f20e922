//! Which language a text is in, as an ISO 639-1 code.
//!
//! Today it recognises Vietnamese only: a text is `vi` when at least a fifth of its words
//! carry letters that only Vietnamese uses (ă đ ơ ư ĩ ũ and the precomposed tone letters
//! U+1EA0–U+1EF9; not à é ô, which French has too). Any other text gets `None`:
//! an unknown language is reported as unknown rather than guessed.

/// The language of `text`, when it can be told.
pub fn detect(text: &str) -> Option<&'static str> {
    let mut words = 0usize;
    let mut vietnamese = 0usize;
    for word in text.split_whitespace().take(2000) {
        if !word.chars().any(char::is_alphabetic) {
            continue;
        }
        words += 1;
        vietnamese += usize::from(word.chars().any(is_vietnamese_letter));
    }
    (words > 0 && vietnamese * 5 >= words).then_some("vi")
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
    }
}
