//! The caps that keep a source's memory and work bounded whatever the input claims:
//! [`read_capped`] never holds more than `--max-doc-size` bytes of one document, and a
//! [`Meter`] shared by a compressed stream's two ends ([`CountIn`] below the decompressor,
//! [`CountOut`] above it) fails the read as soon as the stream inflates more than
//! `--max-ratio` times what it consumed, once past [`RATIO_FLOOR`]. Sizes that headers
//! declare are never trusted for either.
//!
//! [`classify`] turns the I/O errors of readers (ours, flate2's, tar's, zip's) into a
//! reject reason and a sentence. Nothing here opens files.

use std::cell::Cell;
use std::error::Error;
use std::fmt;
use std::io::{self, BufRead, Read, Seek, SeekFrom};
use std::rc::Rc;

use crate::reject::Reason;

/// The ratio is only checked once a stream has inflated this many bytes: small members
/// of repetitive text legitimately reach high ratios.
pub const RATIO_FLOOR: u64 = 1 << 20;

/// Default `--max-ratio`: the limit Apache POI applies to zip members (100:1). Deflate
/// itself cannot exceed about 1032:1, so bombs sit far above it; real text sits near 5:1.
pub const DEFAULT_MAX_RATIO: u64 = 100;

/// Default `--max-depth`: archives inside archives are opened three levels deep.
pub const DEFAULT_MAX_DEPTH: u32 = 3;

/// The error a [`CountOut`] returns when its stream inflates past the ratio.
#[derive(Debug)]
pub struct Bomb {
    pub inflated: u64,
    pub compressed: u64,
    pub max_ratio: u64,
}

impl fmt::Display for Bomb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "it inflated {} bytes out of {} compressed bytes, more than the limit of {}:1 (--max-ratio): a decompression bomb",
            self.inflated, self.compressed, self.max_ratio
        )
    }
}

impl Error for Bomb {}

/// Compressed bytes in and inflated bytes out of one stream, since the current member began.
#[derive(Clone, Debug)]
pub struct Meter(Rc<MeterState>);

#[derive(Debug)]
struct MeterState {
    compressed: Cell<u64>,
    inflated: Cell<u64>,
    base_compressed: Cell<u64>,
    base_inflated: Cell<u64>,
    max_ratio: u64,
}

impl Meter {
    /// A meter whose compressed side a [`CountIn`] counts.
    pub fn new(max_ratio: u64) -> Self {
        Meter(Rc::new(MeterState {
            compressed: Cell::new(0),
            inflated: Cell::new(0),
            base_compressed: Cell::new(0),
            base_inflated: Cell::new(0),
            max_ratio,
        }))
    }

    /// A meter for a member whose compressed size is known (a zip entry).
    pub fn fixed(compressed: u64, max_ratio: u64) -> Self {
        let meter = Meter::new(max_ratio);
        meter.0.compressed.set(compressed);
        meter
    }

    /// Starts a new member: the ratio is measured from here on.
    pub fn start_member(&self) {
        self.0.base_compressed.set(self.0.compressed.get());
        self.0.base_inflated.set(self.0.inflated.get());
    }

    fn add_compressed(&self, n: usize) {
        self.0.compressed.set(self.0.compressed.get() + n as u64);
    }

    fn add_inflated(&self, n: usize) -> io::Result<()> {
        let state = &self.0;
        state.inflated.set(state.inflated.get() + n as u64);
        let inflated = state.inflated.get() - state.base_inflated.get();
        let compressed = state.compressed.get() - state.base_compressed.get();
        if inflated > RATIO_FLOOR && inflated > compressed.max(1).saturating_mul(state.max_ratio) {
            return Err(io::Error::other(Bomb {
                inflated,
                compressed,
                max_ratio: state.max_ratio,
            }));
        }
        Ok(())
    }
}

/// Counts the compressed bytes a decompressor consumes (seeking passes through: only
/// bytes read count).
pub struct CountIn<R> {
    inner: R,
    meter: Meter,
}

impl<R> CountIn<R> {
    pub fn new(inner: R, meter: Meter) -> Self {
        CountIn { inner, meter }
    }
}

impl<R: Read> Read for CountIn<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.meter.add_compressed(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for CountIn<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.meter.add_compressed(amount);
        self.inner.consume(amount);
    }
}

impl<R: Seek> Seek for CountIn<R> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.inner.seek(to)
    }

    // Passed on so that a `BufReader` below keeps its buffer when asked where it is.
    fn stream_position(&mut self) -> io::Result<u64> {
        self.inner.stream_position()
    }

    fn seek_relative(&mut self, offset: i64) -> io::Result<()> {
        self.inner.seek_relative(offset)
    }
}

