//! Preflight of finished covers: our own templates pass; wrong sizes, RGB for IngramSpark,
//! low-resolution images, fonts that are not embedded and rich-black barcodes are caught.

use crate::common;
use crate::common::{layout, solid_pdf};
use lopdf::{dictionary, Document, Object, Stream};
use podcover::{
    cover::{compose, CoverArt, SpineArt, SpineLabel},
    draw::{Template, TemplateOptions},
    pdf::Artwork,
    preflight::{self, Preflight, Verdict},
    Catalog, CoverLayout,
};

#[track_caller]
fn check(l: &CoverLayout, pdf: &[u8]) -> Preflight {
    preflight::check(Catalog::builtin(), l, "cover.pdf", pdf).unwrap()
}

#[track_caller]
fn verdict(report: &Preflight, check: &str) -> Verdict {
    report
        .findings
        .iter()
        .filter(|f| f.check == check)
        .map(|f| f.status)
        .max()
        .unwrap_or_else(|| panic!("no {check} finding"))
}

fn message(report: &Preflight, check: &str) -> String {
    report
        .findings
        .iter()
        .find(|f| f.check == check)
        .unwrap()
        .message
        .clone()
}

/// A cover page of the layout's size with `content` and `resources`, boxes from the layout.
fn cover_pdf(l: &CoverLayout, content: &str, resources: lopdf::Dictionary, boxes: bool) -> Vec<u8> {
    cover_pdf_with(l, content, |_| resources, boxes)
}

/// As [`cover_pdf`], with resources made in the document (for streams, which must be indirect).
fn cover_pdf_with(
    l: &CoverLayout,
    content: &str,
    resources: impl FnOnce(&mut Document) -> lopdf::Dictionary,
    boxes: bool,
) -> Vec<u8> {
    let r = |x: podcover::units::Rect| {
        let pt = |v: podcover::Length| v.to_pt() as f32;
        let x = common::in_pdf(l, x);
        common::pdf_rect(pt(x.x), pt(x.y), pt(x.right()), pt(x.y + x.height))
    };
    let mut entries = vec![("MediaBox", r(l.sheet))];
    if boxes {
        entries.push(("TrimBox", r(l.trim_box)));
        entries.push(("BleedBox", r(l.bleed_box())));
    }
    common::page_pdf(entries, content.as_bytes(), resources)
}

#[test]
fn our_templates_pass() {
    for (vendor, binding, paper, trim, pages) in [
        ("kdp", "paperback", "cream", "6x9", 318),
        ("kdp", "hardcover", "cream", "6x9", 126),
        ("ingramspark", "paperback", "cream", "6x9", 318),
        ("ingramspark", "hardcover", "white", "6x9", 200),
        ("ingramspark", "jacket", "cream", "5.5x8.5", 158),
        ("lulu", "paperback", "white", "6x9", 210),
        ("lulu", "hardcover", "white", "6x9", 320),
        ("lulu", "coil", "white", "8.5x8.5", 100),
    ] {
        let l = layout(vendor, binding, paper, trim, pages);
        let options = TemplateOptions::new()
            .isbn("9780306406157".parse().unwrap())
            .price("51699".parse().unwrap());
        let pdf = Template::new(&l, &options).unwrap().to_pdf().unwrap();
        let report = check(&l, &pdf);
        // Templates are not uploaded: they keep their guides on a layer, which PDF/X forbids;
        // every other check passes.
        let (pdfx, other): (Vec<_>, Vec<_>) = report
            .findings
            .iter()
            .partition(|f| f.check.starts_with("pdfx-"));
        assert!(
            other.iter().all(|f| f.status == Verdict::Pass),
            "{vendor} {binding}: {other:#?}"
        );
        let pdfx_fails: Vec<&str> = pdfx
            .iter()
            .filter(|f| f.status == Verdict::Fail)
            .map(|f| f.check)
            .collect();
        let expected: &[&str] = if vendor == "ingramspark" {
            &["pdfx-layers"]
        } else {
            &[]
        };
        assert_eq!(pdfx_fails, expected, "{vendor} {binding}: {pdfx:#?}");
        assert_eq!(verdict(&report, "barcode"), Verdict::Pass);
        assert!(
            message(&report, "barcode").starts_with("46 bars in 100% K"),
            "{}",
            message(&report, "barcode")
        );
    }
}

#[test]
fn catches_a_cover_for_another_page_count_or_vendor() {
    // A template for KDP cream 300 pages (spine 0.75 in) ...
    let made = layout("kdp", "paperback", "cream", "6x9", 300);
    let pdf = Template::new(&made, &TemplateOptions::new())
        .unwrap()
        .to_pdf()
        .unwrap();
    // ... checked for 320 pages (0.8 in, KDP Help G201953020).
    let report = check(&layout("kdp", "paperback", "cream", "6x9", 320), &pdf);
    assert_eq!(report.status, Verdict::Fail);
    assert!((report.implied_spine.unwrap().to_inches() - 0.75).abs() < 1e-4);
    assert_eq!(
        message(&report, "spine"),
        "the file implies a 0.75 in (19.05 mm) spine; kdp paperback cream with 320 pages needs 0.8 in (20.32 mm) (-0.05 in (-1.27 mm)); within kdp's spine tolerance of 0.0625 in (1.59 mm)"
    );
    // The spine is within KDP's stated 0.0625 in variance (KDP Help G201953020): a warning;
    // the sheet is not the template's size: a failure.
    assert_eq!(verdict(&report, "spine"), Verdict::Warn);
    // ... checked for IngramSpark cream 300 pages (about 0.675 in): beyond IngramSpark's
    // 1/16 in tolerance (Help 6443532453901).
    let report = check(
        &layout("ingramspark", "paperback", "cream", "6x9", 300),
        &pdf,
    );
    assert_eq!(verdict(&report, "spine"), Verdict::Fail);
    // One page more (0.0025 in) is within what calculators round to: a pass; five pages
    // (0.0125 in) a warning.
    assert_eq!(
        check(&layout("kdp", "paperback", "cream", "6x9", 301), &pdf).status,
        Verdict::Pass
    );
    assert_eq!(
        check(&layout("kdp", "paperback", "cream", "6x9", 305), &pdf).status,
        Verdict::Warn
    );
}

