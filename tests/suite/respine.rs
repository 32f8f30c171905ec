//! Respine as a designer uses it: a cover composed from 300 ppi images, re-fitted to another
//! page count or another binding, then checked and rendered.

use crate::common::tools::{run, zbar, Scratch};
use crate::common::{self, layout, pixel, product, render, solid_cmyk_pdf};
use podcover::{
    cover::{compose, respine_with, CoverArt, RespineOptions, SpineArt, SpineLabel},
    draw::Cmyk,
    pdf::Artwork,
    preflight::{self, Preflight, Verdict},
    Catalog, CoverLayout,
};

use std::sync::OnceLock;

const ISBN: &str = "978-0-306-40615-7";
const PRICE: &str = "51699";

/// 6x9 in panel art with 0.125 in bleed all round at 300 ppi: a gentle gradient, as a
/// designer's back or front might be.
fn panel_png(base: [u8; 3]) -> Vec<u8> {
    let (w, h) = (1875, 2775);
    common::png_rgb(w, h, |x, y| {
        [
            base[0],
            base[1].saturating_add((x * 60 / w) as u8),
            base[2].saturating_add((y * 60 / h) as u8),
        ]
    })
}

/// The front and back panels' PNGs, made once for the tests here.
fn panels() -> &'static (Vec<u8>, Vec<u8>) {
    static PANELS: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    PANELS.get_or_init(|| (panel_png([200, 60, 40]), panel_png([30, 90, 100])))
}

/// A KDP white 318-page paperback cover of [`designer_art`] (composed once for the tests here).
fn kdp_cover() -> (CoverLayout, Vec<u8>) {
    static COVER: OnceLock<Vec<u8>> = OnceLock::new();
    let kdp = layout("kdp", "paperback", "white", "6x9", 318);
    let pdf = COVER.get_or_init(|| compose(&kdp, &designer_art()).unwrap().pdf);
    (kdp, pdf.clone())
}

