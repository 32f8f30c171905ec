//! Covers from artwork: compose front, back and spine into a print-ready PDF, or re-fit a whole
//! cover to a new spine.
//!
//! Artwork and its PDF boxes are in PDF's space ([`Pdf`](crate::units::Pdf): from the
//! lower-left corner, `y` upwards), so compose and respine convert the layout (measured from
//! the top-left) where they start ([`CoverLayout::to_pdf`](crate::CoverLayout::to_pdf)) and
//! work in PDF's space throughout; a rectangle's upper edge there is `top()`, `y + height`.

mod art;
mod colour;
mod compose;
mod digital;
mod options;
mod place;
mod proof;
mod resample;
mod respine;
mod sheet;

pub use art::{CoverArt, SpineArt, SpineLabel};
pub use compose::{compose, compose_with, compose_with_proof, Cover};
pub use digital::{
    compose_digital, parse_rgb, Anchor, DigitalCover, DigitalOptions, Fit, PrintFront,
    DEFAULT_QUALITY, MAX_UPSCALE,
};
pub use options::{ComposeOptions, CoverColor, Extend};
pub use proof::{ColorMove, Proof};
pub use respine::{
    respine, respine_across, respine_to, respine_to_file, respine_with, respine_with_to,
    RespineOptions, RespineReport, Respined,
};
