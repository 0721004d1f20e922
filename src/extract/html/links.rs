//! What a link's address says: a link to the author's page (`rel="author"`,
//! `/authors/jane-doe`), and a link that leaves the site or stays in the page (an
//! address on another host, or `#section`). A list of such links is a reference list or
//! a table of contents inside an article, not the site's index of its own articles (see
//! [`listing`](super::listing)).

use scraper::node::Element;

/// Folders of an author's page in a link's address.
const AUTHOR_FOLDERS: [&str; 6] = [
    "author",
    "authors",
    "contributor",
    "contributors",
    "writer",
    "writers",
];

/// `rel="author"`, or an address with an author's folder followed by a name.
pub fn is_author_link(element: &Element) -> bool {
    if element.attr("rel").is_some_and(|rel| {
        rel.split_whitespace()
            .any(|r| r.eq_ignore_ascii_case("author"))
    }) {
        return true;
    }
    let Some(href) = element.attr("href") else {
        return false;
    };
    let path = href.split(['?', '#']).next().unwrap_or("");
    let path = path.split_once("://").map_or(path, |(_, rest)| {
        rest.split_once('/').map_or("", |(_, path)| path)
    });
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segments.iter().enumerate().any(|(i, s)| {
        AUTHOR_FOLDERS.contains(&s.to_ascii_lowercase().as_str()) && i + 1 < segments.len()
    })
}

/// The host of an absolute address, lowercase, without `www.` and port.
pub fn host_of(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// A link to a place in the page (`#section`), or to another host than `host` (when the
/// page's host is known).
pub fn is_offsite(element: &Element, host: Option<&str>) -> bool {
    let Some(href) = element.attr("href").map(str::trim) else {
        return false;
    };
    if href.starts_with('#') {
        return true;
    }
    let target = if let Some(rest) = href.strip_prefix("//") {
        host_of(&format!("http://{rest}"))
    } else {
        host_of(href)
    };
    match (host, target) {
        (Some(page), Some(target)) => {
            !(target == page
                || target.ends_with(&format!(".{page}"))
                || page.ends_with(&format!(".{target}")))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn links(page: &str, host: Option<&str>) -> Vec<(bool, bool)> {
        let html = Html::parse_fragment(page);
        let selector = Selector::parse("a").expect("valid selector");
        html.select(&selector)
            .map(|a| (is_author_link(a.value()), is_offsite(a.value(), host)))
            .collect()
    }

    #[test]
    fn addresses() {
        let page = "<a href='/authors/jane-doe'>J</a><a rel=author href=/x>K</a><a href='/authors/'>All</a>\
                    <a href='https://www.x.com/author'>L</a><a href='#part-2'>Part 2</a><a href='https://github.com/a/b'>G</a>\
                    <a href='//news.x.com/story'>S</a>";
        assert_eq!(
            links(page, Some("x.com")),
            [
                (true, false),
                (true, false),
                (false, false),
                (false, false),
                (false, true),
                (false, true),
                (false, false)
            ]
        );
        assert_eq!(
            links("<a href='https://github.com/a'>G</a>", None),
            [(false, false)]
        );
        assert_eq!(
            host_of("https://WWW.Example.com:8080/a?b").as_deref(),
            Some("example.com")
        );
    }
}
