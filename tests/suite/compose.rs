//! Composing covers from artwork and respining whole covers, checked by rendering.

use crate::common;
use crate::common::tools::Scratch;
use crate::common::{layout, pixel, render, solid_pdf};
use lopdf::{dictionary, Object};
use podcover::{
    cover::{
        compose, compose_with, respine, respine_to, respine_to_file, respine_with, respine_with_to,
        ComposeOptions, CoverArt, Extend, RespineOptions, SpineArt, SpineLabel,
    },
    files,
    pdf::Artwork,
};

const RED: [f32; 3] = [1.0, 0.0, 0.0];
const BLUE: [f32; 3] = [0.0, 0.0, 1.0];

/// CMYK 100% cyan + yellow, as poppler shows it: green, darker than RGB green.
#[track_caller]
fn greenish(p: [u8; 3]) {
    assert!(
        p[1] > 120 && p[0] < 60 && p[2] < 120,
        "pixel {p:?} is not the green spine"
    );
}

#[track_caller]
fn near(actual: [u8; 3], expected: [u8; 3]) {
    let close = actual
        .iter()
        .zip(expected)
        .all(|(a, e)| a.abs_diff(e) <= 40);
    assert!(close, "pixel {actual:?}, expected about {expected:?}");
}

/// 6x9 in panel artwork with 0.125 in bleed all round.
fn panel(rgb: [f32; 3]) -> Artwork {
    Artwork::from_pdf("panel.pdf", &solid_pdf([450.0, 666.0], 9.0, rgb)).unwrap()
}

#[test]
fn composes_front_back_and_spine_colour() {
    // KDP cream 318 pp: spine 0.795 in (318 x 0.0025, KDP Help G201953020).
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let art = CoverArt::new(panel(RED), panel(BLUE))
        .spine(SpineArt::Color(podcover::draw::Cmyk::new(
            1.0, 0.0, 1.0, 0.0,
        )))
        .barcode("9780306406157".parse().unwrap(), "51699".parse().unwrap());
    let cover = compose(&l, &art).unwrap();
    assert_eq!(cover.warnings, Vec::<String>::new());
    let dpi = 50;
    let image = render(&cover.pdf, dpi);
    // Sheet 13.045 x 9.25 in.
    assert_eq!(image.0, (13.045f64 * dpi as f64).ceil() as usize);
    near(pixel(&image, dpi, 3.0, 4.6), [0, 0, 255]); // back
    near(pixel(&image, dpi, 0.05, 4.6), [0, 0, 255]); // back bleed
    greenish(pixel(&image, dpi, 6.125 + 0.4, 4.6)); // spine
    near(pixel(&image, dpi, 6.92 + 3.0, 4.6), [255, 0, 0]); // front
    near(pixel(&image, dpi, 13.0, 9.2), [255, 0, 0]); // front bleed, top right
                                                      // Nothing of the back beyond the fold: just right of the spine is front.
    near(pixel(&image, dpi, 6.92 + 0.05, 4.6), [255, 0, 0]);
    // The barcode's white box sits in the back panel's lower right (KDP: 0.25 in from the
    // spine and the bottom trim, 2 x 1.2 in).
    near(
        pixel(&image, dpi, 6.125 - 0.25 - 1.99, 0.125 + 0.25 + 0.02),
        [255, 255, 255],
    );
    // ... and not at the mirrored place near the top, where the layout's y (measured from the
    // top-left, 7.675 in) would put it if it were taken as PDF's.
    near(
        pixel(&image, dpi, 6.125 - 0.25 - 1.99, 9.25 - 0.125 - 0.25 - 0.02),
        [0, 0, 255],
    );
    common::assert_in(l.barcode.y, 9.25 - 0.125 - 0.25 - 1.2, 1e-9);
}

#[test]
fn reports_missing_bleed_and_wrong_sizes() {
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    // No bleed: a 6x9 in page without a TrimBox.
    let bare = Artwork::from_pdf("bare.pdf", &solid_pdf([432.0, 648.0], 0.0, RED)).unwrap();
    let art = CoverArt::new(bare.clone(), panel(BLUE));
    let cover = compose(&l, &art).unwrap();
    assert_eq!(cover.warnings, Vec::<String>::new());
    assert_eq!(
        cover.notes,
        ["front artwork bare.pdf: filled right 0.125 in, top 0.125 in, bottom 0.125 in by mirroring its edge"]
    );
    let blank = ComposeOptions::new().extend(Extend::None);
    let cover = compose_with(&l, &art, &blank).unwrap();
    assert_eq!(
        cover.warnings,
        ["front artwork bare.pdf has too little bleed: it stops short by right 0.125 in, top 0.125 in, bottom 0.125 in; that strip stays blank"]
    );
    let small = Artwork::from_pdf("small.pdf", &solid_pdf([396.0, 612.0], 0.0, RED)).unwrap();
    let art = CoverArt::new(small, panel(BLUE));
    assert_eq!(
        compose(&l, &art).unwrap_err().to_string(),
        "front artwork small.pdf is 5.5 x 8.5 in (139.70 x 215.90 mm, 1650 x 2550 px at 300 ppi) \
         without a TrimBox, which fits none of the sizes the front panel takes: \
         6 x 9 in (152.40 x 228.60 mm, 1800 x 2700 px at 300 ppi) at the trim; \
         6.125 x 9.25 in (155.58 x 234.95 mm, 1838 x 2775 px at 300 ppi) with bleed on the outer edges; \
         6.25 x 9.25 in (158.75 x 234.95 mm, 1875 x 2775 px at 300 ppi) with bleed all round"
    );
}

