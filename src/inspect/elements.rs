//! Where each field of a web page's record came from: the element (`div.sidebar > h1.title`),
//! the `<meta>` tag, the JSON-LD block or the `<title>` that holds its value. Found by
//! looking the record's values up in the page after the same repairs the fields had, in
//! the order the extractor trusts each source: the headline in the page's text first, the
//! author and the dates in the metadata first.
//!
//! It never fails: a value it cannot find is said to be not found.

use scraper::Html;

use super::page_text::{Piece, Place, pieces, smallest_holding};
use super::{FieldSource, collapse, prefix};
use crate::decode::{DecodeOptions, markup};
use crate::extract::date_forms::{parse_date_line, parse_timestamp};
use crate::record::{Article, DateSource};

/// Characters of a value looked up (a long paragraph is found by its opening).
const NEEDLE_CHARS: usize = 60;

/// The field sources of a web page's record; `markup` is the decoded page.
pub fn page_sources(
    markup: &str,
    encoding: &str,
    options: &DecodeOptions,
    article: &Article,
) -> Vec<FieldSource> {
    let html = Html::parse_document(markup);
    let clean = |text: &str| {
        let (mut repairs, mut warnings) = (Vec::new(), Vec::new());
        collapse(&markup::clean_text(
            text,
            encoding,
            options,
            &mut repairs,
            &mut warnings,
        ))
    };
    let pieces = pieces(&html, &clean);
    // The piece (its index; `usize::MAX` for an element found by its whole text) and
    // where it is.
    let locate = |value: &str, places: &[Place], from_end: bool| -> Option<(usize, String)> {
        let needle = collapse(value);
        let needle = prefix(&needle, NEEDLE_CHARS);
        if needle.is_empty() {
            return None;
        }
        let in_pieces = places.iter().find_map(|&place| {
            let mut matching = pieces
                .iter()
                .enumerate()
                .filter(|(_, p)| p.place == place && p.text.contains(needle));
            let piece = if from_end {
                matching.next_back()
            } else {
                matching.next()
            };
            piece.map(|(i, p)| (i, p.at.clone()))
        });
        // A value split over several text nodes (`Ảnh: <em>Hoàng Phong</em>`) is in the
        // smallest element whose whole text holds it.
        in_pieces.or_else(|| {
            places
                .contains(&Place::Visible)
                .then(|| smallest_holding(&html, needle, &clean, from_end))
                .flatten()
                .map(|at| (usize::MAX, at))
        })
    };
    let find = |value: &str, places: &[Place], from_end: bool| {
        locate(value, places, from_end).map(|(_, at)| at)
    };
    let or_missing =
        |found: Option<String>| found.unwrap_or_else(|| "not found in the page".into());
    use Place::*;
    let mut out = Vec::new();
    let mut add = |field: &'static str, source: String| out.push(FieldSource { field, source });
    add(
        "title",
        or_missing(find(
            &article.title,
            &[Visible, TitleTag, Meta, JsonLd],
            false,
        )),
    );
    add(
        "lead",
        match &article.lead {
            Some(lead) => or_missing(find(lead, &[Visible, Meta, JsonLd], false)),
            None => "none: no lead element and no paragraph opening with a dateline code".into(),
        },
    );
    let paragraphs: Vec<&str> = article.body.split("\n\n").collect();
    let first = paragraphs.first().and_then(|p| find(p, &[Visible], false));
    let last = paragraphs.last().and_then(|p| find(p, &[Visible], true));
    add(
        "body",
        format!(
            "{} block{}; the first: {}; the last: {}",
            paragraphs.len(),
            if paragraphs.len() == 1 { "" } else { "s" },
            or_missing(first),
            or_missing(last)
        ),
    );
    if article.captions.is_empty() {
        add("captions", "none".into());
    }
    for caption in &article.captions {
        add("captions", or_missing(find(caption, &[Visible], false)));
    }
    add(
        "author",
        match &article.author {
            Some(author) => or_missing(find(author, &[Meta, JsonLd, Visible], true)),
            None => "none: no author in the metadata, no byline line".into(),
        },
    );
    // The extractor reads the date lines just above the article first (the last one
    // before its first paragraph), then any above it.
    let body_at = paragraphs
        .first()
        .and_then(|p| locate(p, &[Visible], false))
        .map_or(usize::MAX, |(i, _)| i);
    let header = article.header_date.as_deref().and_then(parse_timestamp);
    add(
        "header_date",
        match header {
            Some(date) => {
                let dated: Vec<usize> = (0..pieces.len())
                    .filter(|&i| {
                        pieces[i].place == Visible && parse_date_line(&pieces[i].text) == Some(date)
                    })
                    .collect();
                let near = dated.iter().rev().find(|&&i| i < body_at);
                or_missing(near.or(dated.first()).map(|&i| pieces[i].at.clone()))
            }
            None => "none: no date line above the article".into(),
        },
    );
    add(
        "dateline_date",
        match &article.dateline_date {
            Some(_) if article.lead.is_some() => "the first sentence of the lead".into(),
            Some(_) => "the first sentence of the body".into(),
            None => "none: the opening names no date".into(),
        },
    );
    let published = article.published.as_deref().and_then(parse_timestamp);
    let source = match (article.published_from, published) {
        (Some(DateSource::Metadata), Some(date)) => {
            let iso = date.to_string();
            let dated = |p: &&Piece| {
                let key = p.at.to_ascii_lowercase();
                match p.place {
                    Meta => {
                        ["date", "time", "pub"].iter().any(|k| key.contains(k))
                            && parse_timestamp(&p.text) == Some(date)
                    }
                    JsonLd => p.text.contains(&iso),
                    _ => false,
                }
            };
            let found = pieces.iter().filter(dated).map(|p| p.at.clone()).next();
            format!("metadata: {}", or_missing(found))
        }
        (Some(DateSource::Dateline), _) => "the lead's date (dateline_date)".into(),
        (Some(DateSource::Header), _) => "the header date".into(),
        (Some(DateSource::Url), _) => "the date in the page's address".into(),
        (Some(other), _) => other.as_str().to_string(),
        (None, _) => "none: no date found".into(),
    };
    add("published", source);
    out
}
