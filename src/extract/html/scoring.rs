//! Finds the element that holds the article: the one whose blocks, weighed together, read
//! most like an article. A block of prose (ten words or more, with sentence punctuation,
//! few links) weighs its words; a block of links, or one inside a boilerplate region
//! (`nav`, `footer`, share bars, related links, comments), weighs minus its words; short
//! plain text (headings, labels) weighs nothing. The container is the element whose
//! subtree has the largest total: it takes in every stretch of prose worth more than the
//! boilerplate it would drag along, and no more. Content hints (`entry-content`,
//! `itemprop="articleBody"`, `noidung`) add a fifth to an element's total.
//!
//! Subtree totals come from one prefix sum over the flat tree: linear in the page size.

use super::blocks::Block;
use super::dom::Dom;
use super::hints;

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
    if block.flags & hints::OUTSIDE != 0 || block.link_density() > 0.5 {
        return -words;
    }
    if block.flags & (hints::FIGCAPTION | hints::CAPTION_HINT) != 0 {
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
pub fn container(dom: &Dom, blocks: &[Block]) -> Option<usize> {
    let mut at_node = vec![0.0f64; dom.len() + 1];
    let mut positive = false;
    for block in blocks {
        let w = weight(block);
        positive |= w > 0.0;
        if let Some(slot) = at_node.get_mut(block.node) {
            *slot += w;
        }
    }
    if !positive {
        return None;
    }
    let mut prefix = vec![0.0f64; dom.len() + 1];
    for i in 0..dom.len() {
        prefix[i + 1] = prefix[i] + at_node[i];
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
        let own = hints::own_flags(&node.content);
        if own & (hints::CONTENT | hints::ARTICLE_BODY) != 0 {
            total *= 1.2;
        }
        if best.is_none_or(|(_, b)| total > b) {
            best = Some((i, total));
        }
    }
    best.map(|(i, _)| i)
}
