//! Which language a text is in, as an ISO 639-1 code.
//!
//! Today it recognises Vietnamese only: a text is `vi` when at least a fifth of its words
//! carry letters that only Vietnamese uses (ă đ ơ ư ĩ ũ and the precomposed tone letters
//! U+1EA0–U+1EF9; not à é ô, which French has too). Any other text gets `None`:
//! an unknown language is reported as unknown rather than guessed.

/// The language of `text`, when it can be told.
pub fn detect(text: &str) -> Option<&'static str> {
    detect_parts(&[text])
}

/// The language of the texts `parts` read one after the other (a title and a body)
/// without joining them; the first 2,000 words decide.
pub fn detect_parts(parts: &[&str]) -> Option<&'static str> {
    let mut count = WordCount::default();
    for part in parts {
        count.add(part);
    }
    (count.words > 0 && count.vietnamese * 5 >= count.words).then_some("vi")
}

/// Words (as `split_whitespace` finds them) that have a letter, and those of them that
/// have a letter only Vietnamese uses, up to [`MAX_WORDS`].
#[derive(Default)]
struct WordCount {
    words: usize,
    vietnamese: usize,
    seen: usize,
}

const MAX_WORDS: usize = 2000;

impl WordCount {
    /// Counts the words of `text`, word by word: a run of ASCII is judged from its bytes,
    /// only other characters are decoded (this runs over every record's body).
    fn add(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() && self.seen < MAX_WORDS && !self.surely_vietnamese() {
            let word = word_at(text, at);
            if word.end > at {
                self.end_word(word.letter || word.vietnamese, word.vietnamese);
            }
            // Past the whitespace character that ended the word (if any).
            at = word.end + bytes.get(word.end).map_or(0, |&b| char_width(b));
        }
    }

    /// Whether the answer is Vietnamese whatever words come next: they count once
    /// `MAX_WORDS` are seen at most, so a fifth of those has been reached already.
    fn surely_vietnamese(&self) -> bool {
        self.vietnamese * 5 >= MAX_WORDS
    }

    fn end_word(&mut self, has_letter: bool, has_vietnamese_letter: bool) {
        self.seen += 1;
        self.words += usize::from(has_letter);
        self.vietnamese += usize::from(has_vietnamese_letter);
    }
}

/// A word found by [`word_at`]: where it ends (at the whitespace after it, or the end of
/// the text) and what letters it has.
struct Word {
    end: usize,
    letter: bool,
    vietnamese: bool,
}

/// The word starting at byte `at` (a character boundary): characters up to the next
/// whitespace. Only these lead bytes start a space (C2, E1–E3) or a letter only Vietnamese
/// uses (C4–C6, E1): other non-ASCII characters are not decoded unless the word has no
/// letter yet.
fn word_at(text: &str, at: usize) -> Word {
    let bytes = text.as_bytes();
    let (mut letter, mut vietnamese) = (false, false);
    let mut end = at;
    while let Some(&byte) = bytes.get(end) {
        if byte < 0x80 {
            if matches!(byte, b' ' | b'\t'..=b'\r') {
                break;
            }
            letter |= byte.is_ascii_alphabetic();
            end += 1;
            continue;
        }
        let may_matter = matches!(byte, 0xC2 | 0xC4..=0xC6 | 0xE1..=0xE3) || !letter;
        if may_matter && let Some(c) = non_ascii_char_at(text, end) {
            if c.is_whitespace() {
                break;
            }
            if is_vietnamese_letter(c) {
                vietnamese = true;
            } else if !letter {
                letter = is_alphabetic(c);
            }
        }
        end += char_width(byte);
    }
    Word {
        end,
        letter,
        vietnamese,
    }
}

/// `c.is_alphabetic()`, with the Latin letters of U+00C0–U+024F answered without the
/// general Unicode table (`ô`, `à`, `ê` open many Vietnamese words).
fn is_alphabetic(c: char) -> bool {
    match c {
        '×' | '÷' => false,
        '\u{C0}'..='\u{24F}' => true,
        c => c.is_alphabetic(),
    }
}

