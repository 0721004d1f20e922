//! The parsed page as a flat list of nodes in document order (preorder), each knowing its
//! parent and where its subtree ends, so that a subtree is the index range `i..end` and
//! every later pass is a loop, never a recursion: 10,000 nested tables cost 10,000 steps.
//!
//! Built once from scraper's tree with an explicit stack. Leaves out what a reader never
//! sees as article text: the `<head>`, scripts, styles, forms' controls, embedded objects,
//! comments, and elements hidden with `hidden`, `aria-hidden="true"` or `display:none`,
//! except the hidden `<div id="S:0">` blocks of React's streamed pages: a script shows
//! them at once, and they hold the whole article.

use scraper::{Html, Node};

use super::links;

/// Elements whose whole subtree is left out.
const SKIPPED: [&str; 22] = [
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "option", "textarea", "input", "button", "video", "audio", "map", "dialog",
    "title", "link",
];

/// One element's facts that extraction uses.
#[derive(Clone, Debug, Default)]
pub struct ElementInfo {
    /// Lowercase tag name.
    pub name: String,
    /// `class` and `id` values, lowercase, space-separated.
    pub class_id: String,
    /// `itemprop`, lowercase.
    pub itemprop: String,
    /// A link to the author: `rel="author"`, or an address with an `author`,
    /// `contributor` or `writer` folder (`/authors/jane-doe`).
    pub author_link: bool,
    /// A link that leaves the site or stays in the page (see [`links`](super::links)).
    pub offsite_link: bool,
}

/// What a node is.
#[derive(Clone, Debug)]
pub enum Content {
    Element(ElementInfo),
    Text(String),
}

/// One node of the flat tree.
#[derive(Clone, Debug)]
pub struct DomNode {
    /// Index of the parent; the root (index 0) is its own parent.
    pub parent: usize,
    /// One past the last index of this node's subtree.
    pub end: usize,
    pub content: Content,
}

impl DomNode {
    /// The element's tag name, or `""` for text.
    pub fn name(&self) -> &str {
        match &self.content {
            Content::Element(e) => &e.name,
            Content::Text(_) => "",
        }
    }

    pub fn element(&self) -> Option<&ElementInfo> {
        match &self.content {
            Content::Element(e) => Some(e),
            Content::Text(_) => None,
        }
    }
}

/// The flat tree.
#[derive(Clone, Debug, Default)]
pub struct Dom {
    pub nodes: Vec<DomNode>,
}

impl Dom {
    /// Flattens a parsed page (its `<html>` element and everything under it).
    pub fn build(html: &Html) -> Dom {
        Dom::build_for(html, None)
    }

    /// [`Dom::build`] for a page whose address has the host `host`: links elsewhere are
    /// marked off-site.
    pub fn build_for(html: &Html, host: Option<&str>) -> Dom {
        let mut nodes: Vec<DomNode> = Vec::new();
        let mut stack = vec![(html.root_element().id(), 0usize)];
        while let Some((id, parent)) = stack.pop() {
            let Some(node) = html.tree.get(id) else {
                continue;
            };
            let content = match node.value() {
                Node::Text(text) => Content::Text(text.to_string()),
                Node::Element(element) => {
                    let name = element.name().to_ascii_lowercase();
                    let attrs = Attrs::of(element);
                    if SKIPPED.contains(&name.as_str()) || is_hidden(&name, &attrs) {
                        continue;
                    }
                    let mut class_id = attrs.class.to_lowercase();
                    class_id.push(' ');
                    class_id.push_str(&attrs.id.to_lowercase());
                    let itemprop = attrs.itemprop.to_lowercase();
                    let author_link = name == "a" && links::is_author_link(element);
                    let offsite_link = name == "a" && links::is_offsite(element, host);
                    Content::Element(ElementInfo {
                        name,
                        class_id,
                        itemprop,
                        author_link,
                        offsite_link,
                    })
                }
                _ => continue,
            };
            let index = nodes.len();
            let is_element = matches!(content, Content::Element(_));
            nodes.push(DomNode {
                parent,
                end: index + 1,
                content,
            });
            if is_element {
                // Children go on the stack last first, so the first is popped next.
                let first = stack.len();
                stack.extend(node.children().map(|c| (c.id(), index)));
                stack[first..].reverse();
            }
        }
        for i in (1..nodes.len()).rev() {
            let parent = nodes[i].parent;
            nodes[parent].end = nodes[parent].end.max(nodes[i].end);
        }
        Dom { nodes }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

/// The attributes the flat tree reads, found in one pass over an element's attributes
/// (each `Element::attr` call interns the name and searches again; pages have tens of
/// thousands of elements).
#[derive(Default)]
struct Attrs<'a> {
    class: &'a str,
    id: &'a str,
    itemprop: &'a str,
    style: Option<&'a str>,
    hidden: bool,
    aria_hidden: Option<&'a str>,
}

impl<'a> Attrs<'a> {
    fn of(element: &'a scraper::node::Element) -> Attrs<'a> {
        let mut attrs = Attrs::default();
        for (name, value) in element.attrs() {
            match name {
                "class" => attrs.class = value,
                "id" => attrs.id = value,
                "itemprop" => attrs.itemprop = value,
                "style" => attrs.style = Some(value),
                "hidden" => attrs.hidden = true,
                "aria-hidden" => attrs.aria_hidden = Some(value),
                _ => {}
            }
        }
        attrs
    }
}

/// Hidden from readers: `hidden`, `aria-hidden="true"`, `display:none`, `visibility:hidden`.
fn is_hidden(name: &str, attrs: &Attrs) -> bool {
    if is_streamed(name, attrs) {
        return false;
    }
    if attrs.hidden || attrs.aria_hidden == Some("true") {
        return true;
    }
    attrs.style.is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// A block of a streamed React page: `<div hidden id="S:12">`.
fn is_streamed(name: &str, attrs: &Attrs) -> bool {
    name == "div"
        && attrs
            .id
            .strip_prefix("S:")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_preorder_with_subtree_ends() {
        let html = Html::parse_document(
            "<html><head><title>T</title></head><body><div><p>a<b>b</b></p></div><script>x</script><p hidden>h</p></body></html>",
        );
        let dom = Dom::build(&html);
        let names: Vec<&str> = dom.nodes.iter().map(DomNode::name).collect();
        assert_eq!(names, ["html", "body", "div", "p", "", "b", ""]);
        let streamed = Dom::build(&Html::parse_document(
            "<body><div hidden id=S:0><p>shown</p></div><div hidden id=x>not</div></body>",
        ));
        assert_eq!(streamed.len(), 5);
        let links = Dom::build(&Html::parse_document(
            "<a href='/authors/jane-doe'>J</a><a rel=author href=/x>K</a><a href='/authors/'>All</a><a href='https://x.com/author'>L</a>",
        ));
        let authors: Vec<bool> = links
            .nodes
            .iter()
            .filter_map(|n| n.element().filter(|e| e.name == "a").map(|e| e.author_link))
            .collect();
        assert_eq!(authors, [true, true, false, false]);
        assert_eq!(dom.nodes[2].end, 7);
        assert_eq!(dom.nodes[5].parent, 3);
    }

    #[test]
    fn deep_nesting_is_no_recursion() {
        let depth = 3_000;
        let page = "<div>".repeat(depth) + "x";
        let dom = Dom::build(&Html::parse_document(&page));
        assert!(dom.len() > depth);
        assert_eq!(dom.nodes[0].end, dom.len());
    }
}
