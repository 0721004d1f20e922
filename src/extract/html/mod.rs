//! Saved web pages: one article's fields out of a whole page, old table layouts and
//! modern templates alike.
//!
//! 1. [`metadata`]: JSON-LD, Open Graph, `<meta>`, microdata, canonical link, `<title>`.
//! 2. [`dom`] flattens the parsed page; [`hints`] reads tags and class names; [`blocks`]
//!    cuts the text into blocks; each block is repaired and normalised by the caller's
//!    `clean` (the decode stage's repairs, run per piece of text).
//! 3. [`scoring`] finds the container that holds the article; [`clean`] keeps its own
//!    blocks and sets aside boilerplate, captions ([`captions`]), header and trailer lines.
//! 4. [`title`] picks the headline; [`authors`] finds the byline printed around the
//!    article; [`fields`] fills lead, dateline, author and dates.
//!
//! Refuses a page that holds no article (`not_article`: no prose at all, or a listing of
//! links to articles) and one without a headline (`no_title`). Never recurses over the
//! tree, so any nesting depth is safe.

pub mod authors;
pub mod blocks;
pub mod captions;
pub mod classes;
pub mod clean;
pub mod dates;
pub mod dom;
pub mod fields;
pub mod hints;
pub mod jsonld;
pub mod links;
pub mod listing;
pub mod metadata;
pub mod names;
pub mod overrule;
pub mod scoring;
pub mod sniff;
pub mod title;

use scraper::Html;

use super::{ExtractRefusal, Fields};
use crate::reject::Reason;

/// Repairs and normalises one piece of page text: `(text, repairs, warnings) -> clean`.
pub type Cleaner<'a> = dyn Fn(&str, &mut Vec<String>, &mut Vec<String>) -> String + 'a;

/// Fewer words of prose than this in the container: no article.
const MIN_PROSE_WORDS: usize = 15;

/// Extracts the article from a decoded page. `url` is the address the container knows
/// (a WARC record's), used when the page names none.
pub fn extract(page: &str, url: Option<&str>, clean: &Cleaner) -> Result<Fields, ExtractRefusal> {
    let html = Html::parse_document(page);
    let meta = metadata::read(&html);
    let host = meta.url.as_deref().or(url).and_then(links::host_of);
    let dom = dom::Dom::build_for(&html, host.as_deref());
    drop(html);
    let mut own = hints::own_flags_all(&dom);
    let mut flags = hints::inherit(&dom, &own);
    let mut blocks = blocks::blocks(&dom, &flags);
    if overrule::overrule(&dom, &mut own, &overrule::Totals::new(&dom, &blocks)) {
        flags = hints::inherit(&dom, &own);
        for block in &mut blocks {
            block.flags = flags[block.node];
        }
    }
    for block in &mut blocks {
        let (mut repairs, mut warnings) = (Vec::new(), Vec::new());
        block.text = clean(&block.text, &mut repairs, &mut warnings);
        block.repairs = repairs;
        block.warnings = warnings;
    }
    let Some(container) = scoring::container(&dom, &own, &blocks) else {
        return Err(ExtractRefusal::new(
            Reason::NotArticle,
            "the page holds no paragraph of text: it is not an article",
        ));
    };
    let tables = captions::PhotoTables::new(&dom, &blocks);
    let first_prose = blocks.iter().position(|b| {
        (container..dom.nodes[container].end).contains(&b.node) && scoring::is_prose(b)
    });
    let title = title::choose(&meta, &dom, &blocks, first_prose)
        .map(|t| clean(&t, &mut Vec::new(), &mut Vec::new()));
    let selection = clean::select(&dom, &own, &blocks, container, title.as_deref(), &tables);
    let prose: usize = selection
        .body
        .iter()
        .filter(|&&k| scoring::is_prose(&blocks[k]))
        .map(|&k| blocks[k].words)
        .sum();
    if prose < MIN_PROSE_WORDS {
        return Err(ExtractRefusal::new(
            Reason::NotArticle,
            format!("the page's main text is {prose} words of prose: it is not an article"),
        ));
    }
    if !meta.is_article && listing::is_listing(&blocks, &dom, container) {
        return Err(ExtractRefusal::new(
            Reason::NotArticle,
            "the page is a list of links to articles (a home page or a section), not an article",
        ));
    }
    let Some(title) = title.filter(|t| !t.trim().is_empty()) else {
        return Err(ExtractRefusal::new(
            Reason::NoTitle,
            "the page has article text but no headline: no <h1>, title metadata or <title>",
        ));
    };
    let headline = title::squash(&title);
    let start = blocks
        .iter()
        .find(|b| {
            b.flags & hints::OUTSIDE == 0
                && b.link_density() < 0.5
                && title::squash(&b.text) == headline
        })
        .map_or(container, |b| b.node);
    let end = dom.nodes[container].end;
    let byline = authors::find(&dom, &own, &flags, &blocks, start, end)
        .map(|name| clean(&name, &mut Vec::new(), &mut Vec::new()));
    Ok(fields::assemble(
        fields::Parts {
            title,
            byline,
            start,
            end,
            meta: &meta,
            blocks: &blocks,
            selection: &selection,
            url,
        },
        clean,
    ))
}
