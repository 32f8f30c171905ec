//! The crate's one error type: [`Error`], the [`ErrorKind`] a program matches on, and the finer
//! kinds of PDF, artwork, compose and barcode failures.

use std::fmt;
use std::io;
use std::ops::RangeInclusive;
use std::sync::Arc;

/// Everything that can go wrong in podcover.
///
/// An `Error` is opaque. A program matches on its [`kind`](Error::kind), reads the details it
/// needs through accessors ([`value`](Error::value), [`allowed`](Error::allowed),
/// [`page_range`](Error::page_range), [`file`](Error::file), [`io_kind`](Error::io_kind)), and
/// reaches the underlying cause through [`source`](std::error::Error::source): the system's
/// [`io::Error`] as it was returned, for a file that cannot be read or written. The message
/// (`Display`) is for people and may be worded better in any release: lowercase, naming the
/// bad value and what is allowed, and including the cause's text, so that printing the message
/// alone says everything.
///
/// Cloning an `Error` is cheap (the clones share one error). Errors are `Send` and `Sync`.
///
/// ```
/// use podcover::{BookSpec, Catalog, ErrorKind};
///
/// let spec = BookSpec::parse("kdp", "paperback", "ivory", "6x9", 200)?;
/// let err = Catalog::builtin().layout(&spec).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::UnknownPaper);
/// assert_eq!(err.value(), Some("ivory"));
/// assert!(err.allowed().iter().any(|paper| paper == "cream"));
/// # Ok::<(), podcover::Error>(())
/// ```
#[derive(Clone)]
pub struct Error(Arc<Inner>);

struct Inner {
    kind: ErrorKind,
    message: String,
    file: Option<String>,
    value: Option<String>,
    allowed: Vec<String>,
    pages: Option<Pages>,
    /// The kind of an I/O failure or refusal.
    io_kind: Option<io::ErrorKind>,
    cause: Option<Cause>,
}

/// A page count that is refused, and the rule it breaks.
struct Pages {
    given: u32,
    range: Option<RangeInclusive<u32>>,
    multiple: Option<u32>,
}

/// What an error was caused by.
// Without `pdf` nothing reads or writes files, and no error has a cause.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
enum Cause {
    Io(io::Error),
    Podcover(Error),
}

