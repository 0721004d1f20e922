//! `report.html`: the run as a page people can look at, beside `report.json` in the output
//! folder and in every bundle's `data/`. One self-contained file ([`page`]): a summary,
//! SVG charts ([`charts`]) of encodings, repairs and rejects by reason, records per month,
//! field coverage, the most frequent authors and dateline codes, repaired text before and
//! after, and the rejects ([`summary`], [`sections`], [`tables`]).
//!
//! [`HtmlReportSink`] is a [`Sink`]: it sees every record and reject as they stream past
//! and keeps bounded [`Aggregates`] (memory does not grow with the corpus). The counts it
//! shows by encoding, repair, warning and reason are the run's own `Counts`, the values
//! `report.json` is written from. It is finished after the other sinks, so it can list
//! every file the run wrote; the bundles get their copy earlier ([`HtmlReportSink::for_bundle`]),
//! without the times, threads, paths and command line that differ between runs, so a
//! bundle's bytes still depend only on its contents.
//!
//! Every string from documents is escaped ([`crate::untrusted`]); the page holds no script.

pub mod charts;
pub mod collect;
pub mod counter;
mod names;
pub mod page;
pub mod sample;
pub mod sections;
pub mod summary;
pub mod tables;

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::RunFailure;
use crate::decode::DecodeOptions;
use crate::record::Article;
use crate::reject::Reject;
use crate::sinks::Sink;
use crate::sinks::atomic::AtomicFile;
use crate::sinks::report::{RunInfo, rfc3339_utc};
use collect::{Aggregates, SampleWants};
use sample::Original;

pub const FILE_NAME: &str = "report.html";

/// Gathers the run's aggregates and writes `report.html`.
pub struct HtmlReportSink {
    file: AtomicFile,
    options: DecodeOptions,
    aggregates: Aggregates,
}

impl HtmlReportSink {
    /// Starts `report.html` in `dir`; `options` are the run's decoding options (samples
    /// are decoded again with them).
    pub fn create(dir: &Path, options: &DecodeOptions) -> Result<Self> {
        Ok(HtmlReportSink {
            file: AtomicFile::create(dir, FILE_NAME)?,
            options: options.clone(),
            aggregates: Aggregates::default(),
        })
    }

    /// What the samples look for now: which records' raw bytes are worth keeping.
    pub fn sample_wants(&self) -> SampleWants {
        self.aggregates.sample_wants()
    }

    /// The copy for bundles: the same page without what differs between runs.
    pub fn for_bundle(&self, run: &RunInfo) -> String {
        render(run, &self.aggregates, true)
    }
}

/// The page for `run`.
pub fn render(run: &RunInfo, aggregates: &Aggregates, for_bundle: bool) -> String {
    let mut body = summary::summary(run, aggregates, for_bundle);
    body.push_str(&sections::counts_charts(run));
    body.push_str(&sections::timeline_and_coverage(
        run.counts.records,
        aggregates,
    ));
    body.push_str(&tables::people(aggregates));
    body.push_str(&tables::samples(aggregates));
    body.push_str(&tables::rejects(aggregates, run.counts.rejects));
    let when = if for_bundle {
        String::new()
    } else {
        format!("run finished {}", rfc3339_utc(run.finished))
    };
    page::page(&when, &body)
}

impl HtmlReportSink {
    /// Counts one record; `original` is its raw bytes and `decoded_text` its whole decoded
    /// text (a text dump's), when the worker kept them for the samples.
    pub fn add_article(
        &mut self,
        article: &Article,
        original: Option<&[u8]>,
        decoded_text: Option<&str>,
    ) {
        let seen = original.map(|bytes| Original {
            bytes,
            decoded_text,
        });
        self.aggregates.add_article(article, seen, &self.options);
    }
}

impl Sink for HtmlReportSink {
    fn article(&mut self, article: &Article, original: Option<&[u8]>) -> Result<()> {
        self.add_article(article, original, None);
        Ok(())
    }

    fn reject(&mut self, reject: &Reject) -> Result<()> {
        self.aggregates.add_reject(reject);
        Ok(())
    }

    fn finish(self: Box<Self>, run: &RunInfo) -> Result<Vec<String>> {
        let HtmlReportSink {
            mut file,
            aggregates,
            ..
        } = *self;
        let html = render(run, &aggregates, false);
        let failure = || RunFailure::Io(format!("cannot write {FILE_NAME}"));
        file.write_all(html.as_bytes()).with_context(failure)?;
        file.commit()?;
        Ok(vec![FILE_NAME.to_string()])
    }
}
