//! Writing templates: PDF and SVG.

mod pdf;
mod svg;
