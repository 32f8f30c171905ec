//! Reading a user's files: artwork for a cover ([`Artwork`]: PDF, JPEG or PNG) and interior PDFs
//! ([`Interior`]: page count and trim).
//!
//! Inside: PDF reading (loading behind the input screen and the reader boundary, page boxes),
//! the writer of templates and compose's marks (`write`), artwork import, and what they share
//! (object helpers, compression, a reproducible file identifier).

use std::fs::File;

use lopdf::{Dictionary, Document, LoadOptions, Object};

#[cfg(doc)]
use crate::error::ErrorKind;
use crate::error::{Error, PdfProblem, Result};
use crate::units::{Length, Pdf, Rect, Unit};

mod artwork;
mod assembly;
pub(crate) mod content;
mod file;
pub(crate) mod font;
mod footprint;
mod interior;
mod lazy;
pub(crate) mod print_color;
pub(crate) mod raster;
pub(crate) mod sample;
mod screen;
mod source;
mod write;

pub use artwork::Artwork;
pub(crate) use assembly::Assembly;
pub(crate) use file::hash128;
pub(crate) use file::Sink;
use file::{deflate, deflate_predicted};
pub(crate) use footprint::decoded_bytes;
pub use interior::{Interior, PageBox};
use lazy::Window;
pub(crate) use screen::count_tokens;
use screen::screen;
pub(crate) use source::Source;
pub use write::PdfX;
pub(crate) use write::{Info, OnePage};

/// Streams may decompress to at most this many bytes while loading (256 MiB), so a hostile
/// file cannot exhaust memory.
pub(crate) const MAX_DECOMPRESSED: usize = 256 << 20;

/// How many `/Parent` links are followed to find an inherited page attribute.
const MAX_PARENT_DEPTH: usize = 32;

pub(crate) fn fail(name: &str, problem: PdfProblem, message: impl std::fmt::Display) -> Error {
    Error::pdf(name, problem, message)
}

/// Stack for the threads that parse untrusted PDFs: lopdf parses nested objects recursively
/// (up to 100 deep), which takes more than the usual 2 MiB in unoptimised builds.
const PARSER_STACK: usize = 64 << 20;

