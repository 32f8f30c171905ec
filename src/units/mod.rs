//! Units and plane geometry: lengths, rectangles, four-sided insets and trim sizes. The bottom
//! layer: it depends on nothing else in the crate but the error type.

mod geometry;
mod length;
#[cfg(feature = "pdf")]
mod matrix;
#[cfg(feature = "pdf")]
mod print;
mod trim;

pub use geometry::{Pdf, PdfToSheet, Rect, Sheet, SheetToPdf, Sides, Size, Space};
pub(crate) use length::{decimals_apart, number_apart};
pub use length::{Length, Rounding, Unit};
#[cfg(feature = "pdf")]
pub(crate) use matrix::Matrix;
#[cfg(feature = "pdf")]
pub(crate) use print::{stretch, Judgement, Resolution, MAX_STRETCH, NOTED_STRETCH, PRINT_PPI};
pub use trim::{TrimSize, TRIM_MATCH_TOLERANCE};
