//! From the sorted blocks to the record's fields: the lead (an element named as one,
//! `sapo`, `description`, `standfirst`, just above the body; or a first paragraph that
//! opens with a dateline code), the dateline, captions, the author (metadata first unless
//! it is only the site's name, a user name or an organization; then a byline printed
//! around the article, see [`authors`](super::authors); then a closing name line such as
//! `ĐỖ HOẠT` or `Tin, ảnh: P.Y`), the header date (see [`dates`](super::dates)), the dates
//! from metadata (the modified date when nothing states the publication) and the
//! address, and the repairs and warnings of the text kept.

use super::super::byline::parse_byline;
use super::super::date::find_lead_date;
use super::super::date_forms::{date_in_url, parse_date_line, parse_timestamp};
use super::super::dateline::split_dateline;
use super::super::language;
use super::Cleaner;
use super::blocks::Block;
use super::captions::one_line;
use super::clean::Selection;
use super::dates::{Around, printed_date};
use super::hints;
use super::metadata::{Metadata, is_name};
use super::names::tidy_author;
use super::scoring::is_prose;
use crate::extract::Fields;

/// What [`assemble`] works from.
pub struct Parts<'a> {
    pub title: String,
    /// The author a byline on the page names (see [`authors`](super::authors)).
    pub byline: Option<String>,
    /// Node of the headline (or of the container), and one past the container's end.
    pub start: usize,
    pub end: usize,
    pub meta: &'a Metadata,
    pub blocks: &'a [Block],
    pub selection: &'a Selection,
    pub url: Option<&'a str>,
}

