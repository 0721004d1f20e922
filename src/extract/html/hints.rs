//! What an element's tag, `class`, `id` and `itemprop` say about the text inside it, as bit
//! flags each node inherits from its ancestors: boilerplate regions (`nav`, `footer`,
//! menus, share bars, related links, comments, in English and Vietnamese: `tinkhac`,
//! `binhluan`, `quangcao`), content regions (`article`, `entry-content`, `noidung`,
//! `chitiet`, `itemprop="articleBody"`), and text roles (link, italic, heading, caption).
//!
//! Class and id words are read by [`classes`](super::classes); hints on `html` and `body`
//! are ignored: themes put every layout word there. [`overrule`](super::overrule) later
//! drops hints that what an element holds belies.

use std::collections::HashMap;

use super::classes::class_flags;
use super::dom::{Content, Dom};

pub const LINK: u32 = 1;
pub const ITALIC: u32 = 1 << 1;
pub const HEADING: u32 = 1 << 2;
pub const LIST_ITEM: u32 = 1 << 3;
pub const FIGCAPTION: u32 = 1 << 4;
pub const CAPTION_HINT: u32 = 1 << 5;
pub const NAV_TAG: u32 = 1 << 6;
pub const BOILERPLATE: u32 = 1 << 7;
pub const COMMENTS: u32 = 1 << 8;
pub const CONTENT: u32 = 1 << 9;
pub const ARTICLE_BODY: u32 = 1 << 10;
pub const TABLE_CELL: u32 = 1 << 11;
pub const PRE: u32 = 1 << 12;
pub const LEAD_HINT: u32 = 1 << 13;
pub const BYLINE_HINT: u32 = 1 << 14;
pub const BOLD: u32 = 1 << 15;
/// The boilerplate flag came from a soft word (see [`classes`](super::classes)).
pub const SOFT: u32 = 1 << 16;
/// The boilerplate flag came from a strong word: never the article, nor its byline.
pub const STRONG: u32 = 1 << 17;
/// Link text of a link that leaves the site or stays in the page.
pub const OFFSITE: u32 = 1 << 18;

/// Flags that mark text as outside the article.
pub const OUTSIDE: u32 = NAV_TAG | BOILERPLATE | COMMENTS;

/// The flags each node adds by itself.
pub fn own_flags_all(dom: &Dom) -> Vec<u32> {
    // A page repeats the same class attribute on many elements (menu items, comments,
    // list rows), and reading one takes dozens of substring searches: each distinct
    // attribute is read once per page.
    let mut by_class: HashMap<&str, u32> = HashMap::new();
    dom.nodes
        .iter()
        .map(|n| {
            own_flags_with(&n.content, |class_id| {
                *by_class
                    .entry(class_id)
                    .or_insert_with(|| class_flags(class_id))
            })
        })
        .collect()
}

/// Flags each node carries: its own and every ancestor's.
pub fn inherit(dom: &Dom, own: &[u32]) -> Vec<u32> {
    let mut flags = vec![0u32; dom.len()];
    for (i, node) in dom.nodes.iter().enumerate() {
        let inherited = if i == 0 { 0 } else { flags[node.parent] };
        flags[i] = inherited | own.get(i).copied().unwrap_or(0);
    }
    flags
}

/// [`inherit`] of [`own_flags_all`].
pub fn inherited_flags(dom: &Dom) -> Vec<u32> {
    inherit(dom, &own_flags_all(dom))
}

/// The flags an element adds by itself.
pub fn own_flags(content: &Content) -> u32 {
    own_flags_with(content, class_flags)
}

/// [`own_flags`], reading the `class` and `id` words with `read_classes`.
fn own_flags_with<'a>(content: &'a Content, mut read_classes: impl FnMut(&'a str) -> u32) -> u32 {
    let Content::Element(element) = content else {
        return 0;
    };
    let mut flags = match element.name.as_str() {
        "a" => LINK,
        "em" | "i" | "cite" => ITALIC,
        "b" | "strong" => BOLD,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => HEADING,
        "li" | "dd" | "dt" => LIST_ITEM,
        "figcaption" | "caption" => FIGCAPTION,
        "nav" | "footer" | "aside" | "menu" | "form" => NAV_TAG,
        "td" | "th" => TABLE_CELL,
        "pre" => PRE,
        "article" | "main" => CONTENT,
        _ => 0,
    };
    // A form wraps whole pages in old ASP.NET sites: only a small one is a widget, which
    // its class tells; the tag alone says nothing.
    if element.name == "form" {
        flags &= !NAV_TAG;
    }
    if element.itemprop == "articlebody" || element.itemprop == "text" {
        flags |= ARTICLE_BODY | CONTENT;
    }
    if element.offsite_link {
        flags |= OFFSITE;
    }
    if element.author_link || element.itemprop == "author" {
        flags |= BYLINE_HINT;
    }
    if element.name == "html" || element.name == "body" || element.class_id.trim().is_empty() {
        return flags;
    }
    flags | read_classes(&element.class_id)
}
