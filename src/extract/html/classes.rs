//! What an element's `class` and `id` words say: boilerplate (menus, share bars, related
//! links, comments, in English and Vietnamese: `tinkhac`, `binhluan`, `quangcao`),
//! content (`entry-content`, `noidung`, `chitiet`), captions, leads and bylines.
//!
//! A class is read as words (`post-meta` is `post` and `meta`); a boilerplate word beats a
//! content word in the same element (`comment-content` is a comment). Boilerplate words
//! come in two strengths: strong ones name a region that is never the article (comments,
//! share bars, related links, newsletters, testimonials, teasers, cookie notices); soft
//! ones are also layout words that themes put on the article's own wrappers
//! (`elementor-widget`, `content-nav-section`), so their flag
//! ([`SOFT`](super::hints::SOFT)) can be overruled by what the element holds (see
//! [`overrule`](super::overrule)).
//!
//! Three kinds of class token say nothing about the region and are skipped: utility
//! classes with a variant or an arbitrary value (`md:flex`, `[&_figcaption]:mt-2`), layout
//! states (`has-sidebar`, `no-sidebar`, `with-sidebar`), and the topic classes a CMS puts
//! on a post (`tag-advertising`, `category-news` beside `hentry`, `type-post` or
//! `post-123`).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::RegexSet;

use super::hints::{
    ARTICLE_BODY, BOILERPLATE, BYLINE_HINT, CAPTION_HINT, COMMENTS, CONTENT, LEAD_HINT, SOFT,
    STRONG,
};

/// Soft boilerplate words, matched as whole words.
const SOFT_WORDS: [&str; 21] = [
    "nav",
    "navbar",
    "menu",
    "sidebar",
    "widget",
    "widgets",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsor",
    "sponsored",
    "banner",
    "popup",
    "modal",
    "pager",
    "tags",
    "tag",
    "meta",
    "toolbar",
];

/// Strong boilerplate words, matched as whole words.
const STRONG_WORDS: [&str; 21] = [
    "footer",
    "breadcrumb",
    "breadcrumbs",
    "share",
    "sharing",
    "social",
    "related",
    "subscribe",
    "subscription",
    "signup",
    "cookie",
    "consent",
    "pagination",
    "trending",
    "popular",
    "recommended",
    "testimonial",
    "testimonials",
    "teaser",
    "teasers",
    "newsletter",
];

/// Soft boilerplate fragments, matched anywhere in a token.
const SOFT_PARTS: [&str; 3] = ["quangcao", "quang-cao", "sidebar"];

