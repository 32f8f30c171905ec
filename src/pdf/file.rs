//! A PDF file written object by object into one buffer (or through it into a file, for a large
//! cover): header, numbered objects, the cross-reference table and a trailer whose /ID is a
//! hash of the objects, so the same objects always give the same bytes. Streams are compressed
//! with one Flate compressor per thread, reset between streams.

use std::cell::RefCell;
use std::io::{self, Write};
use std::ops::Range;

use flate2::{Compress, Compression, FlushCompress, Status};

use crate::pdf::content::{int, num};
use crate::pdf::Source;
use crate::units::{Length, Pdf, Rect};

/// Streams shorter than this are stored as they are: compressing them saves a few bytes.
const COMPRESS_FROM: usize = 256;

thread_local! {
    static DEFLATE: RefCell<Compress> = RefCell::new(Compress::new(Compression::fast(), true));
    static DEFLATE_PREDICTED: RefCell<Compress> =
        RefCell::new(Compress::new(Compression::new(2), true));
}

/// `data` zlib-compressed at the fastest level, appended to `out`.
pub(crate) fn deflate(data: &[u8], out: &mut Vec<u8>) {
    DEFLATE.with(|z| deflate_with(&mut z.borrow_mut(), data, out));
}

/// Row-predicted image samples zlib-compressed, appended to `out`: at level 2, the fastest
/// that builds Huffman codes for the data (zlib-rs's level 1 uses fixed codes, which do not
/// reward the small numbers prediction leaves: a 6 x 9 in photo cover is 25 MB at level 1 and
/// 17 MB at level 2).
pub(crate) fn deflate_predicted(data: &[u8], out: &mut Vec<u8>) {
    DEFLATE_PREDICTED.with(|z| deflate_with(&mut z.borrow_mut(), data, out));
}

fn deflate_with(z: &mut Compress, data: &[u8], out: &mut Vec<u8>) {
    z.reset();
    // zlib's bound for stored blocks, with room to spare.
    out.reserve(data.len() + data.len() / 1000 + 64);
    loop {
        let read = z.total_in() as usize;
        match z.compress_vec(&data[read..], out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => break,
            Ok(_) => out.reserve(out.capacity().max(1024)),
            Err(_) => unreachable!("deflate cannot fail on a buffer"),
        }
    }
}

/// A 128-bit hash, fast enough to run over every byte of a file (for its /ID, not security).
pub(crate) fn hash128(bytes: &[u8]) -> [u8; 16] {
    const K: [u64; 4] = [
        0xa076_1d64_78bd_642f,
        0xe703_7ed1_a0b4_28db,
        0x8ebc_6af0_9c88_c6e3,
        0x5899_65cc_7537_4cc3,
    ];
    fn mix(a: u64, b: u64) -> u64 {
        let r = u128::from(a).wrapping_mul(u128::from(b));
        (r as u64) ^ ((r >> 64) as u64)
    }
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
    let (mut h1, mut h2) = (K[0] ^ bytes.len() as u64, K[1]);
    let mut chunks = bytes.chunks_exact(16);
    for c in &mut chunks {
        let (a, b) = (word(&c[..8]), word(&c[8..]));
        h1 = mix(a ^ K[2] ^ h1, b ^ K[3]);
        h2 = h2
            .rotate_left(23)
            .wrapping_add(a ^ b)
            .wrapping_mul(K[1] | 1);
    }
    let mut tail = [0u8; 16];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    let (a, b) = (word(&tail[..8]), word(&tail[8..]));
    h1 = mix(a ^ K[2] ^ h1, b ^ K[3] ^ bytes.len() as u64);
    let lo = mix(h1 ^ K[0], h2 ^ K[3]);
    let hi = mix(h2 ^ K[2], lo ^ K[1]);
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&lo.to_le_bytes());
    out[8..].copy_from_slice(&hi.to_le_bytes());
    out
}

/// Upper-case hex of `bytes`.
pub(crate) fn hex(out: &mut Vec<u8>, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)]);
        out.push(DIGITS[usize::from(b & 15)]);
    }
}

