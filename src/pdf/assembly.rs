//! A PDF put together from objects imported from artwork (a lopdf document) and streams
//! borrowed from it, around one page written by [`OnePage`]: a placed PDF's images and content
//! are written straight from the artwork into the file, never copied into the new document
//! first (a 40 MB cover is one 40 MB copy, not three). The objects imported are written as they
//! were read; the page, its resources and the file's structure are [`OnePage`]'s.

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use crate::draw::decimal::int;
use crate::error::{Error, Result};
use crate::pdf::file::{hash128, hex, PdfFile, Piece, Sink};
use crate::pdf::raster::Conversion;
use crate::pdf::write::{not_pdfx, OnePage};
use crate::pdf::{deflate, digest, name};

/// An image's streams as they go into a file, compressed where that pays: the image (with no
/// /SMask, which each file sets), its soft mask, and what was done to its colour.
#[derive(Debug)]
pub(crate) struct MadeImage {
    pub(crate) image: Stream,
    pub(crate) mask: Option<Stream>,
    pub(crate) conversion: Conversion,
}

/// A document under construction: its own objects, and the contents of streams borrowed from
/// artwork for as long as the artwork lives.
pub(crate) struct Assembly<'a> {
    /// The objects. A borrowed stream is here with its dictionary and no content.
    pub(crate) doc: Document,
    borrowed: HashMap<ObjectId, Piece<'a>>,
    /// Streams whose content is an image's made for many files (`true`: its soft mask).
    shared: HashMap<ObjectId, (Arc<MadeImage>, bool)>,
    /// Whether the file is to be PDF/X: what is imported is checked against it.
    pub(crate) pdfx: bool,
    /// The Form XObject of each PDF page imported, by its document's address and page: a page
    /// placed in parts is written once.
    pub(crate) pages: HashMap<(usize, ObjectId), ObjectId>,
}

