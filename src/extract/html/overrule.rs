//! Boilerplate hints belied by what the region holds. A class name is a guess about a
//! region; its text is evidence. Two rules, each explainable by counting words:
//!
//! 1. An element flagged as boilerplate (any kind) that holds more than 40% of the page's
//!    prose words is the article, whatever its class says.
//! 2. An element flagged by a soft word only (`widget`, `sidebar`, `nav`, `meta`, see
//!    [`classes`](super::classes)) is not boilerplate when its text reads as article text:
//!    at most a fifth of its words are links, and either two thirds of its words are in
//!    prose blocks (sentences of ten words or more), or all of them are in headings (a
//!    page builder's heading widget). A menu is links, a tag list is links, a date line
//!    is neither prose nor a heading: they keep their flag.
//!
//! Subtree sums come from prefix sums over the flat tree: linear in the page size.

use super::blocks::Block;
use super::dom::Dom;
use super::hints::{BOILERPLATE, HEADING, OUTSIDE, SOFT, STRONG};
use super::scoring::is_prose;

/// Word counts of every subtree, from prefix sums over node indices.
pub struct Totals {
    words: Vec<usize>,
    links: Vec<usize>,
    prose: Vec<usize>,
    headings: Vec<usize>,
}

/// Word counts of one subtree.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub words: usize,
    pub links: usize,
    pub prose: usize,
    pub headings: usize,
}

impl Totals {
    /// Counts the blocks' words by the node each block starts at.
    pub fn new(dom: &Dom, blocks: &[Block]) -> Totals {
        let n = dom.len();
        let mut at = vec![Counts::default(); n];
        for block in blocks {
            if let Some(slot) = at.get_mut(block.node) {
                slot.words += block.words;
                slot.links += block.link_words;
                if is_prose(block) {
                    slot.prose += block.words;
                }
                if block.flags & HEADING != 0 {
                    slot.headings += block.words;
                }
            }
        }
        let prefix = |get: fn(&Counts) -> usize| {
            let mut sums = vec![0usize; n + 1];
            for i in 0..n {
                sums[i + 1] = sums[i] + get(&at[i]);
            }
            sums
        };
        Totals {
            words: prefix(|c| c.words),
            links: prefix(|c| c.links),
            prose: prefix(|c| c.prose),
            headings: prefix(|c| c.headings),
        }
    }

    /// The counts of the subtree `start..end`.
    pub fn of(&self, start: usize, end: usize) -> Counts {
        let sum = |v: &[usize]| {
            let end = end.min(v.len() - 1);
            v[end] - v[start.min(end)]
        };
        Counts {
            words: sum(&self.words),
            links: sum(&self.links),
            prose: sum(&self.prose),
            headings: sum(&self.headings),
        }
    }
}

/// Whether a region's words read as article text (rule 2).
pub fn reads_as_text(c: Counts) -> bool {
    c.words > 0 && c.links * 5 <= c.words && (c.prose * 3 >= c.words * 2 || c.headings == c.words)
}

/// Drops the boilerplate flags that the rules above overrule. Returns whether anything
/// changed.
pub fn overrule(dom: &Dom, own: &mut [u32], totals: &Totals) -> bool {
    let page_prose = totals.of(0, dom.len()).prose as f64;
    let mut changed = false;
    for (i, node) in dom.nodes.iter().enumerate() {
        let Some(flags) = own.get_mut(i) else {
            break;
        };
        if *flags & OUTSIDE == 0 {
            continue;
        }
        let counts = totals.of(i, node.end);
        let holds_the_prose = counts.prose as f64 > 0.4 * page_prose;
        let soft_only = *flags & SOFT != 0 && *flags & OUTSIDE & !BOILERPLATE == 0;
        if holds_the_prose || soft_only && reads_as_text(counts) {
            *flags &= !(OUTSIDE | SOFT | STRONG);
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::{blocks, hints};
    use scraper::Html;

    fn outside_texts(page: &str) -> Vec<String> {
        let dom = Dom::build(&Html::parse_document(page));
        let mut own = hints::own_flags_all(&dom);
        let found = blocks::blocks(&dom, &hints::inherit(&dom, &own));
        overrule(&dom, &mut own, &Totals::new(&dom, &found));
        let flags = hints::inherit(&dom, &own);
        found
            .iter()
            .filter(|b| flags[b.node] & OUTSIDE != 0)
            .map(|b| b.text.clone())
            .collect()
    }

    #[test]
    fn widgets_of_prose_are_text_and_menus_stay_menus() {
        let para = "<p>Every paragraph of this article sits in its own widget, as page builders do, with commas.</p>";
        let page = format!(
            "<body><div class='widget'><h2>A heading widget</h2></div><div class='elementor-widget'>{para}</div>\
             <div class='menu'><a href=a>Home</a> <a href=b>News</a> <a href=c>Sport</a></div>\
             <div class='post-meta'>March 3, 2025</div>\
             <div class='share-box'>{para}</div><div class='comments'>{para}</div>{para}{para}{para}{para}</body>"
        );
        let outside = outside_texts(&page);
        assert_eq!(outside.len(), 4, "{outside:?}");
        assert!(outside[0].starts_with("Home"));
        assert_eq!(outside[1], "March 3, 2025");
        assert!(outside[2].starts_with("Every paragraph"));
    }
}
