//! Print-on-demand book cover geometry.
//!
//! podcover models each print-on-demand vendor's paper stocks, trim sizes and cover rules as
//! data (the TOML files in `paper-stocks/`, embedded in the crate), and computes spine widths and
//! full cover layouts from one book spec.
//!
//! ```
//! use podcover::{BookSpec, Catalog, Length, Unit};
//!
//! let catalog = Catalog::builtin();
//! let spec = BookSpec::parse("kdp", "paperback", "cream", "6x9", 200)?;
//! let layout = catalog.layout(&spec)?;
//! // KDP: cream paper is 0.0025 in per page, so 200 pages make a 0.5 in spine and a
//! // 12.75 x 9.25 in cover (KDP Help G201953020).
//! assert!(layout.spine_width().approx_eq(Length::inches(0.5)));
//! assert_eq!(layout.sheet.width.display(Unit::In).to_string(), "12.75000in");
//!
//! // Where does the same book fit, and how wide is each vendor's spine?
//! for offer in catalog.compare(&"6x9".parse()?, 318, Some("cream".parse()?)) {
//!     match &offer.result {
//!         Ok(layout) => println!("{} {}: spine {}", offer.vendor, offer.binding, layout.spine_width()),
//!         Err(why) => println!("{} {}: {why}", offer.vendor, offer.binding),
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Scope of this crate
//! - Vendor catalog: vendors, bindings (paperback, hardcover case, dust jacket, coil), papers with
//!   their spine rules and page limits, trim sizes, bleed, safe margins, barcode boxes. Every rule
//!   carries its [`Source`] and [`Confidence`], and a user's own stock file can add a vendor or
//!   correct one ([`Catalog::add_stock`]).
//! - Geometry: [`CoverLayout`], named rectangles for every part of the cover, and
//!   [`Catalog::compare`] across vendors. Pure: no I/O.
//! - Lengths are [`Length`] values; inches, millimetres and points convert only there.
//! - Templates: [`Template`] draws the guides and an ISBN barcode ([`barcode`]) as PDF or SVG.
//! - Covers from artwork: [`compose`] front, back and spine; [`respine`] a whole cover to a new
//!   spine; [`batch::run`] a whole catalogue from a manifest.
//! - Preflight: [`preflight`] a finished cover against its vendor's rules.
//! - Colour for print: [`CmykConverter`] turns RGB art into the CMYK of a printing condition
//!   ([`OutputProfile`], an ICC profile embedded in the crate) within its ink limit,
//!   [`TotalInk`] and [`max_ink`] measure ink, and [`ProofConverter`] shows CMYK on screen.
//! - Reading an interior PDF's page count and trim ([`Interior`]).
//! - Files: every input is read with [`read_input`] (a regular file, within a limit for what it
//!   is) and every output written with [`write_atomic`] (whole or not at all, never over a file
//!   not meant to be replaced, nor over an input: [`refuse_input_as_output`]).
//! - Errors: one opaque [`Error`]; its [`ErrorKind`] says what happened, accessors give the
//!   details a program needs, and the cause (the system's I/O error) is its `source()`. Panics
//!   of the third-party readers of untrusted files (lopdf, png, the font reader) are caught at
//!   one boundary and reported as [`ErrorKind::Reader`]; nowhere else is a panic caught.
//!
//! Not in scope: drawing cover art, colour management beyond converting art to one printing
//! condition, and the vendors' upload steps.
//!
//! # Crate features
//! - `pdf` (on by default): reading and writing PDF: [`Template::to_pdf`], compose, respine,
//!   preflight, interiors and batch, with lopdf, printpdf (and its font reader allsorts),
//!   flate2, md-5, serde_json and the colour-management crate moxcms. Without it
//!   (`default-features = false`) the crate is the catalog, layouts, compare and SVG
//!   templates: a geometry-only build of 15 crates, podcover included, instead of 102 (as
//!   counted by
//!   `cargo tree -e normal --prefix none | sed 's/ (\*)//' | sort -u | wc -l`).
//! - `cli`: builds the `podcover` command-line tool and its dependencies (and `pdf`). Off by
//!   default, so a library user compiles none of them.
//!
//! # Data sources
//!
#![doc = include_str!("../paper-stocks/SOURCES.md")]
#![forbid(unsafe_code)]
// The crate docs link to the PDF half of the crate, which a build without `pdf` leaves out.
#![cfg_attr(not(feature = "pdf"), allow(rustdoc::broken_intra_doc_links))]
#![deny(missing_docs)]

mod catalog;
#[cfg(feature = "pdf")]
mod color;
#[cfg(feature = "pdf")]
mod cover;
mod draw;
mod error;
mod layout;
#[cfg(feature = "pdf")]
mod pdf;
#[cfg(feature = "pdf")]
mod preflight;
mod units;

pub mod barcode;
#[cfg(feature = "pdf")]
pub mod batch;

#[cfg(feature = "pdf")]
pub use batch::input::{read_input, read_input_text, Input};
#[cfg(feature = "pdf")]
pub use batch::write::{refuse_input_as_output, write_atomic};
pub use catalog::{
    BarcodeBox, BeyondPrintRange, Binding, BindingId, CaseSpec, Catalog, ColorMode, Confidence,
    Construction, Edge, Hinge, HingePlacement, InkLimit, JacketSpec, Margin, PageLimits, PageRange,
    Paper, PaperId, PdfxVersion, Product, Reading, ReadingCheck, ReadingKey, Readings, RuleInfo,
    Source, Sourced, SpinePoint, SpineRounding, SpineRule, SpineShape, SpineStep, Support,
    Transparency, TrimFilter, TrimOffers, TrimPageLimit, TrimRange, UnusedReading, UserReading,
    Vendor, VendorId, BUILTIN_STOCKS,
};
#[cfg(feature = "pdf")]
pub use color::{
    gray_to_cmyk, is_gray, max_ink, max_ink_gray, CmykConverter, InkPeak, Intent, OutputProfile,
    ProofConverter, SourceProfile, TotalInk,
};
#[cfg(feature = "pdf")]
pub use cover::{
    compose, compose_with, respine, respine_across, respine_to, respine_with, ComposeOptions,
    Cover, CoverArt, Extend, RespineOptions, RespineReport, Respined, SpineArt, SpineLabel,
};
pub use draw::{Bookland, Cmyk, Direction, Template, TemplateOptions};
pub use error::{
    ArtworkProblem, BarcodeProblem, ComposeProblem, Error, ErrorKind, PdfProblem, Result,
};
pub use layout::{
    BookSpec, CaseParts, CoverKind, CoverLayout, CoverParts, JacketParts, Offer, SpineBasis,
    SpineText,
};
#[cfg(feature = "pdf")]
pub use pdf::{Artwork, Interior, PageBox};
#[cfg(feature = "pdf")]
pub use preflight::{preflight, Finding, Preflight, Verdict};
pub use units::{Length, Rect, Rounding, Sides, Size, TrimSize, Unit, TRIM_MATCH_TOLERANCE};
