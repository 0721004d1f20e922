//! Image captions: `<figcaption>` and `<caption>`, elements named as captions
//! (`wp-caption-text`, `image-desc`, Vietnamese `chuthich`), an italic line right under an
//! image, the caption row of an old table layout (a small table holding a photo and a
//! line of text), and a short line that credits a photo (`Ảnh: Hoàng Phong`,
//! `(Ảnh minh họa)`, `Photo: Reuters`), unless it credits the text too (`Tin, ảnh: P.Y`
//! is a byline).
//!
//! A caption is at most 60 words; a longer block is article text whatever its markup.

use super::super::byline::parse_byline;
use super::blocks::Block;
use super::dom::Dom;
use super::hints;

/// Small tables that frame a photo: by table index, whether it holds an image and how
/// many words it holds.
pub struct PhotoTables {
    /// For each node, the index of its nearest `table` ancestor (or itself), if any.
    table_of: Vec<Option<usize>>,
    images: Vec<u32>,
    words: Vec<usize>,
}

impl PhotoTables {
    pub fn new(dom: &Dom, blocks: &[Block]) -> PhotoTables {
        let mut table_of: Vec<Option<usize>> = vec![None; dom.len()];
        let mut images = vec![0u32; dom.len()];
        for (i, node) in dom.nodes.iter().enumerate() {
            table_of[i] = if node.name() == "table" {
                Some(i)
            } else if i == 0 {
                None
            } else {
                table_of[node.parent]
            };
            if node.name() == "img"
                && let Some(table) = table_of[i]
            {
                images[table] = images[table].saturating_add(1);
            }
        }
        let mut words = vec![0usize; dom.len()];
        for block in blocks {
            if let Some(table) = table_of.get(block.node).copied().flatten() {
                words[table] += block.words;
            }
        }
        PhotoTables {
            table_of,
            images,
            words,
        }
    }

    /// Whether the block sits in a small table that holds a photo.
    fn in_photo_table(&self, block: &Block) -> bool {
        self.table_of
            .get(block.node)
            .copied()
            .flatten()
            .is_some_and(|t| self.images[t] >= 1 && self.words[t] <= 80)
    }
}

/// Whether `block` is an image caption.
pub fn is_caption(block: &Block, tables: &PhotoTables) -> bool {
    if block.words == 0 || block.words > 60 {
        return false;
    }
    if block.flags & (hints::FIGCAPTION | hints::CAPTION_HINT) != 0 {
        return true;
    }
    if is_credit(&block.text) {
        let lower = block.text.to_lowercase();
        let byline = parse_byline(&block.text).is_some() && !lower.starts_with("ảnh");
        return !byline;
    }
    if block.after_image && block.italic_words * 2 >= block.words {
        return true;
    }
    block.flags & hints::TABLE_CELL != 0 && block.words >= 2 && tables.in_photo_table(block)
}

/// A short line naming a photo's source.
pub fn is_credit(text: &str) -> bool {
    if text.chars().count() > 300 {
        return false;
    }
    let lower = text.to_lowercase();
    lower.contains("ảnh:")
        || lower.contains("(ảnh")
        || lower.contains("ảnh minh họa")
        || lower.contains("ảnh minh hoạ")
        || lower.starts_with("photo:")
        || lower.starts_with("photo by ")
        || lower.contains("(photo:")
        || lower.starts_with("image:")
        || lower.starts_with("credit:")
}

/// Joins a caption's lines into one and trims it.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
