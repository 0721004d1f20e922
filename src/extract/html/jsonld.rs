//! JSON-LD (`<script type="application/ld+json">`): the `headline`, `author`,
//! `datePublished`, `dateModified` and `url` of the first object whose `@type` is an
//! article kind (`Article`, `NewsArticle`, `BlogPosting`, `Report`, …), found at the top,
//! in an array or in an `@graph`; without one, the dates of the first object that has a
//! `datePublished` (the `WebPage` of SEO plugins' graphs). Authors are joined with `, ` (`Chen Zhao, Daryl Fairweather`); an
//! author given by reference (`{"@id": "…#/schema/person/1"}`) is looked up by its `@id`
//! in the same script, and one typed `Organization` is marked as such.
//!
//! Refuses nothing loudly: a script that is not valid JSON (or nests deeper than serde's
//! limit) is skipped. The search over objects uses an explicit stack and visits at most
//! 10,000 values.

use std::sync::LazyLock;

use scraper::{Html, Selector};
use serde_json::Value;

use super::metadata::{Metadata, is_name};

static LD_JSON: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse(r#"script[type="application/ld+json"]"#)
        .unwrap_or_else(|_| Selector::parse("script").expect("valid selector"))
});

const ARTICLE_TYPES: [&str; 12] = [
    "article",
    "newsarticle",
    "blogposting",
    "report",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "techarticle",
    "scholarlyarticle",
    "socialmediaposting",
    "liveblogposting",
    "posting",
];

/// The metadata JSON-LD gives (headline, author, published, url).
pub fn read(html: &Html) -> Metadata {
    let mut found = Metadata::default();
    let (mut page_dates, mut page_dates_modified) = (Vec::new(), Vec::new());
    for script in html.select(&LD_JSON).take(50) {
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        if let Some(article) = find_in(&value, |map| is_article_type(map.get("@type"))) {
            found.is_article = true;
            take_fields(article, &value, &mut found);
            if found.author.is_some() && !found.headlines.is_empty() {
                break;
            }
        } else if let Some(page) = find_in(&value, |map| map.contains_key("datePublished")) {
            page_dates.extend(dates(page, "datePublished"));
            page_dates_modified.extend(dates(page, "dateModified"));
        }
    }
    if found.published.is_empty() {
        found.published = page_dates;
    }
    if found.modified.is_empty() {
        found.modified = page_dates_modified;
    }
    found
}

/// The string values of `key` (one string or a list of them).
fn dates(object: &Value, key: &str) -> Vec<String> {
    match object.get(key) {
        Some(Value::String(s)) => vec![s.trim().to_string()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_string())
            .collect(),
        _ => Vec::new(),
    }
}

/// The first object `wanted` accepts, searched breadth-first through arrays, `@graph`,
/// `mainEntity` and `itemListElement`.
fn find_in(
    root: &Value,
    wanted: impl Fn(&serde_json::Map<String, Value>) -> bool,
) -> Option<&Value> {
    let mut queue = std::collections::VecDeque::from([root]);
    let mut visited = 0;
    while let Some(value) = queue.pop_front() {
        visited += 1;
        if visited > 10_000 {
            return None;
        }
        match value {
            Value::Array(items) => queue.extend(items.iter()),
            Value::Object(map) => {
                if wanted(map) {
                    return Some(value);
                }
                for key in ["@graph", "mainEntity", "itemListElement"] {
                    if let Some(inner) = map.get(key) {
                        queue.push_back(inner);
                    }
                }
            }
            _ => {}
        }
    }
    None
}

fn is_article_type(kind: Option<&Value>) -> bool {
    let matches = |s: &str| ARTICLE_TYPES.contains(&s.to_ascii_lowercase().as_str());
    match kind {
        Some(Value::String(s)) => matches(s),
        Some(Value::Array(kinds)) => kinds.iter().any(|k| k.as_str().is_some_and(matches)),
        _ => false,
    }
}