#[test]
fn catches_rgb_for_ingramspark_but_not_for_kdp() {
    for vendor in ["ingramspark", "kdp"] {
        let l = layout(vendor, "paperback", "cream", "6x9", 300);
        let pdf = cover_pdf(&l, "1 0 0 rg 0 0 100 100 re f", dictionary! {}, true);
        let report = check(&l, &pdf);
        let expected = if vendor == "ingramspark" {
            Verdict::Fail
        } else {
            Verdict::Pass
        };
        assert_eq!(
            verdict(&report, "color"),
            expected,
            "{vendor}: {}",
            message(&report, "color")
        );
        assert!(
            message(&report, "color").contains("RGB in a vector fill on the back cover"),
            "{}",
            message(&report, "color")
        );
    }
    // An RGB image too, and a spot colour.
    let l = layout("ingramspark", "paperback", "cream", "6x9", 300);
    let resources = |doc: &mut Document| {
        let image = doc.add_object(Stream::new(dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 900, "Height" => 900, "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8 }, vec![0; 900 * 900 * 3]));
        let tint = doc.add_object(Stream::new(dictionary! { "FunctionType" => 4, "Domain" => vec![0.into(), 1.into()], "Range" => vec![0.into(), 1.into(), 0.into(), 1.into(), 0.into(), 1.into(), 0.into(), 1.into()] }, b"{0 0 0}".to_vec()));
        dictionary! {
            "XObject" => dictionary! { "Im" => image },
            "ColorSpace" => dictionary! { "Gold" => vec![Object::Name(b"Separation".to_vec()), Object::Name(b"PANTONE 871 C".to_vec()), Object::Name(b"DeviceCMYK".to_vec()), tint.into()] },
        }
    };
    let pdf = cover_pdf_with(
        &l,
        "q 144 0 0 144 100 100 cm /Im Do Q /Gold cs 1 scn 0 0 10 10 re f",
        resources,
        true,
    );
    let report = check(&l, &pdf);
    assert_eq!(verdict(&report, "color"), Verdict::Fail);
    assert_eq!(
        message(&report, "color"),
        "ingramspark wants CMYK: RGB in the back image; spot colour PANTONE 871 C; convert them \
         to CMYK (or export the cover as PDF/X-1a, which does)"
    );
}

#[test]
fn catches_low_resolution_images() {
    let l = layout("kdp", "paperback", "cream", "6x9", 300);
    let image = |w: i64| {
        move |doc: &mut Document| {
            let img = doc.add_object(Stream::new(dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => w, "Height" => w, "ColorSpace" => "DeviceCMYK", "BitsPerComponent" => 8 }, vec![0; (w * w * 4) as usize]));
            dictionary! { "XObject" => dictionary! { "Im" => img } }
        }
    };
    // 300 px over 2 in (144 pt) is 150 ppi; 600 px is 300 ppi.
    let report = check(
        &l,
        &cover_pdf_with(&l, "q 144 0 0 144 100 100 cm /Im Do Q", image(300), true),
    );
    assert_eq!(verdict(&report, "resolution"), Verdict::Fail);
    assert_eq!(
        message(&report, "resolution"),
        "images under 300 ppi where placed: the back image at 150 ppi"
    );
    // Placed again on the back and once on the front, it is named by panel and its repeats
    // counted, not listed one by one; a copy clipped away entirely is not judged.
    let content = "q 144 0 0 144 100 100 cm /Im Do Q q 144 0 0 144 100 300 cm /Im Do Q \
                   q 144 0 0 144 600 300 cm /Im Do Q q 0 0 1 1 re W n 144 0 0 144 100 100 cm \
                   /Im Do Q";
    let report = check(&l, &cover_pdf_with(&l, content, image(300), true));
    assert_eq!(
        message(&report, "resolution"),
        "images under 300 ppi where placed: the back image at 150 ppi (2 places), the front \
         image at 150 ppi"
    );
    let report = check(
        &l,
        &cover_pdf_with(&l, "q 144 0 0 144 100 100 cm /Im Do Q", image(600), true),
    );
    assert_eq!(verdict(&report, "resolution"), Verdict::Pass);
}

#[test]
fn catches_fonts_that_are_not_embedded() {
    // A cover whose spine text is set in Helvetica, which is not embedded.
    let l = layout("kdp", "paperback", "white", "6x9", 300);
    let pdf = cover_pdf_with(
        &l,
        "BT /F1 12 Tf 420 300 Td (Title) Tj ET",
        |doc| {
            let font = doc.add_object(lopdf::dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            });
            lopdf::dictionary! { "Font" => lopdf::dictionary! { "F1" => font } }
        },
        true,
    );
    let report = check(&l, &pdf);
    assert_eq!(verdict(&report, "fonts"), Verdict::Fail);
    assert_eq!(message(&report, "fonts"), "fonts not embedded: Helvetica");
}