#[test]
fn spine_text_is_left_out_below_the_minimum() {
    // KDP: no spine text below 80 pages.
    let l = layout("kdp", "paperback", "white", "6x9", 60);
    let art = CoverArt::new(panel(RED), panel(BLUE))
        .spine(SpineArt::Label(SpineLabel::new("Harbor Lights")));
    let cover = compose(&l, &art).unwrap();
    assert_eq!(
        cover.warnings,
        ["spine text left out: no spine text: 60 pages is fewer than the 80 the vendor requires"]
    );
    let l = layout("kdp", "paperback", "white", "6x9", 300);
    let cover = compose(
        &l,
        &art.spine(SpineArt::Label(SpineLabel::new("Harbor Lights"))),
    )
    .unwrap();
    let dpi = 100;
    let image = render(&cover.pdf, dpi);
    // Some dark pixels of text inside the spine (6.125 .. 6.80 in).
    let (w, _, _) = image;
    let mut dark = 0;
    for y in (100..900).step_by(2) {
        for x in 0..60 {
            let xi = 6.125 + 0.0676 * 0.1 + x as f64 * 0.01;
            let p = pixel(&image, dpi, xi, y as f64 / 100.0);
            if p.iter().all(|c| *c < 80) {
                dark += 1;
            }
        }
    }
    assert!(w > 0 && dark > 50, "only {dark} dark pixels on the spine");
}

#[test]
fn respines_kdp_to_ingramspark_and_back() {
    // A whole KDP cream cover for 300 pages (spine 0.75 in): blue back, green spine, red front.
    let from = layout("kdp", "paperback", "cream", "6x9", 300);
    let first = compose(
        &from,
        &CoverArt::new(panel(RED), panel(BLUE)).spine(SpineArt::Color(podcover::draw::Cmyk::new(
            1.0, 0.0, 1.0, 0.0,
        ))),
    )
    .unwrap();
    let cover = Artwork::from_pdf("kdp.pdf", &first.pdf).unwrap();
    // IngramSpark cream 318 pp: the catalog's spine (about 0.714 in).
    let to = layout("ingramspark", "paperback", "cream", "6x9", 318);
    let new_spine = to.spine_width().to_inches();
    let podcover::cover::Respined { pdf, report, .. } = respine(&cover, &from, &to, false).unwrap();
    assert!((report.old_spine.to_inches() - 0.75).abs() < 1e-9);
    assert!((report.new_spine.to_inches() - new_spine).abs() < 1e-9);
    assert!((report.spine_stretch - new_spine / 0.75).abs() < 1e-5);
    assert_eq!(report.panel_scale, (1.0, 1.0));
    let dpi = 50;
    let image = render(&pdf, dpi);
    let spine_right = 6.125 + new_spine;
    near(pixel(&image, dpi, 3.0, 4.6), [0, 0, 255]);
    greenish(pixel(&image, dpi, 6.125 + 0.35, 4.6));
    near(pixel(&image, dpi, spine_right + 0.05, 4.6), [255, 0, 0]);
    near(
        pixel(&image, dpi, spine_right + 6.0 + 0.06, 9.2),
        [255, 0, 0],
    );
    // And back to KDP: the same sizes as the first cover.
    let again = Artwork::from_pdf("ingram.pdf", &pdf).unwrap();
    let podcover::cover::Respined {
        pdf: back, report, ..
    } = respine(&again, &to, &from, false).unwrap();
    assert!((report.new_width.to_inches() - from.sheet.width.to_inches()).abs() < 1e-9);
    let image = render(&back, dpi);
    greenish(pixel(&image, dpi, 6.125 + 0.7, 4.6));
    near(pixel(&image, dpi, 6.875 + 0.05, 4.6), [255, 0, 0]);
}

/// A whole cover for `from` carrying a `side` x `side` RGB image of noise (which does not
/// compress), uncompressed.
fn noise_cover(from: &podcover::CoverLayout, side: u32) -> Vec<u8> {
    let (w, h) = (from.sheet.width.to_pt(), from.sheet.height.to_pt());
    let pixels: Vec<u8> = (0..side * side * 3)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let media = vec![
        0.into(),
        0.into(),
        Object::Real(w as f32),
        Object::Real(h as f32),
    ];
    common::page_pdf(
        vec![("MediaBox", Object::Array(media))],
        format!("q {w} 0 0 {h} 0 0 cm /Im0 Do Q").as_bytes(),
        |doc| {
            let image = doc.add_object(lopdf::Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Image", "Width" => side,
                    "Height" => side, "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8,
                },
                pixels,
            ));
            dictionary! { "XObject" => dictionary! { "Im0" => image } }
        },
    )
}

#[test]
fn respine_to_writes_the_bytes_respine_returns() {
    // A whole KDP cover carrying a 1 MB image, which goes from the artwork straight into the
    // output.
    let from = layout("kdp", "paperback", "cream", "6x9", 300);
    let to = layout("ingramspark", "paperback", "cream", "6x9", 318);
    let side = 600u32;
    let bytes = noise_cover(&from, side);
    let cover = Artwork::from_pdf("big.pdf", &bytes).unwrap();
    let respined = respine(&cover, &from, &to, false).unwrap();
    let mut written = Vec::new();
    let report = respine_to(&cover, &from, &to, false, &mut written).unwrap();
    assert_eq!(report, respined.report);
    assert!(written.len() > (side * side * 3) as usize);
    assert!(
        written == respined.pdf,
        "respine_to wrote {} bytes, respine returned {} others",
        written.len(),
        respined.pdf.len()
    );
    // Poppler reads it: the spine's right edge at the new width.
    let (w, _, _) = render(&written, 10);
    assert_eq!(w, (to.sheet.width.to_inches() * 10.0).ceil() as usize);
}

