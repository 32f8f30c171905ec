//! The crate's one error type.

use crate::barcode::BarcodeError;

/// Everything that can go wrong in podcover.
///
/// Each kind of failure is a variant a program can match on; files, PDFs, artwork and compose
/// say more with a `kind` ([`std::io::ErrorKind`]) or a `problem` ([`PdfProblem`],
/// [`ArtworkProblem`], [`ComposeProblem`]). Messages are for people: lowercase, naming the bad
/// value and saying what is allowed.
///
/// ```
/// use podcover::{BookSpec, Catalog, Error};
///
/// let spec = BookSpec::parse("kdp", "paperback", "ivory", "6x9", 200)?;
/// match Catalog::builtin().layout(&spec) {
///     Err(Error::UnknownPaper { id, expected, .. }) => {
///         assert_eq!(id, "ivory");
///         assert!(expected.contains("cream"));
///     }
///     other => panic!("expected an unknown paper, got {other:?}"),
/// }
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Text that does not parse as the value it should be.
    #[error("invalid {what} {input:?}: expected {expected}")]
    Parse {
        /// What was being parsed, e.g. `trim size`.
        what: &'static str,
        /// The text as given.
        input: String,
        /// What would have been accepted.
        expected: String,
    },
    /// A vendor id that is not in the catalog.
    #[error("unknown vendor {id:?}; expected one of: {expected}")]
    UnknownVendor {
        /// The id as given.
        id: String,
        /// The vendors in the catalog, comma-separated.
        expected: String,
    },
    /// A binding the vendor does not offer.
    #[error("unknown binding {id:?} for {vendor}; expected one of: {expected}")]
    UnknownBinding {
        /// The vendor's id.
        vendor: String,
        /// The binding id as given.
        id: String,
        /// The vendor's bindings, comma-separated.
        expected: String,
    },
    /// A paper the vendor does not offer for that binding.
    #[error("unknown paper {id:?} for {vendor} {binding}; expected one of: {expected}")]
    UnknownPaper {
        /// The vendor's id.
        vendor: String,
        /// The binding's id.
        binding: String,
        /// The paper id as given.
        id: String,
        /// The binding's papers, comma-separated.
        expected: String,
    },
    /// A trim size the vendor does not print for that binding and paper.
    #[error("trim {trim} is not offered for {product}; offered: {expected}")]
    TrimNotOffered {
        /// Vendor, binding and paper, e.g. `kdp paperback white`.
        product: String,
        /// The trim as given.
        trim: String,
        /// The trims offered (and any custom range).
        expected: String,
    },
    /// A page count outside the vendor's limits.
    #[error("{pages} pages is out of range for {product}: expected {min} to {max}{detail}")]
    PagesOutOfRange {
        /// Vendor, binding, paper and trim.
        product: String,
        /// The page count as given.
        pages: u32,
        /// The smallest page count allowed.
        min: u32,
        /// The largest page count allowed.
        max: u32,
        /// Why the limit is what it is, when it depends on the trim; may be empty.
        detail: String,
    },
    /// A page count that is not a multiple the vendor requires.
    #[error("{pages} pages is not a multiple of {multiple} for {product}; use {suggestion}")]
    PagesNotMultiple {
        /// Vendor, binding and paper.
        product: String,
        /// The page count as given.
        pages: u32,
        /// The required multiple.
        multiple: u32,
        /// The next allowed page count.
        suggestion: u32,
    },
    /// A stock file that cannot be parsed or fails validation.
    #[error("{file}: {location}: {message}")]
    Stock {
        /// The file's name.
        file: String,
        /// Where in the file: entry and field, or line and column.
        location: String,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// A batch manifest that cannot be parsed or is incomplete.
    #[error("{file}: {location}: {message}")]
    Manifest {
        /// The file's name.
        file: String,
        /// Where in the file: the book, or the line.
        location: String,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// A file or folder that cannot be read or written.
    #[error("{action} {path}: {message}")]
    Io {
        /// What was being done, e.g. `cannot write`.
        action: &'static str,
        /// The path.
        path: String,
        /// The kind of failure: the system's, or what podcover refused, e.g.
        /// [`InvalidInput`](std::io::ErrorKind::InvalidInput) for a FIFO given as a stock file,
        /// [`FileTooLarge`](std::io::ErrorKind::FileTooLarge) for one over its input's limit,
        /// [`InvalidData`](std::io::ErrorKind::InvalidData) for text that is not UTF-8.
        kind: std::io::ErrorKind,
        /// The system's reason, or what is wrong and what is allowed.
        message: String,
    },
    /// A path podcover will not write to, so that nothing there is lost: a file that exists
    /// (and may not be replaced), a link, or something else where a file or folder goes.
    #[error("{path} {message}")]
    Protected {
        /// The path.
        path: String,
        /// [`AlreadyExists`](std::io::ErrorKind::AlreadyExists) for a file that may not be
        /// replaced, [`InvalidInput`](std::io::ErrorKind::InvalidInput) for a link, a folder or
        /// a device where a file goes (or a file or link where a folder goes).
        kind: std::io::ErrorKind,
        /// What is there, and what to do, e.g. `is a folder, not a regular file; ...`.
        message: String,
    },
    /// A PDF that cannot be read, or is encrypted.
    #[error("cannot read PDF {name}: {message}")]
    Pdf {
        /// The file's name, or `<memory>`.
        name: String,
        /// What kind of problem it is.
        problem: PdfProblem,
        /// What went wrong, and what to do about it.
        message: String,
    },
    /// Artwork that is not a PDF, JPEG or PNG, or an image that cannot be read or is too large.
    #[error("cannot read artwork {name}: {message}")]
    Artwork {
        /// The file's name.
        name: String,
        /// What kind of problem it is.
        problem: ArtworkProblem,
        /// What went wrong, and what to do about it.
        message: String,
    },
    /// A declared trim that disagrees with the interior PDF's page size.
    #[error(
        "declared trim {declared} does not match the interior's {found_in} {found} ({found_mm})"
    )]
    TrimMismatch {
        /// The trim given by the user.
        declared: String,
        /// The page box that was read.
        found_in: &'static str,
        /// The trim that box implies, in inches.
        found: String,
        /// The same in millimetres.
        found_mm: String,
    },
    /// Artwork that cannot be placed on a cover as asked, or a cover that cannot be respined.
    #[error("{message}")]
    Compose {
        /// What kind of problem it is.
        problem: ComposeProblem,
        /// What does not fit, and what would.
        message: String,
    },
    /// A batch book that cannot be built as its manifest entry gives it, found when it is
    /// built (what can be checked in the manifest alone is an [`Error::Manifest`]).
    #[error("{message}")]
    Book {
        /// What is missing or wrong, and what is allowed.
        message: String,
    },
    /// A batch book's `made_for` (the book a whole cover was made for) has no layout.
    #[error("made_for: {0}")]
    MadeFor(Box<Error>),
    /// An invalid ISBN or price add-on.
    #[error(transparent)]
    Barcode(#[from] BarcodeError),
}