/// Strong fragments: Vietnamese names are written as one word (`tinkhac`,
/// `boxtinlienquan`).
const STRONG_PARTS: [&str; 19] = [
    "tinkhac",
    "tin-khac",
    "tin_khac",
    "lienquan",
    "lien-quan",
    "xemthem",
    "xem-them",
    "docnhieu",
    "doc-nhieu",
    "tinmoi",
    "tin-moi",
    "share-",
    "social-",
    "related",
    "breadcrumb",
    "most-read",
    "author-bio",
    "outbrain",
    "newsletter",
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

/// Prefixes of classes that state a layout, not a region (`has-sidebar`, `no-sidebar`).
const LAYOUT_STATES: [&str; 5] = ["has", "no-", "no_", "with-", "without-"];

/// Tokens that mark a CMS post wrapper, whose topic classes are then skipped.
const POST_MARKERS: [&str; 5] = [
    "hentry",
    "type-post",
    "type-page",
    "status-publish",
    "format-standard",
];

/// Prefixes of a post's topic classes.
const TOPIC_PREFIXES: [&str; 4] = ["tag-", "category-", "post_tag-", "format-"];

/// The class and id tokens that describe the region.
fn tokens(class_id: &str) -> Vec<&str> {
    let all: Vec<&str> = class_id
        .split_whitespace()
        .filter(|t| !t.contains([':', '[', '&', '(', '/']))
        .filter(|t| !LAYOUT_STATES.iter().any(|p| t.starts_with(p)))
        .collect();
    let is_post = all.iter().any(|t| {
        POST_MARKERS.contains(t)
            || ["post-", "postid-"].iter().any(|p| {
                t.strip_prefix(p)
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
    });
    if !is_post {
        return all;
    }
    all.into_iter()
        .filter(|t| !TOPIC_PREFIXES.iter().any(|p| t.starts_with(p)))
        .collect()
}

// Kinds of word and fragment, one bit each, so that a token is looked up once for all the
// lists above instead of once per list (a page has thousands of class attributes).
const COMMENT_KIND: u8 = 1;
const STRONG_KIND: u8 = 1 << 1;
const SOFT_KIND: u8 = 1 << 2;
const CONTENT_KIND: u8 = 1 << 3;
const CAPTION_KIND: u8 = 1 << 4;
const LEAD_KIND: u8 = 1 << 5;
const BYLINE_KIND: u8 = 1 << 6;

/// The whole-word lists, word -> kinds.
static WORDS: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut words = HashMap::new();
    for (list, kind) in [
        (&STRONG_WORDS[..], STRONG_KIND),
        (&SOFT_WORDS[..], SOFT_KIND),
        (&CONTENT_WORDS[..], CONTENT_KIND),
    ] {
        for word in list {
            *words.entry(*word).or_insert(0) |= kind;
        }
    }
    words
});

/// The fragment lists as one set of literals, searched once per token, and each
/// pattern's kind.
static PARTS: LazyLock<(RegexSet, Vec<u8>)> = LazyLock::new(|| {
    let lists: [(&[&str], u8); 7] = [
        (&COMMENT_PARTS, COMMENT_KIND),
        (&STRONG_PARTS, STRONG_KIND),
        (&SOFT_PARTS, SOFT_KIND),
        (&CONTENT_PARTS, CONTENT_KIND),
        (&CAPTION_PARTS, CAPTION_KIND),
        (&LEAD_PARTS, LEAD_KIND),
        (&BYLINE_PARTS, BYLINE_KIND),
    ];
    let (patterns, kinds): (Vec<String>, Vec<u8>) = lists
        .iter()
        .flat_map(|(list, kind)| list.iter().map(move |p| (regex::escape(p), *kind)))
        .unzip();
    // Escaped literals always compile; an empty set (never reached) matches nothing.
    let set = RegexSet::new(&patterns).unwrap_or_else(|_| RegexSet::empty());
    (set, kinds)
});

/// Compiles the fragment lists now rather than on first use (see
/// [`crate::extract::PATTERN_GROUPS`]).
pub(crate) fn compile_patterns() {
    LazyLock::force(&WORDS);
    LazyLock::force(&PARTS);
}

/// What `class` and `id` words say (lowercase text, tokens separated by spaces).
pub fn class_flags(class_id: &str) -> u32 {
    let tokens = tokens(class_id);
    let words: u8 = tokens
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter_map(|w| WORDS.get(w))
        .fold(0, |all, kind| all | kind);
    let (set, kinds) = &*PARTS;
    let parts: u8 = tokens
        .iter()
        .flat_map(|t| set.matches(t).into_iter())
        .fold(0, |all, pattern| all | kinds[pattern]);
    let has_word = |kind: u8| words & kind != 0;
    let has_part = |kind: u8| parts & kind != 0;
    let mut flags = 0;
    // `commentary` is an article kind, not the readers' comments.
    if has_part(COMMENT_KIND) && !class_id.contains("commentary") {
        flags |= COMMENTS;
    } else if has_word(STRONG_KIND) || has_part(STRONG_KIND) {
        flags |= BOILERPLATE | STRONG;
    } else if has_word(SOFT_KIND) || has_part(SOFT_KIND) {
        flags |= BOILERPLATE | SOFT;
    } else if has_word(CONTENT_KIND) || has_part(CONTENT_KIND) {
        flags |= CONTENT;
    }
    if has_part(CONTENT_KIND) && flags & (COMMENTS | BOILERPLATE) == 0 {
        flags |= ARTICLE_BODY;
    }
    if has_part(CAPTION_KIND) {
        flags |= CAPTION_HINT;
    }
    if has_part(LEAD_KIND) {
        flags |= LEAD_HINT;
    }
    if has_part(BYLINE_KIND) {
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
        assert_eq!(class_flags("post-meta"), BOILERPLATE | SOFT);
        assert_eq!(class_flags("comment-content"), COMMENTS);
        assert_eq!(class_flags("commentary-body"), CONTENT);
        assert_eq!(class_flags("boxtinlienquan"), BOILERPLATE | STRONG);
        assert_eq!(class_flags("fck_detail"), CONTENT | ARTICLE_BODY);
        assert_eq!(class_flags("header-ad"), BOILERPLATE | SOFT);
        assert_eq!(class_flags("share-buttons widget"), BOILERPLATE | STRONG);
        assert_eq!(class_flags("testimonial-card"), BOILERPLATE | STRONG);
        assert_eq!(class_flags("shadow"), 0);
        assert_eq!(class_flags("sapo"), LEAD_HINT);
        assert_eq!(class_flags("wp-caption-text"), CAPTION_HINT | CONTENT);
    }

    #[test]
    fn utility_and_topic_classes_say_nothing() {
        assert_eq!(class_flags("[&_figcaption]:mt-2 md:flex text-lg"), CONTENT);
        assert_eq!(class_flags("main hassidebar"), CONTENT);
        assert_eq!(class_flags("page no-sidebar"), 0);
        assert_eq!(
            class_flags("post-40217 page type-page hentry tag-mba-rankings category-ads"),
            CONTENT
        );
        // Without a post marker, `tag-list` is a list of tags.
        assert_eq!(class_flags("tag-list"), BOILERPLATE | SOFT);
    }
}
