//! PNG artwork: `Artwork::from_bytes` (the one decode path for raster art), and when it loads,
//! `compose` with it as the front, back and spine of a KDP 6x9 in paperback (seeds are 60 x 90
//! px, the front panel's proportions, so that placing is reached).
//!
//! With `FUZZ_VERBOSE=1` each input's outcome is printed (`fuzz-outcome: ...`).
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: { common::install_panic_hook(); common::layout(); }, |data: &[u8]| {
    common::outcome(common::image_artwork("f.png", data));
});