impl<'a> Assembly<'a> {
    pub(crate) fn new() -> Assembly<'a> {
        Assembly {
            doc: Document::with_version("1.6"),
            borrowed: HashMap::new(),
            shared: HashMap::new(),
            pdfx: false,
            pages: HashMap::new(),
        }
    }

    /// Adds a stream whose content is written from `content` as it is (already encoded as
    /// `dict` says).
    pub(crate) fn borrow_stream(&mut self, dict: Dictionary, content: Piece<'a>) -> ObjectId {
        let id = self.doc.new_object_id();
        self.insert_borrowed(id, dict, content);
        id
    }

    /// Adds a stream whose content is `made`'s image (or, if `mask`, its soft mask), written
    /// as it is (already compressed, as `dict` says).
    pub(crate) fn share_stream(
        &mut self,
        dict: Dictionary,
        made: &Arc<MadeImage>,
        mask: bool,
    ) -> ObjectId {
        let id = self.doc.new_object_id();
        let stream = Stream::new(dict, Vec::new()).with_compression(false);
        self.doc.objects.insert(id, Object::Stream(stream));
        self.shared.insert(id, (Arc::clone(made), mask));
        id
    }

    /// Puts a borrowed stream at `id`, a number already taken with `new_object_id`.
    pub(crate) fn insert_borrowed(&mut self, id: ObjectId, dict: Dictionary, content: Piece<'a>) {
        let stream = Stream::new(dict, Vec::new()).with_compression(false);
        self.doc.objects.insert(id, Object::Stream(stream));
        self.borrowed.insert(id, content);
    }

    /// The file: every object in number order, streams of its own Flate-compressed at the
    /// fastest level where that pays (and not encoded already), borrowed ones as they are, then
    /// `page` and the file's structure; a content-derived /ID.
    pub(crate) fn save(self, page: &OnePage<'_>, what: &str) -> Result<Vec<u8>> {
        self.write(page, what, None)
    }

    /// The file as [`Assembly::save`] makes it, written to `sink` as it is made: the same
    /// bytes, never all in memory at once.
    pub(crate) fn save_to(self, page: &OnePage<'_>, what: &str, sink: Sink<'_>) -> Result<()> {
        self.write(page, what, Some(sink)).map(drop)
    }

    fn write(mut self, page: &OnePage<'_>, what: &str, sink: Option<Sink<'_>>) -> Result<Vec<u8>> {
        page.check()?;
        compress(&mut self.doc);
        self.write_compressed(page, what, sink)
    }

    fn write_compressed<'s>(
        &'s self,
        page: &OnePage<'_>,
        what: &str,
        sink: Option<Sink<'_>>,
    ) -> Result<Vec<u8>> {
        let (borrowed, shared) = (&self.borrowed, &self.shared);
        let content = |n: u32, stream: &'s Stream| -> Piece<'s> {
            if let Some(content) = borrowed.get(&(n, 0)) {
                return content.clone();
            }
            Piece::Bytes(match shared.get(&(n, 0)) {
                Some((made, false)) => &made.image.content,
                Some((made, true)) => made.mask.as_ref().map_or(&[][..], |m| &m.content),
                None => stream.content.as_slice(),
            })
        };
        // The page and the structure, numbered after the imported objects, written apart so
        // that the /ID can hash them before the file is written.
        let last = self.doc.objects.keys().last().map_or(0, |&(n, _)| n);
        let first = last.max(self.doc.max_id) as usize + 1;
        let mut structure = PdfFile::chunk(page.content.bytes().len() / 2 + 4096);
        let written = page.write(&mut structure, first);
        // The /ID hashes every object, each stream's content by its digest, so that it is
        // known before a file written through is finished.
        let mut material = Vec::with_capacity(16 << 10);
        for (&(n, generation), object) in &self.doc.objects {
            if generation != 0 {
                return Err(Error::encode(what, "an object of generation > 0"));
            }
            int(&mut material, i64::from(n));
            match object {
                Object::Stream(stream) => {
                    let content = content(n, stream);
                    stream_head(&mut material, &stream.dict, content.len());
                    let digest = content
                        .digest()
                        .map_err(|e| Error::io_named("cannot read", what, e))?;
                    material.extend_from_slice(&digest);
                }
                object => write(&mut material, object),
            }
        }
        material.extend_from_slice(&digest(structure.written()));
        let id = hash128(&material);
        let version = page.version();
        let mut file = match sink {
            Some(sink) => PdfFile::writing_to(version, sink),
            None => {
                let size: usize = self
                    .doc
                    .objects
                    .iter()
                    .map(|(&(n, _), o)| match o {
                        Object::Stream(s) => content(n, s).len() + 128,
                        _ => 128,
                    })
                    .sum();
                PdfFile::new(version, size + structure.written().len() + 4096)
            }
        };
        let mut next = 1;
        for (&(n, _), object) in &self.doc.objects {
            // Numbers never used are written as null objects, so the table has no gaps.
            for gap in next..n as usize {
                file.object(gap, |o| o.extend_from_slice(b"null"));
            }
            next = n as usize + 1;
            match object {
                Object::Stream(stream) => {
                    let content = content(n, stream);
                    let len = content.len();
                    file.raw_stream(n as usize, |o| stream_head(o, &stream.dict, len), content);
                }
                object => file.object(n as usize, |o| write(o, object)),
            }
        }
        file.append(structure);
        file.finish_with_id(written.root, written.info, id)
            .map_err(|e| Error::io_named("cannot write", what, e))
    }
}

/// Why a dictionary imported from artwork named `art` may not go into a PDF/X-1a file, if it
/// may not: a soft mask, an opacity below 1, a transparency group, or a filter PDF/X-1a
/// forbids (LZW, JBIG2, JPEG 2000).
pub(crate) fn refused_in_pdfx(art: &str, dict: &Dictionary) -> Option<Error> {
    let is_name = |o: &Object, n: &[u8]| o.as_name().is_ok_and(|v| v == n);
    let transparent = || {
        format!(
            "{art} has transparency, which PDF/X-1a does not allow; flatten it (or export it as \
             PDF/X-1a) and give it again"
        )
    };
    if dict.get(b"SMask").is_ok_and(|m| !is_name(m, b"None")) {
        return Some(not_pdfx(transparent()));
    }
    for key in [&b"ca"[..], b"CA"] {
        if dict
            .get(key)
            .and_then(Object::as_float)
            .is_ok_and(|v| v < 1.0)
        {
            return Some(not_pdfx(transparent()));
        }
    }
    if dict
        .get(b"Group")
        .and_then(Object::as_dict)
        .and_then(|g| g.get(b"S"))
        .is_ok_and(|s| is_name(s, b"Transparency"))
    {
        return Some(not_pdfx(transparent()));
    }
    let filters: Vec<&Object> = match dict.get(b"Filter") {
        Ok(Object::Array(items)) => items.iter().collect(),
        Ok(filter) => vec![filter],
        Err(_) => Vec::new(),
    };
    for (filter, what) in [
        (&b"LZWDecode"[..], "LZW"),
        (b"JBIG2Decode", "JBIG2"),
        (b"JPXDecode", "JPEG 2000"),
    ] {
        if filters.iter().any(|f| is_name(f, filter)) {
            return Some(not_pdfx(format!(
                "{art} holds an image or stream compressed with {what}, which PDF/X-1a does not \
                 allow; export it as PDF/X-1a and give it again"
            )));
        }
    }
    None
}