#[test]
fn respine_across_bindings_writes_the_old_page_once() {
    // Back, spine and front taken out of one cover all draw the one copy of its page: the case
    // is the size of the cover, not three times it.
    let from = layout("kdp", "paperback", "cream", "6x9", 300);
    let to = layout("kdp", "hardcover", "cream", "6x9", 300);
    let bytes = noise_cover(&from, 600);
    let cover = Artwork::from_pdf("big.pdf", &bytes).unwrap();
    let allowed = RespineOptions::new().allow_distortion(true);
    let case = respine_with(&cover, &from, &to, allowed).unwrap();
    let images = case
        .pdf
        .windows(15)
        .filter(|w| w == b"/Subtype /Image")
        .count();
    assert_eq!(images, 1);
    assert!(
        case.pdf.len() <= bytes.len() + bytes.len() / 20,
        "{} bytes in, {} out",
        bytes.len(),
        case.pdf.len()
    );
    // Poppler reads it whole (the panels' look is checked with solid colours above).
    let (w, _, _) = render(&case.pdf, 10);
    assert_eq!(w, (to.sheet.width.to_inches() * 10.0).ceil() as usize);
}

/// A writer that keeps what it is given and the size of each write.
#[derive(Default)]
struct Writes {
    bytes: Vec<u8>,
    sizes: Vec<usize>,
}

impl std::io::Write for Writes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        self.sizes.push(buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn respine_across_bindings_writes_the_cover_as_it_is_made() {
    // The case goes to the writer in pieces as it is made (its structure, then the image
    // straight from the cover), never composed whole in memory first: the same bytes.
    let from = layout("kdp", "paperback", "cream", "6x9", 300);
    let to = layout("kdp", "hardcover", "cream", "6x9", 300);
    let bytes = noise_cover(&from, 600);
    let cover = Artwork::from_pdf("big.pdf", &bytes).unwrap();
    let allowed = || RespineOptions::new().allow_distortion(true);
    let case = respine_with(&cover, &from, &to, allowed()).unwrap();
    let mut out = Writes::default();
    let report = respine_with_to(&cover, &from, &to, allowed(), &mut out).unwrap();
    assert_eq!(report, case.report);
    assert!(
        out.bytes == case.pdf,
        "{} bytes written, {} made",
        out.bytes.len(),
        case.pdf.len()
    );
    let image = 600 * 600 * 3;
    assert!(out.sizes.len() >= 3, "written in {:?}", out.sizes);
    assert!(out.sizes[0] < image, "written in {:?}", out.sizes);
    assert!(
        out.sizes.iter().all(|&n| n < case.pdf.len()),
        "written in {:?}",
        out.sizes
    );
    // So is the old-style call (onto a case whose spine is about the paperback's).
    let to = layout("kdp", "hardcover", "cream", "6x9", 240);
    let mut out = Writes::default();
    respine_to(&cover, &from, &to, false, &mut out).unwrap();
    assert!(
        out.sizes.iter().all(|&n| n < out.bytes.len()),
        "written in {:?}",
        out.sizes
    );
}

#[test]
fn a_cover_read_from_its_file_respines_to_the_bytes_read_from_memory() {
    // Read from its file, the cover's image is never read (its structure is), but copied into
    // the new file: the same bytes as the cover read whole, within a binding and across
    // bindings, with the old barcode's colour read from the image.
    let scratch = Scratch::new("respine-file");
    let from = layout("kdp", "paperback", "cream", "6x9", 300);
    let bytes = noise_cover(&from, 1200);
    let path = scratch.write("cover.pdf", &bytes);
    let on_file = files::read_artwork(path.as_ref()).unwrap();
    let in_memory = Artwork::from_pdf(&path, &bytes).unwrap();
    let isbn: podcover::barcode::Isbn = "978-0-306-40615-7".parse().unwrap();
    let price: podcover::barcode::Price = "51699".parse().unwrap();
    for (to, barcode) in [
        (layout("kdp", "paperback", "cream", "6x9", 320), false),
        (layout("kdp", "hardcover", "cream", "6x9", 300), false),
        (layout("kdp", "hardcover", "cream", "6x9", 300), true),
    ] {
        let options = || {
            let options = RespineOptions::new().allow_distortion(true);
            match barcode {
                true => options.barcode(isbn.clone(), price),
                false => options,
            }
        };
        let expected = respine_with(&in_memory, &from, &to, options()).unwrap();
        let out = scratch
            .path()
            .join(format!("{}-{barcode}.pdf", to.spec.binding));
        let mut report = None;
        files::write_atomic_file(&out, false, |file| {
            report = Some(respine_to_file(&on_file, &from, &to, options(), file).unwrap());
            Ok(())
        })
        .unwrap();
        let written = std::fs::read(&out).unwrap();
        assert_eq!(report.unwrap(), expected.report);
        assert!(
            written == expected.pdf,
            "{} bytes written, {} made",
            written.len(),
            expected.pdf.len()
        );
        // Into memory, the image is read from the file when it is needed.
        let again = respine_with(&on_file, &from, &to, options()).unwrap();
        assert!(again.pdf == expected.pdf);
    }
}

#[test]
fn a_cover_changed_after_it_was_read_is_refused_not_copied() {
    let scratch = Scratch::new("respine-changed");
    let from = layout("kdp", "paperback", "cream", "6x9", 300);
    let to = layout("kdp", "paperback", "cream", "6x9", 320);
    let bytes = noise_cover(&from, 1200);
    let path = scratch.write("cover.pdf", &bytes);
    let cover = files::read_artwork(path.as_ref()).unwrap();
    // Cut short as a program writing it anew would leave it.
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let out = scratch.path().join("new.pdf");
    let mut error = None;
    let written = files::write_atomic_file(&out, false, |file| {
        error = respine_to_file(&cover, &from, &to, RespineOptions::new(), file).err();
        Ok(())
    });
    assert!(written.is_ok());
    let error = error.expect("a changed cover is refused");
    assert_eq!(
        error.kind(),
        podcover::ErrorKind::Io(std::io::ErrorKind::Other)
    );
    assert_eq!(
        error.to_string(),
        format!(
            "cannot read cover: {path} changed while it was being read; give it again once it \
             is written"
        )
    );
}

#[test]
fn respine_refuses_other_trims_and_takes_a_paperback_apart_for_other_bindings() {
    let from = layout("kdp", "paperback", "cream", "6x9", 300);
    let first = compose(&from, &CoverArt::new(panel(RED), panel(BLUE))).unwrap();
    let cover = Artwork::from_pdf("kdp.pdf", &first.pdf).unwrap();
    // Another binding: the panels are taken out and fill the boards; a hardcover's cover
    // cannot be taken apart for a paperback.
    let hardcover = layout("kdp", "hardcover", "cream", "6x9", 300);
    // The spine grows from 0.75 to 0.984 in: allowed here, refused by default.
    let allowed = RespineOptions::new().allow_distortion(true);
    let case = respine_with(&cover, &from, &hardcover, allowed).unwrap();
    let image = render(&case.pdf, 20);
    near(pixel(&image, 20, 0.05, 0.05), [0, 0, 255]);
    let case = Artwork::from_pdf("case.pdf", &case.pdf).unwrap();
    assert_eq!(
        respine(&case, &hardcover, &from, false)
            .unwrap_err()
            .to_string(),
        "a hardcover cover cannot be taken apart for a paperback: only a flat cover (a paperback's) can"
    );
    let other_trim = layout("kdp", "paperback", "cream", "5.5x8.5", 300);
    assert_eq!(
        respine(&cover, &from, &other_trim, false)
            .unwrap_err()
            .to_string(),
        "the panels change size from 6 x 9 in (152.40 x 228.60 mm, 1800 x 2700 px at 300 ppi) to \
         5.5 x 8.5 in (139.70 x 215.90 mm, 1650 x 2550 px at 300 ppi) (kdp 6x9in to kdp \
         5.5x8.5in); allow scaling to re-fit them"
    );
    assert!(respine(&cover, &from, &other_trim, true).is_ok());
    // A cover for another page count than claimed.
    let wrong = layout("kdp", "paperback", "cream", "6x9", 200);
    let err = respine(&cover, &wrong, &from, false)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "kdp.pdf is 12.75 x 9 in (323.85 x 228.60 mm, 3825 x 2700 px at 300 ppi), but a cover \
             for kdp paperback cream 6x9in with a 0.5 in spine is 12.5 x 9 in"
        ),
        "{err}"
    );
}

