//! PDF helpers shared by the readers and writers: guarded loading, boxes, and a reproducible
//! file identifier.

use lopdf::{Dictionary, Document, LoadOptions, Object, StringFormat};

use crate::error::{Error, Result};
use crate::units::{Length, Rect, Unit};

mod artwork;
mod interior;
mod write;

pub use artwork::Artwork;
pub(crate) use artwork::{fit_matrix, move_matrix};
pub use interior::{Interior, PageBox};
pub(crate) use write::marks_pdf;

/// Streams may decompress to at most this many bytes while loading (256 MiB), so a hostile
/// file cannot exhaust memory.
pub(crate) const MAX_DECOMPRESSED: usize = 256 << 20;

/// How many `/Parent` links are followed to find an inherited page attribute.
const MAX_PARENT_DEPTH: usize = 32;

pub(crate) fn fail(name: &str, message: impl std::fmt::Display) -> Error {
    Error::Pdf {
        name: name.to_string(),
        message: message.to_string(),
    }
}

/// Stack for the threads that parse untrusted PDFs: lopdf parses nested objects recursively
/// (up to 100 deep), which takes more than the usual 2 MiB in unoptimised builds.
const PARSER_STACK: usize = 64 << 20;

thread_local! {
    /// Whether this thread already has the large stack (a guarded call, or a batch worker).
    static LARGE_STACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `work` with a large stack, turning a panic into `None`: on this thread if it already
/// has one, on a new thread otherwise.
pub(crate) fn guarded<T: Send>(work: impl FnOnce() -> T + Send) -> Option<T> {
    let catch = |work: Box<dyn FnOnce() -> T + Send + '_>| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).ok()
    };
    if LARGE_STACK.with(|l| l.get()) {
        return catch(Box::new(work));
    }
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(PARSER_STACK)
            .spawn_scoped(scope, || {
                LARGE_STACK.with(|l| l.set(true));
                catch(Box::new(work))
            })
            .ok()
            .and_then(|handle| handle.join().ok())
            .flatten()
    })
}

/// Spawns a scoped thread with the large stack that [`guarded`] needs, so that guarded calls on
/// it need no thread of their own.
pub(crate) fn spawn_large<'scope, 'env, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    work: impl FnOnce() -> T + Send + 'scope,
) -> std::io::Result<std::thread::ScopedJoinHandle<'scope, T>> {
    std::thread::Builder::new()
        .stack_size(PARSER_STACK)
        .spawn_scoped(scope, move || {
            LARGE_STACK.with(|l| l.set(true));
            work()
        })
}

/// Loads a PDF from memory, refusing encrypted files, with bounded decompression.
pub(crate) fn load(name: &str, bytes: &[u8]) -> Result<Document> {
    screen(bytes).map_err(|m| fail(name, m))?;
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_DECOMPRESSED),
        ..LoadOptions::default()
    };
    let doc = guarded(|| Document::load_mem_with_options(bytes, options))
        .ok_or_else(|| fail(name, "the file is malformed"))?
        .map_err(|e| fail(name, e))?;
    if doc.is_encrypted() || doc.was_encrypted() {
        return Err(fail(
            name,
            "the file is encrypted; save an unencrypted copy",
        ));
    }
    Ok(doc)
}

