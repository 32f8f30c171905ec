//! Helpers shared by the integration tests.
#![allow(dead_code)]

use lopdf::{dictionary, Document, Object};
use podcover::{BookSpec, Catalog, CoverLayout, Length};

/// The layout of a book in the built-in catalog, or a panic naming the book.
#[track_caller]
pub fn layout(vendor: &str, binding: &str, paper: &str, trim: &str, pages: u32) -> CoverLayout {
    let spec = BookSpec::new(vendor, binding, paper, trim.parse().unwrap(), pages);
    Catalog::builtin()
        .layout(&spec)
        .unwrap_or_else(|e| panic!("{vendor} {binding} {paper} {trim} {pages}: {e}"))
}

/// The error for a book the catalog should refuse.
#[track_caller]
pub fn refusal(vendor: &str, binding: &str, paper: &str, trim: &str, pages: u32) -> String {
    let spec = BookSpec::new(vendor, binding, paper, trim.parse().unwrap(), pages);
    match Catalog::builtin().layout(&spec) {
        Ok(l) => panic!("expected an error, got spine {}", l.spine_width),
        Err(e) => e.to_string(),
    }
}

/// Asserts a length equals `expected` inches within `tolerance` inches.
#[track_caller]
pub fn assert_in(actual: Length, expected: f64, tolerance: f64) {
    let diff = (actual.to_inches() - expected).abs();
    assert!(
        diff <= tolerance,
        "expected {expected} in (within {tolerance}), got {} in",
        actual.to_inches()
    );
}

/// A PDF with `pages` blank pages of `media` points, and an optional TrimBox.
pub fn interior_pdf(pages: usize, media: [f32; 2], trim_box: Option<[f32; 4]>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut kids = Vec::new();
    for _ in 0..pages {
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
        };
        if let Some(b) = trim_box {
            page.set(
                "TrimBox",
                b.iter().map(|v| Object::Real(*v)).collect::<Vec<_>>(),
            );
        }
        kids.push(Object::Reference(doc.add_object(page)));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => pages as i64,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(media[0]), Object::Real(media[1])],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}
