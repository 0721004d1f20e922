//! Dates as web pages write them: machine forms in metadata (`2023-11-02T19:20:45+07:00`,
//! `2023/11/02`, `20231102`), and date lines printed near a headline (`March 3, 2025`,
//! `3 Mar 2025`, `Published: 2025-03-03`, `08/01/2026 - 18:21`, `Thứ năm, 2/11/2023, 19:20
//! (GMT+7)`, `Cập nhật: 14/02/2015`).
//!
//! A timestamp's date is the one it states, in its own zone (a Hanoi page's 00:30 stays on
//! its day). Numeric dates are read day first (`08/01/2026` is 8 January), as Vietnamese and
//! most papers write them, unless the second number cannot be a month (`12/25/2024`).
//! Refuses text that holds anything beyond a short prefix and the date.

use std::sync::LazyLock;

use regex::Regex;

use super::date::{Date, parse_header_line};

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_]|[+-]\d|Z)")
        .expect("iso date pattern is valid")
});

static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)").expect("valid pattern"));

static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
        .expect("month-first date pattern is valid")
});

static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b")
        .expect("day-first date pattern is valid")
});

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b").expect("numeric date pattern is valid")
});

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/\-_]?(0[1-9]|1[0-2])[/\-_]?(0[1-9]|[12]\d|3[01])(?:[/\-_.]|$)")
        .expect("url date pattern is valid")
});

/// Compiles this module's patterns now rather than on first use (see
/// [`crate::extract::PATTERN_GROUPS`]).
pub(crate) fn compile_patterns() {
    for pattern in [
        &ISO,
        &COMPACT,
        &MONTH_FIRST,
        &DAY_FIRST,
        &NUMERIC,
        &URL_DATE,
    ] {
        LazyLock::force(pattern);
    }
}

/// The date a metadata value states (ISO 8601 and its relatives, or a written date).
pub fn parse_timestamp(value: &str) -> Option<Date> {
    let value = value.trim();
    if let Some(caps) = ISO.captures(value).or_else(|| COMPACT.captures(value)) {
        let number = |i: usize| caps.get(i)?.as_str().parse::<u32>().ok();
        return Date::new(i32::try_from(number(1)?).ok()?, number(2)?, number(3)?);
    }
    written_date(value)
}

/// A date written in words or numbers anywhere in a short text.
fn written_date(text: &str) -> Option<Date> {
    if let Some(caps) = MONTH_FIRST.captures(text) {
        let month = month_number(caps.get(1)?.as_str())?;
        let day = caps.get(2)?.as_str().parse().ok()?;
        return Date::new(caps.get(3)?.as_str().parse().ok()?, month, day);
    }
    if let Some(caps) = DAY_FIRST.captures(text) {
        let month = month_number(caps.get(2)?.as_str())?;
        let day = caps.get(1)?.as_str().parse().ok()?;
        return Date::new(caps.get(3)?.as_str().parse().ok()?, month, day);
    }
    if let Some(caps) = ISO.captures(text) {
        let number = |i: usize| caps.get(i)?.as_str().parse::<u32>().ok();
        return Date::new(i32::try_from(number(1)?).ok()?, number(2)?, number(3)?);
    }
    let caps = NUMERIC.captures(text)?;
    let first: u32 = caps.get(1)?.as_str().parse().ok()?;
    let second: u32 = caps.get(2)?.as_str().parse().ok()?;
    let year = caps.get(3)?.as_str().parse().ok()?;
    Date::new(year, second, first).or_else(|| Date::new(year, first, second))
}

/// A short line that is a date, perhaps with a label, a weekday and a time: what papers
/// print under a headline. `None` for longer text.
pub fn parse_date_line(line: &str) -> Option<Date> {
    let line = line.trim();
    if line.chars().count() > 90 || line.split_whitespace().count() > 14 {
        return None;
    }
    if let Some(header) = parse_header_line(line) {
        return Some(header.date);
    }
    if !line.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    written_date(line).or_else(|| ISO.captures(line).and_then(|_| parse_timestamp(line)))
}

/// A date in a URL's path (`/2025/09/04/`, `/2025-09-04-`, `/20250904/`).
pub fn date_in_url(url: &str) -> Option<Date> {
    let caps = URL_DATE.captures(url)?;
    let number = |i: usize| caps.get(i)?.as_str().parse::<u32>().ok();
    Date::new(i32::try_from(number(1)?).ok()?, number(2)?, number(3)?)
}

fn month_number(name: &str) -> Option<u32> {
    let key = name.get(..3)?.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| *m == key)
        .and_then(|i| u32::try_from(i + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn timestamps() {
        assert_eq!(parse_timestamp("2023-11-02T19:20:45+07:00"), d(2023, 11, 2));
        assert_eq!(parse_timestamp("2023-11-02"), d(2023, 11, 2));
        assert_eq!(parse_timestamp("2023/11/02 10:00"), d(2023, 11, 2));
        assert_eq!(parse_timestamp("20231102"), d(2023, 11, 2));
        assert_eq!(parse_timestamp("Nov 2, 2023"), d(2023, 11, 2));
        assert_eq!(parse_timestamp("2023-13-02"), None);
        assert_eq!(parse_timestamp("tomorrow"), None);
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            parse_date_line("Thứ năm, 2/11/2023, 19:20 (GMT+7)"),
            d(2023, 11, 2)
        );
        assert_eq!(parse_date_line("08/01/2026 - 18:21"), d(2026, 1, 8));
        assert_eq!(parse_date_line("Published March 3, 2025"), d(2025, 3, 3));
        assert_eq!(
            parse_date_line("Updated 3rd Mar. 2025 at 10:00"),
            d(2025, 3, 3)
        );
        assert_eq!(parse_date_line("Cập nhật: 14/02/2015"), d(2015, 2, 14));
        assert_eq!(parse_date_line("12/25/2024"), d(2024, 12, 25));
        assert_eq!(parse_date_line("No digits here"), None);
        let long = "On March 3, 2025 the council met and decided many things about the budget for the coming years";
        assert_eq!(parse_date_line(long), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_in_url("https://x.com/2025/09/04/top-trends/"),
            d(2025, 9, 4)
        );
        assert_eq!(date_in_url("https://x.vn/tin-20150214.html"), None);
        assert_eq!(date_in_url("https://x.com/p/123"), None);
    }
}