/// A text string: a literal when it is ASCII, otherwise UTF-16BE in hex.
pub(crate) fn text_string(out: &mut Vec<u8>, s: &str) {
    if s.is_ascii() {
        out.push(b'(');
        for b in s.bytes() {
            match b {
                b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\r' => out.extend_from_slice(b"\\r"),
                _ => out.push(b),
            }
        }
        out.push(b')');
    } else {
        out.extend_from_slice(b"<FEFF");
        for unit in s.encode_utf16() {
            hex(out, &unit.to_be_bytes());
        }
        out.push(b'>');
    }
}

/// A date as PDF writes it, `D:YYYYMMDDHHmmSS+00'00'`, in UTC (times before 1970 as 1970).
pub(crate) fn date(time: std::time::SystemTime) -> String {
    let secs = time
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil(days);
    format!(
        "D:{year:04}{month:02}{day:02}{:02}{:02}{:02}+00'00'",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// The Gregorian (year, month, day) of a count of days since 1970-01-01, counted in 400-year
/// eras of 146097 days that start on 1 March, so that the leap day ends a year.
fn civil(days: u64) -> (u64, u64, u64) {
    let shifted = days + 719_468; // 0000-03-01 to 1970-01-01
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// `[llx lly urx ury]` in points, of a rectangle in PDF's coordinates (`y` upwards).
pub(crate) fn rect(out: &mut Vec<u8>, r: Rect<Pdf>) {
    let n = |out: &mut Vec<u8>, l: Length| num(out, l.to_pt());
    out.push(b'[');
    n(out, r.x);
    out.push(b' ');
    n(out, r.y);
    out.push(b' ');
    n(out, r.right());
    out.push(b' ');
    n(out, r.top());
    out.push(b']');
}

/// `n 0 R`.
pub(crate) fn reference(out: &mut Vec<u8>, n: usize) {
    int(out, n as i64);
    out.extend_from_slice(b" 0 R");
}

/// Bytes gathered before they are passed on to a file being written through.
const SPILL: usize = 256 << 10;

/// The size of a memory page and of a file system's block, as far as copying goes.
const PAGE: usize = 4096;

/// The size of the larger pages a file's cache may hold (64 KiB): a content of 64 of them or
/// more (4 MiB) is placed as it lies within one of these, at most 1/64 of it in blanks.
const LARGE_PAGE: usize = 64 << 10;

/// A stream's content as it goes into a file: bytes, or where it lies in the file of a PDF
/// read in part.
#[derive(Clone)]
pub(crate) enum Piece<'c> {
    Bytes(&'c [u8]),
    Lying(&'c Source, Range<usize>),
}

impl<'c> Piece<'c> {
    pub(crate) fn len(&self) -> usize {
        match self {
            Piece::Bytes(b) => b.len(),
            Piece::Lying(_, r) => r.len(),
        }
    }

    /// The bytes, read from the file now if they lie there.
    pub(crate) fn bytes(&self) -> io::Result<&'c [u8]> {
        match self {
            Piece::Bytes(b) => Ok(b),
            Piece::Lying(source, r) => source.content(r.clone()),
        }
    }

    /// The bytes' [`digest`](super::digest), reading no more of a file than it samples.
    pub(crate) fn digest(&self) -> io::Result<[u8; 16]> {
        match self {
            Piece::Bytes(b) => Ok(super::digest(b)),
            Piece::Lying(source, r) => source.digest(r.clone()),
        }
    }

    /// Writes the bytes to `sink`: copied by the system from one file to the other where they
    /// lie in a file and go to one.
    fn write_to(&self, sink: &mut Sink<'_>) -> io::Result<()> {
        match (self, sink) {
            (Piece::Lying(source, r), Sink::File(file)) => source.copy_to(r.clone(), &mut **file),
            (Piece::Lying(source, r), Sink::Writer(w)) => source.copy_to(r.clone(), &mut **w),
            (Piece::Bytes(b), sink) => sink.write_all(b),
        }
    }
}

/// Where a file written through goes: any writer, or a file, into which what lies in another
/// file is copied by the system.
pub(crate) enum Sink<'w> {
    Writer(&'w mut dyn Write),
    File(&'w mut std::fs::File),
}

impl Sink<'_> {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Sink::Writer(w) => w.write_all(bytes),
            Sink::File(f) => f.write_all(bytes),
        }
    }
}

/// A PDF file being written. Objects are numbered from 1 in the order the caller chooses and
/// may be written in any order; every number up to the highest must be written.
pub(crate) struct PdfFile<'w> {
    out: Vec<u8>,
    /// Where each object starts, by number from 1 (`None` for a number not yet written).
    offsets: Vec<Option<usize>>,
    scratch: Vec<u8>,
    /// Where the bytes go as they are written, if anywhere; `out` holds those not passed on.
    sink: Option<Sink<'w>>,
    /// Bytes passed to `sink`.
    spilled: usize,
    /// The first error `sink` gave.
    error: Option<std::io::Error>,
}