#[test]
fn catches_a_rich_black_barcode_and_a_missing_white_box() {
    let l = layout("kdp", "paperback", "white", "6x9", 300);
    // Drawn in the page's coordinates, near its bottom: where the layout's box is.
    let b = common::in_pdf(&l, l.barcode);
    let bars = |color: &str, white: bool| {
        let mut content = String::new();
        if white {
            content.push_str(&format!(
                "0 0 0 0 k {} {} {} {} re f ",
                b.x.to_pt(),
                b.y.to_pt(),
                b.width.to_pt(),
                b.height.to_pt()
            ));
        }
        content.push_str(color);
        for i in 0..30 {
            content.push_str(&format!(
                " {} {} 1.5 60 re f",
                b.x.to_pt() + 10.0 + 3.0 * i as f64,
                b.y.to_pt() + 10.0
            ));
        }
        content
    };
    let report = check(
        &l,
        &cover_pdf(&l, &bars("0.6 0.4 0.4 1 k", true), dictionary! {}, true),
    );
    assert_eq!(verdict(&report, "barcode"), Verdict::Fail);
    assert_eq!(
        message(&report, "barcode"),
        "30 of 30 bars are rich black; bars must be 100% K"
    );
    let report = check(
        &l,
        &cover_pdf(&l, &bars("0 0 0 1 k", false), dictionary! {}, true),
    );
    assert_eq!(verdict(&report, "barcode"), Verdict::Warn);
    let report = check(
        &l,
        &cover_pdf(&l, &bars("0 0 0 1 k", true), dictionary! {}, true),
    );
    assert_eq!(verdict(&report, "barcode"), Verdict::Pass);
}

#[test]
fn checks_boxes_pages_rotation_and_safe_text() {
    let l = layout("kdp", "paperback", "white", "6x9", 300);
    let report = check(&l, &cover_pdf(&l, "", dictionary! {}, false));
    assert_eq!(verdict(&report, "boxes"), Verdict::Warn);
    assert_eq!(
        message(&report, "boxes"),
        "no TrimBox: sizes are read from the MediaBox; no BleedBox"
    );
    // Sizes from the MediaBox still pass.
    assert_eq!(verdict(&report, "size"), Verdict::Pass);
    // Text at 0.05 in from the left edge lies in the bleed, outside the safe area; 300 pt up
    // from the bottom of the 9.25 in sheet is 5.08 in down from its top.
    let report = check(
        &l,
        &cover_pdf(
            &l,
            "BT /F1 12 Tf 3.6 300 Td (x) Tj ET",
            dictionary! { "Font" => dictionary! { "F1" => dictionary! { "Type" => "Font", "Subtype" => "Type3" } } },
            true,
        ),
    );
    assert_eq!(verdict(&report, "safe"), Verdict::Warn);
    assert_eq!(
        message(&report, "safe"),
        "text starts outside the safe areas or on a fold at (0.05, 5.08) in from the sheet's top-left corner"
    );
    // Unreadable files are errors, not findings.
    let err = preflight::check(Catalog::builtin(), &l, "x.pdf", b"not a pdf").unwrap_err();
    assert_eq!(
        err.kind(),
        podcover::ErrorKind::Pdf(podcover::error::PdfProblem::NotPdf)
    );
    assert_eq!(err.file(), Some("x.pdf"));
}

#[test]
fn a_content_bomb_is_read_only_in_part() {
    use std::io::Write;
    // 30 MB of "q Q " compresses to a few tens of KB.
    let l = layout("kdp", "paperback", "white", "6x9", 300);
    let l2 = l.clone();
    let bytes = cover_pdf_with(
        &l2,
        &"/B Do ".repeat(50),
        |doc| {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            for _ in 0..(30 << 20) / 4 {
                z.write_all(b"q Q ").unwrap();
            }
            let bomb = doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode", "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 1.into(), 1.into()] }, z.finish().unwrap()));
            dictionary! { "XObject" => dictionary! { "B" => bomb } }
        },
        true,
    );
    let report = check(&l, &bytes);
    assert_eq!(verdict(&report, "content"), Verdict::Warn);
}

#[test]
fn reads_colours_set_with_scn() {
    let l = layout("kdp", "paperback", "white", "6x9", 300);
    let b = common::in_pdf(&l, l.barcode);
    let mut content = format!(
        "/DeviceCMYK cs 0 0 0 0 scn {} {} {} {} re f /DeviceCMYK cs 0.6 0.6 0.6 1 scn",
        b.x.to_pt(),
        b.y.to_pt(),
        b.width.to_pt(),
        b.height.to_pt()
    );
    for i in 0..30 {
        content.push_str(&format!(
            " {} {} 1.5 60 re f",
            b.x.to_pt() + 10.0 + 3.0 * i as f64,
            b.y.to_pt() + 10.0
        ));
    }
    let report = check(&l, &cover_pdf(&l, &content, dictionary! {}, true));
    assert_eq!(
        message(&report, "barcode"),
        "30 of 30 bars are rich black; bars must be 100% K"
    );
}

#[test]
fn vendor_rules_decide_resolution_and_barcode_verdicts() {
    // KDP asks for 300 dpi images (KDP Help G201953020): a fail. IngramSpark's stock file names
    // no minimum: a warning at the usual 300 ppi.
    let image = |doc: &mut Document| {
        let img = doc.add_object(Stream::new(dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 300, "Height" => 300, "ColorSpace" => "DeviceCMYK", "BitsPerComponent" => 8 }, vec![0; 300 * 300 * 4]));
        dictionary! { "XObject" => dictionary! { "Im" => img } }
    };
    for (vendor, expected) in [("kdp", Verdict::Fail), ("ingramspark", Verdict::Warn)] {
        let l = layout(vendor, "paperback", "cream", "6x9", 300);
        let report = check(
            &l,
            &cover_pdf_with(&l, "q 144 0 0 144 100 100 cm /Im Do Q", image, true),
        );
        assert_eq!(
            verdict(&report, "resolution"),
            expected,
            "{vendor}: {}",
            message(&report, "resolution")
        );
    }
    // IngramSpark requires a barcode on the back cover (LSI help 5293920968589); KDP prints its
    // own when there is none.
    for (vendor, expected) in [("ingramspark", Verdict::Fail), ("kdp", Verdict::Pass)] {
        let l = layout(vendor, "paperback", "cream", "6x9", 300);
        let pdf = Template::new(&l, &TemplateOptions::new())
            .unwrap()
            .to_pdf()
            .unwrap();
        let report = check(&l, &pdf);
        assert_eq!(
            verdict(&report, "barcode"),
            expected,
            "{vendor}: {}",
            message(&report, "barcode")
        );
    }
}

