//! Builders for the test inputs, made on the fly: zips and tarballs with the crates
//! salvage reads them with (written, not read, here), gzip with flate2, a zip writer of
//! our own for entries the `zip` crate will not write (raw deflate bombs, lying sizes),
//! and deflate streams of many GiB of zeros built from one repeated block.

use std::io::{Cursor, Write};

use flate2::{Compress, Compression, FlushCompress};

/// A zip of `(name, bytes)` members, deflated.
pub fn zip(members: &[(&str, &[u8])]) -> Vec<u8> {
    zip_with(members, zip::CompressionMethod::Deflated)
}

/// A zip of `(name, bytes)` members, compressed with `method`.
pub fn zip_with(members: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in members {
        writer.start_file(*name, options).expect("zip member");
        writer.write_all(bytes).expect("zip bytes");
    }
    writer.finish().expect("zip").into_inner()
}

/// A tar header for a regular file of `size` bytes named `name` (written raw, so any
/// name can be tested, `../` included).
pub fn tar_header(name: &str, size: u64, kind: tar::EntryType) -> tar::Header {
    let mut header = tar::Header::new_ustar();
    let bytes = name.as_bytes();
    header.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
    header.set_size(size);
    header.set_mode(0o644);
    header.set_entry_type(kind);
    header.set_cksum();
    header
}

/// A tar of `(name, bytes)` regular files.
pub fn tar(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, bytes) in members {
        let header = tar_header(name, bytes.len() as u64, tar::EntryType::Regular);
        builder.append(&header, *bytes).expect("tar member");
    }
    builder.into_inner().expect("tar")
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

/// A final, empty deflate block (fixed Huffman codes, only the end-of-block code).
pub const FINAL_BLOCK: [u8; 2] = [3, 0];

/// Deflate blocks, not final, that inflate to `mib` MiB of zeros, about 1 KiB per MiB:
/// one fully flushed block for 1 MiB (byte-aligned, no back-references out of it)
/// repeated. Deflate cannot do better than about 1032:1.
pub fn zero_blocks(mib: u64) -> Vec<u8> {
    let mut compress = Compress::new(Compression::best(), false);
    let zeros = vec![0u8; 1 << 20];
    let mut block = Vec::with_capacity(1 << 16);
    compress
        .compress_vec(&zeros, &mut block, FlushCompress::Full)
        .expect("deflate");
    let mut out = Vec::with_capacity(block.len() * mib as usize);
    for _ in 0..mib {
        out.extend_from_slice(&block);
    }
    out
}

/// A whole raw deflate stream of `mib` MiB of zeros.
pub fn deflated_zeros(mib: u64) -> Vec<u8> {
    let mut out = zero_blocks(mib);
    out.extend_from_slice(&FINAL_BLOCK);
    out
}

/// One zip entry written by [`raw_zip`]: deflated (`method` 8) or stored (0) `data`
/// declared as `size` bytes once inflated (which may be a lie).
pub struct RawEntry<'a> {
    pub name: &'a str,
    pub method: u16,
    pub data: &'a [u8],
    pub size: u64,
    pub crc: u32,
}

/// A zip written field by field (APPNOTE 6.3), with zip64 extras when a size needs them.
pub fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let offset = out.len() as u32;
        let zip64 = entry.size >= u32::MAX as u64 || entry.data.len() as u64 >= u32::MAX as u64;
        let (size32, compressed32) = if zip64 {
            (u32::MAX, u32::MAX)
        } else {
            (entry.size as u32, entry.data.len() as u32)
        };
        let mut extra = Vec::new();
        if zip64 {
            extra.extend_from_slice(&1u16.to_le_bytes());
            extra.extend_from_slice(&16u16.to_le_bytes());
            extra.extend_from_slice(&entry.size.to_le_bytes());
            extra.extend_from_slice(&(entry.data.len() as u64).to_le_bytes());
        }
        let common = |buf: &mut Vec<u8>| {
            buf.extend_from_slice(&45u16.to_le_bytes()); // version needed
            buf.extend_from_slice(&0u16.to_le_bytes()); // flags
            buf.extend_from_slice(&entry.method.to_le_bytes());
            buf.extend_from_slice(&0u16.to_le_bytes()); // time
            buf.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
            buf.extend_from_slice(&entry.crc.to_le_bytes());
            buf.extend_from_slice(&compressed32.to_le_bytes());
            buf.extend_from_slice(&size32.to_le_bytes());
            buf.extend_from_slice(&(entry.name.len() as u16).to_le_bytes());
            buf.extend_from_slice(&(extra.len() as u16).to_le_bytes());
        };
        out.extend_from_slice(b"PK\x03\x04");
        common(&mut out);
        out.extend_from_slice(entry.name.as_bytes());
        out.extend_from_slice(&extra);
        out.extend_from_slice(entry.data);

        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&(45u16 | 3 << 8).to_le_bytes()); // made by: unix
        common(&mut central);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment length
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&(0o100644u32 << 16).to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(entry.name.as_bytes());
        central.extend_from_slice(&extra);
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// CRC-32 of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}
