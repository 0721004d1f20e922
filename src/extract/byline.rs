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

static NAME_WITH_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,4})\s*[(\-–]\s*(?P<agency>[\p{L}.\s]{2,30})\)?$")
        .expect("agency pattern is valid")
});

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
    if let Some(caps) = NAME_WITH_AGENCY.captures(line) {
        return Some(caps.name("name")?.as_str().trim().to_string());
    }
    if (2..=5).contains(&words) && line.split_whitespace().all(starts_upper) {
        return Some(line.to_string());
    }
    None
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
}
