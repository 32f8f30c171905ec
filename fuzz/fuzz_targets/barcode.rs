//! ISBNs and EAN-5 prices: `str::parse::<Isbn>()`, `str::parse::<Price>()`, and the symbols
//! drawn from them into a template.
#![no_main]

use libfuzzer_sys::fuzz_target;
use podcover::barcode::{Isbn, Price};
use podcover::{BookSpec, Catalog, CoverLayout, draw::{Template, TemplateOptions}};

fn layout() -> CoverLayout {
    let spec = BookSpec::parse("kdp", "paperback", "white", "6x9", 300).expect("a valid book");
    Catalog::builtin().layout(&spec).expect("the reference layout")
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(isbn) = text.parse::<Isbn>() {
        let _ = isbn.display_text();
        // The 13 digits must parse back to the same ISBN.
        let again: Isbn = isbn.as_str().parse().expect("an ISBN's digits parse back");
        assert_eq!(again.digits(), isbn.digits());
        let _ = Template::new(&layout(), &TemplateOptions::new().isbn(isbn));
    }
    if let Ok(price) = text.parse::<Price>() {
        let isbn: Isbn = "9780306406157".parse().expect("a valid ISBN");
        let _ = Template::new(&layout(), &TemplateOptions::new().isbn(isbn).price(price));
    }
});