#[test]
fn spine_text_in_a_given_font_is_embedded() {
    // DejaVu Sans, from Debian's fonts-dejavu-core (installed by .ci/run).
    let font = std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        .expect("fonts-dejavu-core is installed");
    let l = layout("kdp", "paperback", "white", "6x9", 300);
    let art = Artwork::from_pdf("a", &solid_pdf([450.0, 666.0], 9.0, [0.0, 0.0, 0.0])).unwrap();
    let mut label = SpineLabel::new("Café — Harbor Lights");
    label.font = Some(font);
    let cover = compose(
        &l,
        &CoverArt::new(art.clone(), art).spine(SpineArt::Label(label)),
    )
    .unwrap();
    assert_eq!(cover.warnings, Vec::<String>::new());
    let report = check(&l, &cover.pdf);
    assert_eq!(
        verdict(&report, "fonts"),
        Verdict::Pass,
        "{}",
        message(&report, "fonts")
    );
    // Not a font: a clear error.
    let mut label = SpineLabel::new("Title");
    label.font = Some(b"not a font".to_vec());
    let art = Artwork::from_pdf("a", &solid_pdf([450.0, 666.0], 9.0, [0.0, 0.0, 0.0])).unwrap();
    let err = compose(
        &l,
        &CoverArt::new(art.clone(), art).spine(SpineArt::Label(label)),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the font file cannot be read as TrueType or OpenType"
    );
}

#[test]
fn deep_saves_are_counted_not_kept() {
    // 1,000 nested q: more than any reader keeps; the content check is partial, and the
    // rest of the report stands.
    let l = layout("kdp", "paperback", "white", "6x9", 300);
    let content = format!(
        "{}0 0 0 1 k 0 0 10 10 re f{}",
        "q ".repeat(1000),
        " Q".repeat(1000)
    );
    let report = check(&l, &cover_pdf(&l, &content, lopdf::Dictionary::new(), true));
    assert_eq!(verdict(&report, "content"), Verdict::Warn);
    assert_eq!(verdict(&report, "size"), Verdict::Pass);
}

#[test]
fn messages_keep_their_signs() {
    // A 6x9 in page checked as a whole KDP cover: no spine could fit.
    let l = layout("kdp", "paperback", "white", "6x9", 300);
    let page = common::solid_pdf([450.0, 666.0], 9.0, [0.0, 0.0, 0.0]);
    let report = check(&l, &page);
    assert_eq!(verdict(&report, "spine"), Verdict::Fail);
    assert_eq!(
        message(&report, "spine"),
        "the file is 6 in (152.4 mm) wide, 6 in (152.4 mm) narrower than a cover without a \
         spine: it is not a full cover for kdp paperback white (6x9in with 300 pages needs a \
         0.6756 in (17.16 mm) spine)"
    );
    // Sizes off by a negative amount keep the sign in millimetres.
    assert!(
        message(&report, "size").contains("sheet width -6.6756 in (-169.56 mm)"),
        "{}",
        message(&report, "size")
    );
    // An image whose height is negative has no resolution.
    let image = |doc: &mut Document| {
        let img = doc.add_object(Stream::new(dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 10, "Height" => -5, "ColorSpace" => "DeviceCMYK", "BitsPerComponent" => 8 }, vec![0; 200]));
        dictionary! { "XObject" => dictionary! { "Im" => img } }
    };
    let report = check(
        &l,
        &cover_pdf_with(&l, "q 144 0 0 144 100 100 cm /Im Do Q", image, true),
    );
    assert_eq!(verdict(&report, "resolution"), Verdict::Fail);
    assert_eq!(
        message(&report, "resolution"),
        "images with no valid size (width and height must be positive): the back image declares \
         10 x -5 pixels"
    );
}

#[test]
fn catches_template_labels_that_print_and_art_short_of_the_bleed() {
    // KDP cream 318 pp 6x9: sheet 13.045 x 9.25 in = 939.24 x 666 pt.
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let font = || {
        dictionary! { "Font" => dictionary! { "F1" => dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        } } }
    };
    // The whole sheet filled, and the template's panel label left on the printing layer.
    let labelled = cover_pdf(
        &l,
        "0 0 1 0 k 0 0 939.24 666 re f BT /F1 24 Tf 150 330 Td (BACK COVER) Tj ET",
        font(),
        true,
    );
    let report = check(&l, &labelled);
    assert_eq!(verdict(&report, "template"), Verdict::Warn);
    assert_eq!(
        message(&report, "template"),
        "template labels print: \"back cover\"; hide the template's guides layer before exporting"
    );
    assert_eq!(verdict(&report, "bleed"), Verdict::Pass);
    // Art that stops at the trim on the right (a front panel without bleed): a blank strip.
    let short = cover_pdf(
        &l,
        "0 0 1 0 k 0 0 930.24 666 re f BT /F1 24 Tf 150 330 Td (Harbor Lights) Tj ET",
        font(),
        true,
    );
    let report = check(&l, &short);
    assert_eq!(verdict(&report, "template"), Verdict::Pass);
    assert_eq!(verdict(&report, "bleed"), Verdict::Warn);
    assert_eq!(
        message(&report, "bleed"),
        "the artwork may not reach the sheet's edge on the right side(s): a blank strip would show \
         after trimming (checked: images and filled rectangles, every 0.25 in along the middle of \
         the bleed)"
    );
    // Composed without filling the missing bleed, the same shows; mirrored, it does not.
    let bare =
        Artwork::from_pdf("bare.pdf", &solid_pdf([432.0, 648.0], 0.0, [1.0, 0.0, 0.0])).unwrap();
    let back =
        Artwork::from_pdf("back.pdf", &solid_pdf([450.0, 666.0], 9.0, [0.0, 0.0, 1.0])).unwrap();
    let art = CoverArt::new(bare, back).spine(SpineArt::Color(podcover::draw::Cmyk::new(
        0.0, 0.0, 0.0, 1.0,
    )));
    let blank = podcover::cover::compose_with(
        &l,
        &art,
        &podcover::cover::ComposeOptions::new().extend(podcover::cover::Extend::None),
    )
    .unwrap();
    assert_eq!(verdict(&check(&l, &blank.pdf), "bleed"), Verdict::Warn);
    let filled = podcover::cover::compose(&l, &art).unwrap();
    assert_eq!(verdict(&check(&l, &filled.pdf), "bleed"), Verdict::Pass);
}

