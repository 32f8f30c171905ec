//! Writing templates: PDF and SVG.

mod pdf;

pub(crate) use pdf::marks_pdf;
mod svg;