/// Bytes of the UTF-8 character led by `lead` (1 for ASCII).
fn char_width(lead: u8) -> usize {
    const BY_HIGH_NIBBLE: [u8; 16] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4];
    usize::from(BY_HIGH_NIBBLE[usize::from(lead >> 4)])
}

/// The character at byte `at` of `text`, a character boundary where a two- or three-byte
/// character starts (nearly every Vietnamese letter), decoded from its bytes.
fn non_ascii_char_at(text: &str, at: usize) -> Option<char> {
    let bytes = text.as_bytes();
    let code = match *bytes.get(at..)? {
        [lead @ 0xC0..=0xDF, b1, ..] => u32::from(lead & 0x1F) << 6 | u32::from(b1 & 0x3F),
        [lead @ 0xE0..=0xEF, b1, b2, ..] => {
            u32::from(lead & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F)
        }
        _ => return text.get(at..)?.chars().next(),
    };
    char::from_u32(code)
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
    use super::{MAX_WORDS, detect, is_vietnamese_letter};

    /// The byte-at-a-time count this module used before counting word by word.
    impl super::WordCount {
        /// Counts the words of `text` in one pass over its bytes: ASCII is judged from the
        /// byte, only other characters are decoded (this runs over every record's body).
        fn add_by_bytes(&mut self, text: &str) {
            let bytes = text.as_bytes();
            let (mut in_word, mut letter, mut vietnamese) = (false, false, false);
            let mut at = 0;
            while at < bytes.len() && self.seen < MAX_WORDS && !self.surely_vietnamese() {
                let (is_space, width) = match bytes[at] {
                    b' ' | b'\t'..=b'\r' => (true, 1),
                    byte @ 0..=0x7F => {
                        letter |= byte.is_ascii_alphabetic();
                        (false, 1)
                    }
                    lead => {
                        // Only these lead bytes start a space (C2, E1–E3) or a letter only
                        // Vietnamese uses (C4–C6, E1): other characters are not decoded
                        // unless the word has no letter yet.
                        let may_matter =
                            matches!(lead, 0xC2 | 0xC4..=0xC6 | 0xE1..=0xE3) || !letter;
                        let width = match lead {
                            0xC0..=0xDF => 2,
                            0xE0..=0xEF => 3,
                            0xF0..=0xFF => 4,
                            _ => 1, // never: `at` is always at a character boundary
                        };
                        let c = may_matter
                            .then(|| text.get(at..).and_then(|rest| rest.chars().next()))
                            .flatten();
                        match c {
                            Some(c) if c.is_whitespace() => (true, width),
                            Some(c) => {
                                if is_vietnamese_letter(c) {
                                    vietnamese = true;
                                } else if !letter {
                                    letter = c.is_alphabetic();
                                }
                                (false, width)
                            }
                            None => (false, width),
                        }
                    }
                };
                if is_space && in_word {
                    self.end_word(letter || vietnamese, vietnamese);
                    (letter, vietnamese) = (false, false);
                }
                in_word = !is_space;
                at += width;
            }
            if in_word && self.seen < MAX_WORDS {
                self.end_word(letter || vietnamese, vietnamese);
            }
        }
    }

    #[test]
    fn latin_letters_as_unicode_says() {
        for c in '\u{80}'..='\u{2FF}' {
            assert_eq!(super::is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn same_counts_as_byte_at_a_time() {
        let pieces = [
            "a",
            "Tin",
            "tỉnh",
            "đã",
            "Đảng",
            "ăn",
            "ư",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "\u{1680}",
            "12",
            ",",
            "-",
            "café",
            "привет",
            "中文",
            "😀",
            "\u{301}",
            "é",
            "ũ",
            "×",
            "\u{85}",
        ];
        let mut draw = crate::decode::scan::xorshift();
        let mut next = |n: usize| draw() % n;
        for round in 0..20_000 {
            let length = if round % 100 == 0 { 6000 } else { next(40) };
            let text: String = (0..length).map(|_| pieces[next(pieces.len())]).collect();
            let (mut fast, mut slow) = (super::WordCount::default(), super::WordCount::default());
            fast.add(&text);
            slow.add_by_bytes(&text);
            let counts = |c: &super::WordCount| (c.words, c.vietnamese, c.seen);
            assert_eq!(counts(&fast), counts(&slow), "{text:?}");
        }
    }

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
