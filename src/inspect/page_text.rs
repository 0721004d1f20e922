//! The text of a parsed page as pieces a value can be looked up in: every text node
//! (visible text, `<title>`, JSON-LD) and every `<meta content>` and `<time datetime>`,
//! repaired as the record's fields were, each with a short description of where it is
//! (`div.sidebar > h1.title-detail`). Bounded: at most [`MAX_NODES`] nodes and
//! [`MAX_ELEMENTS`] elements are examined.

use scraper::{ElementRef, Html, Node};

/// Text nodes examined, at most.
const MAX_NODES: usize = 50_000;
/// Elements examined when a value spans text nodes, at most.
const MAX_ELEMENTS: usize = 20_000;
/// Elements with more text than this (bytes) are not examined.
const MAX_ELEMENT_TEXT: usize = 100_000;

/// Where a piece of page text sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Visible,
    TitleTag,
    JsonLd,
    Meta,
}

/// One piece of page text (repaired, whitespace collapsed) and where it is.
pub struct Piece {
    pub text: String,
    pub place: Place,
    pub at: String,
}

/// Every text node (visible, `<title>`, JSON-LD) and every `<meta content>`, repaired.
pub fn pieces(html: &Html, clean: &dyn Fn(&str) -> String) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for node in html.root_element().descendants().take(MAX_NODES) {
        match node.value() {
            Node::Text(text) => {
                let Some(parent) = node.parent().and_then(ElementRef::wrap) else {
                    continue;
                };
                let place = match parent.value().name() {
                    "title" => Place::TitleTag,
                    "script" if is_json_ld(parent) => Place::JsonLd,
                    "script" | "style" | "noscript" | "template" => continue,
                    _ => Place::Visible,
                };
                let text = clean(text);
                if text.is_empty() {
                    continue;
                }
                let at = match place {
                    Place::JsonLd => "JSON-LD <script type=\"application/ld+json\">".into(),
                    Place::TitleTag => "<title>".into(),
                    _ => describe(parent),
                };
                pieces.push(Piece { text, place, at });
            }
            Node::Element(element) if matches!(element.name(), "meta" | "time") => {
                let (name, content) = match element.name() {
                    "meta" => ("meta", element.attr("content")),
                    _ => ("time", element.attr("datetime")),
                };
                let Some(content) = content else {
                    continue;
                };
                let key = ["property", "name", "itemprop", "datetime"]
                    .iter()
                    .find_map(|a| element.attr(a).map(|v| format!(" {a}=\"{v}\"")));
                pieces.push(Piece {
                    text: clean(content),
                    place: Place::Meta,
                    at: format!("<{name}{}>", key.unwrap_or_default()),
                });
            }
            _ => {}
        }
    }
    pieces
}

fn is_json_ld(element: ElementRef) -> bool {
    element
        .value()
        .attr("type")
        .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"))
}

/// The element with the shortest text that holds `needle` (the last such, `from_end`).
pub fn smallest_holding(
    html: &Html,
    needle: &str,
    clean: &dyn Fn(&str) -> String,
    from_end: bool,
) -> Option<String> {
    let mut best: Option<(usize, ElementRef)> = None;
    let elements = html
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap);
    for element in elements.take(MAX_ELEMENTS) {
        if matches!(
            element.value().name(),
            "script" | "style" | "head" | "title"
        ) {
            continue;
        }
        let raw: String = element.text().collect();
        if raw.len() > MAX_ELEMENT_TEXT {
            continue;
        }
        let text = clean(&raw);
        if !text.contains(needle) {
            continue;
        }
        let length = text.len();
        // Among elements with the same text, the innermost (`p` in `figcaption`).
        let better = match best {
            None => true,
            Some((shortest, holder)) => {
                length < shortest
                    || length == shortest
                        && (from_end || element.ancestors().any(|a| a.id() == holder.id()))
            }
        };
        if better {
            best = Some((length, element));
        }
    }
    best.map(|(_, element)| describe(element))
}

/// `section.page > div.sidebar > h1.title-detail`: the element and up to two ancestors.
fn describe(element: ElementRef) -> String {
    let mut parts = vec![one(element)];
    let mut current = element;
    while parts.len() < 3 {
        let Some(parent) = current.parent().and_then(ElementRef::wrap) else {
            break;
        };
        if matches!(parent.value().name(), "html" | "body") {
            break;
        }
        parts.push(one(parent));
        current = parent;
    }
    parts.reverse();
    parts.join(" > ")
}

fn one(element: ElementRef) -> String {
    let value = element.value();
    let mut out = value.name().to_string();
    if let Some(id) = value.id() {
        out.push('#');
        out.push_str(id);
    }
    for class in value.classes().take(2) {
        out.push('.');
        out.push_str(class);
    }
    out
}
