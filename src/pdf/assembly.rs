//! A PDF put together from objects of its own (a lopdf document) and streams borrowed from
//! artwork: a placed PDF's images and content are written straight from the artwork into the
//! file, never copied into the new document first (a 40 MB cover is one 40 MB copy, not three).

use std::collections::HashMap;
use std::io::Write;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use crate::draw::decimal::int;
use crate::error::{Error, Result};
use crate::pdf::file::{hash128, hex, PdfFile};
use crate::pdf::{deflate, digest, name};

/// A document under construction: its own objects, and the contents of streams borrowed from
/// artwork for as long as the artwork lives.
pub(crate) struct Assembly<'a> {
    /// The objects. A borrowed stream is here with its dictionary and no content.
    pub(crate) doc: Document,
    borrowed: HashMap<ObjectId, &'a [u8]>,
}

impl<'a> Assembly<'a> {
    pub(crate) fn new() -> Assembly<'a> {
        Assembly {
            doc: Document::with_version("1.6"),
            borrowed: HashMap::new(),
        }
    }

    /// Adds a stream whose content is written from `content` as it is (already encoded as
    /// `dict` says).
    pub(crate) fn borrow_stream(&mut self, dict: Dictionary, content: &'a [u8]) -> ObjectId {
        let id = self.doc.new_object_id();
        self.insert_borrowed(id, dict, content);
        id
    }

    /// Puts a borrowed stream at `id`, a number already taken with `new_object_id`.
    pub(crate) fn insert_borrowed(&mut self, id: ObjectId, dict: Dictionary, content: &'a [u8]) {
        let stream = Stream::new(dict, Vec::new()).with_compression(false);
        self.doc.objects.insert(id, Object::Stream(stream));
        self.borrowed.insert(id, content);
    }

    /// The file: every object in number order, streams of its own Flate-compressed at the
    /// fastest level where that pays (and not encoded already), borrowed ones as they are; the
    /// trailer's /Root and /Info as the document's trailer has them, and a content-derived /ID.
    pub(crate) fn save(self, what: &str) -> Result<Vec<u8>> {
        self.write(what, None)
    }

    /// The file as [`Assembly::save`] makes it, written to `sink` as it is made: the same
    /// bytes, never all in memory at once.
    pub(crate) fn save_to(self, what: &str, sink: &mut dyn Write) -> Result<()> {
        self.write(what, Some(sink)).map(drop)
    }

    fn write(mut self, what: &str, sink: Option<&mut dyn Write>) -> Result<Vec<u8>> {
        compress(&mut self.doc);
        self.write_compressed(what, sink)
    }

    fn write_compressed<'s>(&'s self, what: &str, sink: Option<&mut dyn Write>) -> Result<Vec<u8>> {
        let reference = |key: &[u8]| {
            self.doc
                .trailer
                .get(key)
                .and_then(Object::as_reference)
                .ok()
        };
        let root =
            reference(b"Root").ok_or_else(|| Error::encode(what, "the document has no /Root"))?;
        let info = reference(b"Info");
        let borrowed = &self.borrowed;
        let content = |n: u32, stream: &'s Stream| -> &'s [u8] {
            match borrowed.get(&(n, 0)) {
                Some(content) => content,
                None => stream.content.as_slice(),
            }
        };
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
                    material.extend_from_slice(&digest(content));
                }
                object => write(&mut material, object),
            }
        }
        let id = hash128(&material);
        let mut file = match sink {
            Some(sink) => PdfFile::writing_to("1.6", sink),
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
                PdfFile::new("1.6", size + 4096)
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
                    file.raw_stream(
                        n as usize,
                        |o| stream_head(o, &stream.dict, content.len()),
                        content,
                    );
                }
                object => file.object(n as usize, |o| write(o, object)),
            }
        }
        file.finish_with_id(root.0 as usize, info.map(|i| i.0 as usize), id)
            .map_err(|e| Error::io_named("cannot write", what, e))
    }
}

/// Flate-compresses every stream that may be compressed and is not yet, at the fastest level
/// with one reused compressor (lopdf's own `compress` uses the slowest level, and a fresh
/// compressor per stream).
fn compress(doc: &mut Document) {
    let mut compressed = Vec::new();
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        compressed.clear();
        deflate(&stream.content, &mut compressed);
        if compressed.len() < stream.content.len() {
            stream.dict.set("Filter", name("FlateDecode"));
            stream.set_content(std::mem::take(&mut compressed));
        }
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
