//! The crate's one error type.

use crate::barcode::BarcodeError;

/// Everything that can go wrong in podcover.
///
/// Messages are lowercase, name the bad value, and say what is allowed.
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
        /// The system's reason.
        message: String,
    },
    /// A PDF that cannot be read, or is encrypted.
    #[error("cannot read PDF {name}: {message}")]
    Pdf {
        /// The file's name, or `<memory>`.
        name: String,
        /// What went wrong.
        message: String,
    },
    /// Artwork that is not a PDF, JPEG or PNG, or an image that cannot be read or is too large.
    #[error("cannot read artwork {name}: {message}")]
    Artwork {
        /// The file's name.
        name: String,
        /// What went wrong.
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
    /// Artwork that cannot be placed on a cover as asked.
    #[error("{message}")]
    Compose {
        /// What does not fit, and what would.
        message: String,
    },
    /// An invalid ISBN or price add-on.
    #[error(transparent)]
    Barcode(#[from] BarcodeError),
}

/// Shorthand for results with podcover's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