/// A spine just beyond the vendor's tolerance is not shown as the tolerance itself
/// ("+0.0625 in ...; beyond kdp's spine tolerance of 0.0625 in" before).
#[test]
fn a_spine_just_beyond_the_tolerance_shows_the_digits_that_differ() {
    // KDP cream 300 pp 6x9: trim 12.75 x 9 in; KDP's spine tolerance is 1/16 in (KDP Help
    // G201953020). The file's trim is 0.06252 in wider.
    let l = layout("kdp", "paperback", "cream", "6x9", 300);
    let pt = |v: podcover::Length| v.to_pt() as f32;
    let trim = common::in_pdf(&l, l.trim_box);
    let wider = podcover::Length::inches(0.06252);
    let entries = vec![
        (
            "MediaBox",
            common::pdf_rect(0.0, 0.0, pt(l.sheet.width + wider), pt(l.sheet.height)),
        ),
        (
            "TrimBox",
            common::pdf_rect(
                pt(trim.x),
                pt(trim.y),
                pt(trim.right() + wider),
                pt(trim.y + trim.height),
            ),
        ),
    ];
    let pdf = common::page_pdf(entries, b"", |_| lopdf::Dictionary::new());
    let report = check(&l, &pdf);
    assert_eq!(verdict(&report, "spine"), Verdict::Fail);
    assert_eq!(
        message(&report, "spine"),
        "the file implies a 0.8125 in (20.64 mm) spine; kdp paperback cream with 300 pages needs \
         0.75 in (19.05 mm) (+0.06252 in (+1.588 mm)); beyond kdp's spine tolerance of 0.0625 in \
         (1.59 mm)"
    );
}

/// Art that stops at the trim, placed there or clipped there, leaves the bleed blank: a bleed
/// finding (before, "not told", a pass).
#[test]
fn art_placed_or_clipped_at_the_trim_leaves_a_blank_bleed() {
    // KDP cream 318 pp 6x9: sheet 13.045 x 9.25 in = 939.24 x 666 pt; trim 9 pt in.
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let image = |doc: &mut Document| {
        let img = doc.add_object(Stream::new(dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 4, "Height" => 4, "ColorSpace" => "DeviceCMYK", "BitsPerComponent" => 8 }, vec![0; 64]));
        dictionary! { "XObject" => dictionary! { "Im" => img } }
    };
    let form = |doc: &mut Document| {
        // A form that fills the whole sheet, its BBox the trim.
        let form = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![9.into(), 9.into(), 930.24.into(), 657.into()] },
            b"0 0 1 0 k 0 0 939.24 666 re f".to_vec(),
        ));
        dictionary! { "XObject" => dictionary! { "Fm" => form } }
    };
    let blank =
        "the artwork may not reach the sheet's edge on the left, right, top, bottom side(s): \
                 a blank strip would show after trimming (checked: images and filled rectangles, \
                 every 0.25 in along the middle of the bleed)";
    for (what, pdf) in [
        (
            "a fill at the trim",
            cover_pdf(
                &l,
                "0 0 1 0 k 9 9 921.24 648 re f",
                lopdf::Dictionary::new(),
                true,
            ),
        ),
        (
            "a fill clipped to the trim",
            cover_pdf(
                &l,
                "q 9 9 921.24 648 re W n 0 0 1 0 k 0 0 939.24 666 re f Q",
                lopdf::Dictionary::new(),
                true,
            ),
        ),
        (
            "an image at the trim",
            cover_pdf_with(&l, "q 921.24 0 0 648 9 9 cm /Im Do Q", image, true),
        ),
        (
            "an image clipped to the trim",
            cover_pdf_with(
                &l,
                "q 9 9 m 930.24 9 l 930.24 657 l 9 657 l h W n 939.24 0 0 666 0 0 cm /Im Do Q",
                image,
                true,
            ),
        ),
        (
            "a form whose box is the trim",
            cover_pdf_with(&l, "/Fm Do", form, true),
        ),
    ] {
        let report = check(&l, &pdf);
        assert_eq!(verdict(&report, "bleed"), Verdict::Warn, "{what}");
        assert_eq!(message(&report, "bleed"), blank, "{what}");
    }
    // The same art reaching the sheet's edge, and a clip that leaves it there, pass.
    for pdf in [
        cover_pdf(
            &l,
            "0 0 1 0 k 0 0 939.24 666 re f",
            lopdf::Dictionary::new(),
            true,
        ),
        cover_pdf(
            &l,
            "q 0 0 939.24 666 re W n 0 0 1 0 k 0 0 939.24 666 re f Q",
            lopdf::Dictionary::new(),
            true,
        ),
        cover_pdf(
            &l,
            "q 9 9 921.24 648 re W n Q 0 0 1 0 k 0 0 939.24 666 re f",
            lopdf::Dictionary::new(),
            true,
        ),
    ] {
        assert_eq!(verdict(&check(&l, &pdf), "bleed"), Verdict::Pass);
    }
}

