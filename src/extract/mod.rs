//! Extract: decoded text in, article fields out. One module per document layout
//! ([`text`] for plain-text dumps, [`html`] for saved web pages), and shared helpers for
//! the parts every layout has: [`date`] and [`date_forms`], [`dateline`], [`byline`],
//! [`language`].
//!
//! Where a field is absent it stays `None`: nothing is guessed. A document that holds no
//! article (no headline, no text) is refused with a reason.

pub mod byline;
pub mod date;
pub mod date_forms;
pub mod dateline;
pub mod html;
pub mod language;
pub mod text;

/// Every group of patterns that extraction compiles on first use (regular expressions,
/// CSS selectors, word lists), for a caller that would rather compile them ahead, while it
/// waits for its first documents: a pattern with Unicode classes (`\p{L}`, `(?i)` over
/// Vietnamese letters) takes milliseconds, and a second thread that needs one meanwhile
/// waits for the first to finish it. The text-dump groups come first.
pub const PATTERN_GROUPS: [fn(); 7] = [
    date::compile_patterns,
    dateline::compile_patterns,
    byline::compile_patterns,
    date_forms::compile_patterns,
    html::names::compile_patterns,
    html::classes::compile_patterns,
    html::metadata::compile_patterns,
];

use crate::record::DateSource;
use crate::reject::Reason;
use crate::words::count_words;
use date::Date;

/// The article fields a layout parser finds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fields {
    pub title: String,
    pub lead: Option<String>,
    pub body: String,
    pub captions: Vec<String>,
    pub author: Option<String>,
    pub dateline: Option<String>,
    pub url: Option<String>,
    pub header_date: Option<Date>,
    pub dateline_date: Option<Date>,
    /// The publication date the page's metadata states (web pages only).
    pub metadata_date: Option<Date>,
    /// The date in the page's address (web pages only).
    pub url_date: Option<Date>,
    /// The header date was printed under the headline and does not call itself an
    /// update: it is the publication date the page shows, and beats the metadata's.
    pub header_is_publication: bool,
    /// Changes made while extracting (`line-join`), appended after decoding's repairs.
    pub repairs: Vec<String>,
    pub warnings: Vec<String>,
}

impl Fields {
    /// The best estimate of the publication date and where it came from: the header date
    /// when it is the publication date printed under the headline and the metadata says
    /// otherwise; else the date the
    /// page's metadata states; else the date the lead names, unless it falls after the
    /// header date (an event announced ahead of time, so the page is older than it);
    /// otherwise the header date; last, the date in the address.
    pub fn published(&self) -> Option<(Date, DateSource)> {
        if let (true, Some(header)) = (self.header_is_publication, self.header_date)
            && self.metadata_date != Some(header)
        {
            return Some((header, DateSource::Header));
        }
        if let Some(date) = self.metadata_date {
            return Some((date, DateSource::Metadata));
        }
        match (self.dateline_date, self.header_date) {
            (Some(dateline), Some(header)) if dateline > header => {
                Some((header, DateSource::Header))
            }
            (Some(dateline), _) => Some((dateline, DateSource::Dateline)),
            (None, Some(header)) => Some((header, DateSource::Header)),
            (None, None) => self.url_date.map(|date| (date, DateSource::Url)),
        }
    }

    /// Words (whitespace-separated tokens) in the lead and body.
    pub fn word_count(&self) -> u64 {
        let lead = self.lead.as_deref().unwrap_or("");
        (count_words(lead) + count_words(&self.body)) as u64
    }
}

/// Why a document holds no article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtractRefusal {
    pub reason: Reason,
    pub message: String,
}

impl ExtractRefusal {
    pub fn new(reason: Reason, message: impl Into<String>) -> Self {
        ExtractRefusal {
            reason,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_publication_date_beats_disagreeing_metadata() {
        let day = |d| Date::new(2025, 3, d);
        let mut fields = Fields {
            metadata_date: day(1),
            header_date: day(12),
            ..Fields::default()
        };
        assert_eq!(
            fields.published(),
            day(1).map(|d| (d, DateSource::Metadata))
        );
        fields.header_is_publication = true;
        assert_eq!(fields.published(), day(12).map(|d| (d, DateSource::Header)));
        fields.metadata_date = day(12);
        assert_eq!(
            fields.published(),
            day(12).map(|d| (d, DateSource::Metadata))
        );
    }
}
