//! Artwork PDFs: `Artwork::from_pdf`, and when it loads, `compose` it as front and back of a
//! KDP 6x9 in paperback (seeds are 6x9 in panels so that placing is reached).
//!
//! With `FUZZ_VERBOSE=1` each input's outcome is printed (`fuzz-outcome: ...`), to check how
//! much of a corpus gets as far as compose.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: { common::install_panic_hook(); common::layout(); }, |data: &[u8]| {
    let outcome = match podcover::pdf::Artwork::from_pdf("f.pdf", data) {
        Err(_) => "load-error",
        Ok(art) => match podcover::cover::compose(
            common::layout(),
            &podcover::cover::CoverArt::new(art.clone(), art),
        ) {
            Ok(_) => "composed",
            Err(_) => "compose-error",
        },
    };
    common::outcome(outcome);
});
