//! Covers from artwork: compose front, back and spine into a print-ready PDF, or re-fit a whole
//! cover to a new spine.

mod compose;

pub use compose::{
    compose, respine, Cover, CoverArt, RespineReport, Respined, SpineArt, SpineLabel,
};