/// Invisible text (render mode 3, as OCR layers and some exports carry) does not print, so it
/// is no template label; a label set with kerning between its words is one.
#[test]
fn template_labels_are_read_through_kerning_but_not_in_invisible_text() {
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let font = || {
        dictionary! { "Font" => dictionary! { "F1" => dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        } } }
    };
    let fill = "0 0 1 0 k 0 0 939.24 666 re f ";
    let invisible = cover_pdf(
        &l,
        &format!("{fill}BT /F1 24 Tf 3 Tr 150 330 Td (BACK COVER) Tj ET"),
        font(),
        true,
    );
    assert_eq!(verdict(&check(&l, &invisible), "template"), Verdict::Pass);
    // Saved and restored with the graphics state: after Q the text shows again.
    let restored = cover_pdf(
        &l,
        &format!("{fill}q BT /F1 24 Tf 3 Tr ET Q BT /F1 24 Tf 150 330 Td (FRONT COVER) Tj ET"),
        font(),
        true,
    );
    assert_eq!(
        message(&check(&l, &restored), "template"),
        "template labels print: \"front cover\"; hide the template's guides layer before exporting"
    );
    let kerned = cover_pdf(
        &l,
        &format!("{fill}BT /F1 24 Tf 150 330 Td [(BACK) -250 (COVER)] TJ ET"),
        font(),
        true,
    );
    assert_eq!(
        message(&check(&l, &kerned), "template"),
        "template labels print: \"back cover\"; hide the template's guides layer before exporting"
    );
    // Kerning within a word joins its letters: no label is made of a title.
    let title = cover_pdf(
        &l,
        &format!("{fill}BT /F1 24 Tf 150 330 Td [(FEED) 30 (BACK) -40 (COVERS)] TJ ET"),
        font(),
        true,
    );
    assert_eq!(verdict(&check(&l, &title), "template"), Verdict::Pass);
}

/// Every ink finding's message, in order.
fn ink_messages(report: &Preflight) -> Vec<(Verdict, String)> {
    report
        .findings
        .iter()
        .filter(|f| f.check == "ink")
        .map(|f| (f.status, f.message.clone()))
        .collect()
}

/// An IngramSpark cover composed from flat CMYK art with a solid spine of `spine`.
fn composed_with_spine(spine: podcover::draw::Cmyk) -> (CoverLayout, Vec<u8>) {
    let l = layout("ingramspark", "paperback", "cream", "6x9", 300);
    let art = |name| Artwork::color(name, podcover::draw::Cmyk::new(0.2, 0.3, 0.4, 0.1));
    let cover = compose(
        &l,
        &CoverArt::new(art("front"), art("back")).spine(SpineArt::Color(spine)),
    )
    .unwrap();
    (l, cover.pdf)
}

#[test]
fn total_ink_over_the_limit_fails_a_composed_cover() {
    // IngramSpark rejects covers over 300% total ink and recommends at most 240%.
    let (l, pdf) = composed_with_spine(podcover::draw::Cmyk::new(1.0, 1.0, 1.0, 1.0));
    let report = check(&l, &pdf);
    assert_eq!(report.status, Verdict::Fail);
    assert_eq!(
        ink_messages(&report),
        [(
            Verdict::Fail,
            "total ink 400.0% (100/100/100/100) in a vector fill on the spine at (6.46, 4.63) in \
             from the sheet's top-left: ingramspark rejects covers over 300%; reduce the ink of a \
             vector fill below 240%: e.g. rich black 60/40/40/100, or 0/0/0/100 for black text"
                .to_string()
        )]
    );
    // 260% only warns; rich black at 240% passes.
    let (l, pdf) = composed_with_spine(podcover::draw::Cmyk::new(0.7, 0.5, 0.5, 0.8));
    let report = check(&l, &pdf);
    assert_eq!(verdict(&report, "ink"), Verdict::Warn);
    assert!(
        message(&report, "ink").starts_with(
            "total ink 250.0% (70/50/50/80) in a vector fill on the spine at (6.46, 4.63) in from \
             the sheet's top-left: above the 240% ingramspark recommends (it rejects over 300%)"
        ),
        "{}",
        message(&report, "ink")
    );
    let (l, pdf) = composed_with_spine(podcover::draw::Cmyk::new(0.6, 0.4, 0.4, 1.0));
    let report = check(&l, &pdf);
    assert_eq!(
        ink_messages(&report),
        [(
            Verdict::Pass,
            "highest total ink 240.0% (60/40/40/100) in a vector fill on the spine at (6.46, \
             4.63) in from the sheet's top-left: within the 240% ingramspark recommends"
                .to_string()
        )]
    );
    // KDP states no limit: the peak is told, not graded.
    let l = layout("kdp", "paperback", "cream", "6x9", 300);
    let pdf = cover_pdf(&l, "1 1 1 1 k 100 100 50 50 re f", dictionary! {}, true);
    assert_eq!(
        ink_messages(&check(&l, &pdf)),
        [(
            Verdict::Pass,
            "highest total ink 400.0% (100/100/100/100) in a vector fill on the back cover at \
             (1.74, 7.51) in from the sheet's top-left; kdp states no ink limit"
                .to_string()
        )]
    );
}

