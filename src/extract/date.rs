//! Calendar dates as printed in Vietnamese papers: header dates with their weekday
//! (`Thứ ba,  19/01/2021`, `Chủ nhật, 12/7/2009`), and the date a lead opens with
//! (`Ngày 22/5/2020`, `ngày 8-1`, `sáng 22/5`, `Tối 14-2-2015`, `ngày 3 tháng 4 năm 2012`).
//!
//! Only real calendar dates are accepted (31/02 is not a date). A day and month without a
//! year take the year of a reference date, stepping back a year when that would put the
//! date more than a month after the reference (a lead from late December read in January).

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A date, when the three numbers make one between the years 1900 and 2100.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=2100).contains(&year) && (1..=days_in_month).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's `civil_from_days`), without
    /// the 1900–2100 check: for timestamps, not for parsed text.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.days_since_epoch() + 3).rem_euclid(7) as u32
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A header date line, with whether its weekday agrees with its date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderDate {
    pub date: Date,
    /// `Some(false)` when the printed weekday is not the date's; `None` when none is printed.
    pub weekday_matches: Option<bool>,
}

static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*
        (?: (?P<weekday> thứ \s* (?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7]) | chủ \s* nhật | cn ) \s* [,\-–]? \s* )?
        (?P<day>\d{1,2}) \s* [/.\-] \s* (?P<month>\d{1,2}) \s* [/.\-] \s* (?P<year>\d{4})
        (?: \s* [,\-–]? \s* \d{1,2} [:h] \d{2} (?: \s* \( [^)]{1,12} \) )? )?
        \s*$",
    )
    .expect("header date pattern is valid")
});

/// Reads a whole line as a header date (`Thứ ba, 19/01/2021`, optionally with a time).
pub fn parse_header_line(line: &str) -> Option<HeaderDate> {
    let caps = HEADER_LINE.captures(line)?;
    let number = |name: &str| caps.name(name)?.as_str().parse::<u32>().ok();
    let year = i32::try_from(number("year")?).ok()?;
    let date = Date::new(year, number("month")?, number("day")?)?;
    let weekday_matches = caps
        .name("weekday")
        .and_then(|w| weekday_number(w.as_str()))
        .map(|printed| printed == date.weekday());
    Some(HeaderDate {
        date,
        weekday_matches,
    })
}

/// Monday = 0 … Sunday = 6, from a Vietnamese weekday name.
fn weekday_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    let word: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let tail = word.trim_start_matches("thứ").trim();
    Some(match tail {
        "hai" | "2" => 0,
        "ba" | "3" => 1,
        "tư" | "4" => 2,
        "năm" | "5" => 3,
        "sáu" | "6" => 4,
        "bảy" | "bẩy" | "7" => 5,
        _ if word.starts_with("chủ") || word == "cn" => 6,
        _ => return None,
    })
}

static LEAD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?:^|[^\w])
        (?: ngày | hôm \s+ nay | rạng \s+ sáng | sáng \s+ sớm | sáng | trưa | chiều \s+ tối | chiều | tối | đêm | khuya )
        (?: \s+ (?:ngày|nay|qua|mai) )? \s* (?: \( \s* )?
        (?P<day>\d{1,2})
        (?: \s* [/\-.] \s* (?P<month>\d{1,2}) (?: \s* [/\-.] \s* (?P<year>\d{4}) )?
          | \s+ tháng \s+ (?P<month2>\d{1,2}) (?: \s+ năm \s+ (?P<year2>\d{4}) )? )
        (?:[^\w/\-.]|$|\.(?:\s|$))",
    )
    .expect("lead date pattern is valid")
});

/// Compiles this module's patterns now rather than on first use (see
/// [`crate::extract::PATTERN_GROUPS`]).
pub(crate) fn compile_patterns() {
    for pattern in [&HEADER_LINE, &LEAD_DATE] {
        LazyLock::force(pattern);
    }
}

/// Finds the date that opens a lead's first sentence (`Ngày 22/5/2020, …`,
/// `Chiều 3/4, tại …`). Without a year, `reference` gives it; without either, no date.
pub fn find_lead_date(text: &str, reference: Option<Date>) -> Option<Date> {
    let first_sentence = first_sentence(text);
    let caps = LEAD_DATE.captures(first_sentence)?;
    let number = |a: &str, b: &str| {
        caps.name(a)
            .or_else(|| caps.name(b))
            .and_then(|m| m.as_str().parse::<u32>().ok())
    };
    let day = number("day", "day")?;
    let month = number("month", "month2")?;
    match number("year", "year2") {
        Some(year) => Date::new(i32::try_from(year).ok()?, month, day),
        None => {
            let reference = reference?;
            let same_year = Date::new(reference.year, month, day)?;
            if same_year.days_since_epoch() > reference.days_since_epoch() + 31 {
                Date::new(reference.year - 1, month, day)
            } else {
                Some(same_year)
            }
        }
    }
}

/// The text up to the first sentence end (a `.`, `!` or `?` followed by a space), at most
/// 300 bytes (cut at a character boundary).
fn first_sentence(text: &str) -> &str {
    let mut end = text.len().min(300);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    head.match_indices(['.', '!', '?'])
        .find(|(i, _)| head[i + 1..].starts_with(' '))
        .map_or(head, |(i, _)| &head[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn weekdays() {
        assert_eq!(date(2021, 1, 19).weekday(), 1); // Tuesday
        assert_eq!(date(1970, 1, 1).weekday(), 3);
        assert_eq!(date(2000, 2, 29).weekday(), 1);
        assert!(Date::new(2021, 2, 29).is_none());
        for d in [
            date(2021, 1, 19),
            date(2000, 2, 29),
            date(1969, 12, 31),
            date(2100, 3, 1),
        ] {
            assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
        }
    }

    #[test]
    fn header_lines() {
        let seed = parse_header_line("Thứ ba,\u{a0} 19/01/2021").unwrap();
        assert_eq!(
            (seed.date, seed.weekday_matches),
            (date(2021, 1, 19), Some(true))
        );
        let wrong = parse_header_line("Chủ nhật, 19/01/2021").unwrap();
        assert_eq!(wrong.weekday_matches, Some(false));
        let with_time = parse_header_line("Thứ năm, 2/11/2023, 19:20 (GMT+7)").unwrap();
        assert_eq!(with_time.date, date(2023, 11, 2));
        assert_eq!(with_time.weekday_matches, Some(true));
        assert!(parse_header_line("Thứ ba, 19/01/2021 là ngày").is_none());
        assert!(parse_header_line("Thứ ba, 31/02/2021").is_none());
    }

    #[test]
    fn lead_dates() {
        let header = Some(date(2021, 1, 19));
        let find = |t: &str| find_lead_date(t, header);
        assert_eq!(
            find("Ngày 22/5/2020, Đảng bộ tổ chức"),
            Some(date(2020, 5, 22))
        );
        assert_eq!(find("Sáng 8-1, tại hội trường"), Some(date(2021, 1, 8)));
        assert_eq!(find("Tối 14-2-2015, lễ hội"), Some(date(2015, 2, 14)));
        assert_eq!(find("ngày 28/12, tỉnh đã"), Some(date(2020, 12, 28)));
        assert_eq!(
            find("Ngày 3 tháng 4 năm 2012, hội nghị"),
            Some(date(2012, 4, 3))
        );
        assert_eq!(find("Hội nghị diễn ra. Ngày 3/4/2012 có mưa"), None);
        assert_eq!(find_lead_date("sáng 22/5, tại", None), None);
        assert_eq!(find("Có 22/5 người"), None);
    }
}