#[test]
fn hostile_artwork_gives_errors_not_panics() {
    let err = |bytes: &[u8]| Artwork::from_pdf("bad.pdf", bytes).unwrap_err().to_string();
    assert!(err(b"").starts_with("cannot read PDF bad.pdf: "));
    assert!(err(b"%PDF-1.7\nthis is not a pdf").starts_with("cannot read PDF bad.pdf: "));
    let good = solid_pdf([450.0, 666.0], 9.0, RED);
    for cut in (0..good.len()).step_by(13) {
        // Every truncation is an error or a readable page, never a panic.
        let _ = Artwork::from_pdf("cut.pdf", &good[..cut]);
    }
    // Encrypted artwork (qpdf, AES-256, empty user password).
    let dir = std::env::temp_dir().join(format!("podcover-hostile-{}", crate::common::unique()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("in.pdf"), &good).unwrap();
    let status = std::process::Command::new("qpdf")
        .args(["--encrypt", "", "owner", "256", "--"])
        .arg(dir.join("in.pdf"))
        .arg(dir.join("enc.pdf"))
        .status()
        .expect("qpdf is installed");
    assert!(status.success());
    let enc = std::fs::read(dir.join("enc.pdf")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        err(&enc),
        "cannot read PDF bad.pdf: the file is encrypted; save an unencrypted copy"
    );
}

/// A 6x9 in page with 0.125 in bleed, filled red, with extra page entries.
fn page_with(extra: Vec<(&str, lopdf::Object)>, loops: bool) -> Vec<u8> {
    use lopdf::{dictionary, Object, Stream};
    let mut entries = vec![
        ("MediaBox", common::pdf_rect(0.0, 0.0, 450.0, 666.0)),
        ("TrimBox", common::pdf_rect(9.0, 9.0, 441.0, 657.0)),
    ];
    entries.extend(extra);
    common::page_pdf(entries, b"1 0 0 rg 0 0 450 666 re f", |doc| {
        let mut resources = dictionary! {};
        if loops {
            // A form XObject whose resources name itself, and a dictionary that refers to itself.
            let form = doc.new_object_id();
            let stream = Stream::new(
                dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
                "Resources" => dictionary! { "XObject" => dictionary! { "X" => form } } },
                Vec::new(),
            );
            doc.objects.insert(form, Object::Stream(stream));
            let selfish = doc.new_object_id();
            doc.objects.insert(
                selfish,
                Object::Dictionary(dictionary! { "Self" => selfish }),
            );
            resources.set("XObject", dictionary! { "X" => form });
            resources.set("Loop", selfish);
        }
        resources
    })
}

#[test]
fn reference_loops_in_resources_are_copied_once() {
    let art = Artwork::from_pdf("loop.pdf", &page_with(vec![], true)).unwrap();
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let cover = compose(&l, &CoverArt::new(art.clone(), art)).unwrap();
    let image = render(&cover.pdf, 20);
    near(pixel(&image, 20, 9.0, 4.6), [255, 0, 0]);
}

#[test]
fn rotated_artwork_is_refused() {
    let bytes = page_with(vec![("Rotate", 90.into())], false);
    assert_eq!(
        Artwork::from_pdf("rot.pdf", &bytes)
            .unwrap_err()
            .to_string(),
        "cannot read PDF rot.pdf: page 1 is rotated by 90 degrees; save it unrotated"
    );
}

