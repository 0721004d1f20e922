//! The plain-text dump layout of provincial papers: an optional header date line, the
//! title, a lead opening with a dateline code, caption blocks where photos stood, body
//! paragraphs, and a byline on the last line. Blocks are separated by blank lines; the
//! lines inside a block are joined with one space (`line-join`).
//!
//! A caption is a block of at most 300 characters and 3 lines that names a photo credit
//! (`Ảnh: …`), or does not end like a sentence and is either broken over lines, set apart
//! by two blank lines, or at least 8 words long. Shorter unpunctuated lines are kept in the
//! body as subheadings. The first paragraph is the lead when it opens with a dateline code
//! or a caption follows it; otherwise there is no lead and it is body.
//!
//! Refuses a dump whose first block is not a headline (`no_title`) or that has nothing
//! after its headline (`empty_body`).

use super::byline::parse_byline;
use super::date::{self, HeaderDate};
use super::dateline::split_dateline;
use super::{ExtractRefusal, Fields};
use crate::reject::Reason;
use crate::words::{collapse_whitespace, count_words};

/// One block of non-blank lines, with the number of blank lines before it.
struct Block {
    lines: Vec<String>,
    blank_before: usize,
}

impl Block {
    fn joined(&self) -> String {
        self.lines.join(" ")
    }
}

/// Parses a decoded text dump into fields.
pub fn extract(text: &str) -> Result<Fields, ExtractRefusal> {
    let mut blocks = split_blocks(text);
    let mut fields = Fields::default();

    let header = take_header(&mut blocks);
    if let Some(HeaderDate {
        date,
        weekday_matches,
    }) = header
    {
        fields.header_date = Some(date);
        if weekday_matches == Some(false) {
            fields.warnings.push("weekday-mismatch".to_string());
        }
    }

    if blocks.is_empty() {
        return Err(ExtractRefusal::new(
            Reason::NoTitle,
            "the text holds no headline: nothing follows the header date",
        ));
    }
    let title_block = blocks.remove(0);
    check_title(&title_block)?;
    fields.title = join_lines(&title_block, &mut fields.repairs);
    if blocks.is_empty() {
        return Err(ExtractRefusal::new(
            Reason::EmptyBody,
            "the text has a headline but no article text after it",
        ));
    }

    let byline = blocks
        .last()
        .filter(|b| b.lines.len() == 1)
        .and_then(|b| parse_byline(&b.lines[0]));
    if let Some(author) = byline.filter(|_| blocks.len() > 1) {
        fields.author = Some(author);
        blocks.pop();
    }

    let mut index = 0;
    while index < blocks.len() && is_caption(&blocks[index]) {
        index += 1;
    }
    let mut lead_index = None;
    if let Some(first) = blocks.get(index) {
        let text = first.joined();
        let followed_by_caption = blocks.get(index + 1).is_some_and(is_caption);
        if split_dateline(&text).is_some() || followed_by_caption {
            lead_index = Some(index);
        }
    }

    let mut body = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let text = join_lines(block, &mut fields.repairs);
        if Some(i) == lead_index {
            match split_dateline(&text) {
                Some(dateline) => {
                    fields.dateline = Some(dateline.code.to_string());
                    fields.lead = Some(dateline.rest.to_string());
                }
                None => fields.lead = Some(text),
            }
        } else if is_caption(block) {
            fields.captions.push(text);
        } else {
            body.push(text);
        }
    }
    if body.is_empty() {
        match fields.lead.take() {
            Some(lead) => body.push(lead),
            None => {
                return Err(ExtractRefusal::new(
                    Reason::EmptyBody,
                    "the text has a headline but no paragraph of article text",
                ));
            }
        }
    }
    fields.body = body.join("\n\n");

    let opening = fields.lead.as_deref().unwrap_or(&fields.body);
    fields.dateline_date = date::find_lead_date(opening, fields.header_date);
    if let (Some(dateline), Some(header)) = (fields.dateline_date, fields.header_date)
        && dateline > header
    {
        fields.warnings.push("dateline-after-header".to_string());
    }
    Ok(fields)
}