/// What kind of failure an [`Error`] is: the part of an error a program matches on.
///
/// New kinds may be added in any release (the enum is `#[non_exhaustive]`); a match needs a
/// wildcard arm. Kinds that come in several sorts carry a finer kind ([`PdfProblem`],
/// [`ArtworkProblem`], [`ComposeProblem`], [`BarcodeProblem`], [`io::ErrorKind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Text or a number that is not a valid value of what it should be: a trim size, a length,
    /// a unit, an id, a resolution or a scale out of range. [`Error::value`] is the value as
    /// given.
    InvalidValue,
    /// A vendor id that is not in the catalog. [`Error::value`] is the id as given,
    /// [`Error::allowed`] the catalog's vendors.
    UnknownVendor,
    /// A binding (or a digital product) the vendor does not offer. [`Error::value`] is the id
    /// as given, [`Error::allowed`] the vendor's bindings (or digital products).
    UnknownBinding,
    /// A paper the vendor does not offer for that binding. [`Error::value`] is the id as
    /// given, [`Error::allowed`] the binding's papers.
    UnknownPaper,
    /// A trim size the vendor does not print for that binding and paper. [`Error::value`] is
    /// the trim, [`Error::allowed`] the trims offered (a custom range is in the message).
    TrimNotOffered,
    /// A page count outside what the vendor prints (or its calculator covers).
    /// [`Error::pages`] is the count given, [`Error::page_range`] the counts allowed.
    PagesOutOfRange,
    /// A page count that is not a multiple the vendor requires. [`Error::pages`] is the count
    /// given, [`Error::page_multiple`] the multiple.
    PagesNotMultiple,
    /// A declared trim that disagrees with the interior PDF's page size.
    TrimMismatch,
    /// A stock file or readings file that cannot be parsed or fails validation.
    /// [`Error::file`] is the file's name; the message says where in it.
    StockFile,
    /// A batch manifest that cannot be parsed or is incomplete. [`Error::file`] is the file's
    /// name; the message says where in it.
    Manifest,
    /// A batch book that cannot be built as its manifest entry gives it, found when it is
    /// built (what can be checked in the manifest alone is [`ErrorKind::Manifest`]). When the
    /// book its whole cover was made for (`made_for`) has no layout, that error is the
    /// [`source`](std::error::Error::source).
    Book,
    /// A file or folder that cannot be read or written: the system's error, whose
    /// [`io::Error`] is the [`source`](std::error::Error::source), or what podcover refused to
    /// read, e.g. [`InvalidInput`](io::ErrorKind::InvalidInput) for a FIFO given as a stock
    /// file, [`FileTooLarge`](io::ErrorKind::FileTooLarge) for one over its input's limit,
    /// [`InvalidData`](io::ErrorKind::InvalidData) for text that is not UTF-8.
    /// [`Error::file`] is the path.
    Io(io::ErrorKind),
    /// A path podcover will not write to, so that nothing there is lost: a file that exists
    /// and may not be replaced ([`Error::io_kind`] is
    /// [`AlreadyExists`](io::ErrorKind::AlreadyExists)), an input given as an output, a link,
    /// a folder or a device where a file goes, or a file or link where a folder goes
    /// ([`InvalidInput`](io::ErrorKind::InvalidInput)). [`Error::file`] is the path.
    Protected,
    /// A PDF that cannot be read. [`Error::file`] is its name.
    Pdf(PdfProblem),
    /// Artwork that is not a PDF, JPEG or PNG, or an image that cannot be read or is too
    /// large. [`Error::file`] is its name.
    Artwork(ArtworkProblem),
    /// Artwork that cannot be placed on a cover as asked, or a cover that cannot be respined.
    Compose(ComposeProblem),
    /// An invalid ISBN or price add-on, or a barcode that does not fit its box.
    /// [`Error::value`] is the text as given.
    Barcode(BarcodeProblem),
    /// A file podcover makes (a PDF or PNG) could not be encoded.
    Encode,
    /// A colour profile (ICC) that cannot be read, is not for the colours it is used with, or
    /// cannot be converted from. [`Error::file`] names the image or profile.
    ColorProfile,
    /// A reader podcover uses on untrusted files (the PDF parser, the PNG or JPEG decoder)
    /// failed on this file instead of returning an error. [`Error::file`] names the file.
    /// The file is likely damaged, but a reader should refuse it, not fail: worth reporting.
    Reader,
}

impl Error {
    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The [`io::ErrorKind`] of an [`ErrorKind::Io`] or [`ErrorKind::Protected`] error;
    /// `None` for every other kind.
    ///
    /// ```
    /// # #[cfg(feature = "pdf")] {
    /// use podcover::files::{Input, read_input};
    ///
    /// let err = read_input("no-such-stock.toml".as_ref(), Input::Stock).unwrap_err();
    /// assert_eq!(err.io_kind(), Some(std::io::ErrorKind::NotFound));
    /// # }
    /// ```
    pub fn io_kind(&self) -> Option<io::ErrorKind> {
        self.0.io_kind
    }

    /// The file the error is about: a path, or the name given for bytes read from memory
    /// (`<memory>` when none was).
    pub fn file(&self) -> Option<&str> {
        self.0.file.as_deref()
    }

    /// The value at fault, as given: an unknown id, a trim not offered, text that is not a
    /// valid value, an ISBN or price.
    pub fn value(&self) -> Option<&str> {
        self.0.value.as_deref()
    }

    /// What would have been accepted instead of [`value`](Error::value), for an unknown
    /// vendor, binding or paper (their ids) and a trim not offered (the trims offered); empty
    /// for other kinds.
    pub fn allowed(&self) -> &[String] {
        &self.0.allowed
    }

    /// The page count refused, for [`ErrorKind::PagesOutOfRange`] and
    /// [`ErrorKind::PagesNotMultiple`].
    pub fn pages(&self) -> Option<u32> {
        self.0.pages.as_ref().map(|p| p.given)
    }

