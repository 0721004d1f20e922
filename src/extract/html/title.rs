//! The headline: the words printed over the article, not the `<title>` with the site name
//! glued on. In order:
//!
//! 1. an `<h1>` (outside menus and footers) that the metadata headline or the `<title>`
//!    also holds: the printed headline, confirmed;
//! 2. a heading or bold line above the article that the `<title>` or the metadata
//!    headline holds (`<title>Site - Headline</title>` over `<b>Headline</b>`);
//! 3. the metadata headline (JSON-LD, `og:title`), without a site-name part;
//! 4. the first `<h1>` near the article;
//! 5. the `<title>`, without its site-name part (`Headline | Site`, `Site - Headline`),
//!    unless it is one undivided name and a short line in a heading or in bold stands
//!    just above the first paragraph, as in old table layouts whose `<title>` is the
//!    paper's name: then that line.

use super::blocks::Block;
use super::dom::Dom;
use super::hints;
use super::metadata::Metadata;

/// Separators between a headline and a site name in `<title>` and `og:title`.
const SEPARATORS: [&str; 8] = [" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " || "];

/// Chooses the headline. `blocks` are the page's blocks, `first_body` the index of the
/// article's first prose block.
pub fn choose(
    meta: &Metadata,
    dom: &Dom,
    blocks: &[Block],
    first_body: Option<usize>,
) -> Option<String> {
    let h1s: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.flags & hints::OUTSIDE == 0 && b.text.chars().count() <= 300)
        .filter(|b| dom.nodes.get(b.owner).is_some_and(|n| n.name() == "h1"))
        .collect();
    let title_tag = meta.title_tag.as_deref().unwrap_or("");
    for h1 in &h1s {
        let key = squash(&h1.text);
        if key.chars().count() < 3 {
            continue;
        }
        let confirmed = meta.headlines.iter().any(|h| squash(h).contains(&key))
            || squash(title_tag).contains(&key);
        if confirmed {
            return Some(h1.text.clone());
        }
    }
    let end = first_body.unwrap_or(blocks.len()).min(blocks.len());
    let looks_like_headline = |b: &&Block| {
        b.flags & hints::OUTSIDE == 0
            && (b.flags & hints::HEADING != 0 || b.bold_words * 2 >= b.words)
            && (2..=30).contains(&b.words)
            && b.link_density() < 0.5
            && !b.text.ends_with('.')
    };
    let named = |b: &&Block| {
        let key = squash(&b.text);
        key.chars().count() >= 8
            && (squash(title_tag).contains(&key)
                || meta.headlines.iter().any(|h| squash(h).contains(&key)))
    };
    if let Some(line) = blocks[..end]
        .iter()
        .rev()
        .filter(looks_like_headline)
        .find(named)
    {
        return Some(line.text.clone());
    }
    if let Some(headline) = meta.headlines.first() {
        return Some(strip_site(headline, meta.site_name.as_deref()));
    }
    if let Some(h1) = h1s.first() {
        return Some(h1.text.clone());
    }
    let line = blocks[..end].iter().rev().find(looks_like_headline);
    let splits = SEPARATORS.iter().any(|s| title_tag.contains(s));
    if !title_tag.trim().is_empty() && (splits || line.is_none()) {
        return Some(strip_site(title_tag, meta.site_name.as_deref()));
    }
    line.map(|b| b.text.clone())
}

/// Removes a site-name part from a title: the part that names the site, or else the
/// shorter end part when the title splits in two at a separator.
pub fn strip_site(title: &str, site_name: Option<&str>) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    for separator in SEPARATORS {
        let parts: Vec<&str> = title.split(separator).collect();
        if parts.len() < 2 {
            continue;
        }
        if let Some(site) = site_name.map(squash).filter(|s| !s.is_empty()) {
            let kept: Vec<&str> = parts
                .iter()
                .copied()
                .filter(|p| squash(p) != site)
                .collect();
            if kept.len() < parts.len() && !kept.is_empty() {
                return kept.join(separator);
            }
        }
        let (first, last) = (parts[0], parts[parts.len() - 1]);
        let words = |s: &str| s.split_whitespace().count();
        if parts.len() == 2 && words(last) <= 4 && words(first) > words(last) {
            return first.to_string();
        }
        if parts.len() == 2 && words(first) <= 3 && words(last) > 2 * words(first) {
            return last.to_string();
        }
    }
    title
}

/// Lowercase with spaces collapsed, for comparing titles.
pub fn squash(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::strip_site;

    #[test]
    fn site_names_come_off() {
        assert_eq!(
            strip_site(
                "Giá vàng tăng mạnh - VnExpress Kinh doanh",
                Some("VnExpress")
            ),
            "Giá vàng tăng mạnh"
        );
        assert_eq!(
            strip_site("A long headline here | Site", None),
            "A long headline here"
        );
        assert_eq!(
            strip_site("Site | A long headline here today", None),
            "A long headline here today"
        );
        assert_eq!(strip_site("Tax 101: basics", None), "Tax 101: basics");
    }
}
