//! Where each field of a text dump's record came from, as line numbers of the file (1-based;
//! decoding keeps the lines where they were). Found by looking the record's values up in
//! the decoded text, the way a reader would check them: the title from the top, the byline
//! from the bottom, a lead after its dateline code.
//!
//! It never fails: a value it cannot find is said to be not found.

use super::{FieldSource, collapse};
use crate::extract::date::parse_header_line;
use crate::record::{Article, DateSource};

/// Lines looked at when joining the lines of one block.
const MAX_BLOCK_LINES: usize = 60;

/// The field sources of a text dump's record.
pub fn text_sources(text: &str, article: &Article) -> Vec<FieldSource> {
    let lines: Vec<String> = text.lines().map(collapse).collect();
    let mut out = Vec::new();
    let mut add = |field: &'static str, source: String| out.push(FieldSource { field, source });

    let header = lines
        .iter()
        .position(|l| !l.is_empty())
        .filter(|&i| article.header_date.is_some() && parse_header_line(&lines[i]).is_some());
    let title = find(&lines, &article.title, false);
    add(
        "title",
        described(title, "the first block after the header date"),
    );
    let lead = article
        .lead
        .as_deref()
        .map(|lead| find(&lines, lead, false));
    match (&lead, &article.dateline) {
        (Some(found), Some(code)) => add(
            "lead",
            format!("{}, after the dateline code {code}", described(*found, "")),
        ),
        (Some(found), None) => add("lead", described(*found, "the first paragraph")),
        (None, _) => add(
            "lead",
            "none: the first paragraph opens with no dateline code and no photo caption follows it"
                .into(),
        ),
    }
    let paragraphs: Vec<&str> = article.body.split("\n\n").collect();
    let first = paragraphs.first().and_then(|p| find(&lines, p, false));
    let last = paragraphs.last().and_then(|p| find(&lines, p, true));
    let body = match (first, last) {
        (Some((start, _)), Some((_, end))) => format!(
            "{} paragraph{}, {}",
            paragraphs.len(),
            plural(paragraphs.len()),
            described(Some((start, end)), "").replace(" (joined)", "")
        ),
        _ => format!("{} paragraphs (lines not found)", paragraphs.len()),
    };
    add("body", body);
    if article.captions.is_empty() {
        add("captions", "none".into());
    }
    for caption in &article.captions {
        add("captions", described(find(&lines, caption, false), ""));
    }
    match &article.author {
        Some(author) => add(
            "author",
            described(find(&lines, author, true), "the last line"),
        ),
        None => add("author", "none: the last line is not a byline".into()),
    }
    add(
        "header_date",
        match header {
            Some(i) => format!("line {}: {}", i + 1, lines[i]),
            None => "none: the first line is not a date".into(),
        },
    );
    let opening = match &lead {
        Some(found) => format!("the lead ({})", described(*found, "")),
        None => format!("the first paragraph ({})", described(first, "")),
    };
    add(
        "dateline_date",
        match &article.dateline_date {
            Some(_) => format!("the first sentence of {opening}"),
            None => "none: the opening sentence names no date".into(),
        },
    );
    let published = match article.published_from {
        Some(DateSource::Dateline) => "the dateline date (the lead's)".to_string(),
        Some(DateSource::Header) if article.dateline_date.is_some() => {
            "the header date: the lead's date is later than the page's".to_string()
        }
        Some(DateSource::Header) => "the header date".to_string(),
        Some(other) => other.as_str().to_string(),
        None => "none: no date found".to_string(),
    };
    add("published", published);
    out
}

/// The first (or, `from_end`, the last) range of consecutive non-blank lines whose joined
/// text holds `value`.
fn find(lines: &[String], value: &str, from_end: bool) -> Option<(usize, usize)> {
    let value = collapse(value);
    if value.is_empty() {
        return None;
    }
    let starts: Box<dyn Iterator<Item = usize>> = if from_end {
        Box::new((0..lines.len()).rev())
    } else {
        Box::new(0..lines.len())
    };
    for start in starts {
        let mut joined = String::new();
        for (end, line) in lines.iter().enumerate().skip(start).take(MAX_BLOCK_LINES) {
            if line.is_empty() {
                break;
            }
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(line);
            if joined.contains(&value) {
                return Some((start, end));
            }
        }
    }
    None
}

/// `line 3`, `lines 3–4 (joined)`, or `not found` with what the layout rule expects.
fn described(found: Option<(usize, usize)>, expected: &str) -> String {
    match found {
        Some((start, end)) if start == end => format!("line {}", start + 1),
        Some((start, end)) => format!("lines {}–{} (joined)", start + 1, end + 1),
        None if expected.is_empty() => "not found in the text".to_string(),
        None => format!("not found in the text (expected: {expected})"),
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_joined_lines_and_the_last_byline() {
        let lines: Vec<String> = ["Tiêu đề", "hai dòng", "", "Ông A nói", "", "Ông A"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(find(&lines, "Tiêu đề hai dòng", false), Some((0, 1)));
        assert_eq!(find(&lines, "Ông A", true), Some((5, 5)));
        assert_eq!(find(&lines, "Ông A", false), Some((3, 3)));
        assert_eq!(find(&lines, "không có", false), None);
    }
}
