//! Respine as a designer uses it: a cover composed from 300 ppi images, re-fitted to another
//! page count or another binding, then checked and rendered.

use crate::common::layout;
use podcover::{
    cover::{compose, respine_with, CoverArt, RespineOptions, SpineArt, SpineLabel},
    draw::Cmyk,
    pdf::Artwork,
    preflight::{self, Preflight, Verdict},
    Catalog, CoverLayout,
};

const ISBN: &str = "978-0-306-40615-7";
const PRICE: &str = "51699";

/// An RGB PNG recording 300 ppi whose pixel at (x, y) is `f(x, y)`.
fn png_rgb(w: u32, h: u32, f: impl Fn(u32, u32) -> [u8; 3]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: 11811,
        yppu: 11811,
        unit: png::Unit::Meter,
    }));
    let mut data = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            data.extend_from_slice(&f(x, y));
        }
    }
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&data).unwrap();
    writer.finish().unwrap();
    out
}

/// 6x9 in panel art with 0.125 in bleed all round at 300 ppi: a gentle gradient, as a
/// designer's back or front might be.
fn panel_art(name: &str, base: [u8; 3]) -> Artwork {
    let (w, h) = (1875, 2775);
    let png = png_rgb(w, h, |x, y| {
        [
            base[0],
            base[1].saturating_add((x * 60 / w) as u8),
            base[2].saturating_add((y * 60 / h) as u8),
        ]
    });
    Artwork::from_bytes(name, &png).unwrap()
}

/// A KDP white 318-page paperback cover: gradient back and front, spine text on a spine
/// colour, and the barcode.
fn kdp_cover() -> (CoverLayout, Vec<u8>) {
    let kdp = layout("kdp", "paperback", "white", "6x9", 318);
    let mut label = SpineLabel::new("Harbor Lights");
    label.author = Some("A. Writer".into());
    label.background = Some(Cmyk::new(0.1, 0.8, 0.9, 0.1));
    label.color = Cmyk::WHITE;
    let art = CoverArt::new(
        panel_art("front.png", [200, 60, 40]),
        panel_art("back.png", [30, 90, 100]),
    )
    .spine(SpineArt::Label(label))
    .barcode(ISBN.parse().unwrap(), PRICE.parse().unwrap());
    let cover = compose(&kdp, &art).unwrap();
    (kdp, cover.pdf)
}

#[track_caller]
fn check(l: &CoverLayout, pdf: &[u8]) -> Preflight {
    preflight::check(Catalog::builtin(), l, "respined.pdf", pdf).unwrap()
}

/// Each check's verdict and message, for assertions that show them all when they fail.
fn findings(report: &Preflight) -> Vec<(String, Verdict, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.check.to_string(), f.status, f.message.clone()))
        .collect()
}

#[track_caller]
fn finding(report: &Preflight, check: &str) -> (Verdict, String) {
    let f = report
        .findings
        .iter()
        .find(|f| f.check == check)
        .unwrap_or_else(|| panic!("no {check} finding"));
    (f.status, f.message.clone())
}

#[test]
fn check_judges_only_what_shows_on_a_respined_cover() {
    let (kdp, pdf) = kdp_cover();
    let cover = Artwork::from_pdf("kdp.pdf", &pdf).unwrap();
    // 318 to 400 pages: the spine strip is the whole old cover stretched and clipped to the
    // spine; the front image inside it is clipped away but for a rounding sliver.
    let thick = layout("kdp", "paperback", "white", "6x9", 400);
    let respined = respine_with(&cover, &kdp, &thick, RespineOptions::new()).unwrap();
    let report = check(&thick, &respined.pdf);
    assert_eq!(
        finding(&report, "resolution"),
        (
            Verdict::Pass,
            "2 placed image(s), none under 300 ppi".into()
        ),
        "{:#?}",
        findings(&report)
    );
    assert_eq!(
        finding(&report, "safe"),
        (
            Verdict::Pass,
            "1 text run(s), all starting in safe areas (checked: start points)".into()
        )
    );
    // Onto a hardcover's case: copies of the panels placed for the wrap carry the spine text
    // far off the sheet, clipped away; it is not judged there.
    let case = layout("kdp", "hardcover", "white", "6x9", 318);
    let respined = respine_with(&cover, &kdp, &case, RespineOptions::new()).unwrap();
    let report = check(&case, &respined.pdf);
    assert_eq!(
        finding(&report, "safe"),
        (
            Verdict::Pass,
            "1 text run(s), all starting in safe areas (checked: start points)".into()
        ),
        "{:#?}",
        findings(&report)
    );
}