/// Counts the bytes a decompressor produces and fails past the ratio.
pub struct CountOut<R> {
    inner: R,
    meter: Meter,
}

impl<R> CountOut<R> {
    pub fn new(inner: R, meter: Meter) -> Self {
        CountOut { inner, meter }
    }
}

impl<R: Read> Read for CountOut<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.meter.add_inflated(n)?;
        Ok(n)
    }
}

/// Why [`read_capped`] stopped.
#[derive(Debug)]
pub enum CapError {
    /// More than the cap: reading stopped one byte past it.
    TooLarge,
    Io(io::Error),
}

/// Reads `reader` to its end, but never more than `cap` bytes and one to tell that there
/// are more. (`read_to_end` may reserve room past that, but it only writes, and so
/// makes resident, the bytes it reads.)
pub fn read_capped(reader: &mut dyn Read, cap: u64) -> Result<Vec<u8>, CapError> {
    read_capped_expecting(reader, cap, 0)
}

/// [`read_capped`] of a reader expected to hold `expected` bytes (a file's length): the
/// buffer is allocated once at that size instead of doubling from empty, a copy of every
/// byte the one reader thread would otherwise make.
pub fn read_capped_expecting(
    reader: &mut dyn Read,
    cap: u64,
    expected: u64,
) -> Result<Vec<u8>, CapError> {
    // One byte more, so that reading to the end does not grow the buffer to find the end.
    let room = usize::try_from(expected.min(cap).saturating_add(1)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(room);
    match reader.take(cap.saturating_add(1)).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > cap => Err(CapError::TooLarge),
        Ok(_) => Ok(bytes),
        Err(err) => Err(CapError::Io(err)),
    }
}

/// Reads until `buf` is full or the input ends; returns how many bytes were read.
pub fn read_full(reader: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        }
    }
    Ok(filled)
}

/// The bomb behind an I/O error, however deep readers wrapped it.
pub fn find_bomb(err: &io::Error) -> Option<&Bomb> {
    let mut source: Option<&(dyn Error + 'static)> = err.get_ref().map(|e| e as _);
    while let Some(current) = source {
        if let Some(bomb) = current.downcast_ref::<Bomb>() {
            return Some(bomb);
        }
        if let Some(io) = current.downcast_ref::<io::Error>()
            && let Some(inner) = io.get_ref()
        {
            source = Some(inner as _);
            continue;
        }
        source = current.source();
    }
    None
}

/// The reject reason and a sentence for an error met while reading `what` (a noun
/// phrase: "the data", "the archive").
pub fn classify(err: &io::Error, what: &str) -> (Reason, String) {
    if let Some(bomb) = find_bomb(err) {
        return (Reason::TooLarge, bomb.to_string());
    }
    let text = err.to_string();
    let reason = match err.kind() {
        io::ErrorKind::UnexpectedEof => Reason::Truncated,
        _ if text.contains("entire block") || text.contains("EOF") => Reason::Truncated,
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => Reason::CorruptArchive,
        io::ErrorKind::Other => Reason::CorruptArchive,
        _ => Reason::Unreadable,
    };
    let sentence = match reason {
        Reason::Truncated => format!("{what} ends before its declared end (truncated): {text}"),
        Reason::CorruptArchive => format!("{what} is damaged: {text}"),
        _ => format!("{what} could not be read: {text}"),
    };
    (reason, sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_hold_and_bombs_are_found() {
        let mut zeros = io::repeat(0).take(10 << 20);
        assert!(matches!(
            read_capped(&mut zeros, 1 << 20),
            Err(CapError::TooLarge)
        ));
        let mut small = &b"abc"[..];
        assert_eq!(read_capped(&mut small, 3).ok(), Some(b"abc".to_vec()));
        let mut over = &b"abcd"[..];
        assert!(matches!(read_capped(&mut over, 3), Err(CapError::TooLarge)));
        let mut big = io::repeat(1).take(100_000);
        assert_eq!(
            read_capped(&mut big, 100_000).map(|b| b.len()).ok(),
            Some(100_000)
        );

        let meter = Meter::fixed(1000, 100);
        let mut out = CountOut::new(io::repeat(7).take(1 << 30), meter);
        let err = match read_capped(&mut out, u64::MAX) {
            Err(CapError::Io(err)) => err,
            other => panic!("expected a bomb, got {other:?}"),
        };
        let (reason, message) = classify(&err, "the data");
        assert_eq!(reason, Reason::TooLarge);
        assert!(message.contains("100:1"), "{message}");
    }
}