/// Flate-compresses every stream that may be compressed and is not yet, at the fastest level
/// with one reused compressor (lopdf's own `compress` uses the slowest level, and a fresh
/// compressor per stream).
fn compress(doc: &mut Document) {
    let mut compressed = Vec::new();
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            compress_stream(stream, &mut compressed);
        }
    }
}

/// Flate-compresses a stream that may be compressed and is not yet, where that pays;
/// `scratch` is a buffer to reuse.
pub(crate) fn compress_stream(stream: &mut Stream, scratch: &mut Vec<u8>) {
    if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
        return;
    }
    scratch.clear();
    deflate(&stream.content, scratch);
    if scratch.len() < stream.content.len() {
        stream.dict.set("Filter", name("FlateDecode"));
        stream.set_content(std::mem::take(scratch));
    }
}

/// Writes an object in PDF syntax (a stream's dictionary and content, should one be nested,
/// which no valid file does).
fn write(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(i) => int(out, *i),
        Object::Real(r) => real(out, *r),
        Object::Name(n) => write_name(out, n),
        Object::String(s, StringFormat::Literal) => literal(out, s),
        Object::String(s, StringFormat::Hexadecimal) => {
            out.push(b'<');
            hex(out, s);
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => dict(out, d),
        Object::Stream(stream) => {
            stream_head(out, &stream.dict, stream.content.len());
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((n, generation)) => {
            int(out, i64::from(*n));
            out.push(b' ');
            int(out, i64::from(*generation));
            out.extend_from_slice(b" R");
        }
    }
}

/// A dictionary.
fn dict(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in d.iter() {
        write_name(out, key);
        out.push(b' ');
        write(out, value);
        out.push(b' ');
    }
    out.extend_from_slice(b">>");
}

/// A stream's dictionary with /Length set to `length` (whatever the dictionary said).
fn stream_head(out: &mut Vec<u8>, dict: &Dictionary, length: usize) {
    out.extend_from_slice(b"<</Length ");
    int(out, length as i64);
    out.push(b' ');
    for (key, value) in dict.iter() {
        if key.as_slice() != b"Length" {
            write_name(out, key);
            out.push(b' ');
            write(out, value);
            out.push(b' ');
        }
    }
    out.extend_from_slice(b">>");
}

/// A real number, in full and without an exponent (PDF has none); 0 if it is not finite.
fn real(out: &mut Vec<u8>, r: f32) {
    use std::io::Write;
    if r.is_finite() {
        // Display never uses an exponent, and gives the shortest form that reads back the same.
        let _ = write!(out, "{r}");
    } else {
        out.push(b'0');
    }
}

/// A name, with white space, delimiters, `#` and bytes outside `!`..`~` written as `#xx`.
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&b) || !(33..=126).contains(&b) {
            out.push(b'#');
            hex(out, &[b]);
        } else {
            out.push(b);
        }
    }
}

/// A literal string, with `\`, both parentheses and carriage returns escaped.
fn literal(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'(');
    for &b in s {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
    out.push(b')');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(object: &Object) -> String {
        let mut out = Vec::new();
        write(&mut out, object);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn objects_are_written_as_pdf_reads_them() {
        let d = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"XObject".to_vec())),
            (
                "BBox",
                Object::Array(vec![
                    Object::Integer(0),
                    Object::Real(0.5),
                    Object::Real(-12.25),
                    Object::Real(1e-7),
                ]),
            ),
            ("A b", Object::string_literal("(x) \\ \r")),
            ("H", Object::String(vec![0, 255], StringFormat::Hexadecimal)),
            ("R", Object::Reference((12, 0))),
            ("N", Object::Null),
            ("T", Object::Boolean(true)),
        ]);
        assert_eq!(
            text(&Object::Dictionary(d)),
            "<</Type /XObject /BBox [0 0.5 -12.25 0.0000001] /A#20b (\\(x\\) \\\\ \\r) \
             /H <00FF> /R 12 0 R /N null /T true >>"
        );
        assert_eq!(text(&Object::Real(f32::NAN)), "0");
    }
}
