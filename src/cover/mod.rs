//! Covers from artwork: compose front, back and spine into a print-ready PDF, or re-fit a whole
//! cover to a new spine.

mod compose;
mod respine;

pub use compose::{compose, Cover, CoverArt, SpineArt, SpineLabel};
pub use respine::{respine, RespineReport, Respined};