thread_local! {
    /// Whether this thread already has the large stack (a [`large_stack`] call, or a batch
    /// worker).
    static LARGE_STACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Whether this thread is inside [`untrusted`]: a panic now is a third-party reader's, and
    /// becomes an error.
    static IN_UNTRUSTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the current thread is running a third-party reader on a user's file, where a panic
/// is caught and reported as an error of kind [`ErrorKind::Reader`]. A program's panic hook can
/// use it to stay quiet about such panics, as the `podcover` tool does:
///
/// ```
/// let default = std::panic::take_hook();
/// std::panic::set_hook(Box::new(move |info| {
///     if !podcover::pdf::in_untrusted_reader() {
///         default(info);
///     }
/// }));
/// ```
pub fn in_untrusted_reader() -> bool {
    IN_UNTRUSTED.with(|f| f.get())
}

/// The one place podcover catches panics: around a third-party reader (lopdf's parser and
/// stream decoders, the PNG and JPEG decoders, the font reader) working on bytes from a user.
/// Such a reader should return an error for any input; if it panics instead, the panic is
/// caught here and reported as an error of kind [`ErrorKind::Reader`] naming `file` (what was
/// read) and `reader` (e.g. `the PDF parser`), so that one bad file cannot take down a batch or
/// a program. podcover's own code is never wrapped: a panic there is a bug in podcover and
/// unwinds as one.
///
/// With `panic = "abort"` (the web page's module) nothing is caught: the module stops, and the
/// page starts it again.
pub(crate) fn untrusted<T>(file: &str, reader: &str, work: impl FnOnce() -> T) -> Result<T> {
    let outer = IN_UNTRUSTED.with(|f| f.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    IN_UNTRUSTED.with(|f| f.set(outer));
    result.map_err(|_| Error::reader(file, reader))
}

/// Runs `work` with a large stack: on this thread if it already has one, on a new thread
/// otherwise. WebAssembly has no threads: there `work` runs on the caller's stack, whose size
/// is set when the module is linked. A panic in `work` goes on unwinding in the caller.
pub(crate) fn large_stack<T: Send>(work: impl FnOnce() -> T + Send) -> Result<T> {
    if cfg!(target_family = "wasm") || LARGE_STACK.with(|l| l.get()) {
        return Ok(work());
    }
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .stack_size(PARSER_STACK)
            .spawn_scoped(scope, || {
                LARGE_STACK.with(|l| l.set(true));
                work()
            })
            .map_err(|e| Error::io_named("cannot start", "a thread to read the file", e))?;
        match handle.join() {
            Ok(value) => Ok(value),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Spawns a scoped thread with the large stack that [`large_stack`] gives, so that calls on it
/// need no thread of their own.
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
///
/// What is not a PDF (empty, an image, anything without `%PDF-` near its start) and a PDF cut
/// short (no `%%EOF` near its end) that cannot be read are refused in words a designer
/// understands.
pub(crate) fn load(name: &str, bytes: &[u8]) -> Result<Document> {
    load_with(name, bytes, false).map(|(doc, _)| doc)
}

/// Loads a PDF as [`load`] does, but when the file is well formed its streams' contents are
/// left in `bytes` (see [`lazy`]); whether they were.
pub(crate) fn load_lazily(name: &str, bytes: &[u8]) -> Result<(Document, bool)> {
    load_with(name, bytes, true)
}

fn load_with(name: &str, bytes: &[u8], lazily: bool) -> Result<(Document, bool)> {
    not_a_pdf(bytes).map_or(Ok(()), |m| Err(fail(name, PdfProblem::NotPdf, m)))?;
    screened(name, bytes, bytes)?;
    if lazily && let Some(doc) = lazy::load(name, bytes) {
        return Ok((doc, true));
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_DECOMPRESSED),
        ..LoadOptions::default()
    };
    let doc = large_stack(|| {
        untrusted(name, "the PDF parser", || {
            Document::load_mem_with_options(bytes, options)
        })
    })??
    .map_err(|e| malformed(name, bytes, e.to_string()))?;
    if doc.is_encrypted() || doc.was_encrypted() {
        return Err(fail(
            name,
            PdfProblem::Encrypted,
            "the file is encrypted; save an unencrypted copy",
        ));
    }
    Ok((doc, false))
}

/// Loads a PDF from `file` (`len` bytes long) as [`load_lazily`] does, reading only its
/// structure when it is well formed: its streams' contents stay in the file, read from it when
/// asked for and copied from it by the system (see [`Source`]). Otherwise the whole file is
/// read and loaded as [`load_lazily`] loads it; the source is then in memory, or (read by the
/// full parser) in the document.
pub(crate) fn load_file(name: &str, file: File, len: usize) -> Result<(Document, Option<Source>)> {
    use std::io::{Read, Seek, SeekFrom};
    let mut partial = lazy::Partial::new(&file, len);
    let is_pdf = partial
        .window(0..len.min(1024))
        .is_some_and(|head| not_a_pdf(head).is_none());
    let doc = match is_pdf {
        true => lazy::read(name, &mut partial),
        false => None,
    };
    if let Some(doc) = doc {
        screened(name, &partial.bytes, &partial.structure())?;
        let streams: Vec<_> = doc
            .objects
            .values()
            .filter_map(|o| lazy::range(&partial.bytes, o.as_stream().ok()?))
            .collect();
        let (bytes, read) = (partial.bytes, partial.read);
        let source = Source::partial(name, file, bytes, read, streams)
            .map_err(|e| Error::io_named("cannot read", name, e))?;
        return Ok((doc, Some(source)));
    }
    drop(partial);
    let mut bytes = Vec::with_capacity(len);
    let mut whole = &file;
    whole
        .seek(SeekFrom::Start(0))
        .and_then(|_| whole.take(len as u64).read_to_end(&mut bytes))
        .map_err(|e| Error::io_named("cannot read", name, e))?;
    let (doc, lazily) = load_with(name, &bytes, true)?;
    Ok((doc, lazily.then(|| Source::memory(bytes))))
}

/// Runs the input screen over `screen_bytes` (the file, or its structure), refusing what it
/// refuses; `bytes` is the file (as far as read), for its end.
fn screened(name: &str, bytes: &[u8], screen_bytes: &[u8]) -> Result<()> {
    screen(screen_bytes).map_err(|(problem, m)| match problem {
        PdfProblem::Malformed => malformed(name, bytes, m),
        _ => fail(name, problem, m),
    })
}

/// A PDF that cannot be read: damaged, or cut short if it does not end as a PDF does.
fn malformed(name: &str, bytes: &[u8], message: String) -> Error {
    let message = if ends_as_pdf(bytes) {
        format!("the PDF is damaged and cannot be read ({message}); export it again")
    } else {
        "the file is cut short: it stops before the end of the PDF (it may not have finished \
         saving, downloading or copying); export or copy it again"
            .to_string()
    };
    fail(name, PdfProblem::Malformed, message)
}

/// Why `bytes` are no PDF at all, if they are not.
fn not_a_pdf(bytes: &[u8]) -> Option<String> {
    match raster::Format::sniff(bytes) {
        Some(raster::Format::Pdf) => None,
        Some(image) => Some(format!(
            "the file is a {} image, not a PDF; export it as a PDF",
            image.as_str()
        )),
        None if bytes.is_empty() => Some("the file is empty".into()),
        None => Some("the file is not a PDF (a PDF starts with %PDF-); export it as a PDF".into()),
    }
}

/// Whether a PDF's end-of-file marker is where it should be: in its last kilobyte (readers
/// allow that much trailing junk).
fn ends_as_pdf(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    memchr::memmem::rfind(tail, b"%%EOF").is_some()
}

/// The first page's id.
pub(crate) fn first_page(name: &str, doc: &Document) -> Result<lopdf::ObjectId> {
    doc.page_iter()
        .next()
        .ok_or_else(|| fail(name, PdfProblem::NoPages, "the file has no pages"))
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
pub(crate) fn read_rect(doc: &Document, object: &Object) -> Option<Rect<Pdf>> {
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
pub(crate) fn page_box(doc: &Document, page: &Dictionary, key: &[u8]) -> Option<Rect<Pdf>> {
    inherited(doc, page, key).and_then(|o| read_rect(doc, o))
}

/// Points rounded to a thousandth.
pub(crate) fn real(length: Length) -> Object {
    Object::Real(((length.to_pt() * 1000.0).round() / 1000.0) as f32)
}

/// A rectangle in PDF's coordinates (`y` upwards) as `[llx lly urx ury]`.
pub(crate) fn rect_array(r: Rect<Pdf>) -> Object {
    Object::Array(vec![real(r.x), real(r.y), real(r.right()), real(r.top())])
}

pub(crate) fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// Files up to this size are hashed whole for their /ID; larger ones (with images carried over
/// from artwork) are sampled, which is as unique in practice and faster still.
const HASH_WHOLE: usize = 4 << 20;

/// A hash of a file, or of its length, first and last MiB and a slice of every 64 KiB.
pub(crate) fn digest(bytes: &[u8]) -> [u8; 16] {
    let Some(samples) = digest_samples(bytes.len()) else {
        return file::hash128(bytes);
    };
    let mut sample = Vec::with_capacity(2 * (1 << 20) + bytes.len() / 256 + 8);
    sample.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    for part in samples {
        sample.extend_from_slice(&bytes[part]);
    }
    file::hash128(&sample)
}

/// The parts of `len` bytes that [`digest`] hashes after their length, in order: `None` when
/// it hashes them whole.
pub(crate) fn digest_samples(len: usize) -> Option<Vec<std::ops::Range<usize>>> {
    if len <= HASH_WHOLE {
        return None;
    }
    let edge = 1 << 20;
    let chunk = 64 << 10;
    let mut parts = vec![0..edge, len - edge..len];
    parts.extend((0..len).step_by(chunk).map(|at| at..(at + 256).min(len)));
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn a_reader_that_panics_is_an_error_naming_the_file() {
        let err = untrusted("front.pdf", "the PDF parser", || -> u8 {
            panic!("a bug in the reader")
        })
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Reader);
        assert_eq!(err.file(), Some("front.pdf"));
        assert_eq!(
            err.to_string(),
            "cannot read front.pdf: the PDF parser failed on it with an internal error; the \
             file is probably damaged (please report the failure with the file)"
        );
        assert_eq!(untrusted("front.pdf", "the PDF parser", || 7).unwrap(), 7);
    }

    #[test]
    fn a_panic_in_podcover_itself_is_not_caught() {
        // On a thread of its own (the large stack), and on this one once it has one.
        for _ in 0..2 {
            let outcome =
                std::panic::catch_unwind(|| large_stack(|| -> u8 { panic!("a podcover bug") }));
            let payload = outcome.expect_err("the panic goes on unwinding");
            assert_eq!(payload.downcast_ref::<&str>(), Some(&"a podcover bug"));
            LARGE_STACK.with(|l| l.set(true));
        }
        LARGE_STACK.with(|l| l.set(false));
    }
}
