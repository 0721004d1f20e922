//! JSON-LD (`<script type="application/ld+json">`): the `headline`, `author`,
//! `datePublished` and `url` of the first object whose `@type` is an article kind
//! (`Article`, `NewsArticle`, `BlogPosting`, `Report`, …), found at the top, in an array or
//! in an `@graph`. Authors are joined with `, ` (`Chen Zhao, Daryl Fairweather`).
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
    for script in html.select(&LD_JSON).take(50) {
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        if let Some(article) = find_article(&value) {
            found.is_article = true;
            take_fields(article, &mut found);
            if found.author.is_some() && !found.headlines.is_empty() {
                break;
            }
        }
    }
    found
}

/// The first object of an article type, searched breadth-first.
fn find_article(root: &Value) -> Option<&Value> {
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
                if is_article_type(map.get("@type")) {
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

fn take_fields(article: &Value, found: &mut Metadata) {
    if let Some(headline) = article
        .get("headline")
        .or_else(|| article.get("name"))
        .and_then(Value::as_str)
        && !headline.trim().is_empty()
    {
        found.headlines.push(headline.trim().to_string());
    }
    if found.author.is_none() {
        found.author = article.get("author").and_then(author_names);
    }
    for key in ["datePublished", "dateCreated"] {
        if let Some(date) = article.get(key).and_then(Value::as_str) {
            found.published.push(date.trim().to_string());
        }
    }
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

/// Names from an `author` value: a string, an object with `name`, or a list of either.
fn author_names(value: &Value) -> Option<String> {
    let one = |v: &Value| -> Option<String> {
        let name = match v {
            Value::String(s) => s.as_str(),
            Value::Object(map) => map.get("name").and_then(Value::as_str)?,
            _ => return None,
        };
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        is_name(&name).then_some(name)
    };
    let names: Vec<String> = match value {
        Value::Array(items) => items.iter().take(10).filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    };
    (!names.is_empty()).then(|| names.join(", "))
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
    }

    #[test]
    fn broken_json_is_skipped() {
        let deep = "[".repeat(100_000);
        let page = format!(r#"<script type="application/ld+json">{deep}</script>"#);
        assert_eq!(read(&Html::parse_document(&page)), Metadata::default());
    }
}