impl<'w> PdfFile<'w> {
    pub(crate) fn new(version: &str, capacity: usize) -> PdfFile<'w> {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(b"%PDF-");
        out.extend_from_slice(version.as_bytes());
        out.extend_from_slice(b"\n%\xE2\xE3\xCF\xD3\n");
        PdfFile {
            out,
            offsets: Vec::new(),
            scratch: Vec::new(),
            sink: None,
            spilled: 0,
            error: None,
        }
    }

    /// Objects written apart from a file, to be put into one with [`PdfFile::append`]: no
    /// header, no trailer.
    pub(crate) fn chunk(capacity: usize) -> PdfFile<'w> {
        PdfFile {
            out: Vec::with_capacity(capacity),
            offsets: Vec::new(),
            scratch: Vec::new(),
            sink: None,
            spilled: 0,
            error: None,
        }
    }

    /// Writes the objects of `chunk` (made with [`PdfFile::chunk`]) here, as they are.
    pub(crate) fn append(&mut self, chunk: PdfFile<'_>) {
        let base = self.spilled + self.out.len();
        if self.offsets.len() < chunk.offsets.len() {
            self.offsets.resize(chunk.offsets.len(), None);
        }
        for (n, offset) in chunk.offsets.iter().enumerate() {
            if let Some(offset) = offset {
                self.offsets[n] = Some(base + offset);
            }
        }
        self.out.extend_from_slice(&chunk.out);
        self.spill(SPILL);
    }

    /// The bytes written so far (all of them, for a chunk or a file in memory).
    pub(crate) fn written(&self) -> &[u8] {
        &self.out
    }

    /// A file written through to `sink` as it is made, holding at most a little more than
    /// [`SPILL`] bytes and no stream's content.
    pub(crate) fn writing_to(version: &str, sink: Sink<'w>) -> PdfFile<'w> {
        let mut file = PdfFile::new(version, SPILL + (64 << 10));
        file.sink = Some(sink);
        file
    }

    /// Passes what `out` holds to the sink (if there is one and `out` holds at least `from`
    /// bytes).
    fn spill(&mut self, from: usize) {
        let Some(sink) = self.sink.as_mut() else {
            return;
        };
        if self.out.len() < from {
            return;
        }
        if self.error.is_none()
            && let Err(e) = sink.write_all(&self.out)
        {
            self.error = Some(e);
        }
        self.spilled += self.out.len();
        self.out.clear();
    }

    /// Writes object `n` with `body` (a dictionary or any other object).
    pub(crate) fn object(&mut self, n: usize, body: impl FnOnce(&mut Vec<u8>)) {
        self.start(n);
        body(&mut self.out);
        self.out.extend_from_slice(b"\nendobj\n");
        self.spill(SPILL);
    }

    /// Writes stream object `n`: `head` writes its dictionary (with /Length, the length of
    /// `content`), then `content` as it is. Written through to a file, a large content goes
    /// straight from where it is into it (copied by the system from a file read in part).
    ///
    /// A large content that lies in a file starts at the same place within a 4 KiB page as it
    /// does there (within a 64 KiB one from 4 MiB; blanks go before the object): the system
    /// then copies it page by page rather than each page in two parts, a quarter faster.
    pub(crate) fn raw_stream(
        &mut self,
        n: usize,
        head: impl FnOnce(&mut Vec<u8>),
        content: Piece<'_>,
    ) {
        let at = self.out.len();
        self.start(n);
        head(&mut self.out);
        self.out.extend_from_slice(b"\nstream\n");
        if let Piece::Lying(_, range) = &content
            && content.len() >= SPILL
        {
            let page = match content.len() >= 64 * LARGE_PAGE {
                true => LARGE_PAGE,
                false => PAGE,
            };
            let here = (self.spilled + self.out.len()) % page;
            let pad = (range.start % page + page - here) % page;
            if pad > 0 {
                let blanks = (1..=pad).map(|i| if i == pad { b'\n' } else { b' ' });
                self.out.splice(at..at, blanks);
                self.offsets[n - 1] = Some(self.spilled + at + pad);
            }
        }
        if self.sink.is_some() && content.len() >= SPILL {
            self.spill(0);
            if let (Some(sink), None) = (self.sink.as_mut(), &self.error)
                && let Err(e) = content.write_to(sink)
            {
                self.error = Some(e);
            }
            self.spilled += content.len();
        } else {
            match content.bytes() {
                Ok(bytes) => self.out.extend_from_slice(bytes),
                Err(e) => {
                    self.error.get_or_insert(e);
                }
            }
        }
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
        self.spill(SPILL);
    }

    fn start(&mut self, n: usize) {
        if self.offsets.len() < n {
            self.offsets.resize(n, None);
        }
        self.offsets[n - 1] = Some(self.spilled + self.out.len());
        int(&mut self.out, n as i64);
        self.out.extend_from_slice(b" 0 obj\n");
    }

    /// Writes stream object `n`, Flate-compressed unless that does not pay; `dict` holds the
    /// entries other than /Length and /Filter (`/Type /XObject ...`), possibly none.
    pub(crate) fn stream(&mut self, n: usize, dict: &[u8], data: &[u8]) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        if data.len() >= COMPRESS_FROM {
            deflate(data, &mut scratch);
        }
        self.stream_of(n, dict, data, &scratch);
        self.scratch = scratch;
    }

    /// [`PdfFile::stream`] for data the program carries (an output intent's ICC profile):
    /// compressed the first time, and the same bytes reused by every file after it.
    pub(crate) fn static_stream(&mut self, n: usize, dict: &[u8], data: &'static [u8]) {
        type Compressed = Vec<((usize, usize), std::sync::Arc<Vec<u8>>)>;
        static COMPRESSED: std::sync::Mutex<Compressed> = std::sync::Mutex::new(Vec::new());
        let key = (data.as_ptr() as usize, data.len());
        let lock = || {
            COMPRESSED
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        let known = lock()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| c.clone());
        let compressed = known.unwrap_or_else(|| {
            let mut compressed = Vec::new();
            if data.len() >= COMPRESS_FROM {
                deflate(data, &mut compressed);
            }
            let compressed = std::sync::Arc::new(compressed);
            lock().push((key, compressed.clone()));
            compressed
        });
        self.stream_of(n, dict, data, &compressed);
    }

    /// A stream of `data`, written as `compressed` (its Flate compression, or nothing) where
    /// that is shorter.
    fn stream_of(&mut self, n: usize, dict: &[u8], data: &[u8], compressed: &[u8]) {
        self.start(n);
        let compressed_is_shorter = !compressed.is_empty() && compressed.len() < data.len();
        let (body, compressed): (&[u8], bool) = if compressed_is_shorter {
            (compressed, true)
        } else {
            (data, false)
        };
        self.out.extend_from_slice(b"<< ");
        self.out.extend_from_slice(dict);
        self.out.extend_from_slice(b"/Length ");
        int(&mut self.out, body.len() as i64);
        if compressed {
            self.out.extend_from_slice(b" /Filter /FlateDecode");
        }
        self.out.extend_from_slice(b" >>\nstream\n");
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// The cross-reference table and trailer; `root` and `info` are object numbers. The /ID is
    /// a hash of the file.
    pub(crate) fn finish(self, root: usize, info: Option<usize>) -> Vec<u8> {
        debug_assert!(
            self.sink.is_none(),
            "a file written through has its /ID given"
        );
        let id = super::digest(&self.out);
        match self.finish_with_id(root, info, id) {
            Ok(bytes) => bytes,
            Err(_) => unreachable!("a file in memory cannot fail to be written"),
        }
    }

    /// The cross-reference table and trailer with the /ID given; the bytes, or nothing when
    /// they went to a sink (or the sink's first error).
    pub(crate) fn finish_with_id(
        mut self,
        root: usize,
        info: Option<usize>,
        id: [u8; 16],
    ) -> std::io::Result<Vec<u8>> {
        let xref = self.spilled + self.out.len();
        let count = self.offsets.len() + 1;
        self.out.extend_from_slice(b"xref\n0 ");
        int(&mut self.out, count as i64);
        self.out.extend_from_slice(b"\n0000000000 65535 f \n");
        for offset in &self.offsets {
            let mut digits = offset.unwrap_or_default();
            let mut entry = *b"0000000000 00000 n \n";
            for d in entry[..10].iter_mut().rev() {
                *d = b'0' + (digits % 10) as u8;
                digits /= 10;
            }
            self.out.extend_from_slice(&entry);
        }
        let out = &mut self.out;
        out.extend_from_slice(b"trailer\n<< /Size ");
        int(out, count as i64);
        out.extend_from_slice(b" /Root ");
        reference(out, root);
        if let Some(info) = info {
            out.extend_from_slice(b" /Info ");
            reference(out, info);
        }
        out.extend_from_slice(b" /ID [<");
        hex(out, &id);
        out.extend_from_slice(b"> <");
        hex(out, &id);
        out.extend_from_slice(b">] >>\nstartxref\n");
        int(out, xref as i64);
        out.extend_from_slice(b"\n%%EOF\n");
        self.spill(0);
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deflate_round_trips_with_a_reused_compressor() {
        use std::io::Read;
        for data in [&b"q Q "[..], &[7u8; 100_000][..], b""] {
            let data = data.repeat(50);
            let mut out = vec![1, 2];
            deflate(&data, &mut out);
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(&out[2..])
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, data);
        }
    }

    #[test]
    fn a_static_stream_is_written_as_a_stream_is_each_time() {
        static PROFILE: [u8; 4000] = [9; 4000];
        static SHORT: [u8; 8] = [1; 8];
        let written = |data: &'static [u8], once: bool| {
            let mut file = PdfFile::chunk(0);
            if once {
                file.static_stream(1, b"/N 4 ", data);
            } else {
                file.stream(1, b"/N 4 ", data);
            }
            file.written().to_vec()
        };
        for data in [&PROFILE[..], &SHORT[..]] {
            let each_time = written(data, false);
            // Compressed the first time, then reused.
            assert_eq!(written(data, true), each_time);
            assert_eq!(written(data, true), each_time);
        }
        assert!(written(&PROFILE, true).len() < 1000);
    }

    #[test]
    fn dates_are_utc_calendar_dates() {
        let at = |secs: u64| date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs));
        assert_eq!(at(0), "D:19700101000000+00'00'");
        // 2000-02-29 12:34:56 UTC, a leap day in a year divisible by 400.
        assert_eq!(at(951_827_696), "D:20000229123456+00'00'");
        // 2024-12-31 23:59:59 UTC.
        assert_eq!(at(1_735_689_599), "D:20241231235959+00'00'");
        // 2100-03-01 00:00:00 UTC, after a century year that is not a leap year.
        assert_eq!(at(4_107_542_400), "D:21000301000000+00'00'");
    }

    #[test]
    fn a_chunk_appended_keeps_its_objects_offsets() {
        let mut chunk = PdfFile::chunk(64);
        chunk.object(2, |o| o.extend_from_slice(b"(two)"));
        let mut file = PdfFile::new("1.3", 256);
        file.object(1, |o| o.extend_from_slice(b"(one)"));
        file.append(chunk);
        let bytes = file.finish(1, None);
        let at = memchr::memmem::find(&bytes, b"2 0 obj").unwrap();
        let entry = format!("{at:010} 00000 n \ntrailer");
        assert!(memchr::memmem::find(&bytes, entry.as_bytes()).is_some());
    }

    #[test]
    fn hashes_differ_with_any_byte() {
        let a = hash128(b"%PDF-1.6 one");
        assert_eq!(a, hash128(b"%PDF-1.6 one"));
        assert_ne!(a, hash128(b"%PDF-1.6 onf"));
        assert_ne!(hash128(&[0; 16]), hash128(&[0; 17]));
    }
}