#[test]
fn respine_reports_a_cover_with_too_little_bleed() {
    // A whole KDP cream 300-page cover (13 x 9.25 in) with only 1/16 in of bleed beyond its
    // TrimBox: the MediaBox is 12.875 x 9.125 in.
    let from = layout("kdp", "paperback", "cream", "6x9", 300);
    let cover = Artwork::from_pdf("thin.pdf", &solid_pdf([927.0, 657.0], 4.5, RED)).unwrap();
    let to = layout("ingramspark", "paperback", "cream", "6x9", 318);
    let report = respine(&cover, &from, &to, false).unwrap().report;
    assert_eq!(
        report.warnings,
        [
            "the spine goes from 0.75 in to 0.712 in wide: its type is squeezed to 95.0% of its width against its height, past the 3% at which type looks distorted; draw the spine anew (spine text on a spine colour, a colour or spine artwork) to set it as it should be",
            "the old cover's back has too little bleed: it stops short by left 0.0625 in, top 0.0625 in, bottom 0.0625 in; that strip stays blank",
            "the old cover's front has too little bleed: it stops short by right 0.0625 in, top 0.0625 in, bottom 0.0625 in; that strip stays blank",
        ]
    );
}

/// Within one binding, a respine draws the barcode it is given and fills the bleed the old cover
/// lacks as asked (the command line dropped --isbn and --extend there without a word).
#[test]
fn respine_within_a_binding_draws_the_barcode_and_fills_missing_bleed() {
    // The thin cover of the test above: 1/16 in of bleed where KDP and IngramSpark want 1/8.
    let from = layout("kdp", "paperback", "cream", "6x9", 300);
    let cover = Artwork::from_pdf("thin.pdf", &solid_pdf([927.0, 657.0], 4.5, RED)).unwrap();
    let to = layout("ingramspark", "paperback", "cream", "6x9", 318);
    let options = RespineOptions::new()
        .extend(Extend::Mirror)
        .barcode("9780306406157".parse().unwrap(), "51699".parse().unwrap());
    let respined = respine_with(&cover, &from, &to, options).unwrap();
    assert_eq!(
        respined.report.warnings,
        [
            "the spine goes from 0.75 in to 0.712 in wide: its type is squeezed to 95.0% of its width against its height, past the 3% at which type looks distorted; draw the spine anew (spine text on a spine colour, a colour or spine artwork) to set it as it should be",
            "the barcode is drawn at the new layout's box, over the cover's own where they meet; check that the old one is covered",
            "the old cover's back: filled left 0.0625 in, top 0.0625 in, bottom 0.0625 in by mirroring its edge",
            "the old cover's front: filled right 0.0625 in, top 0.0625 in, bottom 0.0625 in by mirroring its edge",
            "the old cover's spine: filled top 0.0625 in, bottom 0.0625 in by mirroring its edge",
        ]
    );
    let check =
        podcover::preflight::check(podcover::Catalog::builtin(), &to, "new.pdf", &respined.pdf)
            .unwrap();
    let finding = |name: &str| check.findings.iter().find(|f| f.check == name).unwrap();
    assert_eq!(
        finding("barcode").message,
        "46 bars in 100% K on a white box"
    );
    assert_eq!(finding("bleed").status, podcover::preflight::Verdict::Pass);
    // The sheet's corners, in the bleed the old cover did not have, are filled.
    let image = render(&respined.pdf, 20);
    near(pixel(&image, 20, 0.03, 0.03), [255, 0, 0]);
    near(
        pixel(&image, 20, to.sheet.width.to_inches() - 0.03, 9.22),
        [255, 0, 0],
    );
}

#[test]
fn ingramspark_hinges_need_art_too() {
    // IngramSpark case laminate: a 0.5 in hinge lies between each board and the spine
    // (File Creation Guide) and a 0.625 in wrap around the board. Board art (5.815 x 9.25 in)
    // with only 0.125 in bleed leaves 0.5 in of wrap and 0.375 in of hinge blank.
    let l = layout("ingramspark", "hardcover", "cream", "6x9", 200);
    let board =
        |rgb| Artwork::from_pdf("board.pdf", &solid_pdf([436.68, 684.0], 9.0, rgb)).unwrap();
    let cover = compose(&l, &CoverArt::new(board(RED), board(BLUE))).unwrap();
    let blank = compose_with(
        &l,
        &CoverArt::new(board(RED), board(BLUE)),
        &ComposeOptions::new().extend(Extend::None),
    )
    .unwrap();
    assert_eq!(
        cover.notes,
        [
            "back artwork board.pdf: filled left 0.5 in, right 0.375 in, top 0.5 in, bottom 0.5 in by mirroring its edge",
            "front artwork board.pdf: filled left 0.375 in, right 0.5 in, top 0.5 in, bottom 0.5 in by mirroring its edge",
        ]
    );
    assert_eq!(
        blank.warnings,
        [
            "back artwork board.pdf has too little bleed: it stops short by left 0.5 in, right 0.375 in, top 0.5 in, bottom 0.5 in; that strip stays blank",
            "front artwork board.pdf has too little bleed: it stops short by left 0.375 in, right 0.5 in, top 0.5 in, bottom 0.5 in; that strip stays blank",
        ]
    );
    // With the wrap and the hinge covered (0.625 in bleed), nothing is reported.
    let full =
        |rgb| Artwork::from_pdf("board.pdf", &solid_pdf([508.68, 756.0], 45.0, rgb)).unwrap();
    let cover = compose(&l, &CoverArt::new(full(RED), full(BLUE))).unwrap();
    assert_eq!(cover.warnings, Vec::<String>::new());
}