/// Splits text into blocks at blank lines; spaces inside lines are collapsed to one.
fn split_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut blank = 0;
    let mut blank_before = 0;
    for line in text.lines() {
        let line = collapse_whitespace(line).into_owned();
        if line.is_empty() {
            if !current.is_empty() {
                blocks.push(Block {
                    lines: std::mem::take(&mut current),
                    blank_before,
                });
                blank = 0;
            }
            blank += 1;
        } else {
            if current.is_empty() {
                blank_before = blank;
            }
            current.push(line);
        }
    }
    if !current.is_empty() {
        blocks.push(Block {
            lines: current,
            blank_before,
        });
    }
    blocks
}

/// Removes a header date line from the top, alone in its block or first in it.
fn take_header(blocks: &mut Vec<Block>) -> Option<HeaderDate> {
    let first = blocks.first_mut()?;
    let header = date::parse_header_line(&first.lines[0])?;
    first.lines.remove(0);
    if first.lines.is_empty() {
        blocks.remove(0);
    }
    Some(header)
}

fn check_title(block: &Block) -> Result<(), ExtractRefusal> {
    let text = block.joined();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let words = text.split_whitespace().count();
    let sentence_like = words > 30 || (words > 20 && text.ends_with('.'));
    if block.lines.len() > 3 || text.chars().count() > 300 || sentence_like {
        return Err(ExtractRefusal::new(
            Reason::NoTitle,
            format!(
                "the first block ({words} words) reads as a paragraph, not a headline: the dump has no recognisable title"
            ),
        ));
    }
    if letters < 2 {
        return Err(ExtractRefusal::new(
            Reason::NoTitle,
            "the first block holds no words, so there is no recognisable title",
        ));
    }
    Ok(())
}

/// Joins a block's lines with spaces, recording `line-join` when there was more than one.
fn join_lines(block: &Block, repairs: &mut Vec<String>) -> String {
    if block.lines.len() > 1 && !repairs.iter().any(|r| r == "line-join") {
        repairs.push("line-join".to_string());
    }
    block.joined()
}

/// Whether `text`, lowercased, holds `ảnh:`, `(ảnh` or `ảnh minh họa`. Each holds an `ả`,
/// so only the few characters around each `ả`/`Ả` are lowercased (lowercasing is
/// character by character, so the answer is the same; most Vietnamese blocks have an `ả`,
/// and lowercasing them whole was a visible share of reading a dump).
fn names_a_photo(text: &str) -> bool {
    text.match_indices(['ả', 'Ả']).any(|(at, _)| {
        let start = text[..at]
            .chars()
            .next_back()
            .map_or(at, |c| at - c.len_utf8());
        // `ả` and the 11 characters of `nh minh họa` after it.
        let end = text[at..]
            .char_indices()
            .nth(12)
            .map_or(text.len(), |(k, _)| at + k);
        let around = text[start..end].to_lowercase();
        around.contains("ảnh:") || around.contains("(ảnh") || around.contains("ảnh minh họa")
    })
}

/// Whether a block is a photo caption (see the module doc).
fn is_caption(block: &Block) -> bool {
    // Longer than 300 characters of at most 4 bytes: no need to join and count.
    let bytes: usize = block.lines.iter().map(|line| line.len() + 1).sum();
    if block.lines.len() > 3 || bytes > 4 * 301 {
        return false;
    }
    let text = block.joined();
    let chars = text.chars().count();
    if chars > 300 || block.lines.len() > 3 {
        return false;
    }
    if names_a_photo(&text) {
        return true;
    }
    if text.ends_with(['.', '!', '?', ':', ';', '…', '"', '”']) {
        return false;
    }
    block.lines.len() > 1 || block.blank_before >= 2 || count_words(&text) >= 8
}

#[cfg(test)]
mod tests {
    #[test]
    fn photo_credit_as_in_the_lowercased_text() {
        let pieces = [
            "ả",
            "Ả",
            "nh",
            "NH",
            ":",
            "(",
            " ",
            "minh",
            "MINH",
            "họa",
            "HỌA",
            "x",
            "Σ",
            "ảnh minh",
            "ẢNH MINH HỌ",
            "Ảnh minh họa",
        ];
        let mut next = crate::decode::scan::xorshift();
        for _ in 0..20_000 {
            let text: String = (0..next() % 12)
                .map(|_| pieces[next() % pieces.len()])
                .collect();
            let lower = text.to_lowercase();
            let expected =
                lower.contains("ảnh:") || lower.contains("(ảnh") || lower.contains("ảnh minh họa");
            assert_eq!(super::names_a_photo(&text), expected, "{text:?}");
        }
    }
}
