//! Drawing a layout: the template's marks (the one list behind every writer), the stroke glyphs
//! for the barcode's digits and labels, and the SVG and PNG writers. The PDF writer lives in [`crate::pdf`].

mod bookland;
pub(crate) mod decimal;
pub(crate) mod glyphs;
mod marks;
#[cfg(feature = "pdf")]
mod png;
#[cfg(feature = "pdf")]
pub(crate) use png::Canvas;
mod svg;
mod template;

pub use bookland::Bookland;
pub use marks::{Cmyk, Direction};
pub(crate) use marks::{Mark, Stroke};
#[cfg(feature = "pdf")]
pub(crate) use template::barcode_marks;
pub use template::{Template, TemplateOptions};