#[test]
fn spine_text_that_cannot_print_legibly_is_refused() {
    let l = layout("kdp", "paperback", "white", "6x9", 300);
    let label = |text: &str, font: Option<Vec<u8>>| {
        let mut label = SpineLabel::new(text);
        label.font = font;
        CoverArt::new(panel(RED), panel(BLUE)).spine(SpineArt::Label(label))
    };
    let err = |art: &CoverArt| compose(&l, art).unwrap_err().to_string();
    // Non-Latin text in Helvetica would come out as "?".
    assert_eq!(
        err(&label("港の灯り", None)),
        "spine text \"港の灯り\" is not in DejaVu Sans Latin, the font used without a font \
         file; give a font that covers it"
    );
    // Latin-1, Latin Extended-A and the punctuation of titles are in the built-in font.
    compose(&l, &label("Łódź Œuvres – „Señor“ … ™", None)).unwrap();
    compose(&l, &label("Café – “Noël” €5", None)).unwrap();
    // A font without the glyphs is refused too; with them, the text is set.
    let dejavu = std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").unwrap();
    assert_eq!(
        err(&label("港の灯り", Some(dejavu.clone()))),
        "the spine font has no glyph for \"港の灯り\"; give a font that covers the spine text"
    );
    compose(&l, &label("Ελληνικά Кириллица", Some(dejavu))).unwrap();
    // A 100,000-character title would be set at 0.005 pt.
    let long = "a".repeat(100_000);
    assert_eq!(
        err(&label(&long, None)),
        "spine text of 100000 characters would be set at 0.01 pt, under the 6 pt that prints \
         legibly; shorten it to at most 171 characters (title, author and imprint together)"
    );
    // Spine art 0.0001 pt wide (and 9.25 in tall: with bleed) would be stretched 49 million
    // percent across.
    let sliver = Artwork::from_pdf(
        "sliver.pdf",
        &solid_pdf([0.0001, 666.0], 0.0, [0.0, 0.0, 0.0]),
    )
    .unwrap();
    let art = label("x", None).spine(SpineArt::Artwork(Box::new(sliver)));
    assert_eq!(
        err(&art),
        "spine artwork sliver.pdf is 0 x 9 in; the spine is 0.6756 x 9 in: fitting it would \
         scale it 48643201% across and 100% down, out of its proportions past the 50% to 200% \
         that keeps it usable; make spine art 0.676 x 9 in (17.16 x 228.60 mm, 203 x 2700 px \
         at 300 ppi), or 0.676 x 9.25 in (17.16 x 234.95 mm, 203 x 2775 px at 300 ppi) with \
         bleed top and bottom"
    );
    // Just past the limit, the stretch is not shown as the limit: 48.643 pt / 24.285 pt.
    let narrow = Artwork::from_pdf(
        "narrow.pdf",
        &solid_pdf([24.285, 666.0], 0.0, [0.0, 0.0, 0.0]),
    )
    .unwrap();
    let art = label("x", None).spine(SpineArt::Artwork(Box::new(narrow)));
    let message = err(&art);
    assert!(
        message.contains(
            "fitting it would scale it 200.3% across and 100% down, out of its proportions past \
             the 50% to 200%"
        ),
        "{message}"
    );
}

/// The lowest and highest dark pixel across the spine's safe width, in inches from the bottom.
fn spine_ink(pdf: &[u8], safe: podcover::units::Rect) -> (f64, f64) {
    let dpi = 100;
    let image = render(pdf, dpi);
    let (x0, x1) = (safe.x.to_inches(), safe.right().to_inches());
    let mut ink: Option<(f64, f64)> = None;
    for row in 0..(9.25 * dpi as f64) as usize {
        let y = (row as f64 + 0.5) / dpi as f64;
        let dark = (0..20).any(|i| {
            let x = x0 + (x1 - x0) * (i as f64 + 0.5) / 20.0;
            pixel(&image, dpi, x, y).iter().all(|c| *c < 100)
        });
        if dark {
            ink = Some(ink.map_or((y, y), |(lo, hi)| (lo.min(y), hi.max(y))));
        }
    }
    ink.expect("no spine text was drawn")
}

#[test]
fn spine_text_is_measured_in_its_own_font() {
    // A long title in capitals is sized by its length: set in Helvetica or in DejaVu Sans (a
    // wider face), it runs the length of the spine's safe area and no further.
    let l = layout("kdp", "paperback", "white", "6x9", 300);
    let safe = l.spine_safe.unwrap();
    let dejavu = std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").unwrap();
    for font in [None, Some(dejavu)] {
        let wide = font.is_some();
        let mut label = SpineLabel::new("MEMOIRS OF THE WINTER HARBOR WATCH AND THE MOORINGS");
        label.font = font;
        label.background = Some(podcover::draw::Cmyk::WHITE);
        let art = CoverArt::new(panel(RED), panel(BLUE)).spine(SpineArt::Label(label));
        let cover = compose(&l, &art).unwrap();
        let (lo, hi) = spine_ink(&cover.pdf, safe);
        // The rendered page is measured from the bottom, as PDF is.
        let safe_on_page = common::in_pdf(&l, safe);
        let (bottom, top) = (
            safe_on_page.y.to_inches(),
            (safe_on_page.y + safe_on_page.height).to_inches(),
        );
        let pixel = 0.011;
        assert!(
            lo >= bottom - pixel && hi <= top + pixel,
            "font {wide}: text from {lo} to {hi} in, the safe area from {bottom} to {top} in"
        );
        assert!(
            hi - lo >= 0.95 * (top - bottom),
            "font {wide}: text from {lo} to {hi} in fills too little of {bottom} to {top} in"
        );
    }
}

