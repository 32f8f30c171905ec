//! ISBNs and EAN-5 prices: `str::parse::<Isbn>()`, `str::parse::<Price>()`, and the symbols
//! built from them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use podcover::barcode::{Isbn, Price};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(isbn) = text.parse::<Isbn>() {
        let _ = isbn.display_text();
        let symbol = isbn.ean13();
        let _ = symbol.pattern();
        let _ = symbol.bars();
        // The 13 digits must parse back to the same ISBN.
        let again: Isbn = isbn.as_str().parse().expect("an ISBN's digits parse back");
        assert_eq!(again.digits(), isbn.digits());
    }
    if let Ok(price) = text.parse::<Price>() {
        let symbol = price.ean5();
        let _ = symbol.pattern();
        let _ = symbol.bars();
    }
});
