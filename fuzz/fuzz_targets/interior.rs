//! Interior PDFs: `Interior::from_pdf`, then `check_trim` against a common trim.
//!
//! With `FUZZ_VERBOSE=1` each input's outcome is printed (`fuzz-outcome: ...`).
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: common::install_panic_hook(), |data: &[u8]| {
    let outcome = match podcover::pdf::Interior::from_pdf("f.pdf", data) {
        Err(_) => "load-error",
        Ok(interior) => {
            let trim: podcover::TrimSize = "6x9".parse().expect("trim");
            match interior.check_trim(&trim) {
                Ok(_) => "read, 6x9",
                Err(_) => "read, other trim",
            }
        }
    };
    common::outcome(outcome);
});