#[test]
fn a_paperback_cover_becomes_a_jacket() {
    // IngramSpark cream 300 pp 6x9: the paperback's front red, back blue; the jacket's flaps
    // black; panels 6.4375 x 9.25 in between 3.25 in flaps and 0.25 in fold strips.
    let from = layout("ingramspark", "paperback", "cream", "6x9", 300);
    let cover = compose(&from, &CoverArt::new(panel(RED), panel(BLUE))).unwrap();
    let cover = Artwork::from_pdf("paperback.pdf", &cover.pdf).unwrap();
    let to = layout("ingramspark", "jacket", "cream", "6x9", 300);
    let black = || Artwork::color("flap", podcover::draw::Cmyk::new(0.0, 0.0, 0.0, 1.0));
    assert_eq!(
        respine_with(
            &cover,
            &from,
            &to,
            RespineOptions::new().allow_distortion(true)
        )
        .unwrap_err()
        .to_string(),
        "a dust jacket needs artwork or a colour for both flaps (back flap and front flap)"
    );
    let jacket = podcover::cover::respine_across(
        &cover,
        &from,
        &to,
        &ComposeOptions::default(),
        None,
        Some([black(), black()]),
    )
    .unwrap();
    let dpi = 20;
    let image = render(&jacket.pdf, dpi);
    near(pixel(&image, dpi, 1.5, 4.6), [0, 0, 0]);
    near(pixel(&image, dpi, 6.8, 4.6), [0, 0, 255]);
    near(pixel(&image, dpi, 14.0, 4.6), [255, 0, 0]);
    near(pixel(&image, dpi, 17.4, 4.6), [255, 0, 0]); // front flap fold, mirrored
    near(pixel(&image, dpi, 19.5, 4.6), [0, 0, 0]);
}

#[test]
fn covers_are_refused_for_page_counts_the_vendor_covers_but_does_not_print() {
    // IngramSpark's spine table runs to 1200 pages of premium colour paper; it prints 900
    // (paper-stocks/ingramspark.toml). A template is fine; a cover to upload is not.
    let unprinted = layout("ingramspark", "paperback", "premium-color", "6x9", 1000);
    assert!(unprinted.beyond_print_range.is_some());
    let art = CoverArt::new(panel(RED), panel(BLUE));
    let expected = "1000 pages is out of range for ingramspark paperback premium-color: expected 18 to 900: the vendor's calculator covers 18 to 1200 pages, so a template can be made, but it will not print the book";
    let e = compose(&unprinted, &art).unwrap_err();
    assert_eq!(e.kind(), podcover::ErrorKind::PagesOutOfRange);
    assert_eq!((e.pages(), e.page_range()), (Some(1000), Some(18..=900)));
    assert_eq!(e.to_string(), expected);
    // Respining a printable cover to that page count is refused the same way.
    let from = layout("ingramspark", "paperback", "premium-color", "6x9", 900);
    let cover = Artwork::from_pdf("c.pdf", &compose(&from, &art).unwrap().pdf).unwrap();
    let e = respine(&cover, &from, &unprinted, true).unwrap_err();
    assert_eq!(e.to_string(), expected);
    assert!(
        podcover::draw::Template::new(&unprinted, &podcover::draw::TemplateOptions::new()).is_ok()
    );
}

/// IngramSpark's rules (CMYK, 240% ink) as a compose option set.
fn ingramspark() -> ComposeOptions {
    ComposeOptions::for_binding(common::product("ingramspark", "paperback", "white").binding)
}

/// A 6x9 in page with 0.125 in bleed whose content is `content` and whose resources `resources`
/// makes; `group` puts a transparency group on the page.
fn art_pdf(
    content: &str,
    group: bool,
    resources: impl FnOnce(&mut lopdf::Document) -> lopdf::Dictionary,
) -> Vec<u8> {
    let mut entries = vec![
        ("MediaBox", common::pdf_rect(0.0, 0.0, 450.0, 666.0)),
        ("TrimBox", common::pdf_rect(9.0, 9.0, 441.0, 657.0)),
    ];
    if group {
        entries.push((
            "Group",
            Object::Dictionary(dictionary! { "S" => "Transparency", "CS" => "DeviceRGB" }),
        ));
    }
    common::page_pdf(entries, content.as_bytes(), resources)
}

