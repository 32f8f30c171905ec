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
//! assert_eq!(layout.sheet.width.display(Unit::In).to_string(), "12.750 in");
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
//! - Vendor catalog ([`catalog`]): vendors, bindings (paperback, hardcover case, dust jacket,
//!   coil), papers with their spine rules and page limits, trim sizes, bleed, safe margins,
//!   barcode boxes. Every rule carries its [`Source`](catalog::Source) and
//!   [`Confidence`](catalog::Confidence), and a user's own stock file can add a vendor or
//!   correct one ([`Catalog::add_stock`]).
//! - Geometry ([`layout`]): [`CoverLayout`], named rectangles for every part of the cover, and
//!   [`Catalog::compare`] across vendors. Pure: no I/O.
//! - Lengths ([`units`]) are [`Length`] values; inches, millimetres and points convert only
//!   there. Rectangles carry their coordinate space in their type: [`Rect<Sheet>`](units::Rect)
//!   (the default, from the sheet's top-left, `y` down) or `Rect<Pdf>` (from the lower-left,
//!   `y` up, as PDF measures), converted only by [`SheetToPdf`](units::SheetToPdf) and
//!   [`PdfToSheet`](units::PdfToSheet).
//! - Templates ([`draw`]): [`Template`](draw::Template) draws the guides and an ISBN barcode
//!   ([`barcode`]) in each [`TemplateFormat`](draw::TemplateFormat): PDF, SVG or PNG.
//! - Covers from artwork ([`cover`]): [`compose`](cover::compose) front, back and spine;
//!   [`respine`](cover::respine) a whole cover to a new spine; [`batch::run`] a whole catalogue
//!   from a manifest.
//! - Preflight ([`preflight`]): [`check`](preflight::check) a finished cover against its
//!   vendor's rules.
//! - Colour for print ([`color`]): [`CmykConverter`](color::CmykConverter) turns RGB art into
//!   the CMYK of a printing condition ([`OutputProfile`](color::OutputProfile), an ICC profile
//!   embedded in the crate) within its ink limit, [`TotalInk`](color::TotalInk) and
//!   [`max_ink`](color::max_ink) measure ink, and [`ProofConverter`](color::ProofConverter)
//!   shows CMYK on screen.
//! - Reading a user's files ([`pdf`]): artwork ([`Artwork`](pdf::Artwork)) and an interior
//!   PDF's page count and trim ([`Interior`](pdf::Interior)).
//! - Files ([`files`]): every input is read with [`read_input`](files::read_input) (a regular
//!   file, within a limit for what it is) and every output written with
//!   [`write_atomic`](files::write_atomic) (whole or not at all, never over a file not meant to
//!   be replaced, nor over an input: [`refuse_input_as_output`](files::refuse_input_as_output)).
//! - Errors ([`error`]): one opaque [`Error`]; its [`ErrorKind`] says what happened, accessors
//!   give the details a program needs, and the cause (the system's I/O error) is its
//!   `source()`. Panics of the third-party readers of untrusted files (lopdf, the JPEG and PNG
//!   decoders, the font reader) are caught at one boundary and reported as
//!   [`ErrorKind::Reader`]; nowhere else is a panic caught.
//!
//! Not in scope: drawing cover art, colour management beyond converting art to one printing
//! condition, and the vendors' upload steps.
//!
//! # The API's shape
//! Each part of the crate is a public module named for what it is about: [`units`],
//! [`catalog`], [`layout`], [`draw`], [`barcode`], [`pdf`], [`cover`], [`preflight`],
//! [`color`], [`batch`], [`files`] and [`error`]. The crate root re-exports only what nearly
//! every caller needs: [`Catalog`], [`BookSpec`], [`CoverLayout`], [`Length`], [`Unit`],
//! [`TrimSize`], [`Error`], [`ErrorKind`] and [`Result`]. Everything else has one path, in its
//! module (`podcover::cover::compose`, `podcover::catalog::PaperId`).
//!
//! Types that will grow are `#[non_exhaustive]`: the catalog's vendor rules (`Vendor`,
//! `Binding`, `Paper`, `SpineRule`, `Source`, ...), layouts and their parts, artwork and options
//! ([`CoverArt`](cover::CoverArt), [`ComposeOptions`](cover::ComposeOptions),
//! [`RespineOptions`](cover::RespineOptions), [`TemplateOptions`](draw::TemplateOptions),
//! [`BatchOptions`](batch::BatchOptions), built with `new` and setters), and reports (`Cover`,
//! `Respined`, `Preflight`, `Finding`, batch `Report`s, `Offer`). Their fields can still be
//! read. Plain data whose fields are the whole value stays exhaustive: lengths, units,
//! rectangles (made with `Rect::new`, their space a type parameter), sides, sizes and trims, `Cmyk`, page and trim ranges, spine points and steps,
//! `Sourced<T>`, ids, `InkLimit`, and enums whose cases are complete (`Verdict`, batch
//! `Status`, `SpineBasis`, `ColorMode`, `PageBox`). Items that need the `pdf` feature are marked
//! so in the documentation.
//!
//! # Crate features
//! - `pdf` (on by default): reading and writing PDF: [`Template::to_pdf`](draw::Template::to_pdf), compose, respine,
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
#![cfg_attr(docsrs, feature(doc_cfg))]
// The crate docs link to the PDF half of the crate, which a build without `pdf` leaves out.
#![cfg_attr(not(feature = "pdf"), allow(rustdoc::broken_intra_doc_links))]
#![deny(missing_docs)]

pub mod barcode;
#[cfg(feature = "pdf")]
#[cfg_attr(docsrs, doc(cfg(feature = "pdf")))]
pub mod batch;
pub mod catalog;
#[cfg(feature = "pdf")]
#[cfg_attr(docsrs, doc(cfg(feature = "pdf")))]
pub mod color;
#[cfg(feature = "pdf")]
#[cfg_attr(docsrs, doc(cfg(feature = "pdf")))]
pub mod cover;
pub mod draw;
pub mod error;
pub mod layout;
#[cfg(feature = "pdf")]
#[cfg_attr(docsrs, doc(cfg(feature = "pdf")))]
pub mod pdf;
#[cfg(feature = "pdf")]
#[cfg_attr(docsrs, doc(cfg(feature = "pdf")))]
pub mod preflight;
pub mod units;

/// Files: every input read within a limit for what it is, every output written whole or not
/// at all, never over a file not meant to be replaced nor over an input.
#[cfg(feature = "pdf")]
#[cfg_attr(docsrs, doc(cfg(feature = "pdf")))]
pub mod files {
    pub use crate::batch::input::{read_artwork, read_input, read_input_text, source_date, Input};
    pub use crate::batch::write::{
        refuse_input_as_output, write_atomic, write_atomic_file, write_atomic_with,
    };
}

pub use catalog::Catalog;
pub use error::{Error, ErrorKind, Result};
pub use layout::{BookSpec, CoverLayout};
pub use units::{Length, TrimSize, Unit};
