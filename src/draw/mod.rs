//! Drawing a layout: the template's marks (the one list behind every writer), the formats they
//! are written in ([`TemplateFormat`]), the stroke glyphs for the barcode's digits and labels,
//! and the SVG and PNG writers. The PDF writer lives in [`crate::pdf`].
//!
//! Each writer implements one trait, `MarkSink` (a method per kind of mark), and one function
//! walks a list of marks through it, so the kinds of mark are matched in one place. A new
//! format is a module with its writer and a variant of [`TemplateFormat`].

mod bookland;
pub(crate) mod decimal;
mod format;
pub(crate) mod glyphs;
mod marks;
#[cfg(feature = "pdf")]
mod png;
#[cfg(feature = "pdf")]
pub(crate) use png::Canvas;
mod svg;
mod template;

pub use bookland::Bookland;
pub use format::TemplateFormat;
pub(crate) use marks::{draw_marks, Mark, MarkSink, Point, Stroke};
pub use marks::{Cmyk, Direction};
#[cfg(feature = "pdf")]
pub(crate) use template::barcode_marks;
pub use template::{Template, TemplateOptions};
