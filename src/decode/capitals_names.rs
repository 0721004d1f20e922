//! Names whose first letter TCVN3 cannot write as a capital (a toned vowel), told by the
//! word beside them: `Ấn Độ`, `châu Á` and `Đông Á`, the years `Ất Sửu`…`Ất Hợi`, a photo
//! credit `(Ảnh: …)`. Part of [`capitals`](super): asked only of a word that opens with such
//! a letter when no other rule restored it. Refuses everything else: the same words in
//! other company (`ấn nút`, `ảnh đẹp`, `châu á hậu` is not written) stay as they are, and a
//! name not listed here (`Ủy ban` mid-sentence) stays lower-case.

/// A name: the word as TCVN3 decodes it, and the words (one of them) that must stand right
/// before or right after it, across spaces; or the mark that must open it.
struct Name {
    word: &'static str,
    before: &'static [&'static str],
    after: &'static [&'static str],
    opened_by: Option<char>,
}

const NAMES: [Name; 4] = [
    Name {
        word: "ấn",
        before: &[],
        after: &["Độ"],
        opened_by: None,
    },
    Name {
        word: "á",
        before: &["châu", "Châu", "Đông", "Tây", "Nam", "Trung"],
        after: &[],
        opened_by: None,
    },
    // The years of the sexagenary cycle that open with Ất.
    Name {
        word: "ất",
        before: &[],
        after: &["Sửu", "Mão", "Mẹo", "Tỵ", "Tị", "Mùi", "Dậu", "Hợi"],
        opened_by: None,
    },
    Name {
        word: "ảnh",
        before: &[],
        after: &[],
        opened_by: Some('('),
    },
];

/// Whether the word `text[start..end]` (a whole run of letters) is the first word of a
/// listed name.
pub(super) fn is_name(text: &str, start: usize, end: usize) -> bool {
    let (Some(word), Some(head), Some(tail)) =
        (text.get(start..end), text.get(..start), text.get(end..))
    else {
        return false;
    };
    let before = last_word(head.trim_end_matches(' '));
    let after = first_word(tail.trim_start_matches(' '));
    NAMES.iter().any(|name| {
        name.word == word
            && (name.before.is_empty() || name.before.contains(&before))
            && (name.after.is_empty() || name.after.contains(&after))
            && name.opened_by.is_none_or(|mark| head.ends_with(mark))
    })
}

/// The run of letters `text` ends with.
fn last_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[start..]
}

/// The run of letters `text` starts with.
fn first_word(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::is_name;

    /// Whether the word after `|` in `marked` is a name's first word.
    fn name_at(marked: &str) -> bool {
        let start = marked.find('|').expect("a marked word");
        let text = marked.replacen('|', "", 1);
        let end = start + super::first_word(&text[start..]).len();
        is_name(&text, start, end)
    }

    #[test]
    fn names_by_their_neighbours() {
        assert!(name_at("sang |ấn Độ"));
        assert!(name_at("các nước châu |á, châu Âu"));
        assert!(name_at("khu vực Đông |á."));
        assert!(name_at("đón Tết |ất Mùi"));
        assert!(name_at("(|ảnh: TTXVN)"));
    }

    #[test]
    fn the_same_words_elsewhere_are_no_names() {
        assert!(!name_at("|ấn nút"));
        assert!(!name_at("|ấn độ dày"));
        assert!(!name_at("|á hậu"));
        assert!(!name_at("|ất là"));
        assert!(!name_at("hình |ảnh: đẹp"));
        assert!(!name_at("châu |ánh"));
    }
}
