//! Shared by the fuzz targets: a panic hook that tells panics the library catches itself from
//! panics that escape its public API.
//!
//! `podcover::pdf::untrusted` (the reader boundary) wraps lopdf's parser and decoders, the
//! image decoders and the font reader in `catch_unwind`, so a panic inside one becomes an `Err`
//! of kind `Reader`. libfuzzer-sys's own hook aborts on *every* panic, which would report those
//! as crashes. This hook logs a caught panic once per source location (they are still worth
//! knowing: under `panic = "abort"` they would kill the caller) and aborts only on the others.
//! Set `FUZZ_STRICT_PANICS=1` to treat every panic as a crash.

#![allow(dead_code)]

use std::backtrace::Backtrace;
use std::collections::HashSet;
use std::sync::Mutex;

pub fn install_panic_hook() {
    if std::env::var_os("FUZZ_STRICT_PANICS").is_some() {
        return;
    }
    static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);
    let aborting = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let trace = Backtrace::force_capture().to_string();
        if trace.contains("podcover::pdf::untrusted") {
            let location = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
            if seen
                .get_or_insert_with(HashSet::new)
                .insert(location.clone())
            {
                eprintln!(
                    "fuzz: panic caught inside podcover::pdf::untrusted at {location}: {info}"
                );
            }
            return;
        }
        aborting(info);
    }));
}

/// The layout artwork is placed on: KDP paperback, white paper, 6 x 9 in, 100 pages.
pub fn layout() -> &'static podcover::CoverLayout {
    static LAYOUT: std::sync::OnceLock<podcover::CoverLayout> = std::sync::OnceLock::new();
    LAYOUT.get_or_init(|| {
        podcover::Catalog::builtin()
            .layout(
                &podcover::BookSpec::parse("kdp", "paperback", "white", "6x9", 100)
                    .expect("a valid book"),
            )
            .expect("KDP 6x9 white 100 pages is a valid book")
    })
}

/// Prints an input's outcome when `FUZZ_VERBOSE` is set.
pub fn outcome(what: &str) {
    static VERBOSE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *VERBOSE.get_or_init(|| std::env::var_os("FUZZ_VERBOSE").is_some()) {
        eprintln!("fuzz-outcome: {what}");
    }
}

/// Reads `data` as image artwork and, when it loads, composes it as the front and back of the
/// KDP 6 x 9 in cover, and as its spine (which most images are refused for: then the cover is
/// composed again without it). Returns the outcome, for `outcome`.
pub fn image_artwork(name: &str, data: &[u8]) -> &'static str {
    let art = match podcover::pdf::Artwork::from_bytes(name, data) {
        Ok(art) => art,
        Err(_) => return "read-error",
    };
    let _ = (art.pixels(), art.recorded_ppi(), art.describe());
    let mut cover = podcover::cover::CoverArt::new(art.clone(), art.clone())
        .spine(podcover::cover::SpineArt::Artwork(Box::new(art)));
    match podcover::cover::compose(layout(), &cover) {
        Ok(_) => "composed-with-spine",
        Err(e)
            if e.kind()
                == podcover::ErrorKind::Compose(
                    podcover::error::ComposeProblem::SpineArtStretched,
                ) =>
        {
            cover.spine = podcover::cover::SpineArt::Blank;
            match podcover::cover::compose(layout(), &cover) {
                Ok(_) => "composed",
                Err(_) => "compose-error",
            }
        }
        Err(_) => "compose-error",
    }
}
