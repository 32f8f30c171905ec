//! Trim sizes and lengths: `str::parse::<TrimSize>()` and `str::parse::<Length>()`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(trim) = text.parse::<podcover::TrimSize>() {
        // Display must parse back.
        let shown = trim.to_string();
        let _ = shown.parse::<podcover::TrimSize>();
    }
    if let Ok(length) = text.parse::<podcover::Length>() {
        for unit in [podcover::Unit::In, podcover::Unit::Mm, podcover::Unit::Pt] {
            let shown = length.display(unit).to_string();
            let _ = shown.parse::<podcover::Length>();
        }
    }
    let _ = text.parse::<podcover::Unit>();
});