    /// The page counts allowed, for [`ErrorKind::PagesOutOfRange`].
    ///
    /// ```
    /// use podcover::{BookSpec, Catalog, ErrorKind};
    ///
    /// let spec = BookSpec::parse("kdp", "paperback", "cream", "6x9", 2000)?;
    /// let err = Catalog::builtin().layout(&spec).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::PagesOutOfRange);
    /// assert_eq!(err.pages(), Some(2000));
    /// assert_eq!(err.page_range(), Some(24..=776));
    /// # Ok::<(), podcover::Error>(())
    /// ```
    pub fn page_range(&self) -> Option<RangeInclusive<u32>> {
        self.0.pages.as_ref().and_then(|p| p.range.clone())
    }

    /// The multiple page counts must be, for [`ErrorKind::PagesNotMultiple`].
    pub fn page_multiple(&self) -> Option<u32> {
        self.0.pages.as_ref().and_then(|p| p.multiple)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.0.kind)
            .field("message", &self.0.message);
        if let Some(file) = &self.0.file {
            d.field("file", file);
        }
        match &self.0.cause {
            Some(Cause::Io(e)) => d.field("source", e),
            Some(Cause::Podcover(e)) => d.field("source", e),
            None => &mut d,
        };
        d.finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0.cause {
            Some(Cause::Io(e)) => Some(e),
            Some(Cause::Podcover(e)) => Some(e),
            None => None,
        }
    }
}

