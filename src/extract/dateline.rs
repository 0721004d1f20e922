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
    Regex::new(r"^\(\s*(?P<code>[^()\n]{1,40}?)\s*\)\s*(?:[-–—:]\s*)?(?P<rest>\S)")
        .expect("dateline pattern is valid")
});

/// A bare code: capitals, a web name (its name part is checked to hold at most
/// [`MAX_WEB_NAME_CHARS`]: a counted repetition of `\p{L}` compiles to thirty copies of the
/// Unicode class, ten milliseconds), or a CamelCase name.
static BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?sx)^(?P<code>
            \p{Lu}[\p{Lu}\d]{1,11} (?: \.(?:vn|VN|com|net|org) )?
          | (?P<web> \p{L}[\p{L}\d]{2,} ) \.(?:vn|VN|com|net|org|com\.vn)
          | \p{Lu}\p{Ll}+ \p{Lu}[\p{L}\d]* )
        (?P<dash> \s*[-–—]\s* )
        (?P<rest>\S)",
    )
    .expect("dateline pattern is valid")
});

/// Compiles this module's patterns now rather than on first use (see
/// [`crate::extract::PATTERN_GROUPS`]).
pub(crate) fn compile_patterns() {
    for pattern in [&PARENTHESISED, &BARE] {
        LazyLock::force(pattern);
    }
}

/// Letters and digits in a web name code (`Kinhtedothi` of `Kinhtedothi.vn`) at most.
const MAX_WEB_NAME_CHARS: usize = 31;

/// A lead split into its dateline code and the rest of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline<'a> {
    pub code: &'a str,
    pub rest: &'a str,
}

/// Splits the dateline code off the start of `lead`, when it opens with one.
///
/// The patterns match the opening only, up to the first character of the rest, which
/// runs to the end of the lead: a pattern ending in `(?P<rest>\S.*)$` made the regex
/// engine carry its captures over the whole lead, a visible share of converting a dump.
/// (The parse is the same: `.*$` can only fail on a line feed, and the shortest rest the
/// opening allows is the one found.) A parenthesised code's rest is one line, as `.`
/// without the `s` flag is.
pub fn split_dateline(lead: &str) -> Option<Dateline<'_>> {
    let rest_of = |caps: &regex::Captures<'_>| caps.name("rest").map(|m| &lead[m.start()..]);
    if let Some(caps) = PARENTHESISED.captures(lead)
        && let Some(rest) = rest_of(&caps).filter(|rest| !rest.contains('\n'))
    {
        let code = caps.name("code")?.as_str();
        // `(1) Some text` or `(Ảnh minh họa)` alone are not source codes.
        let has_letter = code.chars().any(char::is_alphabetic);
        if has_letter && code.split_whitespace().count() <= 3 {
            return Some(Dateline { code, rest });
        }
        return None;
    }
    let caps = BARE.captures(lead)?;
    // The name is the whole run of letters and digits before its dot, and no other form
    // matches when a dot follows that run: a name too long is no dateline at all.
    if caps
        .name("web")
        .is_some_and(|web| web.as_str().chars().count() > MAX_WEB_NAME_CHARS)
    {
        return None;
    }
    let rest = rest_of(&caps)?;
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

    /// The patterns as they were, with the rest matched to the end, give the same split
    /// on leads built from the pieces datelines are made of.
    #[test]
    fn same_split_as_patterns_matching_the_whole_lead() {
        let parenthesised = regex::Regex::new(
            r"^\(\s*(?P<code>[^()\n]{1,40}?)\s*\)\s*(?:[-–—:]\s*)?(?P<rest>\S.*)$",
        )
        .unwrap();
        let bare = regex::Regex::new(
            r"(?sx)^(?P<code>
                \p{Lu}[\p{Lu}\d]{1,11} (?: \.(?:vn|VN|com|net|org) )?
              | \p{L}[\p{L}\d]{2,30} \.(?:vn|VN|com|net|org|com\.vn)
              | \p{Lu}\p{Ll}+ \p{Lu}[\p{L}\d]* )
            (?P<dash> \s*[-–—]\s* )
            (?P<rest>\S.*)$",
        )
        .unwrap();
        let whole = |lead: &str| -> Option<(String, String)> {
            if let Some(caps) = parenthesised.captures(lead) {
                let (code, rest) = (&caps["code"], &caps["rest"]);
                let has_letter = code.chars().any(char::is_alphabetic);
                return (has_letter && code.split_whitespace().count() <= 3)
                    .then(|| (code.to_string(), rest.to_string()));
            }
            let caps = bare.captures(lead)?;
            let (rest, dash) = (&caps["rest"], &caps["dash"]);
            let first = rest.chars().next()?;
            let spaced = dash.starts_with(char::is_whitespace);
            (first.is_uppercase() || (spaced && first.is_ascii_digit()))
                .then(|| (caps["code"].to_string(), rest.to_string()))
        };
        let pieces = [
            "(",
            ")",
            "LSO",
            "TTO",
            "VTV.vn",
            "GiadinhNet",
            " ",
            "  ",
            "-",
            "–",
            ":",
            "\n",
            "Sáng",
            "nay",
            "1",
            "x",
            "ĐS",
            ".vn",
            "Abcdefghijklmnopqrs",
            "ABCDEFGHI",
        ];
        let mut state = 11u64;
        for _ in 0..30_000 {
            let mut lead = String::new();
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            for _ in 0..(state >> 33) % 9 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                lead.push_str(pieces[((state >> 33) % pieces.len() as u64) as usize]);
            }
            let split = split_dateline(&lead).map(|d| (d.code.to_string(), d.rest.to_string()));
            assert_eq!(split, whole(&lead), "{lead:?}");
        }
        // Web names about the longest the pattern allows (31 letters and digits).
        for letters in 28..36 {
            for name in [
                "B".to_string() + &"a".repeat(letters - 1),
                "ĐÀ".repeat(letters / 2),
            ] {
                for lead in [
                    format!("{name}.vn - Sáng"),
                    format!("{name}.com.vn – 3 ngày"),
                ] {
                    let split =
                        split_dateline(&lead).map(|d| (d.code.to_string(), d.rest.to_string()));
                    assert_eq!(split, whole(&lead), "{lead:?}");
                }
            }
        }
    }
}
