//! The source or agency code that opens a lead: `LSO-`, `(LSO) -`, `(TTXVN) –`,
//! `(Baonghean.vn) -`, `TTO -`, `VTV.vn -`, `SKĐS -`, `(PLO)-`.
//!
//! A parenthesised code of up to 40 characters is always a dateline. A bare code must look
//! like one: capitals (`TTO`, `SKĐS`, `VOV.VN`), a web name (`VTV.vn`, `Kinhtedothi.vn`), or
//! a CamelCase name (`GiadinhNet`), and the dash must be followed by a capital letter or a
//! digit with a space before it, so `COVID-19` and `Mercedes-Benz` are not datelines.

use std::sync::LazyLock;

use regex::Regex;

static PARENTHESISED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(\s*(?P<code>[^()\n]{1,40}?)\s*\)\s*(?:[-–—:]\s*)?(?P<rest>\S.*)$")
        .expect("dateline pattern is valid")
});

static BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?sx)^(?P<code>
            \p{Lu}[\p{Lu}\d]{1,11} (?: \.(?:vn|VN|com|net|org) )?
          | \p{L}[\p{L}\d]{2,30} \.(?:vn|VN|com|net|org|com\.vn)
          | \p{Lu}\p{Ll}+ \p{Lu}[\p{L}\d]* )
        (?P<dash> \s*[-–—]\s* )
        (?P<rest>\S.*)$",
    )
    .expect("dateline pattern is valid")
});

/// A lead split into its dateline code and the rest of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline<'a> {
    pub code: &'a str,
    pub rest: &'a str,
}

/// Splits the dateline code off the start of `lead`, when it opens with one.
pub fn split_dateline(lead: &str) -> Option<Dateline<'_>> {
    if let Some(caps) = PARENTHESISED.captures(lead) {
        let code = caps.name("code")?.as_str();
        let rest = caps.name("rest")?.as_str();
        // `(1) Some text` or `(Ảnh minh họa)` alone are not source codes.
        let has_letter = code.chars().any(char::is_alphabetic);
        if has_letter && code.split_whitespace().count() <= 3 {
            return Some(Dateline { code, rest });
        }
        return None;
    }
    let caps = BARE.captures(lead)?;
    let rest = caps.name("rest")?.as_str();
    let dash = caps.name("dash")?.as_str();
    let first = rest.chars().next()?;
    let spaced = dash.starts_with(char::is_whitespace);
    let starts_well = first.is_uppercase() || (spaced && first.is_ascii_digit());
    starts_well.then_some(Dateline {
        code: caps.name("code")?.as_str(),
        rest,
    })
}

#[cfg(test)]
mod tests {
    use super::split_dateline;

    fn code(lead: &str) -> Option<(&str, &str)> {
        split_dateline(lead).map(|d| (d.code, d.rest))
    }

    #[test]
    fn real_forms() {
        assert_eq!(
            code("LSO-Ngày 22/5/2020, Đảng bộ"),
            Some(("LSO", "Ngày 22/5/2020, Đảng bộ"))
        );
        assert_eq!(code("(LSO) - Sáng nay"), Some(("LSO", "Sáng nay")));
        assert_eq!(code("(TTXVN) – Chiều 3/4"), Some(("TTXVN", "Chiều 3/4")));
        assert_eq!(
            code("(Baonghean.vn) - Sáng"),
            Some(("Baonghean.vn", "Sáng"))
        );
        assert_eq!(code("(PLO)-Tòa án"), Some(("PLO", "Tòa án")));
        assert_eq!(code("TTO - Ngày 8-1"), Some(("TTO", "Ngày 8-1")));
        assert_eq!(code("VTV.vn - Ngày"), Some(("VTV.vn", "Ngày")));
        assert_eq!(code("SKĐS - Bệnh viện"), Some(("SKĐS", "Bệnh viện")));
        assert_eq!(code("GiadinhNet - Ngày"), Some(("GiadinhNet", "Ngày")));
        assert_eq!(code("(KTSG Online) - Giá"), Some(("KTSG Online", "Giá")));
    }

    #[test]
    fn not_datelines() {
        assert_eq!(code("COVID-19 đã lan"), None);
        assert_eq!(code("Mercedes-Benz ra mắt"), None);
        assert_eq!(code("HLV Park Hang-seo nói"), None);
        assert_eq!(code("Em - người con"), None);
        assert_eq!(code("Ngày 22/5/2020, Đảng bộ"), None);
        assert_eq!(code("(1) Một"), None);
    }
}