impl Error {
    /// An [`Error::Protected`].
    #[cfg(feature = "pdf")]
    pub(crate) fn protected(
        path: &std::path::Path,
        kind: std::io::ErrorKind,
        message: impl Into<String>,
    ) -> Error {
        Error::Protected {
            path: path.display().to_string(),
            kind,
            message: message.into(),
        }
    }

    /// An [`Error::Io`] from the system's error.
    #[cfg(feature = "pdf")]
    pub(crate) fn io(
        action: &'static str,
        path: &std::path::Path,
        error: &std::io::Error,
    ) -> Error {
        Error::Io {
            action,
            path: path.display().to_string(),
            kind: error.kind(),
            message: error.to_string(),
        }
    }

    /// The [`io::ErrorKind`](std::io::ErrorKind) of an [`Error::Io`] or [`Error::Protected`];
    /// `None` for every other error.
    ///
    /// ```
    /// # #[cfg(feature = "pdf")] {
    /// use podcover::{read_input, Input};
    ///
    /// let err = read_input("no-such-stock.toml".as_ref(), Input::Stock).unwrap_err();
    /// assert_eq!(err.io_kind(), Some(std::io::ErrorKind::NotFound));
    /// # }
    /// ```
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        match self {
            Error::Io { kind, .. } | Error::Protected { kind, .. } => Some(*kind),
            _ => None,
        }
    }
}

/// What is wrong with a PDF: the kind of an [`Error::Pdf`].
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
    /// A PDF being written could not be finished.
    Write,
}

/// What is wrong with an artwork file: the kind of an [`Error::Artwork`].
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
    /// An image (a barcode or template PNG) could not be written.
    Write,
    /// The colour profile embedded in an image cannot be read, is not for the image's colours,
    /// or cannot be converted from.
    ColorProfile,
}

/// Why artwork cannot be placed on a cover, or a cover respined: the kind of an
/// [`Error::Compose`].
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
    /// The artwork could not be placed: it is malformed.
    Malformed,
}

/// Shorthand for results with podcover's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
