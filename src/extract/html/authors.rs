//! The author a page prints beside its article, wherever the theme puts it: an element
//! named as a byline (`byline`, `author-name`, `post-author`, `tacgia`, `itemprop="author"`),
//! a link to the author's page (`rel="author"`, `/authors/jane-doe`), or a short line that
//! opens with a label (`By Jane Doe`, `Written by` over a line holding the name). Each
//! candidate's text goes through [`names`](super::names), which keeps only a name. One
//! word is a name only where the page says so: a link to the author's page, an element
//! named as the author's name (`author-name`), a label that is not itself a link (`by
//! <a>jsteinhardt</a>`, where `By Topic` as a link is a menu item).
//!
//! Candidates inside comments or strong boilerplate (related links, share bars) are
//! ignored: they name other people's posts. Of the rest, the first between the headline
//! and the end of the article's container wins (the byline under the headline); else the
//! first after the container (an author box under the article); else the last before the
//! headline (a byline over it).
//!
//! One pass over the elements and one over the blocks; each element's text is read from
//! at most 40 text nodes, so the cost stays linear in the page size.

use super::blocks::{Block, is_block_level};
use super::dom::{Content, Dom};
use super::hints::{BYLINE_HINT, COMMENTS, STRONG};
use super::names::{name_in_byline, opens_with_label};

/// Most text nodes read from one byline element.
const MAX_TEXT_NODES: usize = 40;

/// A block longer than this is not a byline line.
const MAX_LINE_WORDS: usize = 15;

/// The author named by a byline on the page. `own` and `flags` are the elements' own
/// and inherited flags; `start..end` is the article, from its headline to the end of
/// its container.
pub fn find(
    dom: &Dom,
    own: &[u32],
    flags: &[u32],
    blocks: &[Block],
    start: usize,
    end: usize,
) -> Option<String> {
    let ignored = |node: usize| flags.get(node).copied().unwrap_or(0) & (COMMENTS | STRONG) != 0;
    let mut found: Vec<(usize, String)> = Vec::new();
    for (i, &own_flags) in own.iter().enumerate() {
        if own_flags & BYLINE_HINT == 0 || ignored(i) {
            continue;
        }
        let trusted = dom.nodes[i].element().is_some_and(|e| {
            e.author_link || e.itemprop == "author" || e.class_id.contains("name")
        });
        if let Some(name) = name_in_byline(&text_under(dom, i), trusted) {
            found.push((i, name));
        }
    }
    for (k, block) in blocks.iter().enumerate() {
        if block.words > MAX_LINE_WORDS || ignored(block.node) || !opens_with_label(&block.text) {
            continue;
        }
        // `By Topic` as a link is a menu item; `By <a>jsteinhardt</a>` is a byline.
        let one_word = block.link_words > 0 && block.link_words < block.words;
        let name = name_in_byline(&block.text, one_word).or_else(|| {
            let next = blocks.get(k + 1).filter(|b| b.words <= 8)?;
            name_in_byline(&format!("{} | {}", block.text, next.text), one_word)
        });
        if let Some(name) = name {
            found.push((block.node, name));
        }
    }
    found.sort_by_key(|(node, _)| *node);
    found
        .iter()
        .find(|(node, _)| (start..end).contains(node))
        .or_else(|| found.iter().find(|(node, _)| *node >= end))
        .or_else(|| found.iter().rev().find(|(node, _)| *node < start))
        .map(|(_, name)| name.clone())
}

/// The text of an element's first text nodes, with ` | ` where a block-level element
/// starts (a name and a job title in two `div`s are two parts).
fn text_under(dom: &Dom, element: usize) -> String {
    let end = dom.nodes.get(element).map_or(element, |n| n.end);
    let mut text = String::new();
    let mut pieces = 0;
    for node in dom.nodes.get(element + 1..end).unwrap_or(&[]) {
        match &node.content {
            Content::Text(t) => {
                text.push_str(t);
                pieces += 1;
                if pieces >= MAX_TEXT_NODES {
                    break;
                }
            }
            Content::Element(e) if is_block_level(&e.name) || e.name == "br" => {
                text.push_str(" | ");
            }
            Content::Element(_) => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::{blocks, hints};
    use scraper::Html;

    fn author(page: &str) -> Option<String> {
        let dom = Dom::build(&Html::parse_document(page));
        let own = hints::own_flags_all(&dom);
        let flags = hints::inherit(&dom, &own);
        let found = blocks::blocks(&dom, &flags);
        let start = found.first().map_or(0, |b| b.node);
        find(&dom, &own, &flags, &found, start, dom.len())
    }

    #[test]
    fn bylines_wherever_the_theme_puts_them() {
        let body = "<p>Some text of the article, long enough to be one.</p>";
        assert_eq!(
            author(&format!("<h1>T</h1><div class=post-meta><span class=byline>By <a href=/x>Jane Doe</a></span> | March 3, 2025</div>{body}")).as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            author(&format!(
                "<h1>T</h1>{body}<div><p>Written by</p><p>John Roe</p></div>"
            ))
            .as_deref(),
            Some("John Roe")
        );
        assert_eq!(
            author(&format!(
                "<h1>T</h1>{body}<p>Posted on May 1 by <a href='/author/ann-lee/'>Ann Lee</a></p>"
            ))
            .as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            author(&format!(
                "<h1>T</h1>{body}<div class=related-posts><span class=author>Other Person</span></div>"
            )),
            None
        );
    }
}
