//! Drawing a layout: the template's marks (the one list behind every writer), the stroke glyphs
//! for the barcode's digits, and the SVG writer. The PDF writer lives in [`crate::pdf`].

mod glyphs;
mod marks;
mod svg;
mod template;

pub use marks::{Cmyk, Direction, Mark, Stroke};
pub use template::{Template, TemplateOptions};