fn take_fields(article: &Value, root: &Value, found: &mut Metadata) {
    if let Some(headline) = article
        .get("headline")
        .or_else(|| article.get("name"))
        .and_then(Value::as_str)
        && !headline.trim().is_empty()
    {
        found.headlines.push(headline.trim().to_string());
    }
    if found.author.is_none()
        && let Some(author) = article.get("author")
    {
        let authors = resolve(author, root);
        found.authors = author_names(&authors);
        found.author = (!found.authors.is_empty()).then(|| found.authors.join(", "));
        found.author_is_organization = !authors.is_empty()
            && authors.iter().all(|a| {
                a.get("@type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.eq_ignore_ascii_case("organization"))
            });
    }
    for key in ["datePublished", "dateCreated"] {
        found.published.extend(dates(article, key));
    }
    found.modified.extend(dates(article, "dateModified"));
    if found.url.is_none() {
        found.url = article
            .get("url")
            .and_then(Value::as_str)
            .or_else(|| {
                article
                    .get("mainEntityOfPage")
                    .and_then(|m| m.get("@id").or(Some(m)))
                    .and_then(Value::as_str)
            })
            .filter(|u| u.starts_with("http"))
            .map(str::to_string);
    }
}

/// The authors an `author` value lists, each reference (`{"@id": "…#author"}`) replaced
/// by the object of the same `@id` elsewhere in the script (Yoast's `@graph`).
fn resolve<'a>(author: &'a Value, root: &'a Value) -> Vec<&'a Value> {
    let listed: Vec<&Value> = match author {
        Value::Array(items) => items.iter().take(10).collect(),
        other => vec![other],
    };
    listed
        .into_iter()
        .map(|a| match a.get("@id").and_then(Value::as_str) {
            Some(id) if a.get("name").is_none() => find_by_id(root, id).unwrap_or(a),
            _ => a,
        })
        .collect()
}

/// The object whose `@id` is `id` and that has a `name`, searched breadth-first.
fn find_by_id<'a>(root: &'a Value, id: &str) -> Option<&'a Value> {
    let mut queue = std::collections::VecDeque::from([root]);
    let mut visited = 0;
    while let Some(value) = queue.pop_front() {
        visited += 1;
        if visited > 10_000 {
            return None;
        }
        match value {
            Value::Array(items) => queue.extend(items.iter()),
            Value::Object(map) => {
                if map.get("@id").and_then(Value::as_str) == Some(id) && map.contains_key("name") {
                    return Some(value);
                }
                queue.extend(map.values());
            }
            _ => {}
        }
    }
    None
}

/// Names from the authors: strings or objects with a `name`.
fn author_names(authors: &[&Value]) -> Vec<String> {
    let one = |v: &&Value| -> Option<String> {
        let name = match v {
            Value::String(s) => s.as_str(),
            Value::Object(map) => map.get("name").and_then(Value::as_str)?,
            _ => return None,
        };
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        is_name(&name).then_some(name)
    };
    authors.iter().filter_map(one).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_in_graph() {
        let page = r#"<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Site"},{"@type":["NewsArticle"],"headline":"Real headline","author":[{"@type":"Person","name":"Chen Zhao"},{"name":"Daryl Fairweather"}],"datePublished":"2025-12-02T08:00:00Z"}]}</script>"#;
        let found = read(&Html::parse_document(page));
        assert_eq!(found.headlines, ["Real headline"]);
        assert_eq!(
            found.author.as_deref(),
            Some("Chen Zhao, Daryl Fairweather")
        );
        assert_eq!(found.published, ["2025-12-02T08:00:00Z"]);
        let english = format!("<html lang=en-US>{page}");
        let found = crate::extract::html::metadata::read(&Html::parse_document(&english));
        assert_eq!(
            found.author.as_deref(),
            Some("Chen Zhao and Daryl Fairweather")
        );
        let yoast = r#"<script type="application/ld+json">{"@graph":[{"@type":"Article","headline":"H","author":{"@id":"https://x.com/#/person/1"}},{"@type":"Person","@id":"https://x.com/#/person/1","name":"Jane Doe"}]}</script>"#;
        let found = read(&Html::parse_document(yoast));
        assert_eq!(found.author.as_deref(), Some("Jane Doe"));
        assert!(!found.author_is_organization);
        let webpage = r#"<script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2024-03-17T19:47:39+00:00","dateModified":"2024-05-03"}]}</script>"#;
        let found = read(&Html::parse_document(webpage));
        assert!(!found.is_article);
        assert_eq!(found.published, ["2024-03-17T19:47:39+00:00"]);
        assert_eq!(found.modified, ["2024-05-03"]);
    }

    #[test]
    fn broken_json_is_skipped() {
        let deep = "[".repeat(100_000);
        let page = format!(r#"<script type="application/ld+json">{deep}</script>"#);
        assert_eq!(read(&Html::parse_document(&page)), Metadata::default());
    }
}