/// Building errors, for the crate's own use.
// Without `pdf`, the errors of files, PDFs, artwork and compose are never made.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
impl Error {
    /// An error of `kind` with `message`, to add details to.
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error(Arc::new(Inner {
            kind,
            message: message.into(),
            file: None,
            value: None,
            allowed: Vec::new(),
            pages: None,
            io_kind: match kind {
                ErrorKind::Io(io_kind) => Some(io_kind),
                _ => None,
            },
            cause: None,
        }))
    }

    fn inner(&mut self) -> &mut Inner {
        Arc::get_mut(&mut self.0).expect("an error being built is not shared")
    }

    pub(crate) fn with_file(mut self, file: impl Into<String>) -> Error {
        self.inner().file = Some(file.into());
        self
    }

    pub(crate) fn with_value(mut self, value: impl Into<String>) -> Error {
        self.inner().value = Some(value.into());
        self
    }

    pub(crate) fn with_allowed(mut self, allowed: Vec<String>) -> Error {
        self.inner().allowed = allowed;
        self
    }

    /// Text that is not a valid `what`: `invalid trim size "6y9": expected ...`.
    pub(crate) fn invalid(
        what: &str,
        input: impl fmt::Display,
        expected: impl fmt::Display,
    ) -> Error {
        let input = input.to_string();
        Error::new(
            ErrorKind::InvalidValue,
            format!("invalid {what} {input:?}: expected {expected}"),
        )
        .with_value(input)
    }

    /// An id that is not in `allowed`; `message` names what it was looked for in.
    pub(crate) fn unknown(
        kind: ErrorKind,
        id: &str,
        allowed: Vec<String>,
        message: String,
    ) -> Error {
        Error::new(kind, message)
            .with_value(id)
            .with_allowed(allowed)
    }

    /// A page count outside `min..=max` for `product` (vendor, binding, paper, trim); `detail`
    /// says why the limit is what it is, or is empty.
    pub(crate) fn pages_out_of_range(
        product: &str,
        pages: u32,
        min: u32,
        max: u32,
        detail: &str,
    ) -> Error {
        let range = min..=max;
        let mut e = Error::new(
            ErrorKind::PagesOutOfRange,
            format!("{pages} pages is out of range for {product}: expected {min} to {max}{detail}"),
        );
        e.inner().pages = Some(Pages {
            given: pages,
            range: Some(range),
            multiple: None,
        });
        e
    }

    /// A page count that is not a multiple of `multiple`.
    pub(crate) fn pages_not_multiple(pages: u32, multiple: u32, message: String) -> Error {
        let mut e = Error::new(ErrorKind::PagesNotMultiple, message);
        e.inner().pages = Some(Pages {
            given: pages,
            range: None,
            multiple: Some(multiple),
        });
        e
    }

    /// A stock or readings file's error at `location` (entry and field, or line and column).
    pub(crate) fn stock(file: &str, location: &str, message: impl fmt::Display) -> Error {
        Error::new(
            ErrorKind::StockFile,
            format!("{file}: {location}: {message}"),
        )
        .with_file(file)
    }

    /// A manifest's error at `location` (the book, or line and column).
    pub(crate) fn manifest(file: &str, location: &str, message: impl fmt::Display) -> Error {
        Error::new(
            ErrorKind::Manifest,
            format!("{file}: {location}: {message}"),
        )
        .with_file(file)
    }

    /// A PDF that cannot be read: `cannot read PDF NAME: MESSAGE`.
    pub(crate) fn pdf(name: &str, problem: PdfProblem, message: impl fmt::Display) -> Error {
        Error::new(
            ErrorKind::Pdf(problem),
            format!("cannot read PDF {name}: {message}"),
        )
        .with_file(name)
    }

    /// Artwork that cannot be read: `cannot read artwork NAME: MESSAGE`.
    pub(crate) fn artwork(
        name: &str,
        problem: ArtworkProblem,
        message: impl fmt::Display,
    ) -> Error {
        Error::new(
            ErrorKind::Artwork(problem),
            format!("cannot read artwork {name}: {message}"),
        )
        .with_file(name)
    }

    /// An image's colour profile that cannot be used: `cannot read artwork NAME: MESSAGE`.
    pub(crate) fn color_profile(name: &str, message: impl fmt::Display) -> Error {
        Error::new(
            ErrorKind::ColorProfile,
            format!("cannot read artwork {name}: {message}"),
        )
        .with_file(name)
    }

    /// Artwork that cannot be placed, or a cover respined.
    pub(crate) fn compose(problem: ComposeProblem, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Compose(problem), message)
    }

    /// A batch book that cannot be built.
    pub(crate) fn book(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Book, message)
    }

    /// A batch book whose `made_for` has no layout: `made_for: ...`, caused by `error`.
    pub(crate) fn made_for(error: Error) -> Error {
        let mut e = Error::new(ErrorKind::Book, format!("made_for: {error}"));
        e.inner().cause = Some(Cause::Podcover(error));
        e
    }

    /// An invalid ISBN, price or barcode box.
    pub(crate) fn barcode(
        problem: BarcodeProblem,
        input: &str,
        message: impl Into<String>,
    ) -> Error {
        Error::new(ErrorKind::Barcode(problem), message).with_value(input)
    }

    /// A PDF or PNG that could not be encoded.
    pub(crate) fn encode(what: &str, message: impl fmt::Display) -> Error {
        Error::new(ErrorKind::Encode, format!("cannot write {what}: {message}"))
    }

    /// The system's `error` while doing `action` on `path`: `ACTION PATH: REASON`.
    pub(crate) fn io(action: &str, path: &std::path::Path, error: io::Error) -> Error {
        Error::io_named(action, &path.display().to_string(), error)
    }

    /// [`Error::io`] for something named otherwise than by a path.
    pub(crate) fn io_named(action: &str, name: &str, error: io::Error) -> Error {
        let mut e = Error::new(
            ErrorKind::Io(error.kind()),
            format!("{action} {name}: {error}"),
        )
        .with_file(name);
        e.inner().cause = Some(Cause::Io(error));
        e
    }

    /// What podcover refuses to read or write at `path`, as an I/O error of `kind`:
    /// `ACTION PATH: MESSAGE`.
    pub(crate) fn refused(
        action: &str,
        path: &std::path::Path,
        kind: io::ErrorKind,
        message: impl fmt::Display,
    ) -> Error {
        let name = path.display().to_string();
        Error::new(ErrorKind::Io(kind), format!("{action} {name}: {message}")).with_file(name)
    }

    /// A path podcover will not write to: `PATH MESSAGE`, e.g. `cover.pdf exists`.
    pub(crate) fn protected(
        path: &std::path::Path,
        kind: io::ErrorKind,
        message: impl fmt::Display,
    ) -> Error {
        let name = path.display().to_string();
        let mut e = Error::new(ErrorKind::Protected, format!("{name} {message}")).with_file(name);
        e.inner().io_kind = Some(kind);
        e
    }

    /// A reader (`reader`, e.g. `the PDF parser`) that failed on `file` instead of returning
    /// an error.
    pub(crate) fn reader(file: &str, reader: &str) -> Error {
        Error::new(
            ErrorKind::Reader,
            format!(
                "cannot read {file}: {reader} failed on it with an internal error; the file is \
                 probably damaged (please report the failure with the file)"
            ),
        )
        .with_file(file)
    }
}