/// Refuses what would make the PDF parser allocate without bound or loop for ever, before it
/// reads the file: cross-reference stream field widths (`/W`) over 8 bytes or all zero, entry
/// counts (`/Index`, and `/Size` in files with field widths) beyond one per byte of the file,
/// and predictor or image parameters
/// (`/Columns`, `/Colors`, `/BitsPerComponent`) beyond what any real file uses. Near an `/XRef`
/// the widths must be at most 8 bytes; elsewhere (a CID font's `/W` is something else) only
/// absurd values are refused.
fn screen(bytes: &[u8]) -> std::result::Result<(), String> {
    let limit = bytes.len() as f64 + 16.0;
    // A /Size without /Index sets an xref stream's entry count, so it is checked in files that
    // have field widths (/W) at all.
    let mut names = Vec::new();
    let mut at = 0;
    while let Some(offset) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|b| *b == b'/'))
    {
        let start = at + offset + 1;
        let (name, name_end) = read_name(bytes, start);
        at = name_end.max(start);
        if matches!(
            name.as_slice(),
            b"W" | b"Index" | b"Size" | b"Columns" | b"Colors" | b"BitsPerComponent"
        ) {
            names.push((name, start, name_end));
        }
    }
    let has_widths = names.iter().any(|(n, _, _)| n == b"W");
    for (name, start, name_end) in &names {
        let near_xref = || {
            let from = start.saturating_sub(512);
            let to = (start + 512).min(bytes.len());
            bytes
                .get(from..to)
                .is_some_and(|w| w.windows(5).any(|x| x == b"/XRef"))
        };
        let check: fn(&[f64], f64) -> bool = match name.as_slice() {
            // Field widths of a megabyte are absurd anywhere (a CID font's /W holds widths and
            // character codes, all far smaller); all-zero widths only matter in an xref stream.
            b"W" if near_xref() => {
                |v, _| v.iter().all(|w| (0.0..=8.0).contains(w)) && v.iter().any(|w| *w > 0.0)
            }
            b"W" => |v, _| v.iter().all(|w| w.abs() <= 1e6),
            b"Index" => |v, limit| {
                v.len() < MAX_NUMBERS && v.iter().map(|n| n.abs()).sum::<f64>() <= 2.0 * limit
            },
            b"Size" if has_widths => |v, limit| v.len() != 1 || v[0].abs() <= limit,
            b"Columns" => |v, _| v.iter().all(|c| c.abs() <= f64::from(1u32 << 20)),
            b"Colors" => |v, _| v.iter().all(|c| c.abs() <= 32.0),
            b"BitsPerComponent" => |v, _| v.iter().all(|b| [1.0, 2.0, 4.0, 8.0, 16.0].contains(b)),
            _ => continue,
        };
        let values = numbers_after(bytes, *name_end);
        if !values.is_empty() && !check(&values, limit) {
            let shown: Vec<f64> = values.iter().take(8).copied().collect();
            return Err(format!(
                "/{} {:?} is not plausible; the file is malformed or hostile",
                String::from_utf8_lossy(name),
                shown
            ));
        }
    }
    Ok(())
}

/// Numbers read from one array at most; an /Index with more is refused.
const MAX_NUMBERS: usize = 4096;

/// PDF white space: NUL, tab, line feed, form feed, carriage return and space.
fn is_space(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A name's bytes from `start` (after its `/`), with `#hh` escapes decoded, and where it ends.
fn read_name(bytes: &[u8], start: usize) -> (Vec<u8>, usize) {
    let mut name = Vec::new();
    let mut at = start;
    while let Some(&b) = bytes.get(at) {
        if is_space(b) || is_delimiter(b) {
            break;
        }
        let hex = |i: usize| bytes.get(i).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(at + 1), hex(at + 2)) {
            (b'#', Some(h), Some(l)) => {
                name.push((h * 16 + l) as u8);
                at += 3;
            }
            _ => {
                name.push(b);
                at += 1;
            }
        }
        if name.len() > 64 {
            break;
        }
    }
    (name, at)
}

/// Skips white space and comments from `at`.
fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while let Some(&b) = bytes.get(at) {
        if is_space(b) {
            at += 1;
        } else if b == b'%' {
            while bytes.get(at).is_some_and(|c| *c != b'\n' && *c != b'\r') {
                at += 1;
            }
        } else {
            break;
        }
    }
    at
}

/// The number, or the numbers of the array, that follow a name (up to [`MAX_NUMBERS`]).
fn numbers_after(bytes: &[u8], at: usize) -> Vec<f64> {
    let mut at = skip_space(bytes, at);
    let array = bytes.get(at) == Some(&b'[');
    if array {
        at += 1;
    }
    let mut values = Vec::new();
    loop {
        at = skip_space(bytes, at);
        let end = bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|b| is_space(*b) || is_delimiter(*b)))
            .map_or(bytes.len(), |n| at + n);
        let Some(v) = bytes
            .get(at..end)
            .and_then(|t| std::str::from_utf8(t).ok())
            .and_then(|t| t.parse::<f64>().ok())
        else {
            break;
        };
        values.push(v);
        at = end;
        if !array || values.len() >= MAX_NUMBERS {
            break;
        }
    }
    values
}

/// The first page's id.
pub(crate) fn first_page(name: &str, doc: &Document) -> Result<lopdf::ObjectId> {
    doc.page_iter()
        .next()
        .ok_or_else(|| fail(name, "the file has no pages"))
}

