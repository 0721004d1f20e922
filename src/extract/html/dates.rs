//! The date printed beside the article: a short line that is a date, perhaps with a
//! label, a time or a byline around it (`Jun 08, 2023 • 11 Minute Read`, `Posted on April
//! 13, 2023`, `By Jane Doe • March 12, 2025`, `Thứ năm, 2/11/2023, 19:20 (GMT+7)`,
//! `Last updated: November 13, 2025`).
//!
//! A date found above the body or under the headline that does not call itself an update
//! is the date the page shows its readers as the publication date: it is preferred to the
//! metadata's, which is often the day the entry was created in the CMS (see
//! [`Fields::published`](crate::extract::Fields::published)).
//!
//! Where it is looked for, in order: the lines set aside above the body; the blocks from
//! the headline to the body (at least fifteen), inside the container; the nearest of the
//! fifteen blocks
//! before the headline; the fifteen blocks after the body's last block. Lines inside
//! comments or strong boilerplate (related links, where every teaser has its own date) are
//! never read. A date inside the body's prose is the lead's business
//! ([`find_lead_date`](crate::extract::date::find_lead_date)), not this one's.

use super::super::date::Date;
use super::super::date_forms::parse_date_line;
use super::blocks::Block;
use super::hints::{COMMENTS, STRONG};

/// How many blocks each zone reads.
const ZONE: usize = 15;

/// Where the article sits among the page's blocks.
pub struct Around<'a> {
    /// Blocks set aside above the body (bylines, date lines).
    pub header: &'a [usize],
    /// Node of the headline (or of the container when no headline block was found).
    pub start: usize,
    /// One past the container's last node.
    pub end: usize,
    /// Index of the body's first and last blocks.
    pub first_body: Option<usize>,
    pub last_body: Option<usize>,
}

/// A date printed beside the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Printed {
    pub date: Date,
    /// Found above the body or under the headline (not before it, not after the body).
    pub under_headline: bool,
    /// The line calls the date an update (`Updated`, `Last modified`, `Cập nhật`).
    pub update: bool,
}

/// Whether a date line names a modification rather than the publication.
fn is_update(line: &str) -> bool {
    let lower = line.to_lowercase();
    ["updated", "modified", "cập nhật", "revised"]
        .iter()
        .any(|w| lower.contains(w))
}

/// The date printed beside the article, if any.
pub fn printed_date(blocks: &[Block], around: &Around<'_>) -> Option<Printed> {
    let date_at = |k: &usize| -> Option<(Date, bool)> {
        let block = blocks.get(*k)?;
        if block.flags & (COMMENTS | STRONG) != 0 {
            return None;
        }
        parse_date_line(&block.text).map(|date| (date, is_update(&block.text)))
    };
    let printed = |(date, update), under_headline| Printed {
        date,
        under_headline,
        update,
    };
    if let Some(found) = around.header.iter().find_map(date_at) {
        return Some(printed(found, true));
    }
    let first_after = blocks
        .iter()
        .position(|b| b.node >= around.start)
        .unwrap_or(blocks.len());
    let reach = around.first_body.unwrap_or(0).max(first_after + ZONE);
    let mut after_headline =
        (first_after..reach.min(blocks.len())).filter(|&k| blocks[k].node < around.end);
    let mut before_headline = (first_after.saturating_sub(ZONE)..first_after).rev();
    let mut after_body = around
        .last_body
        .map_or(0..0, |last| last + 1..(last + 1 + ZONE).min(blocks.len()));
    after_headline
        .find_map(|k| date_at(&k))
        .map(|found| printed(found, true))
        .or_else(|| {
            before_headline
                .find_map(|k| date_at(&k))
                .map(|found| printed(found, false))
        })
        .or_else(|| {
            after_body
                .find_map(|k| date_at(&k))
                .map(|found| printed(found, false))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(node: usize, text: &str) -> Block {
        Block {
            node,
            text: text.to_string(),
            words: text.split_whitespace().count(),
            ..Block::default()
        }
    }

    #[test]
    fn dates_around_the_headline() {
        let blocks = [
            block(1, "Monday, January 5, 2026"),
            block(3, "The Headline"),
            block(4, "By Jane Doe • March 12, 2025"),
            block(6, "A first paragraph of the article, with words."),
            block(9, "Last updated: November 13, 2025"),
        ];
        let mut around = Around {
            header: &[],
            start: 3,
            end: 8,
            first_body: Some(3),
            last_body: Some(3),
        };
        let date =
            |blocks: &[Block], around: &Around<'_>| printed_date(blocks, around).map(|p| p.date);
        let found = printed_date(&blocks, &around);
        assert_eq!(
            found.map(|p| (p.under_headline, p.update)),
            Some((true, false))
        );
        assert_eq!(date(&blocks, &around), Date::new(2025, 3, 12));
        let without = [&blocks[..2], &blocks[3..]].concat();
        around.first_body = Some(2);
        around.last_body = Some(2);
        assert_eq!(date(&without, &around), Date::new(2026, 1, 5));
        let mut related = without.clone();
        related[0].flags = STRONG;
        let last = printed_date(&related, &around);
        assert_eq!(last.map(|p| p.date), Date::new(2025, 11, 13));
        assert_eq!(
            last.map(|p| (p.under_headline, p.update)),
            Some((false, true))
        );
    }
}
