//! Covers from artwork: compose front, back and spine into a print-ready PDF, or re-fit a whole
//! cover to a new spine.

mod compose;
mod place;
mod respine;

pub use compose::{compose, compose_with, Cover, CoverArt, SpineArt, SpineLabel};
pub use place::{ComposeOptions, Extend};
pub use respine::{respine, respine_across, respine_to, RespineReport, Respined};