/// Gradient back and front, spine text on a spine colour, and the barcode.
fn designer_art() -> CoverArt {
    let mut label = SpineLabel::new("Harbor Lights");
    label.author = Some("A. Writer".into());
    label.background = Some(Cmyk::new(0.1, 0.8, 0.9, 0.1));
    label.color = Cmyk::WHITE;
    CoverArt::new(
        Artwork::from_bytes("front.png", &panels().0).unwrap(),
        Artwork::from_bytes("back.png", &panels().1).unwrap(),
    )
    .spine(SpineArt::Label(label))
    .barcode(ISBN.parse().unwrap(), PRICE.parse().unwrap())
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
    let allowed = || RespineOptions::new().allow_distortion(true);
    let respined = respine_with(&cover, &kdp, &thick, allowed()).unwrap();
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
    let respined = respine_with(&cover, &kdp, &case, allowed()).unwrap();
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

/// Decodes every barcode zbarimg finds on a 300 ppi greyscale render of `pdf` (MuPDF's, the
/// quickest of the renderers here at that size).
fn barcodes_at_300_ppi(tag: &str, pdf: &[u8]) -> Vec<String> {
    let scratch = Scratch::new(tag);
    let input = scratch.write("cover.pdf", pdf);
    let out = scratch.file("cover.png");
    run(
        "mutool",
        &["draw", "-q", "-r", "300", "-c", "gray", "-o", &out, &input],
    );
    zbar(&out)
}

#[test]
fn respine_across_bindings_paints_over_the_old_barcode_and_its_mirrored_copy() {
    let (kdp, pdf) = kdp_cover();
    let cover = Artwork::from_pdf("kdp.pdf", &pdf).unwrap();
    let case = layout("kdp", "hardcover", "white", "6x9", 318);
    let options = RespineOptions::new()
        .allow_distortion(true)
        .barcode(ISBN.parse().unwrap(), PRICE.parse().unwrap());
    let respined = respine_with(&cover, &kdp, &case, options).unwrap();
    let report = &respined.report;
    // The old box (2 x 1.2 in, grown by 0.75 pt a side) moves with the back panel, enlarged to
    // the board by 102.6%, and its lower edge is mirrored into the bottom wrap.
    let boxes: Vec<String> = report
        .covered
        .iter()
        .map(|r| {
            format!(
                "{:.3} {:.3} {:.3} {:.3}",
                r.x.to_inches(),
                r.y.to_inches(),
                r.width.to_inches(),
                r.height.to_inches()
            )
        })
        .collect();
    assert_eq!(
        boxes,
        ["4.468 8.328 2.074 1.253", "4.468 10.329 2.074 0.088"],
        "{:#?}",
        report.warnings
    );
    let note = report
        .warnings
        .iter()
        .find(|w| w.starts_with("the old barcode box is painted over"))
        .unwrap();
    assert!(
        note.starts_with("the old barcode box is painted over in RGB ")
            && note.contains(
                "the mean of the old cover's own paint sampled 0.04 and 0.08 in outside the box"
            )
            && note.ends_with(
                "(4.468, 8.328) in, 2.074 x 1.253 in; (4.468, 10.329) in, 2.074 x 0.088 in; \
                 the new barcode is drawn at (4.143, 8.377) in, 2 x 1.2 in (from the sheet's \
                 top-left corner)"
            ),
        "{note}"
    );
    // The box shows the colour around it: right of the new barcode, inside the old box, the
    // render is close to the art just above the old box.
    let dpi = 50;
    let image = render(&respined.pdf, dpi);
    let inside = pixel(&image, dpi, 6.4, 9.0);
    let above = pixel(&image, dpi, 6.4, 8.2);
    for (a, b) in inside.iter().zip(above) {
        assert!(a.abs_diff(b) <= 16, "{inside:?} against {above:?}");
    }
    // One barcode on the sheet, read at 300 ppi.
    assert_eq!(
        barcodes_at_300_ppi("respine-case", &respined.pdf),
        ["EAN-13:9780306406157", "EAN-5:51699"]
    );
    // check finds nothing on it that it finds not on the same art composed as a hardcover.
    let report = check(&case, &respined.pdf);
    let composed = compose(&case, &designer_art()).unwrap();
    let baseline = check(&case, &composed.pdf);
    for f in &report.findings {
        let (verdict, _) = finding(&baseline, f.check);
        assert!(
            f.status <= verdict,
            "{}: {:?} {} on the respined cover, {verdict:?} composed",
            f.check,
            f.status,
            f.message
        );
    }
    assert_eq!(
        finding(&report, "barcode"),
        (Verdict::Pass, "46 bars in 100% K on a white box".into())
    );
}

#[test]
fn a_cmyk_cover_respined_onto_an_ingramspark_case_is_pdfx_with_the_old_barcode_painted_over() {
    let panel = |cmyk: [f32; 4]| {
        Artwork::from_pdf("panel.pdf", &solid_cmyk_pdf([450.0, 666.0], 9.0, cmyk)).unwrap()
    };
    let kdp = layout("kdp", "paperback", "white", "6x9", 318);
    let art = CoverArt::new(panel([0.0, 0.7, 0.9, 0.0]), panel([0.6, 0.1, 0.4, 0.05]))
        .spine(SpineArt::Color(Cmyk::new(0.0, 0.0, 0.0, 0.9)))
        .barcode(ISBN.parse().unwrap(), PRICE.parse().unwrap());
    let pdf = compose(&kdp, &art).unwrap().pdf;
    let cover = Artwork::from_pdf("kdp.pdf", &pdf).unwrap();
    let case = layout("ingramspark", "hardcover", "white", "6x9", 318);
    let options = RespineOptions::for_binding(product("ingramspark", "hardcover", "white").binding)
        .dated(std::time::UNIX_EPOCH)
        .allow_distortion(true)
        .barcode(ISBN.parse().unwrap(), PRICE.parse().unwrap());
    let respined = respine_with(&cover, &kdp, &case, options).unwrap();
    let note = respined
        .report
        .warnings
        .iter()
        .find(|w| w.starts_with("the old barcode box"))
        .unwrap();
    assert!(
        note.starts_with(
            "the old barcode box is painted over in CMYK 60/10/40/5, the mean of the old \
             cover's own paint"
        ),
        "{note}"
    );
    assert_eq!(respined.report.covered.len(), 4, "{note}");
    assert_eq!(
        barcodes_at_300_ppi("respine-ingram", &respined.pdf),
        ["EAN-13:9780306406157", "EAN-5:51699"]
    );
    let report = check(&case, &respined.pdf);
    assert_eq!(report.status, Verdict::Pass, "{:#?}", findings(&report));
}

#[test]
fn respine_says_how_far_the_spine_type_is_distorted_and_redraws_the_spine_when_asked() {
    let (kdp, pdf) = kdp_cover();
    let cover = Artwork::from_pdf("kdp.pdf", &pdf).unwrap();
    let distortion = |pages: u32| {
        let to = layout("kdp", "paperback", "white", "6x9", pages);
        let report = respine_with(&cover, &kdp, &to, RespineOptions::new())
            .unwrap()
            .report;
        report
            .warnings
            .into_iter()
            .filter(|w| w.starts_with("the spine goes from"))
            .collect::<Vec<_>>()
    };
    // 318 to 322 pages: 1.3% wider, not worth a word; to 330: 3.8%, a warning.
    assert_eq!(distortion(322), Vec::<String>::new());
    assert_eq!(
        distortion(330),
        [
            "the spine goes from 0.716 in to 0.743 in wide: its type is stretched to 103.8% of its \
             width against its height, past the 3% at which type looks distorted; draw the spine \
             anew (spine text on a spine colour, a colour or spine artwork) to set it as it \
             should be"
        ]
    );
    // To 400 pages: 125.8%, refused unless allowed or drawn anew.
    let thick = layout("kdp", "paperback", "white", "6x9", 400);
    let err = respine_with(&cover, &kdp, &thick, RespineOptions::new()).unwrap_err();
    assert_eq!(
        err.kind(),
        podcover::ErrorKind::Compose(podcover::error::ComposeProblem::SpineDistorted)
    );
    assert_eq!(
        err.to_string(),
        "the spine goes from 0.716 in to 0.901 in wide: its type is stretched to 125.8% of its \
         width against its height, past the 15% respine allows; draw the spine anew (spine text \
         on a spine colour, a colour or spine artwork) or allow the distortion"
    );
    let allowed = respine_with(
        &cover,
        &kdp,
        &thick,
        RespineOptions::new().allow_distortion(true),
    )
    .unwrap();
    assert!(allowed.report.warnings[0].starts_with(
        "the spine goes from 0.716 in to 0.901 in wide: its type is stretched to 125.8%"
    ));
    // The way out: the spine set anew on the re-fitted cover, in green.
    let mut label = SpineLabel::new("Harbor Lights");
    label.background = Some(Cmyk::new(1.0, 0.0, 1.0, 0.0));
    label.color = Cmyk::WHITE;
    let redrawn = respine_with(
        &cover,
        &kdp,
        &thick,
        RespineOptions::new().spine(SpineArt::Label(label)),
    )
    .unwrap();
    assert!(
        !redrawn
            .report
            .warnings
            .iter()
            .any(|w| w.starts_with("the spine goes from")),
        "{:#?}",
        redrawn.report.warnings
    );
    let dpi = 50;
    let image = render(&redrawn.pdf, dpi);
    // Near the spine's edge, clear of the text: the new colour, not the old red.
    let edge = pixel(&image, dpi, 6.125 + 0.06, 1.0);
    assert!(edge[1] > 120 && edge[0] < 80 && edge[2] < 120, "{edge:?}");
    let report = check(&thick, &redrawn.pdf);
    assert_eq!(
        finding(&report, "safe"),
        (
            Verdict::Pass,
            "1 text run(s), all starting in safe areas (checked: start points)".into()
        )
    );
}