#[test]
fn pdf_art_a_cmyk_cover_cannot_carry_is_refused_with_the_fix() {
    let l = layout("ingramspark", "paperback", "white", "6x9", 300);
    let cmyk = common::solid_cmyk_pdf([450.0, 666.0], 9.0, [0.0, 1.0, 1.0, 0.0]);
    let none = |_: &mut lopdf::Document| dictionary! {};
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("rgb.pdf", solid_pdf([450.0, 666.0], 9.0, RED), "RGB colour"),
        (
            "spot.pdf",
            art_pdf("/CS0 cs 1 scn 0 0 450 666 re f", false, |_| {
                dictionary! { "ColorSpace" => dictionary! { "CS0" => vec![
                    Object::Name(b"Separation".to_vec()),
                    Object::Name(b"PANTONE 185 C".to_vec()),
                    Object::Name(b"DeviceCMYK".to_vec()),
                    Object::Null,
                ] } }
            }),
            "spot colour (Separation or DeviceN)",
        ),
        (
            "gradient.pdf",
            art_pdf("/Sh0 sh", false, |_| {
                dictionary! {
                    "Shading" => dictionary! { "Sh0" => dictionary! { "ShadingType" => 2, "ColorSpace" => "DeviceCMYK" } },
                    "Pattern" => dictionary! { "P0" => dictionary! { "PatternType" => 2 } },
                }
            }),
            "shadings and patterns",
        ),
        (
            "glass.pdf",
            art_pdf("/GS0 gs 0 0 0 1 k 0 0 450 666 re f", true, |_| {
                dictionary! { "ExtGState" => dictionary! { "GS0" => dictionary! { "ca" => 0.5 } } }
            }),
            "transparency",
        ),
        (
            "mixed.pdf",
            art_pdf(
                "0 0 0 1 k BI /W 1 /H 1 /CS /RGB /BPC 8 ID \x01\x02\x03 EI",
                false,
                none,
            ),
            "RGB colour",
        ),
    ];
    for (name, bytes, found) in cases {
        let art = CoverArt::new(
            Artwork::from_bytes(name, &bytes).unwrap(),
            Artwork::from_bytes("back.pdf", &cmyk).unwrap(),
        );
        let err = compose_with(&l, &art, &ingramspark()).unwrap_err();
        assert_eq!(
            err.kind(),
            podcover::ErrorKind::Compose(podcover::error::ComposeProblem::NotCmyk)
        );
        assert_eq!(
            err.to_string(),
            format!(
                "front artwork {name} has {found}, which a CMYK cover for CGATS TR 003 cannot \
                 carry; export the front as PDF/X-1a from your layout program (CMYK, \
                 transparency flattened), or give it as a PNG or JPEG to be converted"
            )
        );
        // KDP takes it as it is.
        let kdp = layout("kdp", "paperback", "white", "6x9", 300);
        compose(&kdp, &art).unwrap();
    }
    // CMYK and grey art passes through, its content as it was.
    let grey = art_pdf("0.5 g 0 0 450 666 re f", false, none);
    let art = CoverArt::new(
        Artwork::from_bytes("front.pdf", &cmyk).unwrap(),
        Artwork::from_bytes("back.pdf", &grey).unwrap(),
    );
    let cover = compose_with(&l, &art, &ingramspark()).unwrap();
    let image = render(&cover.pdf, 20);
    greenish_not(pixel(&image, 20, 10.0, 4.0));
    // A whole RGB cover respined for IngramSpark is refused the same way.
    let kdp = layout("kdp", "paperback", "white", "6x9", 300);
    let whole = solid_pdf([927.0, 666.0], 9.0, RED);
    let err = respine_with(
        &Artwork::from_bytes("cover.pdf", &whole).unwrap(),
        &kdp,
        &l,
        RespineOptions::for_binding(common::product("ingramspark", "paperback", "white").binding),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the cover cover.pdf has RGB colour, which a CMYK cover for CGATS TR 003 cannot carry; \
         export the cover as PDF/X-1a from your layout program (CMYK, transparency flattened), \
         or give it as a PNG or JPEG to be converted"
    );
}

/// Magenta and yellow, as poppler shows CMYK red: not green.
#[track_caller]
fn greenish_not(p: [u8; 3]) {
    assert!(p[0] > 150 && p[1] < 100, "pixel {p:?} is not the red front");
}

/// The fill colours a content stream sets with `k`, in order, as written.
fn cmyk_fills(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let content = doc.get_page_content(page);
    let ops = lopdf::content::Content::decode(&content)
        .unwrap()
        .operations;
    ops.iter()
        .filter(|op| op.operator == "k")
        .map(|op| {
            op.operands
                .iter()
                .map(|o| o.as_float().unwrap().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn barcode_and_text_are_black_ink_and_colours_keep_within_the_limit() {
    let l = layout("ingramspark", "paperback", "white", "6x9", 300);
    let cmyk = common::solid_cmyk_pdf([450.0, 666.0], 9.0, [0.0, 1.0, 1.0, 0.0]);
    let mut label = SpineLabel::new("Harbor Lights");
    label.background = Some(podcover::draw::Cmyk::new(1.0, 1.0, 1.0, 1.0));
    // PDF/X-1a embeds every font.
    label.font = Some(std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").unwrap());
    let art = CoverArt::new(
        Artwork::from_bytes("front.pdf", &cmyk).unwrap(),
        Artwork::color("back colour", podcover::draw::Cmyk::new(0.9, 0.8, 0.7, 0.6)),
    )
    .spine(SpineArt::Label(label.clone()))
    .barcode(
        "978-0-306-40615-7".parse().unwrap(),
        "51699".parse().unwrap(),
    );
    let cover = compose_with(&l, &art, &ingramspark()).unwrap();
    assert_eq!(
        cover.warnings[..2],
        [
            "back colour 0.9,0.8,0.7,0.6 is 300.0% total ink, over the 240% the vendor allows: \
             reduced to 0.675,0.6,0.525,0.6 (240.0%)"
                .to_string(),
            "spine colour 1,1,1,1 is 400.0% total ink, over the 240% the vendor allows: reduced \
             to 0.466,0.466,0.466,1 (239.8%)"
                .to_string(),
        ]
    );
    let fills = cmyk_fills(&cover.pdf);
    // The reduced colours, the text and the barcode's bars in black ink alone, its box white.
    assert!(
        fills.contains(&"0.466 0.466 0.466 1".to_string()),
        "{fills:?}"
    );
    assert!(fills.contains(&"0 0 0 1".to_string()), "{fills:?}");
    for fill in &fills {
        let inks: Vec<f32> = fill.split(' ').map(|v| v.parse().unwrap()).collect();
        assert!(inks.iter().sum::<f32>() <= 2.4001, "{fill}");
    }
    // Strict colour refuses instead.
    let err = compose_with(&l, &art, &ingramspark().strict_color(true)).unwrap_err();
    assert_eq!(
        err.kind(),
        podcover::ErrorKind::Compose(podcover::error::ComposeProblem::InkLimit)
    );
    assert_eq!(
        err.to_string(),
        "back colour 0.9,0.8,0.7,0.6 is 300.0% total ink, over the 240% the vendor allows; give \
         a colour within 240%"
    );
    // KDP states no ink limit: the colours stay.
    let kdp = layout("kdp", "paperback", "white", "6x9", 300);
    let cover = compose(&kdp, &art).unwrap();
    assert!(cover.warnings.iter().all(|w| !w.contains("total ink")));
    assert!(cmyk_fills(&cover.pdf).contains(&"1 1 1 1".to_string()));
}
