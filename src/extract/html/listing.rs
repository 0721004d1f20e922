//! Tells a listing page (a home page, a section) from an article: a container that is
//! mostly linked headlines or teaser lines is a list of links to articles, not one. Only
//! links within the site count: a list of links to other sites or to places in the page
//! is a reference list or a table of contents inside an article.

use super::blocks::Block;
use super::dom::Dom;
use super::hints;
use super::scoring::is_prose;

/// Whether the container is a list of links to articles: at least six linked headlines
/// or teaser lines, and at least one for every two paragraphs of prose. A short container
/// (under 100 words of prose, a single teaser) is judged with its surroundings: up to
/// three ancestors.
pub fn is_listing(blocks: &[Block], dom: &Dom, container: usize) -> bool {
    if region_is_listing(blocks, dom, container) {
        return true;
    }
    let end = dom.nodes.get(container).map_or(container, |n| n.end);
    let prose: usize = blocks
        .iter()
        .filter(|b| (container..end).contains(&b.node) && is_prose(b))
        .map(|b| b.words)
        .sum();
    let mut node = container;
    for _ in 0..3 {
        if prose >= 100 || node == 0 {
            break;
        }
        node = dom.nodes[node].parent;
        if region_is_listing(blocks, dom, node) {
            return true;
        }
    }
    false
}

fn region_is_listing(blocks: &[Block], dom: &Dom, container: usize) -> bool {
    let end = dom.nodes.get(container).map_or(container, |n| n.end);
    let inside = blocks.iter().filter(|b| (container..end).contains(&b.node));
    let (mut teasers, mut prose) = (0usize, 0usize);
    for block in inside {
        if block.flags & hints::OUTSIDE != 0 {
            continue;
        }
        let own_site = block.offsite_words * 2 < block.link_words;
        if (3..=25).contains(&block.words) && block.link_density() > 0.8 && own_site {
            teasers += 1;
        } else if is_prose(block) {
            prose += 1;
        }
    }
    teasers >= 6 && teasers * 2 >= prose
}
