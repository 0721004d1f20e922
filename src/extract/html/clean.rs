//! Inside the article's container, keeps the article's own blocks and sets the rest
//! aside: boilerplate regions nested in it (share bars, related links, comments, tag
//! lists), blocks of links, captions (kept apart), the headline again, the byline and
//! date lines above the first paragraph, and the short lines after the last one
//! (`Tags: …`, `Share this`), except list items and runs of more than ten unlinked lines
//! (a table or a schedule that ends the article).
//!
//! Boilerplate hints only count inside the container (a theme's `has-sidebar` on a
//! wrapper says nothing), and soft ones are ignored when obeying them would drop most of
//! the container's prose: a mislabelled article body is still the article. Comments and
//! strong boilerplate (related links, share bars) are always set aside.

use super::blocks::Block;
use super::captions::{PhotoTables, is_caption};
use super::dom::Dom;
use super::hints;
use super::scoring::is_prose;
use super::title::squash;

/// The container's blocks, sorted by role (indices into the page's blocks).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    pub body: Vec<usize>,
    pub captions: Vec<usize>,
    /// Lines above the first paragraph that were set aside (bylines, dates).
    pub header: Vec<usize>,
    /// Short lines after the last paragraph that were set aside.
    pub trailer: Vec<usize>,
}

/// Sorts the container's blocks.
pub fn select(
    dom: &Dom,
    own: &[u32],
    blocks: &[Block],
    container: usize,
    title: Option<&str>,
    tables: &PhotoTables,
) -> Selection {
    let end = dom.nodes.get(container).map_or(container, |n| n.end);
    let relative = relative_flags(dom, own, container);
    let inside: Vec<usize> = (0..blocks.len())
        .filter(|&k| (container..end).contains(&blocks[k].node))
        .collect();
    let prose_words = |ks: &[usize]| -> usize {
        ks.iter()
            .filter(|&&k| is_prose(&blocks[k]))
            .map(|&k| blocks[k].words)
            .sum()
    };
    let mut selection = sort(blocks, &inside, tables, |k| {
        relative[blocks[k].node - container] & hints::OUTSIDE != 0
    });
    if prose_words(&selection.body) * 2 < prose_words(&inside) {
        selection = sort(blocks, &inside, tables, |k| {
            relative[blocks[k].node - container] & (hints::COMMENTS | hints::STRONG) != 0
        });
    }
    drop_title(blocks, &mut selection.body, title);
    split_header(blocks, &mut selection);
    split_trailer(blocks, &mut selection);
    selection
}

/// Sorts blocks into body and captions, leaving out those `outside` says are boilerplate
/// and blocks of links.
fn sort(
    blocks: &[Block],
    inside: &[usize],
    tables: &PhotoTables,
    outside: impl Fn(usize) -> bool,
) -> Selection {
    let mut selection = Selection::default();
    for &k in inside {
        let block = &blocks[k];
        if outside(k) || is_notice(&block.text) {
            continue;
        }
        if is_caption(block, tables) {
            selection.captions.push(k);
        } else if block.link_density() <= 0.5 && !(block.words <= 3 && block.link_words > 0) {
            selection.body.push(k);
        }
    }
    selection
}

/// A copyright or rights notice.
fn is_notice(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    ["©", "(c) ", "copyright", "all rights reserved", "bản quyền"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Flags inherited from the container down, ignoring everything above it and the
/// container's own boilerplate hints.
fn relative_flags(dom: &Dom, own_flags: &[u32], container: usize) -> Vec<u32> {
    let end = dom.nodes.get(container).map_or(container, |n| n.end);
    let mut flags = vec![0u32; end.saturating_sub(container)];
    for i in container..end {
        let own = own_flags.get(i).copied().unwrap_or(0);
        flags[i - container] = if i == container {
            own & !hints::OUTSIDE
        } else {
            flags[dom.nodes[i].parent - container] | own
        };
    }
    flags
}

/// Removes the headline from the body, and whatever short lines stand above it.
fn drop_title(blocks: &[Block], body: &mut Vec<usize>, title: Option<&str>) {
    let Some(title) = title.map(squash) else {
        return;
    };
    let Some(at) = body
        .iter()
        .take(30)
        .position(|&k| squash(&blocks[k].text) == title)
    else {
        return;
    };
    let before_is_short = body[..at].iter().all(|&k| !is_prose(&blocks[k]));
    if before_is_short {
        body.drain(..=at);
    } else {
        body.remove(at);
    }
}

/// Sets aside bylines, dates and other short non-heading lines above the first paragraph.
fn split_header(blocks: &[Block], selection: &mut Selection) {
    let first_prose = selection
        .body
        .iter()
        .position(|&k| is_prose(&blocks[k]))
        .unwrap_or(0);
    let mut kept = Vec::with_capacity(selection.body.len());
    for (position, &k) in selection.body.iter().enumerate() {
        let block = &blocks[k];
        let header_line = position < first_prose
            && block.flags & (hints::HEADING | hints::LIST_ITEM) == 0
            && (block.words <= 12 || block.flags & hints::BYLINE_HINT != 0);
        if header_line {
            selection.header.push(k);
        } else {
            kept.push(k);
        }
    }
    selection.body = kept;
}

/// Sets aside the short lines after the last paragraph, up to a list item.
/// A run of more short lines than this at the end is content (a table, a schedule), not a
/// trailer.
const MAX_TRAILER: usize = 10;

fn split_trailer(blocks: &[Block], selection: &mut Selection) {
    let mut cut = selection.body.len();
    while let Some(&k) = cut.checked_sub(1).and_then(|i| selection.body.get(i)) {
        let block = &blocks[k];
        if is_prose(block) || block.flags & hints::LIST_ITEM != 0 && block.link_words == 0 {
            break;
        }
        let sentence = block.words >= 5 && block.text.ends_with(['.', '!', '?', '…']);
        if block.words > 25 || sentence {
            break;
        }
        cut -= 1;
    }
    let unlinked = selection.body[cut..]
        .iter()
        .filter(|&&k| blocks[k].link_words == 0)
        .count();
    if unlinked <= MAX_TRAILER {
        selection.trailer = selection.body.split_off(cut);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Block {
        Block {
            text: text.to_string(),
            words: text.split_whitespace().count(),
            ..Block::default()
        }
    }

    #[test]
    fn trailers_are_short_but_tables_are_kept() {
        let prose = "A paragraph of the article, long enough to count as prose here.";
        let mut blocks = vec![
            block(prose),
            block("Tags: garden shade"),
            block("Share this"),
        ];
        let mut selection = Selection {
            body: vec![0, 1, 2],
            ..Selection::default()
        };
        split_trailer(&blocks, &mut selection);
        assert_eq!((selection.body, selection.trailer), (vec![0], vec![1, 2]));

        blocks.truncate(1);
        blocks.extend((1..=12).map(|i| block(&format!("{i} | Row {i} | {}", i * 7))));
        let mut selection = Selection {
            body: (0..blocks.len()).collect(),
            ..Selection::default()
        };
        split_trailer(&blocks, &mut selection);
        assert_eq!(
            selection.body.len(),
            13,
            "a table that ends the article stays"
        );
        assert!(selection.trailer.is_empty());
    }
}
