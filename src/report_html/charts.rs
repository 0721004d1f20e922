//! The report's charts, drawn as inline SVG by hand: horizontal bars (counts by encoding,
//! repair, reject reason; shares of field coverage) and a timeline of records per month.
//! Each bar carries its label and value as text in the chart (readable when printed,
//! without hovering) and as `data-label`/`data-value` (what the tests read back).
//!
//! Plain SVG rather than a charting crate: three chart shapes in about 150 lines, no
//! dependency, and full control of escaping (every label is a document's text). Colours
//! come from the page's CSS classes. Charts scale with the page (`viewBox`).

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::untrusted::html;

// A narrow drawing (480 units) keeps the 14-unit text legible when a phone shrinks it.
const WIDTH: u32 = 480;
const ROW: u32 = 28;
const LABEL_RIGHT: u32 = 152;
const BAR_LEFT: u32 = 160;
const BAR_MAX: u32 = 210;
/// Characters of a label shown (the whole label is in the bar's tooltip and the table).
const LABEL_CHARS: usize = 18;
/// Months drawn one bar each up to this many (50 years); above it, years.
const MAX_MONTH_BARS: usize = 600;

fn short(label: &str) -> String {
    match label.char_indices().nth(LABEL_CHARS) {
        Some((at, _)) => format!("{}…", &label[..at]),
        None => label.to_string(),
    }
}

fn open(out: &mut String, id: &str, title: &str, height: u32) {
    let _ = write!(
        out,
        "<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}-t\"><title id=\"{id}-t\">{}</title>",
        html(title)
    );
}

/// One bar per row, longest = largest value; `value_text` says what is printed after it.
fn rows_chart(
    id: &str,
    title: &str,
    rows: &[(String, u64)],
    scale: u64,
    value_text: &dyn Fn(u64) -> String,
) -> String {
    let mut out = String::new();
    let height = ROW * rows.len().max(1) as u32 + 8;
    open(&mut out, id, title, height);
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = 4 + ROW * i as u32;
        let width = if scale == 0 {
            0
        } else {
            ((*value as f64 / scale as f64) * f64::from(BAR_MAX)).round() as u32
        };
        let (label_html, text) = (html(label), value_text(*value));
        let _ = write!(
            out,
            "<g class=\"bar\" data-label=\"{label_html}\" data-value=\"{value}\"><title>{label_html}: {}</title>\
             <text class=\"label\" x=\"{LABEL_RIGHT}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{BAR_LEFT}\" y=\"{}\" width=\"{}\" height=\"20\" rx=\"3\"/>\
             <text class=\"value\" x=\"{}\" y=\"{}\">{}</text></g>",
            html(&text),
            y + 15,
            html(&short(label)),
            y,
            width.max(1),
            BAR_LEFT + width.max(1) + 6,
            y + 15,
            html(&text),
        );
    }
    out.push_str("</svg>");
    out
}

/// Counts as horizontal bars, in the order given.
pub fn bars(id: &str, title: &str, rows: &[(String, u64)]) -> String {
    let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(0);
    rows_chart(id, title, rows, max, &|v| v.to_string())
}

/// Shares of `total` as horizontal bars on a 0–100 % scale.
pub fn shares(id: &str, title: &str, rows: &[(String, u64)], total: u64) -> String {
    rows_chart(id, title, rows, total, &|v| {
        format!("{} ({v})", percent(v, total))
    })
}

/// `85%`, `0.4%`, `100%`: whole percents, one decimal below 1 %.
pub fn percent(part: u64, total: u64) -> String {
    if total == 0 {
        return "0%".to_string();
    }
    let share = part as f64 * 100.0 / total as f64;
    if share > 0.0 && share < 1.0 {
        format!("{share:.1}%")
    } else {
        format!("{}%", share.floor() as u64)
    }
}