/// A page attribute, following `/Parent` for inherited ones.
pub(crate) fn inherited<'a>(
    doc: &'a Document,
    page: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Object> {
    let mut dict = page;
    for _ in 0..MAX_PARENT_DEPTH {
        if let Ok(object) = dict.get(key) {
            return doc.dereference(object).ok().map(|(_, o)| o);
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// A PDF rectangle `[llx lly urx ury]` (corners in any order).
pub(crate) fn read_rect(doc: &Document, object: &Object) -> Option<Rect> {
    let values: Vec<f64> = object
        .as_array()
        .ok()?
        .iter()
        .map(|o| {
            let (_, o) = doc.dereference(o).ok()?;
            o.as_float().ok().map(f64::from)
        })
        .collect::<Option<_>>()?;
    let [x0, y0, x1, y1] = values.as_slice() else {
        return None;
    };
    let len = |v: f64| Length::try_new(v, Unit::Pt).ok();
    let rect = Rect::new(
        len(x0.min(*x1))?,
        len(y0.min(*y1))?,
        len((x1 - x0).abs())?,
        len((y1 - y0).abs())?,
    );
    (rect.width > Length::ZERO && rect.height > Length::ZERO).then_some(rect)
}

/// A page box, inherited where the format allows.
pub(crate) fn page_box(doc: &Document, page: &Dictionary, key: &[u8]) -> Option<Rect> {
    inherited(doc, page, key).and_then(|o| read_rect(doc, o))
}

/// Points rounded to a thousandth.
pub(crate) fn real(length: Length) -> Object {
    Object::Real(((length.to_pt() * 1000.0).round() / 1000.0) as f32)
}

/// A rectangle as `[llx lly urx ury]`.
pub(crate) fn rect_array(r: Rect) -> Object {
    Object::Array(vec![real(r.x), real(r.y), real(r.right()), real(r.top())])
}

pub(crate) fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// Flate-compresses every stream that may be compressed and is not yet, at the fastest level
/// (lopdf's own `compress` uses the slowest level for little gain on content streams).
fn compress(doc: &mut Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        let compressed = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish());
        if let Ok(compressed) = compressed {
            if compressed.len() < stream.content.len() {
                stream.dict.set("Filter", name("FlateDecode"));
                stream.set_content(compressed);
            }
        }
    }
}

/// Files up to this size are hashed whole for their /ID; larger ones (with images carried over
/// from artwork) are sampled, which is as unique in practice and much faster.
const HASH_WHOLE: usize = 4 << 20;

/// The MD5 of a file, or of its length, first and last MiB and a slice of every 64 KiB.
pub(crate) fn digest(bytes: &[u8]) -> [u8; 16] {
    use md5::{Digest, Md5};
    if bytes.len() <= HASH_WHOLE {
        return Md5::digest(bytes).into();
    }
    let mut md5 = Md5::new();
    md5.update((bytes.len() as u64).to_le_bytes());
    let edge = 1 << 20;
    md5.update(&bytes[..edge]);
    md5.update(&bytes[bytes.len() - edge..]);
    for chunk in bytes.chunks(64 << 10) {
        md5.update(&chunk[..chunk.len().min(256)]);
    }
    md5.finalize().into()
}

/// Compresses, saves with a placeholder /ID, and replaces it with the file's MD5, so the same
/// document always gives the same bytes.
pub(crate) fn save(mut doc: Document, what: &str) -> Result<Vec<u8>> {
    compress(&mut doc);
    let zero = vec![0u8; 16];
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(zero.clone(), StringFormat::Hexadecimal),
            Object::String(zero, StringFormat::Hexadecimal),
        ]),
    );
    let mut out = Vec::with_capacity(8 * 1024);
    doc.save_to(&mut out).map_err(|e| fail(what, e))?;
    let placeholder = format!("[<{0}><{0}>]", "0".repeat(32));
    let at = out
        .windows(placeholder.len())
        .rposition(|w| w == placeholder.as_bytes())
        .ok_or_else(|| fail(what, "the /ID placeholder was not written"))?;
    let hex: String = digest(&out).iter().map(|b| format!("{b:02X}")).collect();
    let id = format!("[<{hex}><{hex}>]");
    out[at..at + placeholder.len()].copy_from_slice(id.as_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screens_implausible_parser_inputs() {
        // Found by fuzzing: an xref stream (its /Type given by reference) whose second field
        // width, behind NUL bytes, is 3883139815726120959 bytes.
        let width = b"<< /Type 18 0 R /W[0 \0\0\x0003883139815726120959\0\n1 0 2] /Index [1 19] >>";
        assert!(screen(width)
            .unwrap_err()
            .starts_with("/W [0.0, 3.883139815726121e18"));
        assert!(screen(b"<< /Type /XRef /W [0 0 0] /Index [0 4000000000] >>").is_err());
        assert!(screen(b"<< /DecodeParms << /Predictor 12 /Columns 1000000000 >> >>").is_err());
        assert!(screen(b"<< /BitsPerComponent 7 >>").is_err());
        // What real files hold passes: an xref stream, a CID font's widths, an image.
        assert!(screen(b"<< /Type /XRef /W [1 2 1] /Index [0 12] /Size 12 >>").is_ok());
        assert!(screen(b"<< /Type /Font /W [3 [278 278] 10 20 500] >>").is_ok());
        assert!(screen(
            b"<< /Subtype /Image /BitsPerComponent 8 /DecodeParms << /Colors 3 /Columns 2400 >> >>"
        )
        .is_ok());
    }
}