/// What is wrong with a PDF: the finer kind of an [`ErrorKind::Pdf`].
///
/// The error's message says more (what was found, what to do); the kind is what a program
/// matches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PdfProblem {
    /// The file is not a PDF at all: empty, an image, or another kind of file.
    NotPdf,
    /// The file is encrypted: save an unencrypted copy.
    Encrypted,
    /// The file cannot be parsed: it is damaged, truncated, or holds values no real file does.
    Malformed,
    /// The file or its page holds more objects, pages or nesting than podcover reads.
    TooLarge,
    /// The file uses something podcover does not read, e.g. an object stream compressed other
    /// than with Flate.
    Unsupported,
    /// The file has no pages.
    NoPages,
    /// The (first) page has no valid MediaBox.
    NoMediaBox,
    /// The page is rotated: save it unrotated.
    Rotated,
}

/// What is wrong with an artwork file: the finer kind of an [`ErrorKind::Artwork`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ArtworkProblem {
    /// The file is empty.
    Empty,
    /// The file is not a PDF, JPEG or PNG.
    UnknownFormat,
    /// The image cannot be decoded: not a valid JPEG or PNG, or of no size.
    Malformed,
    /// A JPEG that PDF does not take: not 8-bit, lossless or arithmetic-coded, its height
    /// given late, or an unusual number of colour components.
    Unsupported,
    /// More pixels than podcover reads.
    TooLarge,
    /// A PDF where an image is needed: a digital edition's cover is made from pixels, and
    /// podcover does not render PDF pages.
    NotAnImage,
}

/// Why artwork cannot be placed on a cover, or a cover respined: the finer kind of an
/// [`ErrorKind::Compose`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ComposeProblem {
    /// Artwork, or a cover to respine, is not a size its place takes; the message lists the
    /// sizes that are.
    WrongSize,
    /// An image is under the vendor's minimum resolution where placed.
    LowResolution,
    /// Spine artwork would be stretched or squeezed past use to fit the spine.
    SpineArtStretched,
    /// Spine text would be set smaller than prints legibly.
    SpineTextTooSmall,
    /// The spine text has characters the font (or Helvetica) has no glyph for.
    GlyphMissing,
    /// The font file cannot be read as TrueType or OpenType.
    UnreadableFont,
    /// Artwork the binding needs is missing (a dust jacket's flaps).
    MissingArt,
    /// The binding cannot be respined (a dust jacket), or a cover of it taken apart for
    /// another binding (a case or jacket cover).
    Binding,
    /// The panels change size between the layouts, and scaling was not allowed.
    ScalingNeeded,
    /// The old cover has no spine to stretch to the new one.
    NoSpine,
    /// Respine would stretch or squeeze the spine's type beyond what it allows, and neither
    /// was the distortion allowed nor new spine art given to redraw it.
    SpineDistorted,
    /// The cover is to be PDF/X, and something in it is not allowed there: transparency, a
    /// font that is not embedded, a compression PDF/X forbids.
    NotPdfX,
    /// PDF artwork for a CMYK cover holds what CMYK print files cannot carry: RGB or other
    /// colour that is neither CMYK nor grey, spot colour, shadings, patterns or transparency.
    NotCmyk,
    /// A colour given for the cover has more total ink than the vendor allows, and strict
    /// colour asked for a refusal instead of a reduction.
    InkLimit,
}

/// What is wrong with an ISBN, a price add-on or a barcode: the finer kind of an
/// [`ErrorKind::Barcode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BarcodeProblem {
    /// The text is not shaped like an ISBN-13 or ISBN-10.
    NotAnIsbn,
    /// Thirteen digits, but not in the Bookland (978/979) range.
    NotBookland,
    /// The last character does not match the computed check digit.
    CheckDigit,
    /// The price add-on is not exactly five digits.
    InvalidPrice,
    /// The vendor's barcode box cannot hold the barcode at the smallest size allowed.
    DoesNotFit,
}

/// Shorthand for results with podcover's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
