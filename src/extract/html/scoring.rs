//! Finds the element that holds the article: the one whose blocks, weighed together, read
//! most like an article. A block of prose (ten words or more, with sentence punctuation,
//! few links) weighs its words; a block of links, or one inside a boilerplate region
//! (`nav`, `footer`, share bars, related links, comments), weighs minus its words; short
//! plain text (headings, labels) weighs nothing. The container is the element whose
//! subtree has the largest total: it takes in every stretch of prose worth more than the
//! boilerplate it would drag along, and no more. A caption (60 words at most) weighs
//! nothing. Content hints (`entry-content`,
//! `itemprop="articleBody"`, `noidung`) add a fifth to an element's total.
//!
//! Then, inside that element, an element named as the article's content (`entry-content`,
//! `article-body`, `<article>`, `itemprop="articleBody"`) that holds at least 60% of its
//! prose weight is taken instead, the deepest such: the rest is what a page wraps around
//! an article (testimonials, sign-up boxes, product tables), which outweighed the
//! boilerplate between them. Two such elements can only be nested (each holds more than
//! half), so the last one in document order is the deepest. When elements of the same tag
//! and class elsewhere in the container also hold prose (a site builder that cuts the
//! article into several `sqs-html-content` blocks), their nearest common ancestor is
//! taken instead.
//!
//! Subtree totals come from prefix sums over the flat tree: linear in the page size.

use super::blocks::Block;
use super::dom::Dom;
use super::hints;

/// The share of the container's prose weight that a content-named element inside it
/// must hold to be taken instead.
const NARROW_SHARE: f64 = 0.6;

/// Whether a block reads as a sentence or more of prose.
pub fn is_prose(block: &Block) -> bool {
    block.words >= 10
        && block.link_density() <= 0.5
        && block
            .text
            .contains(['.', ',', ';', '!', '?', '…', '。', '،'])
}

/// The weight of one block (see the module doc).
pub fn weight(block: &Block) -> f64 {
    let words = block.words as f64;
    if block.flags & (hints::COMMENTS | hints::STRONG) != 0 {
        return 0.0;
    }
    if block.flags & hints::OUTSIDE != 0 || block.link_density() > 0.5 {
        return -words;
    }
    if block.flags & (hints::FIGCAPTION | hints::CAPTION_HINT) != 0 && block.words <= 60 {
        return 0.0;
    }
    if is_prose(block) {
        return words * (1.0 - block.link_density());
    }
    if block.words <= 3 && block.link_words > 0 {
        return -words;
    }
    0.0
}

/// The index of the element that holds the article, when the page has prose at all.
/// `own` are the elements' own flags (after [`overrule`](super::overrule)).
pub fn container(dom: &Dom, own: &[u32], blocks: &[Block]) -> Option<usize> {
    let mut at_node = vec![0.0f64; dom.len() + 1];
    let mut gain_at = vec![0.0f64; dom.len() + 1];
    for block in blocks {
        let w = weight(block);
        if let Some(slot) = at_node.get_mut(block.node) {
            *slot += w;
        }
        if let Some(slot) = gain_at.get_mut(block.node) {
            *slot += w.max(0.0);
        }
    }
    if gain_at.iter().all(|&g| g <= 0.0) {
        return None;
    }
    let mut prefix = vec![0.0f64; dom.len() + 1];
    let mut gains = vec![0.0f64; dom.len() + 1];
    for i in 0..dom.len() {
        prefix[i + 1] = prefix[i] + at_node[i];
        gains[i + 1] = gains[i] + gain_at[i];
    }
    let mut best: Option<(usize, f64)> = None;
    for (i, node) in dom.nodes.iter().enumerate() {
        if node.element().is_none() {
            continue;
        }
        let mut total = prefix[node.end] - prefix[i];
        if total <= 0.0 {
            continue;
        }
        // `own` may have lost boilerplate bits to the overrule, never these two.
        let named = own.get(i).copied().unwrap_or(0);
        if named & (hints::CONTENT | hints::ARTICLE_BODY) != 0 {
            total *= 1.2;
        }
        if best.is_none_or(|(_, b)| total > b) {
            best = Some((i, total));
        }
    }
    let (chosen, _) = best?;
    let gain = |i: usize| gains[dom.nodes[i].end] - gains[i];
    let whole = gain(chosen);
    let mut narrowed = chosen;
    for i in chosen + 1..dom.nodes[chosen].end {
        let flags = own.get(i).copied().unwrap_or(0);
        let named = flags & (hints::CONTENT | hints::ARTICLE_BODY) != 0;
        if named && flags & hints::OUTSIDE == 0 && gain(i) >= NARROW_SHARE * whole {
            narrowed = i;
        }
    }
    Some(with_twins(dom, chosen, narrowed, |i| gain(i) > 0.0))
}

/// The narrowed element, or the nearest ancestor that also holds its twins: elements of
/// the same tag and class elsewhere in the container that hold prose (a site builder
/// that cuts one article into several `sqs-html-content` blocks).
fn with_twins(
    dom: &Dom,
    chosen: usize,
    narrowed: usize,
    has_prose: impl Fn(usize) -> bool,
) -> usize {
    let Some(signature) = dom.nodes[narrowed].element() else {
        return narrowed;
    };
    if narrowed == chosen || signature.class_id.trim().is_empty() {
        return narrowed;
    }
    let (mut first, mut last) = (narrowed, narrowed);
    let end = dom.nodes[chosen].end;
    let mut i = chosen + 1;
    while i < end {
        let twin = dom.nodes[i]
            .element()
            .is_some_and(|e| e.name == signature.name && e.class_id == signature.class_id);
        if twin && has_prose(i) {
            first = first.min(i);
            last = last.max(i);
            // Twins nested in a twin are counted with it.
            i = dom.nodes[i].end;
        } else {
            i += 1;
        }
    }
    let mut holder = narrowed;
    while holder > chosen && (holder > first || dom.nodes[holder].end <= last) {
        holder = dom.nodes[holder].parent;
    }
    holder
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::{blocks, hints};
    use scraper::Html;

    fn container_text(page: &str) -> String {
        let dom = Dom::build(&Html::parse_document(page));
        let own = hints::own_flags_all(&dom);
        let found = blocks::blocks(&dom, &hints::inherit(&dom, &own));
        let Some(c) = container(&dom, &own, &found) else {
            return String::new();
        };
        let end = dom.nodes[c].end;
        let inside: Vec<&str> = found
            .iter()
            .filter(|b| (c..end).contains(&b.node))
            .map(|b| b.text.as_str())
            .collect();
        inside.join("\n")
    }

    #[test]
    fn narrowed_to_the_content_and_its_twins() {
        let para = |n: usize| {
            format!(
                "<p>Paragraph {n} of the article, with enough words and a comma, to be prose.</p>"
            )
        };
        let long: String = (0..6).map(para).collect();
        let page = format!(
            "<body><div class=page><nav><a href=/a>Home</a> <a href=/b>News</a></nav>\
             <div class=testimonials><p>This clinic was wonderful to us, we recommend it to everyone we know.</p></div>\
             <div class=entry><div class=sqs-html-content>{long}</div><div class=gallery><img src=a.jpg></div>\
             <div class=sqs-html-content>{}</div></div>\
             <div class=signup><p>Sign up to our letter, we write every week about the things that matter.</p></div></div></body>",
            para(7)
        );
        let text = container_text(&page);
        assert!(
            text.contains("Paragraph 0") && text.contains("Paragraph 7"),
            "{text}"
        );
        assert!(!text.contains("Sign up"), "{text}");
    }
}