/// Fills the record's fields.
pub fn assemble(parts: Parts<'_>, clean: &Cleaner) -> Fields {
    let Parts {
        title,
        byline,
        start,
        end,
        meta,
        blocks,
        selection,
        url,
    } = parts;
    let mut fields = Fields {
        title,
        ..Fields::default()
    };
    let mut body: Vec<usize> = selection.body.clone();
    let mut kept: Vec<usize> = Vec::new();

    let first_node = body.first().map_or(usize::MAX, |&k| blocks[k].node);
    let lead_block = blocks
        .iter()
        .enumerate()
        .filter(|(k, b)| {
            b.flags & hints::LEAD_HINT != 0
                && b.flags & hints::OUTSIDE == 0
                && (8..=150).contains(&b.words)
                && b.link_density() < 0.3
                && (b.node < first_node || body.first() == Some(k))
        })
        .map(|(k, _)| k)
        .next_back();
    if let Some(k) = lead_block {
        body.retain(|&b| b != k);
        fields.lead = Some(blocks[k].text.clone());
        kept.push(k);
    } else if let Some(&first) = body.first()
        && body.len() > 1
        && split_dateline(&blocks[first].text).is_some()
    {
        fields.lead = Some(blocks[first].text.clone());
        kept.push(first);
        body.remove(0);
    }
    if let Some(lead) = fields.lead.take() {
        match split_dateline(&lead) {
            Some(dateline) => {
                fields.dateline = Some(dateline.code.to_string());
                fields.lead = Some(dateline.rest.to_string());
            }
            None => fields.lead = Some(lead),
        }
    }

    let vietnamese = language::detect(
        &body
            .iter()
            .take(20)
            .map(|&k| blocks[k].text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    )
    .is_some();
    let from_meta = meta
        .author
        .as_deref()
        .map(|a| tidy_author(&clean(a, &mut fields.repairs, &mut fields.warnings)))
        .filter(|a| is_name(a));
    let weak = from_meta
        .as_deref()
        .is_some_and(|a| meta.author_is_organization || is_weak_author(a, meta));
    fields.author = from_meta
        .clone()
        .filter(|_| !weak)
        .or(byline)
        .or_else(|| header_byline(blocks, &selection.header))
        .or(from_meta);
    let closing = selection
        .trailer
        .iter()
        .chain(body.last())
        .copied()
        .collect::<Vec<_>>();
    for &k in closing.iter().rev().take(2) {
        let text = &blocks[k].text;
        let trusted = vietnamese || is_capital_name(text) || text.contains(':');
        if !trusted || is_prose(&blocks[k]) && !text.contains(':') {
            continue;
        }
        if let Some(name) = parse_byline(text) {
            if fields.author.is_none() {
                fields.author = Some(name);
            }
            body.retain(|&b| b != k);
            break;
        }
    }

    let printed = printed_date(
        blocks,
        &Around {
            header: &selection.header,
            start,
            end,
            first_body: selection.body.first().copied(),
            last_body: selection.body.last().copied(),
        },
    );
    fields.header_date = printed.map(|p| p.date);
    fields.header_is_publication = printed.is_some_and(|p| p.under_headline && !p.update);
    fields.metadata_date = meta.published.iter().find_map(|v| parse_timestamp(v));
    if fields.metadata_date.is_none() && fields.header_date.is_none() {
        fields.metadata_date = meta.modified.iter().find_map(|v| parse_timestamp(v));
    }
    fields.url = meta.url.clone().or_else(|| url.map(str::to_string));
    fields.url_date = fields.url.as_deref().and_then(date_in_url);
    let opening = fields
        .lead
        .clone()
        .or_else(|| body.first().map(|&k| blocks[k].text.clone()))
        .unwrap_or_default();
    let reference = fields.header_date.or(fields.metadata_date);
    fields.dateline_date = find_lead_date(&opening, reference);
    if let (Some(dateline), Some(header)) = (fields.dateline_date, fields.header_date)
        && dateline > header
    {
        fields.warnings.push("dateline-after-header".to_string());
    }

    for &k in &selection.captions {
        let caption = one_line(&blocks[k].text);
        if !caption.is_empty() && !fields.captions.contains(&caption) {
            fields.captions.push(caption);
            kept.push(k);
        }
    }
    fields.body = body
        .iter()
        .map(|&k| blocks[k].text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    kept.extend(body.iter().copied());
    for &k in &kept {
        for name in &blocks[k].repairs {
            if !fields.repairs.contains(name) {
                fields.repairs.push(name.clone());
            }
        }
        for name in &blocks[k].warnings {
            if !fields.warnings.contains(name) {
                fields.warnings.push(name.clone());
            }
        }
    }
    fields
}

/// A byline above the body: a line named as one, or one that opens with `By`.
fn header_byline(blocks: &[Block], header: &[usize]) -> Option<String> {
    header.iter().find_map(|&k| {
        let text = blocks[k].text.trim();
        let rest = ["By ", "by ", "BY ", "Tác giả:", "Written by "]
            .iter()
            .find_map(|p| text.strip_prefix(p));
        let name = match rest {
            Some(rest) => rest,
            None if blocks[k].flags & hints::BYLINE_HINT != 0 => text,
            None => return None,
        };
        let name = name
            .split(['|', '•', '·', '\n'])
            .next()
            .unwrap_or("")
            .split(" on ")
            .next()
            .unwrap_or("")
            .trim()
            .trim_end_matches([',', '.']);
        let words = name.split_whitespace().count();
        ((1..=8).contains(&words) && parse_date_line(name).is_none() && is_name(name))
            .then(|| name.to_string())
    })
}

/// A metadata author that a byline on the page should beat: the site's own name, or a
/// user name (`kffnirmitap`, `andrew.keaveney`) or address (`paperium.net`).
fn is_weak_author(author: &str, meta: &Metadata) -> bool {
    let site = meta.site_name.as_deref().unwrap_or("").trim();
    let login = !author.contains(' ')
        && (author.contains(['.', '_']) || author.chars().all(|c| !c.is_uppercase()));
    login || !site.is_empty() && author.eq_ignore_ascii_case(site)
}

/// A short line of capitals: `ĐỖ HOẠT`, `H.T`.
fn is_capital_name(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && letters.iter().all(|c| c.is_uppercase())
        && text.split_whitespace().count() <= 6
}
