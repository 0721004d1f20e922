//! Cuts the page's text into blocks: the runs of text between block-level boundaries (the
//! start or end of a `p`, `div`, `td`, `li`, heading, …, and every `<br>`), in document
//! order. Inline elements (`a`, `b`, `font`, `span`, …) do not cut. A block knows its
//! text (spaces collapsed), its words, how many of them are link or italic text, the
//! element that holds it, the flags it inherits, and whether an image came just before.
//!
//! One loop over the flat tree with an explicit stack of open elements: no recursion.

use super::dom::{Content, Dom};
use super::hints;

/// Elements that start and end a block.
const BLOCK_LEVEL: [&str; 41] = [
    "p",
    "div",
    "td",
    "th",
    "tr",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "figure",
    "figcaption",
    "form",
    "caption",
    "address",
    "hr",
    "center",
    "fieldset",
    "details",
    "summary",
    "body",
];

/// One run of text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    pub text: String,
    /// Index of the block's first text node.
    pub node: usize,
    /// Index of the innermost block-level element holding the block.
    pub owner: usize,
    pub words: usize,
    pub link_words: usize,
    /// Link words of links that leave the site or stay in the page.
    pub offsite_words: usize,
    pub italic_words: usize,
    pub bold_words: usize,
    /// An `<img>` came after the previous block and before this one.
    pub after_image: bool,
    /// Flags of the block's first text node (see [`hints`]).
    pub flags: u32,
    /// Repairs made to the text (filled in after cutting, by the caller).
    pub repairs: Vec<String>,
    pub warnings: Vec<String>,
}

impl Block {
    /// Share of the block's words that are link text.
    pub fn link_density(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.link_words as f64 / self.words as f64
        }
    }
}

pub fn is_block_level(name: &str) -> bool {
    BLOCK_LEVEL.contains(&name)
}

/// Cuts `dom` into blocks. `flags` are the inherited flags of each node.
pub fn blocks(dom: &Dom, flags: &[u32]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current = Block::default();
    let mut open: Vec<usize> = Vec::new();
    let mut open_blocks: Vec<usize> = vec![0];
    let mut image_pending = false;
    for (i, node) in dom.nodes.iter().enumerate() {
        while let Some(&top) = open.last() {
            if dom.nodes[top].end > i {
                break;
            }
            open.pop();
            if is_block_level(dom.nodes[top].name()) {
                flush(&mut current, &mut out, &mut image_pending);
                if open_blocks.len() > 1 && open_blocks.last() == Some(&top) {
                    open_blocks.pop();
                }
            }
        }
        match &node.content {
            Content::Element(element) => {
                let name = element.name.as_str();
                if is_block_level(name) || name == "br" {
                    flush(&mut current, &mut out, &mut image_pending);
                }
                if name == "img" {
                    flush(&mut current, &mut out, &mut image_pending);
                    image_pending = true;
                }
                if is_block_level(name) {
                    open_blocks.push(i);
                }
                open.push(i);
            }
            Content::Text(text) => {
                let flag = flags.get(i).copied().unwrap_or(0);
                let words = text.split_whitespace().count();
                if words == 0 {
                    if !current.text.is_empty() && !current.text.ends_with(' ') {
                        current.text.push(' ');
                    }
                    continue;
                }
                if current.text.is_empty() {
                    current.node = i;
                    current.owner = open_blocks.last().copied().unwrap_or(0);
                    current.flags = flag;
                } else if text.starts_with(char::is_whitespace) && !current.text.ends_with(' ') {
                    current.text.push(' ');
                }
                let mut pieces = text.split_whitespace();
                if let Some(first) = pieces.next() {
                    current.text.push_str(first);
                }
                for piece in pieces {
                    current.text.push(' ');
                    current.text.push_str(piece);
                }
                if text.ends_with(char::is_whitespace) {
                    current.text.push(' ');
                }
                current.words += words;
                if flag & hints::LINK != 0 {
                    current.link_words += words;
                }
                if flag & hints::OFFSITE != 0 {
                    current.offsite_words += words;
                }
                if flag & hints::ITALIC != 0 {
                    current.italic_words += words;
                }
                if flag & hints::BOLD != 0 {
                    current.bold_words += words;
                }
            }
        }
    }
    flush(&mut current, &mut out, &mut image_pending);
    out
}

fn flush(current: &mut Block, out: &mut Vec<Block>, image_pending: &mut bool) {
    let text = current.text.trim();
    if text.is_empty() {
        current.text.clear();
        return;
    }
    let mut block = std::mem::take(current);
    block.text = block.text.trim().to_string();
    block.after_image = *image_pending;
    *image_pending = false;
    out.push(block);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::dom::Dom;
    use scraper::Html;

    fn texts(page: &str) -> Vec<Block> {
        let dom = Dom::build(&Html::parse_document(page));
        let flags = hints::inherited_flags(&dom);
        blocks(&dom, &flags)
    }

    #[test]
    fn blocks_cut_at_block_elements_and_br() {
        let found = texts(
            "<body><p>One <b>bold</b>\n word.</p><div>Two<br><br>Three <a href=x>link</a></div><img src=a.jpg><i>Caption here</i></body>",
        );
        let text: Vec<&str> = found.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            text,
            ["One bold word.", "Two", "Three link", "Caption here"]
        );
        assert_eq!(found[2].link_words, 1);
        assert!(found[3].after_image);
        assert_eq!(found[3].italic_words, 2);
        assert_eq!(found[0].bold_words, 1);
    }
}