/// Records per month (`YYYY-MM` keys) as vertical bars, months without records included;
/// per year when the months span more than [`MAX_MONTH_BARS`].
pub fn timeline(id: &str, title: &str, months: &BTreeMap<String, u64>) -> String {
    let points = continuous(months);
    let (left, right, top, bottom) = (40u32, WIDTH - 12, 18u32, 190u32);
    let mut out = String::new();
    open(&mut out, id, title, 222);
    let max = points.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let _ = write!(
        out,
        "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{max}</text><text class=\"axis\" x=\"{}\" y=\"{bottom}\" text-anchor=\"end\">0</text>\
         <line class=\"axis-line\" x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\"/>",
        left - 6,
        top + 4,
        left - 6
    );
    let slot = f64::from(right - left) / points.len().max(1) as f64;
    let by_year = points.first().is_some_and(|(label, _)| label.len() == 4);
    let years = if by_year {
        points.len()
    } else {
        points.len().div_ceil(12)
    };
    let label_every = years.div_ceil(10).max(1);
    for (i, (label, value)) in points.iter().enumerate() {
        let x = f64::from(left) + slot * i as f64;
        let mut height = *value as f64 / max as f64 * f64::from(bottom - top);
        if *value > 0 {
            height = height.max(2.0);
        }
        let label_html = html(label);
        let _ = write!(
            out,
            "<g class=\"bar\" data-label=\"{label_html}\" data-value=\"{value}\"><title>{label_html}: {value}</title>\
             <rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{height:.1}\"/></g>",
            x + slot * 0.1,
            f64::from(bottom) - height,
            (slot * 0.8).max(1.0),
        );
        let year: i64 = label.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
        let starts_year = by_year || label.ends_with("-01") || i == 0;
        if starts_year && year.rem_euclid(label_every as i64) == 0 {
            let _ = write!(
                out,
                "<line class=\"axis-line\" x1=\"{x:.1}\" y1=\"{bottom}\" x2=\"{x:.1}\" y2=\"{}\"/><text class=\"axis\" x=\"{x:.1}\" y=\"{}\">{year}</text>",
                bottom + 4,
                bottom + 17,
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// Every month from the first to the last (zeros between), or every year when too many.
fn continuous(months: &BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let parse = |key: &str| -> Option<(i32, u32)> {
        Some((key.get(..4)?.parse().ok()?, key.get(5..7)?.parse().ok()?))
    };
    let parsed: Vec<((i32, u32), u64)> = months
        .iter()
        .filter_map(|(k, v)| Some((parse(k)?, *v)))
        .collect();
    let (Some(first), Some(last)) = (parsed.first(), parsed.last()) else {
        return Vec::new();
    };
    let index = |(y, m): (i32, u32)| i64::from(y) * 12 + i64::from(m) - 1;
    let span = (index(last.0) - index(first.0) + 1) as usize;
    if span > MAX_MONTH_BARS {
        let mut years: BTreeMap<i32, u64> = BTreeMap::new();
        for ((y, _), v) in &parsed {
            *years.entry(*y).or_default() += v;
        }
        let (y0, y1) = (first.0.0, last.0.0);
        return (y0..=y1)
            .map(|y| (y.to_string(), years.get(&y).copied().unwrap_or(0)))
            .collect();
    }
    let counts: BTreeMap<i64, u64> = parsed.iter().map(|(k, v)| (index(*k), *v)).collect();
    (index(first.0)..=index(last.0))
        .map(|i| {
            let label = format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1);
            (label, counts.get(&i).copied().unwrap_or(0))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_filled_and_long_spans_become_years() {
        let months: BTreeMap<String, u64> =
            [("2020-11".to_string(), 2), ("2021-02".to_string(), 1)].into();
        let points = continuous(&months);
        let labels: Vec<&str> = points.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["2020-11", "2020-12", "2021-01", "2021-02"]);
        assert_eq!(points[0].1 + points[3].1, 3);
        let wide: BTreeMap<String, u64> =
            [("1925-03".to_string(), 4), ("2020-01".to_string(), 5)].into();
        let years = continuous(&wide);
        assert_eq!(years.len(), 96);
        assert_eq!(years[0], ("1925".to_string(), 4));
    }

    #[test]
    fn labels_are_escaped_inside_the_svg() {
        let svg = bars(
            "c",
            "t",
            &[("</svg><script>alert(1)</script>".to_string(), 3)],
        );
        assert!(!svg.contains("<script>") && svg.contains("&lt;/svg&gt;&lt;script&gt;"));
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(1, 300), "0.3%");
    }
}
