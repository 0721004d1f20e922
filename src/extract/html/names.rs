//! From a byline's text to the author's name: `By Jane Doe | March 3, 2025` is `Jane Doe`,
//! `Written by: Jane Doe and John Roe` is `Jane Doe and John Roe`, `Posts by Jane Doe`
//! is `Jane Doe`.
//!
//! Labels (`By`, `Written by`, `Posted by`, `Author:`) come off the front; the text is cut
//! at the first separator (`|`, `•`, `·`, ` — `), date or time, and at words that start the
//! rest of a meta line (`Updated`, `Published`, `on`, `in`). What remains is a name when
//! it has one to six words, no digits, and every word but joining ones (`and`, `van`,
//! `de`) starts with a capital; a single word may be a user name (`jsteinhardt`). Lines
//! that credit someone else (`Reviewed by`, `Photo by`, `Edited by`) name no author.

use std::sync::LazyLock;

use regex::Regex;

/// Labels before a name, longest first so `Written by` wins over `by`.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:written|posted|published|authored|article|text|words|story|posts|reported|compiled)\s+by|(?:by|authors?|written|tác\s+giả)\b)\s*:?\s*",
    )
    .expect("label pattern is valid")
});

/// Credits that do not name the author.
static OTHER_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:medically\s+)?reviewed|fact[\s-]*checked|edited|photos?|photograph(?:y|ed)?|illustrat(?:ion|ed)|images?|video|translated|updated|sponsored|presented)(?:\s+by)?\b",
    )
    .expect("credit pattern is valid")
});

/// Where the name ends: a separator, a month followed by a number, or a number.
static NAME_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\s*(?:[|•·⋅●/]|\s[—–-]\s|(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d)|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d|(?i:\b(?:updated|published|posted|last|read|min|follow|share)\b)|\b(?:on|in|at|from)\b)",
    )
    .expect("name end pattern is valid")
});

/// Compiles this module's patterns now rather than on first use (see
/// [`crate::extract::PATTERN_GROUPS`]).
pub(crate) fn compile_patterns() {
    for pattern in [&LABEL, &OTHER_CREDIT, &NAME_END] {
        LazyLock::force(pattern);
    }
}

/// Words that join names or belong inside one in lowercase.
const JOINERS: [&str; 14] = [
    "and", "&", "van", "von", "der", "den", "de", "da", "del", "di", "la", "le", "bin", "y",
];

/// Words that are never (part of) the author's name on a byline.
const NOT_NAMES: [&str; 30] = [
    "author",
    "authors",
    "about",
    "more",
    "view",
    "all",
    "posts",
    "profile",
    "contact",
    "articles",
    "bio",
    "biography",
    "by",
    "written",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "home",
    "menu",
];

/// Whether a line opens with a byline label (`By`, `Written by`, `Author:`).
pub fn opens_with_label(text: &str) -> bool {
    LABEL
        .find(text.trim_start())
        .is_some_and(|m| !m.as_str().is_empty())
}

/// The author a byline names, if it names one. A one-word name (a user name, a first
/// name) is taken only when `one_word` says the source is trusted (a link to the
/// author's page): elsewhere one word is too often a menu item or a label.
pub fn name_in_byline(text: &str, one_word: bool) -> Option<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut rest = text.as_str();
    loop {
        rest = rest.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '“' | '”' | '|' | ',' | ':' | '•' | '·')
        });
        if OTHER_CREDIT.is_match(rest) {
            return None;
        }
        match LABEL.find(rest).filter(|m| !m.as_str().is_empty()) {
            Some(label) => rest = &rest[label.end()..],
            None => break,
        }
    }
    let cut = NAME_END.find(rest).map_or(rest.len(), |m| m.start());
    let name = rest[..cut]
        .trim()
        .trim_matches(|c: char| {
            matches!(c, ',' | '.' | ':' | ';' | '-' | '"' | '“' | '”' | '(' | ')')
        })
        .trim();
    let words = name.split_whitespace().count();
    (is_author_name(name) && (one_word || words > 1)).then(|| name.to_string())
}

/// A metadata author without the label or quotes some sites leave on it (`By Jane Doe`,
/// `"Jane Doe"`, `, Jane Doe`).
pub fn tidy_author(value: &str) -> String {
    let trim = |s: &str| {
        s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”' | ',' | ';'))
            .to_string()
    };
    let value = trim(value);
    match LABEL.find(&value).filter(|m| !m.as_str().is_empty()) {
        Some(label) if label.end() < value.len() => trim(&value[label.end()..]),
        _ => value,
    }
}

/// Whether a short text reads as a person's (or a desk's) name.
pub fn is_author_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || name.chars().count() > 60 {
        return false;
    }
    if name
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '?' | '!' | '@' | '=' | '{'))
        || !name.chars().any(char::is_alphabetic)
    {
        return false;
    }
    let lower = |w: &str| w.to_lowercase();
    if words
        .iter()
        .any(|w| NOT_NAMES.contains(&lower(w).trim_matches(',')))
    {
        return false;
    }
    if words.len() == 1 {
        // Initials from an avatar (`NB`) are not a name.
        let letters = name.chars().filter(|c| c.is_alphabetic()).count();
        return !(letters <= 3 && name.chars().all(|c| !c.is_lowercase()));
    }
    words.iter().all(|w| {
        JOINERS.contains(&lower(w).as_str())
            || w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_bylines() {
        let name = |t: &str| name_in_byline(t, true);
        assert_eq!(
            name("By Jane Doe | March 3, 2025").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            name("Written by: Jane Doe and John Roe").as_deref(),
            Some("Jane Doe and John Roe")
        );
        assert_eq!(name("Posts by John Scalzi").as_deref(), Some("John Scalzi"));
        assert_eq!(
            name("By Marna van der Merwe on Dec 3").as_deref(),
            Some("Marna van der Merwe")
        );
        assert_eq!(name("Jane Doe Dec 17, 2025").as_deref(), Some("Jane Doe"));
        assert_eq!(
            name("Luke KimDecember 17, 2025").as_deref(),
            Some("Luke Kim")
        );
        assert_eq!(
            name("Tác giả: Nguyễn Văn An").as_deref(),
            Some("Nguyễn Văn An")
        );
        assert_eq!(name("jsteinhardt").as_deref(), Some("jsteinhardt"));
        assert_eq!(name("\"David Kim\"").as_deref(), Some("David Kim"));
        assert_eq!(name("Byron Katie").as_deref(), Some("Byron Katie"));
        assert_eq!(
            name("Written byAAA Travel Editor").as_deref(),
            Some("AAA Travel Editor")
        );
        assert_eq!(
            name("Written by | Jane Doe | Editor").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(name("Audiophile On").as_deref(), Some("Audiophile On"));
    }

    #[test]
    fn not_names() {
        let name = |t: &str| name_in_byline(t, true);
        assert_eq!(name("Reviewed by Margaret James"), None);
        assert_eq!(name("NB"), None);
        assert_eq!(name("Sat, 20 Dec, 2025 - 06:36"), None);
        assert_eq!(name_in_byline("By Modality", false), None);
        assert_eq!(name("Photo by Jane Doe"), None);
        assert_eq!(name("About the Author"), None);
        assert_eq!(name("View all posts"), None);
        assert_eq!(name("Written by Shakespeare during the plague years"), None);
        assert_eq!(name("By"), None);
        assert_eq!(name("March 3, 2025"), None);
    }
}