#[test]
fn total_ink_counts_strokes_grey_text_and_cmyk_spaces_but_not_what_is_clipped_away() {
    let l = layout("ingramspark", "paperback", "cream", "6x9", 300);
    let ink = |content: &str, resources: lopdf::Dictionary| {
        let report = check(&l, &cover_pdf(&l, content, resources, true));
        (verdict(&report, "ink"), message(&report, "ink"))
    };
    // A 400% stroke fails; grey counts as black alone; RGB is the colour check's, not ink.
    let (status, text) = ink(
        "0 g 1 0 0 rg 1 1 1 1 K 100 100 m 150 150 l S",
        dictionary! {},
    );
    assert_eq!(status, Verdict::Fail);
    assert!(text.starts_with("total ink 400.0% (100/100/100/100) in a vector stroke on the back cover at (1.74, 7.51) in"), "{text}");
    let (status, text) = ink("0.5 g 0 0 100 100 re f", dictionary! {});
    assert_eq!(status, Verdict::Pass);
    assert!(
        text.starts_with("highest total ink 50.0% (0/0/0/50) in a vector fill"),
        "{text}"
    );
    // Text filled with a colour in an ICC-based CMYK space.
    let space = |doc: &mut Document| {
        let icc = doc.add_object(Stream::new(dictionary! { "N" => 4 }, Vec::new()));
        dictionary! { "ColorSpace" => dictionary! { "Press" => vec![Object::Name(b"ICCBased".to_vec()), icc.into()] } }
    };
    let pdf = cover_pdf_with(
        &l,
        "/Press cs 0.9 0.9 0.9 0.9 scn BT 100 100 Td (A) Tj ET",
        space,
        true,
    );
    let text = message(&check(&l, &pdf), "ink");
    assert!(
        text.starts_with(
            "total ink 360.0% (90/90/90/90) in text on the back cover at (1.39, 7.86) in"
        ),
        "{text}"
    );
    // Clipped away entirely, a 400% fill does not print; invisible text neither.
    let (status, text) = ink(
        "q 0 0 10 10 re W n 1 1 1 1 k 100 100 50 50 re f Q 0 0 0 1 k 200 200 10 10 re f \
         1 1 1 1 k BT 3 Tr 100 100 Td (A) Tj ET",
        dictionary! {},
    );
    assert_eq!(status, Verdict::Pass, "{text}");
    assert!(
        text.starts_with("highest total ink 100.0% (0/0/0/100)"),
        "{text}"
    );
}

/// A `width` x `height` CMYK image, every pixel `[0, 0, 0, 0]` but `hot` at (`x`, `y`) from its
/// top-left, Flate-compressed when `flate`.
fn cmyk_image(width: usize, height: usize, hot: ([u8; 4], usize, usize), flate: bool) -> Stream {
    let (value, x, y) = hot;
    let mut data = vec![0u8; width * height * 4];
    data[(y * width + x) * 4..][..4].copy_from_slice(&value);
    let dict = dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => width as i64, "Height" => height as i64, "ColorSpace" => "DeviceCMYK", "BitsPerComponent" => 8 };
    let mut stream = Stream::new(dict, data);
    if flate {
        stream.compress().unwrap();
        assert!(stream.dict.get(b"Filter").is_ok());
    }
    stream
}

#[test]
fn total_ink_of_images_where_they_show_and_what_is_not_measured() {
    let l = layout("ingramspark", "paperback", "cream", "6x9", 300);
    // A 100 x 100 image over 1 x 1 in at (1, 1) in from the page's lower-left: its hottest
    // pixel, column 10 of row 20, is centred 10.5/100 in right and 20.5/100 in down from
    // the image's top-left corner.
    let with = |image: Stream, content: &str| {
        let report = check(
            &l,
            &cover_pdf_with(
                &l,
                content,
                |doc| dictionary! { "XObject" => dictionary! { "Im" => doc.add_object(image) } },
                true,
            ),
        );
        ink_messages(&report)
    };
    let hot = ([255, 255, 200, 255], 10, 20);
    let found = with(
        cmyk_image(100, 100, hot, true),
        "q 72 0 0 72 72 72 cm /Im Do Q",
    );
    assert_eq!(
        found,
        [(
            Verdict::Fail,
            "total ink 378.4% (100/100/78/100) in the back image at (1.11, 7.46) in from the \
             sheet's top-left: ingramspark rejects covers over 300%; reduce the ink of the back \
             image below 240%: convert it to CMYK with a 240% total ink limit (rich black \
             60/40/40/100)"
                .to_string()
        )]
    );
    // Unfiltered, the same.
    assert_eq!(
        with(
            cmyk_image(100, 100, hot, false),
            "q 72 0 0 72 72 72 cm /Im Do Q"
        ),
        found
    );
    // Its rows PNG-predicted (Paeth, as PDF writers do for photographs), the same; with
    // decode parameters that do not match the image, not measured.
    let predicted = |colors: i64| {
        let plain = cmyk_image(100, 100, hot, false);
        let row = 400;
        let mut rows = Vec::new();
        let mut above = vec![0; row];
        for current in plain.content.chunks(row) {
            let mut filtered = current.to_vec();
            lopdf::filters::png::encode_row(
                lopdf::filters::png::FilterType::Paeth,
                4,
                &above,
                &mut filtered,
            );
            rows.push(4);
            rows.extend_from_slice(&filtered);
            above = current.to_vec();
        }
        let mut stream = Stream::new(plain.dict, rows);
        stream.dict.set(
            "DecodeParms",
            dictionary! { "Predictor" => 15, "Colors" => colors, "BitsPerComponent" => 8, "Columns" => 100 },
        );
        stream.compress().unwrap();
        stream
    };
    assert_eq!(with(predicted(4), "q 72 0 0 72 72 72 cm /Im Do Q"), found);
    assert_eq!(
        with(predicted(3), "q 72 0 0 72 72 72 cm /Im Do Q")
            .last()
            .unwrap(),
        &(
            Verdict::Warn,
            "not measured: the back image: decode parameters that do not match the image; check \
             their total ink in a separation preview, or export them as CMYK within 240% without \
             compression other than Flate"
                .to_string()
        )
    );
    // Clipped to the image's right half, the hot pixel does not show.
    let clipped = with(
        cmyk_image(100, 100, hot, true),
        "q 108 72 36 72 re W n 72 0 0 72 72 72 cm /Im Do Q",
    );
    assert_eq!(clipped[0].0, Verdict::Pass, "{clipped:?}");
    assert!(
        clipped[0].1.starts_with("highest total ink 0.0%"),
        "{clipped:?}"
    );
    // JPEG data cannot be measured here: a warning, never a pass.
    let mut jpeg = cmyk_image(8, 8, ([255; 4], 1, 1), false);
    jpeg.dict.set("Filter", "DCTDecode");
    let found = with(jpeg, "q 72 0 0 72 72 72 cm /Im Do Q");
    assert_eq!(
        found.last().unwrap(),
        &(
            Verdict::Warn,
            "not measured: the back image: DCTDecode data; check their total ink in a separation \
             preview, or export them as CMYK within 240% without compression other than Flate"
                .to_string()
        )
    );
    // Data shorter than the image's size is not measured either.
    let mut short = cmyk_image(100, 100, hot, false);
    short.set_content(vec![0; 10]);
    let found = with(short, "q 72 0 0 72 72 72 cm /Im Do Q");
    assert!(
        found
            .last()
            .unwrap()
            .1
            .starts_with("not measured: the back image: its data is shorter than its size"),
        "{found:?}"
    );
}

