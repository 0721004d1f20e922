//! The author line that closes a text dump: a short line in capitals (`ĐỖ HOẠT`, `H.T`),
//! a credit (`Tin, ảnh: Phương Thảo`, `Bài và ảnh: …`), a source (`Theo Báo Lạng Sơn`),
//! or a name with its agency (`Minh Anh (TTXVN)`), or a bare name in title case.
//!
//! Refuses lines longer than 80 characters or ending like a sentence: an ordinary last
//! paragraph is never taken for a byline.

use std::sync::LazyLock;

use regex::Regex;

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:tin|bài|ảnh|tin\s*(?:,|và|-|&)\s*ảnh|bài\s*(?:,|và|-|&)\s*ảnh|nhóm\s+pv|tin\s*(?:,|và)\s*bài|thực\s+hiện|ghi\s+chép)\s*:\s*(?P<name>\S.*?)\.?$",
    )
    .expect("credit pattern is valid")
});

static SOURCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Theo\s+(?P<name>\S.*?)\.?$").expect("source pattern is valid"));

/// A name and its agency (checked to hold at most [`MAX_AGENCY_CHARS`]: a counted
/// repetition of `\p{L}` compiles to thirty copies of the Unicode class, ten milliseconds).
static NAME_WITH_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,4})\s*[(\-–]\s*(?P<agency>[\p{L}.\s]{2,})\)?$")
        .expect("agency pattern is valid")
});

/// Characters of an agency (`TTXVN`, `Báo Lạng Sơn`) at most, spaces and dots included.
const MAX_AGENCY_CHARS: usize = 30;

/// Compiles this module's patterns now rather than on first use (see
/// [`crate::extract::PATTERN_GROUPS`]).
pub(crate) fn compile_patterns() {
    for pattern in [&CREDIT, &SOURCE, &NAME_WITH_AGENCY] {
        LazyLock::force(pattern);
    }
}

/// The author named by a closing line, when the line is a byline.
pub fn parse_byline(line: &str) -> Option<String> {
    let line = line.trim();
    let words = line.split_whitespace().count();
    if line.is_empty() || line.chars().count() > 80 || words > 10 || line.contains('\n') {
        return None;
    }
    if let Some(caps) = CREDIT.captures(line).or_else(|| SOURCE.captures(line)) {
        let name = caps.name("name")?.as_str().trim();
        return (name.split_whitespace().count() <= 8).then(|| name.to_string());
    }
    if line.ends_with(['.', '!', '?', ':', ';', ',', '…']) && !is_initials(line) {
        return None;
    }
    if is_capitals(line) && words <= 6 {
        return Some(line.to_string());
    }
    if let Some(name) = name_before_agency(line) {
        return Some(name.trim().to_string());
    }
    if (2..=5).contains(&words) && line.split_whitespace().all(starts_upper) {
        return Some(line.to_string());
    }
    None
}

/// The name of `Minh Anh (TTXVN)`, `Lê Minh - Báo Lạng Sơn`.
fn name_before_agency(line: &str) -> Option<&str> {
    let caps = NAME_WITH_AGENCY.captures(line)?;
    // The agency runs to the end of the line (or its closing parenthesis) whatever the
    // spaces around the separator: when it is too long, no shorter match exists.
    let agency = caps.name("agency")?.as_str();
    if agency.chars().count() > MAX_AGENCY_CHARS {
        return None;
    }
    Some(caps.name("name")?.as_str())
}

/// Every letter is a capital, and there are at least two letters.
fn is_capitals(line: &str) -> bool {
    let letters = line.chars().filter(|c| c.is_alphabetic());
    letters.clone().count() >= 2 && letters.clone().all(char::is_uppercase)
}

/// `H.T.` or `P.Y.`: initials end with a dot without ending a sentence.
fn is_initials(line: &str) -> bool {
    is_capitals(line) && line.chars().filter(|c| c.is_alphabetic()).count() <= 4
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::parse_byline;

    #[test]
    fn bylines() {
        let by = |l: &str| parse_byline(l);
        assert_eq!(by("ĐỖ HOẠT").as_deref(), Some("ĐỖ HOẠT"));
        assert_eq!(by("H.T").as_deref(), Some("H.T"));
        assert_eq!(by("Tin, ảnh: Phương Thảo").as_deref(), Some("Phương Thảo"));
        assert_eq!(by("Bài và ảnh: Lê Minh").as_deref(), Some("Lê Minh"));
        assert_eq!(by("Theo Báo Lạng Sơn").as_deref(), Some("Báo Lạng Sơn"));
        assert_eq!(by("Minh Anh (TTXVN)").as_deref(), Some("Minh Anh"));
        assert_eq!(by("Nguyễn Văn An").as_deref(), Some("Nguyễn Văn An"));
    }

    #[test]
    fn paragraphs_are_not_bylines() {
        assert_eq!(
            parse_byline("Đại hội bầu Ban Chấp hành Đảng bộ gồm 7 đồng chí."),
            None
        );
        assert_eq!(parse_byline("Hội nghị kết thúc."), None);
        assert_eq!(parse_byline("tỉnh đã hoàn thành"), None);
    }

    /// The agency's length is checked after matching; the same lines match as with the
    /// pattern that counted it.
    #[test]
    fn agency_length_as_the_counting_pattern() {
        let counting = regex::Regex::new(
            r"^(?P<name>\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,4})\s*[(\-–]\s*(?P<agency>[\p{L}.\s]{2,30})\)?$",
        )
        .unwrap();
        let pieces = [
            "Minh",
            "Anh",
            " ",
            "  ",
            "(",
            ")",
            "-",
            "–",
            "TTXVN",
            "Báo Lạng Sơn",
            "x",
            ".",
            "Abcdefghijklmn",
        ];
        let mut draw = crate::decode::scan::xorshift();
        let mut next = |n: usize| draw() % n;
        for _ in 0..30_000 {
            let mut line = String::new();
            for _ in 0..next(9) {
                line.push_str(pieces[next(pieces.len())]);
            }
            let expected = counting
                .captures(&line)
                .map(|caps| caps["name"].to_string());
            let found = super::name_before_agency(&line).map(str::to_string);
            assert_eq!(found, expected, "{line:?}");
        }
        for spaces in [0, 1, 3] {
            for letters in 26..34 {
                let agency = "Đ".repeat(letters);
                let line = format!("Minh Anh ({}{agency})", " ".repeat(spaces));
                let expected = counting
                    .captures(&line)
                    .map(|caps| caps["name"].to_string());
                let found = super::name_before_agency(&line).map(str::to_string);
                assert_eq!(found, expected, "{line:?}");
            }
        }
    }
}
