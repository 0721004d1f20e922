//! What an element's tag, `class`, `id` and `itemprop` say about the text inside it, as bit
//! flags each node inherits from its ancestors: boilerplate regions (`nav`, `footer`,
//! menus, share bars, related links, comments, in English and Vietnamese: `tinkhac`,
//! `binhluan`, `quangcao`), content regions (`article`, `entry-content`, `noidung`,
//! `chitiet`, `itemprop="articleBody"`), and text roles (link, italic, heading, caption).
//!
//! A class is read as words (`post-meta` is `post` and `meta`); a boilerplate word beats a
//! content word in the same element (`comment-content` is a comment). Hints on `html` and
//! `body` are ignored: themes put every layout word there.

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

/// Flags that mark text as outside the article.
pub const OUTSIDE: u32 = NAV_TAG | BOILERPLATE | COMMENTS;

/// Words in class or id that mark boilerplate, matched as whole words.
const BOILERPLATE_WORDS: [&str; 38] = [
    "nav",
    "navbar",
    "menu",
    "footer",
    "sidebar",
    "widget",
    "widgets",
    "breadcrumb",
    "breadcrumbs",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsor",
    "sponsored",
    "banner",
    "cookie",
    "consent",
    "popup",
    "modal",
    "pagination",
    "pager",
    "tags",
    "tag",
    "meta",
    "toolbar",
    "trending",
    "popular",
    "recommended",
];

/// Fragments that mark boilerplate wherever they occur in a class or id (Vietnamese names
/// are written as one word: `tinkhac`, `boxtinlienquan`).
const BOILERPLATE_PARTS: [&str; 22] = [
    "tinkhac",
    "tin-khac",
    "tin_khac",
    "lienquan",
    "lien-quan",
    "xemthem",
    "xem-them",
    "docnhieu",
    "doc-nhieu",
    "quangcao",
    "quang-cao",
    "tinmoi",
    "tin-moi",
    "sidebar",
    "share-",
    "social-",
    "related",
    "newsletter",
    "breadcrumb",
    "most-read",
    "author-bio",
    "outbrain",
];

const COMMENT_PARTS: [&str; 6] = [
    "comment",
    "binhluan",
    "binh-luan",
    "disqus",
    "respond",
    "y-kien",
];

const CONTENT_WORDS: [&str; 14] = [
    "article", "content", "entry", "post", "story", "body", "main", "text", "detail", "prose",
    "noidung", "chitiet", "blog", "richtext",
];

const CONTENT_PARTS: [&str; 7] = [
    "articlebody",
    "article-body",
    "fck_detail",
    "noi-dung",
    "chi-tiet",
    "maincontent",
    "post-content",
];

const CAPTION_PARTS: [&str; 6] = [
    "caption",
    "chuthich",
    "chu-thich",
    "image-desc",
    "img-desc",
    "photo-desc",
];

const LEAD_PARTS: [&str; 8] = [
    "sapo",
    "standfirst",
    "lead",
    "dek",
    "summary",
    "description",
    "excerpt",
    "subtitle",
];

const BYLINE_PARTS: [&str; 5] = ["byline", "author", "tacgia", "tac-gia", "writer"];

/// The flags each node adds by itself.
pub fn own_flags_all(dom: &Dom) -> Vec<u32> {
    dom.nodes.iter().map(|n| own_flags(&n.content)).collect()
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

/// Drops the boilerplate flags of elements that hold more than `share` of the page's
/// prose words (`prose_at[i]`: prose words of blocks starting at node `i`): a region that
/// holds most of the page's prose is the article, whatever its class says
/// (`elementor-widget`, `has-sidebar`). Returns whether anything changed.
pub fn overrule_boilerplate(dom: &Dom, own: &mut [u32], prose_at: &[usize], share: f64) -> bool {
    let mut prefix = vec![0usize; dom.len() + 1];
    for i in 0..dom.len() {
        prefix[i + 1] = prefix[i] + prose_at.get(i).copied().unwrap_or(0);
    }
    let total = prefix[dom.len()] as f64;
    let mut changed = false;
    for (i, node) in dom.nodes.iter().enumerate() {
        if own[i] & OUTSIDE != 0 && (prefix[node.end] - prefix[i]) as f64 > share * total {
            own[i] &= !OUTSIDE;
            changed = true;
        }
    }
    changed
}

/// The flags an element adds by itself.
pub fn own_flags(content: &Content) -> u32 {
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
    if element.name == "html" || element.name == "body" || element.class_id.trim().is_empty() {
        return flags;
    }
    flags | class_flags(&element.class_id)
}

/// What `class` and `id` words say.
pub fn class_flags(class_id: &str) -> u32 {
    let words: Vec<&str> = class_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has_word = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let has_part = |list: &[&str]| list.iter().any(|p| class_id.contains(p));
    let mut flags = 0;
    if has_part(&COMMENT_PARTS) {
        flags |= COMMENTS;
    } else if has_word(&BOILERPLATE_WORDS) || has_part(&BOILERPLATE_PARTS) {
        flags |= BOILERPLATE;
    } else if has_word(&CONTENT_WORDS) || has_part(&CONTENT_PARTS) {
        flags |= CONTENT;
    }
    if has_part(&CONTENT_PARTS) && flags & (COMMENTS | BOILERPLATE) == 0 {
        flags |= ARTICLE_BODY;
    }
    if has_part(&CAPTION_PARTS) {
        flags |= CAPTION_HINT;
    }
    if has_part(&LEAD_PARTS) {
        flags |= LEAD_HINT;
    }
    if has_part(&BYLINE_PARTS) {
        flags |= BYLINE_HINT;
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words() {
        assert_eq!(class_flags("entry-content"), CONTENT);
        assert_eq!(class_flags("post-meta"), BOILERPLATE);
        assert_eq!(class_flags("comment-content"), COMMENTS);
        assert_eq!(class_flags("boxtinlienquan"), BOILERPLATE);
        assert_eq!(class_flags("fck_detail"), CONTENT | ARTICLE_BODY);
        assert_eq!(class_flags("header-ad"), BOILERPLATE);
        assert_eq!(class_flags("shadow"), 0);
        assert_eq!(class_flags("sapo"), LEAD_HINT);
        assert_eq!(class_flags("wp-caption-text"), CAPTION_HINT | CONTENT);
    }
}