#[test]
fn catches_lab_devicen_icc_rgb_and_live_transparency_where_they_show() {
    let l = layout("ingramspark", "paperback", "cream", "6x9", 300);
    let resources = |doc: &mut Document| {
        let icc = doc.add_object(Stream::new(dictionary! { "N" => 3 }, Vec::new()));
        let tint = doc.add_object(Stream::new(dictionary! { "FunctionType" => 4, "Domain" => vec![0.into(), 1.into(), 0.into(), 1.into()], "Range" => vec![0.into(), 1.into(), 0.into(), 1.into(), 0.into(), 1.into(), 0.into(), 1.into()] }, b"{pop 0 0 0}".to_vec()));
        let mask = doc.add_object(Stream::new(dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2, "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 }, vec![0; 4]));
        let image = doc.add_object(Stream::new(dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2, "ColorSpace" => "DeviceCMYK", "BitsPerComponent" => 8, "SMask" => mask }, vec![0; 16]));
        dictionary! {
            "ColorSpace" => dictionary! {
                "Icc" => vec![Object::Name(b"ICCBased".to_vec()), icc.into()],
                "Lab" => vec![Object::Name(b"Lab".to_vec()), dictionary! { "WhitePoint" => vec![0.9505.into(), 1.into(), 1.089.into()] }.into()],
                "Duo" => vec![Object::Name(b"DeviceN".to_vec()), vec![Object::Name(b"Cyan".to_vec()), Object::Name(b"Black".to_vec())].into(), Object::Name(b"DeviceCMYK".to_vec()), tint.into()],
            },
            "ExtGState" => dictionary! {
                "Half" => dictionary! { "ca" => 0.5 },
                "Mul" => dictionary! { "BM" => "Multiply" },
                "Opaque" => dictionary! { "ca" => 1.0 },
            },
            "XObject" => dictionary! { "Im" => image },
        }
    };
    // ICC-based RGB on the back (twice), Lab on the spine, DeviceN on the front; half
    // opacity on the back, Multiply on the front, a soft-masked image on the back. After
    // /Opaque, nothing is transparent; a clipped-away fill neither shows nor counts.
    let content = "/Icc cs 1 0 0 scn 100 100 50 50 re f 100 300 50 50 re f \
                   /Lab cs 50 0 0 scn 460 300 10 10 re f \
                   /Duo cs 1 1 scn 700 300 20 20 re f \
                   q /Half gs 0 0 0 1 k 200 200 10 10 re f Q \
                   q /Mul gs 0 0 0 1 k 700 200 10 10 re f Q \
                   q 72 0 0 72 100 400 cm /Im Do Q \
                   /Half gs /Opaque gs 0 0 0 1 k 250 200 10 10 re f \
                   q 0 0 1 1 re W n /Half gs 1 0 0 rg 100 100 50 50 re f Q";
    let report = check(&l, &cover_pdf_with(&l, content, resources, true));
    assert_eq!(verdict(&report, "color"), Verdict::Fail);
    assert_eq!(
        message(&report, "color"),
        "ingramspark wants CMYK: ICC-based RGB in a vector fill on the back cover (2 places); \
         Lab in a vector fill on the spine; DeviceN in a vector fill on the front cover; convert \
         them to CMYK (or export the cover as PDF/X-1a, which does)"
    );
    assert_eq!(verdict(&report, "transparency"), Verdict::Fail);
    assert_eq!(
        message(&report, "transparency"),
        "ingramspark wants transparency flattened: opacity 50% (ca) on a vector fill on the back \
         cover, blend mode Multiply on a vector fill on the front cover, a soft mask in the back \
         image; flatten it when exporting (PDF/X-1a does), or make those parts opaque"
    );
    // KDP takes live transparency: told, not failed.
    let kdp = layout("kdp", "paperback", "cream", "6x9", 300);
    let report = check(&kdp, &cover_pdf_with(&kdp, content, resources, true));
    assert_eq!(verdict(&report, "transparency"), Verdict::Pass);
    assert!(message(&report, "transparency").starts_with("live transparency: opacity 50%"));
    // A transparency group on the page is transparency too.
    let pdf = cover_pdf(&l, "0 0 0 1 k 100 100 10 10 re f", dictionary! {}, true);
    let mut doc = Document::load_mem(&pdf).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    doc.get_dictionary_mut(page).unwrap().set(
        "Group",
        dictionary! { "S" => "Transparency", "CS" => "DeviceCMYK" },
    );
    let mut grouped = Vec::new();
    doc.save_to(&mut grouped).unwrap();
    assert_eq!(
        message(&check(&l, &grouped), "transparency"),
        "ingramspark wants transparency flattened: a transparency group: the page; flatten it \
         when exporting (PDF/X-1a does), or make those parts opaque"
    );
}
