//! What a page says about itself, before any content is scored: JSON-LD (see [`jsonld`]),
//! Open Graph and `<meta>` tags, microdata (`itemprop`), the canonical link, `<title>`, and
//! `<time>` elements. Each field keeps its first non-empty value in this order of trust:
//! JSON-LD, then Open Graph / article tags, then other meta names, then microdata.
//!
//! Dates: the known publication names first (`article:published_time`, `pubdate`, …),
//! then any other name that says `publish` (`published-date`, `w-published-date`); names
//! that say `modified` or `updated_time` are the modification date.
//!
//! Several JSON-LD authors on an English page (`lang="en…"`) are joined as its bylines
//! print them (`A and B`, `A, B, and C`); elsewhere with `, `.
//!
//! Values are raw page text (trimmed); the caller repairs and normalises them. Author
//! values that are addresses (`article:author` is often a profile URL) are refused; the
//! `twitter:label1` `Written by` / `twitter:data1` pair SEO plugins print is an author.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};

use super::jsonld;

/// The metadata found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    /// `<title>` text.
    pub title_tag: Option<String>,
    /// JSON-LD `headline`, `og:title`, `twitter:title`, microdata `headline`, in order.
    pub headlines: Vec<String>,
    pub author: Option<String>,
    /// The authors JSON-LD lists, one by one.
    pub authors: Vec<String>,
    /// JSON-LD says the author is an organization, not a person.
    pub author_is_organization: bool,
    /// Publication timestamps as written, most trusted first.
    pub published: Vec<String>,
    /// Modification timestamps (`article:modified_time`, JSON-LD `dateModified`).
    pub modified: Vec<String>,
    pub url: Option<String>,
    pub site_name: Option<String>,
    pub description: Option<String>,
    /// The `lang` of `<html>`.
    pub lang: Option<String>,
    /// The page says it is an article (`og:type` `article`, or JSON-LD of an article type).
    pub is_article: bool,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|_| Selector::parse("html").expect("valid selector"))
}

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector("link[rel~=canonical]"));
static ITEMPROP: LazyLock<Selector> = LazyLock::new(|| selector("[itemprop]"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static NAME: LazyLock<Selector> = LazyLock::new(|| selector("[itemprop=name]"));

/// Compiles this module's selectors now rather than on first use (see
/// [`crate::extract::PATTERN_GROUPS`]).
pub(crate) fn compile_patterns() {
    for pattern in [&META, &TITLE, &CANONICAL, &ITEMPROP, &TIME, &NAME] {
        LazyLock::force(pattern);
    }
}

const AUTHOR_NAMES: [&str; 9] = [
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "citation_author",
    "twitter:creator",
];

const DATE_NAMES: [&str; 14] = [
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "citation_publication_date",
    "date",
];

/// Reads the page's metadata.
pub fn read(html: &Html) -> Metadata {
    let mut found = jsonld::read(html);
    let mut named: Vec<(String, String)> = Vec::new();
    for meta in html.select(&META) {
        let element = meta.value();
        let key = element
            .attr("property")
            .or_else(|| element.attr("name"))
            .or_else(|| element.attr("itemprop"))
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let value = element.attr("content").unwrap_or("").trim();
        if !key.is_empty() && !value.is_empty() {
            named.push((key, value.to_string()));
        }
    }
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            named
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        })
    };
    for key in ["og:title", "twitter:title"] {
        if let Some(title) = get(&[key]) {
            found.headlines.push(title);
        }
    }
    if found.author.is_none() {
        found.author = AUTHOR_NAMES
            .iter()
            .filter_map(|k| get(&[k]))
            .chain(labelled_author(&named))
            .find(|v| is_name(v));
    }
    found
        .published
        .extend(DATE_NAMES.iter().filter_map(|k| get(&[k])));
    let named_like = |has: &dyn Fn(&str) -> bool| -> Vec<String> {
        named
            .iter()
            .filter(|(key, _)| has(key))
            .map(|(_, v)| v.clone())
            .collect()
    };
    found.published.extend(named_like(&|k: &str| {
        k.contains("publish") && !k.contains("publisher") && !DATE_NAMES.contains(&k)
    }));
    found.modified.extend(named_like(&|k: &str| {
        k.contains("modified") || k.contains("updated_time")
    }));
    found.site_name = get(&["og:site_name", "application-name"]);
    found.is_article |= get(&["og:type"]).is_some_and(|t| t.eq_ignore_ascii_case("article"));
    found.description = get(&["og:description", "description", "twitter:description"]);
    if found.url.is_none() {
        found.url = html
            .select(&CANONICAL)
            .find_map(|link| link.value().attr("href"))
            .map(str::to_string)
            .or_else(|| get(&["og:url"]))
            .filter(|u| u.starts_with("http"));
    }
    found.title_tag = html.select(&TITLE).next().map(text_of);
    read_microdata(html, &mut found);
    for time in html.select(&TIME).take(3) {
        if let Some(value) = time.value().attr("datetime") {
            found.published.push(value.trim().to_string());
        }
    }
    found.lang = html.root_element().value().attr("lang").map(str::to_string);
    let english = found
        .lang
        .as_deref()
        .is_some_and(|l| l.to_ascii_lowercase().starts_with("en"));
    if english && found.authors.len() >= 2 {
        found.author = Some(english_list(&found.authors));
    }
    found
}

/// The value SEO plugins print as `twitter:label1` `Written by`, `twitter:data1` `Name`.
fn labelled_author(named: &[(String, String)]) -> Option<String> {
    let (key, _) = named.iter().find(|(key, value)| {
        key.starts_with("twitter:label")
            && ["written by", "author", "by"].contains(&value.trim().to_lowercase().as_str())
    })?;
    let data = key.replace("twitter:label", "twitter:data");
    named
        .iter()
        .find(|(key, _)| *key == data)
        .map(|(_, value)| value.clone())
}

/// `itemprop` headline, author and datePublished.
fn read_microdata(html: &Html, found: &mut Metadata) {
    for element in html.select(&ITEMPROP).take(2000) {
        let prop = element.value().attr("itemprop").unwrap_or("");
        match prop {
            "headline" => {
                let text = text_of(element);
                if !text.is_empty() {
                    found.headlines.push(text);
                }
            }
            "author" | "creator" if found.author.is_none() => {
                let name = element
                    .select(&NAME)
                    .next()
                    .map(|n| {
                        n.value()
                            .attr("content")
                            .map(str::to_string)
                            .unwrap_or_else(|| text_of(n))
                    })
                    .or_else(|| element.value().attr("content").map(str::to_string))
                    .unwrap_or_else(|| text_of(element));
                if is_name(&name) {
                    found.author = Some(name);
                }
            }
            "datePublished" | "dateCreated" => {
                let value = element
                    .value()
                    .attr("content")
                    .or_else(|| element.value().attr("datetime"))
                    .map(str::to_string)
                    .unwrap_or_else(|| text_of(element));
                found.published.push(value);
            }
            _ => {}
        }
    }
}

/// An element's text with spaces collapsed.
pub fn text_of(element: ElementRef<'_>) -> String {
    element
        .text()
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Names joined as an English byline prints them: `A and B`, `A, B, and C`.
pub fn english_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// Whether a value can be a person's or a desk's name: not an address, not too long.
pub fn is_name(value: &str) -> bool {
    let value = value.trim();
    !value.is_empty()
        && !value.contains("://")
        && !value.starts_with('@')
        && !value.starts_with("www.")
        && value.chars().count() <= 120
        && value.chars().any(char::is_alphabetic)
}
