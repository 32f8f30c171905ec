//! JPEG and PNG artwork: embedded as it is (JPEG) or decoded once (PNG), placed by the size a
//! designer exported, with its resolution reported; checked by rendering with pdftoppm.

use crate::common;
use crate::common::{layout, pixel, render, scratch};
use podcover::{
    cover::{compose, compose_with, ComposeOptions, CoverArt, Extend, SpineArt},
    draw::Cmyk,
    pdf::Artwork,
};

#[track_caller]
fn near(actual: [u8; 3], expected: [u8; 3]) {
    let close = actual
        .iter()
        .zip(expected)
        .all(|(a, e)| a.abs_diff(e) <= 40);
    assert!(close, "pixel {actual:?}, expected about {expected:?}");
}

/// An image `w` x `h` px whose pixel at (x, y) from the top left is `color(x, y)`.
fn pixels<const N: usize>(w: u32, h: u32, color: impl Fn(u32, u32) -> [u8; N]) -> Vec<u8> {
    let mut out = Vec::with_capacity((w * h) as usize * N);
    for y in 0..h {
        for x in 0..w {
            out.extend_from_slice(&color(x, y));
        }
    }
    out
}

fn jpeg<const N: usize>(
    w: u32,
    h: u32,
    kind: jpeg_encoder::ColorType,
    color: impl Fn(u32, u32) -> [u8; N],
) -> Vec<u8> {
    let mut out = Vec::new();
    let encoder = jpeg_encoder::Encoder::new(&mut out, 95);
    encoder
        .encode(&pixels(w, h, color), w as u16, h as u16, kind)
        .unwrap();
    out
}

fn png<const N: usize>(
    w: u32,
    h: u32,
    kind: png::ColorType,
    ppi: Option<u32>,
    color: impl Fn(u32, u32) -> [u8; N],
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(kind);
    encoder.set_depth(png::BitDepth::Eight);
    if let Some(ppi) = ppi {
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: (f64::from(ppi) / 0.0254).round() as u32,
            yppu: (f64::from(ppi) / 0.0254).round() as u32,
            unit: png::Unit::Meter,
        }));
    }
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&pixels(w, h, color)).unwrap();
    writer.finish().unwrap();
    out
}

fn art(name: &str, bytes: &[u8]) -> Artwork {
    Artwork::from_bytes(name, bytes).unwrap()
}

#[test]
fn jpegs_in_grey_rgb_and_cmyk_are_embedded_as_they_are() {
    // KDP 6x9 cream 318 pp. Front: RGB red at trim + outer bleed (6.125 x 9.25 in at 40 ppi);
    // back: grey at the trim (6 x 9 in); both far under 300 ppi.
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let front = jpeg(245, 370, jpeg_encoder::ColorType::Rgb, |_, _| [255, 0, 0]);
    let back = jpeg(240, 360, jpeg_encoder::ColorType::Luma, |_, _| [90]);
    let cover = compose(
        &l,
        &CoverArt::new(art("front.jpg", &front), art("back.jpg", &back)),
    )
    .unwrap();
    // Never decoded and re-encoded: the files are in the PDF byte for byte.
    for jpeg in [&front, &back] {
        assert!(cover.pdf.windows(jpeg.len()).any(|w| w == &jpeg[..]));
    }
    assert_eq!(
        cover.warnings,
        [
            "back artwork back.jpg is 40 ppi where placed, under the 300 ppi print needs; it may print soft",
            "front artwork front.jpg is 40 ppi where placed, under the 300 ppi print needs; it may print soft",
        ]
    );
    assert_eq!(
        cover.notes,
        ["back artwork back.jpg: filled left 0.125 in, top 0.125 in, bottom 0.125 in by mirroring its edge"]
    );
    let dpi = 20;
    let image = render(&cover.pdf, dpi);
    near(pixel(&image, dpi, 3.0, 4.6), [90, 90, 90]);
    near(pixel(&image, dpi, 0.02, 0.02), [90, 90, 90]); // back bleed, mirrored
    near(pixel(&image, dpi, 9.9, 4.6), [255, 0, 0]);
    near(pixel(&image, dpi, 13.02, 9.23), [255, 0, 0]); // front's own bleed
                                                        // Where the vendor names a minimum, a low resolution is an error.
    let strict = ComposeOptions::new().min_image_ppi(Some(300));
    assert_eq!(
        compose_with(
            &l,
            &CoverArt::new(art("front.jpg", &front), art("back.jpg", &back)),
            &strict
        )
        .unwrap_err()
        .to_string(),
        "back artwork back.jpg is 40 ppi where placed; the vendor requires at least 300 ppi: export it larger"
    );
}

#[test]
fn cmyk_jpegs_keep_their_inks() {
    // Adobe CMYK JPEGs store inks inverted; placed as they are, they must still read as cyan.
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let cyan = jpeg(245, 370, jpeg_encoder::ColorType::Cmyk, |_, _| {
        [255, 0, 0, 0]
    });
    let raster = art("cyan.jpg", &cyan);
    assert_eq!(raster.describe(), "JPEG, CMYK, 245 x 370 px");
    let cover = compose(&l, &CoverArt::new(raster.clone(), raster)).unwrap();
    let dpi = 20;
    let image = render(&cover.pdf, dpi);
    let p = pixel(&image, dpi, 9.9, 4.6);
    assert!(p[0] < 60 && p[1] > 120 && p[2] > 180, "{p:?} is not cyan");
}

#[test]
fn pngs_are_placed_at_300_ppi_with_transparency_kept() {
    // KDP 5x8 white 100 pp (spine 0.225 in): a 300 ppi RGBA front at trim + bleed all round
    // (5.25 x 8.25 in = 1575 x 2475 px): red, with a transparent band on the left half of the
    // top inch, and a green bleed band the width of the bleed.
    let l = layout("kdp", "paperback", "white", "5x8", 100);
    let (w, h) = (1575, 2475);
    let front = png(w, h, png::ColorType::Rgba, Some(300), |x, y| {
        if x < 38 || x >= w - 38 || y < 38 || y >= h - 38 {
            [0, 200, 0, 255]
        } else if y < 38 + 300 && x < w / 2 {
            [0, 0, 0, 0]
        } else {
            [255, 0, 0, 255]
        }
    });
    let back = png(5 * 30, 8 * 30, png::ColorType::Grayscale, None, |_, _| [40]);
    let front = art("front.png", &front);
    assert_eq!(front.pixels(), Some((1575, 2475)));
    assert_eq!(front.recorded_ppi().map(|p| p.0.round()), Some(300.0));
    let cover = compose(&l, &CoverArt::new(front, art("back.png", &back))).unwrap();
    let text = String::from_utf8_lossy(&cover.pdf);
    assert!(text.contains("/SMask"), "the alpha channel is a soft mask");
    assert!(cover
        .notes
        .contains(&"front artwork front.png placed with bleed all round at 300 ppi".to_string()));
    let dpi = 30;
    let image = render(&cover.pdf, dpi);
    let x0 = 0.125 + 5.0 + 0.225; // the front panel's left edge (the spine fold)
    near(pixel(&image, dpi, x0 + 2.5, 4.0), [255, 0, 0]);
    // Its bleed reaches the sheet's edge...
    near(pixel(&image, dpi, x0 + 5.1, 4.0), [0, 200, 0]);
    // ...while the inner bleed stops at the fold: just right of it is red, not green.
    near(pixel(&image, dpi, x0 + 0.05, 4.0), [255, 0, 0]);
    // Transparent: nothing under it, so the paper shows.
    near(pixel(&image, dpi, x0 + 1.0, 7.6), [255, 255, 255]);
    near(pixel(&image, dpi, x0 + 4.0, 7.6), [255, 0, 0]);
}

#[test]
fn proportions_tell_the_export_size_and_a_wrong_one_names_the_sizes_taken() {
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let back = art(
        "back.png",
        &png(180, 270, png::ColorType::Rgb, None, |_, _| [0, 0, 255]),
    );
    let square = art(
        "square.png",
        &png(100, 100, png::ColorType::Rgb, None, |_, _| [0, 0, 255]),
    );
    assert_eq!(
        compose(&l, &CoverArt::new(square, back)).unwrap_err().to_string(),
        "front artwork square.png is a PNG, RGB, 100 x 100 px, whose proportions fit none of the \
         sizes the front panel takes: \
         6 x 9 in (152.40 x 228.60 mm, 1800 x 2700 px at 300 ppi) at the trim; \
         6.125 x 9.25 in (155.58 x 234.95 mm, 1838 x 2775 px at 300 ppi) with bleed on the outer edges; \
         6.25 x 9.25 in (158.75 x 234.95 mm, 1875 x 2775 px at 300 ppi) with bleed all round"
    );
}

#[test]
fn garbage_and_hostile_images_are_refused() {
    let err = |bytes: &[u8]| Artwork::from_bytes("x", bytes).unwrap_err().to_string();
    assert_eq!(
        err(b"GIF89a...."),
        "cannot read artwork x: not a PDF, JPEG or PNG file (export the artwork as one of these)"
    );
    assert_eq!(err(b""), "cannot read artwork x: the file is empty");
    let good = jpeg(20, 30, jpeg_encoder::ColorType::Rgb, |_, _| [1, 2, 3]);
    for cut in [3, 10, 40, 100, 200] {
        let kind = Artwork::from_bytes("x", &good[..cut]).unwrap_err().kind();
        assert_eq!(
            kind,
            podcover::ErrorKind::Artwork(podcover::error::ArtworkProblem::Malformed),
            "{cut}"
        );
    }
    // A PNG header that claims 100,000 x 100,000 px is refused before anything is allocated.
    let mut huge = png(1, 1, png::ColorType::Rgb, None, |_, _| [0, 0, 0]);
    huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let crc = crc32(&huge[12..29]);
    huge[29..33].copy_from_slice(&crc.to_be_bytes());
    assert_eq!(
        err(&huge),
        "cannot read artwork x: the image is 100000 x 100000 px, more than the 64 million pixels read \
         at most; export it at 300 to 600 ppi"
    );
    // A PNG cut short of its image data is an error, not a panic (only the 12-byte end chunk
    // may be missing).
    let png_ok = png(50, 50, png::ColorType::Rgb, None, |x, y| {
        [x as u8, y as u8, 0]
    });
    for cut in (8..png_ok.len() - 12).step_by(7) {
        let kind = Artwork::from_bytes("x", &png_ok[..cut]).unwrap_err().kind();
        assert_eq!(
            kind,
            podcover::ErrorKind::Artwork(podcover::error::ArtworkProblem::Malformed),
            "{cut}"
        );
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn paperback_art_fills_a_hardcover_board_and_its_wrap() {
    // KDP hardcover 6x9 white 300 pp: boards 6.197 x 9.236 in, wrap 0.591 in. The paperback's
    // front (6.125 x 9.25 in with outer bleed, 30 ppi) is enlarged to fill the board; the wrap
    // is mirrored (or filled with a colour).
    let l = layout("kdp", "hardcover", "white", "6x9", 300);
    let red = art(
        "front.png",
        &png(184, 278, png::ColorType::Rgb, None, |_, _| [255, 0, 0]),
    );
    let blue = art(
        "back.png",
        &png(184, 278, png::ColorType::Rgb, None, |_, _| [0, 0, 255]),
    );
    let cover = compose(&l, &CoverArt::new(red.clone(), blue.clone())).unwrap();
    assert!(
        cover.notes.iter().any(|n| n
            == "front artwork front.png is made for the book's 6 x 9 in trim: enlarged to 102.6% to the height of the 6.197 x 9.236 in front panel"),
        "{:#?}",
        cover.notes
    );
    let dpi = 20;
    let image = render(&cover.pdf, dpi);
    let w = l.sheet.width.to_inches();
    near(pixel(&image, dpi, w - 0.05, 0.05), [255, 0, 0]); // front wrap corner
    near(pixel(&image, dpi, 0.05, 10.35), [0, 0, 255]); // back wrap corner
    let colored = compose_with(
        &l,
        &CoverArt::new(red, blue),
        &ComposeOptions::new().extend(Extend::Color(Cmyk::new(0.0, 0.0, 0.0, 1.0))),
    )
    .unwrap();
    let image = render(&colored.pdf, dpi);
    near(pixel(&image, dpi, w - 0.05, 5.0), [0, 0, 0]);
    near(pixel(&image, dpi, w - 2.0, 5.0), [255, 0, 0]);
}

#[test]
fn jackets_take_flap_art_or_colours() {
    // IngramSpark jacket 6x9 cream 300 pp: flaps 3.25 in, fold strips 0.25 in, panels
    // 6.4375 x 9.25 in.
    let l = layout("ingramspark", "jacket", "cream", "6x9", 300);
    let red = art(
        "front.png",
        &png(184, 278, png::ColorType::Rgb, None, |_, _| [255, 0, 0]),
    );
    let blue = art(
        "back.png",
        &png(184, 278, png::ColorType::Rgb, None, |_, _| [0, 0, 255]),
    );
    let mut cover_art = CoverArt::new(red, blue);
    assert_eq!(
        compose(&l, &cover_art).unwrap_err().to_string(),
        "a dust jacket needs artwork or a colour for both flaps (back flap and front flap)"
    );
    cover_art.back_flap = Some(Artwork::color("back flap", Cmyk::new(0.0, 0.0, 0.0, 1.0)));
    cover_art.front_flap = Some(art(
        "flap.png",
        &png(100, 280, png::ColorType::Rgb, None, |_, _| [0, 160, 0]),
    ));
    let cover = compose(&l, &cover_art).unwrap();
    let dpi = 20;
    let image = render(&cover.pdf, dpi);
    near(pixel(&image, dpi, 1.5, 4.6), [0, 0, 0]); // back flap
    near(pixel(&image, dpi, 3.5, 4.6), [0, 0, 255]); // back flap fold: the back panel, mirrored
    near(pixel(&image, dpi, 6.8, 4.6), [0, 0, 255]); // back panel
    near(pixel(&image, dpi, 14.0, 4.6), [255, 0, 0]); // front panel
    near(pixel(&image, dpi, 19.0, 4.6), [0, 160, 0]); // front flap
    near(pixel(&image, dpi, 20.9, 9.45), [0, 160, 0]); // front flap bleed
}

#[test]
fn a_colour_makes_the_back_cover() {
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let front = art(
        "front.png",
        &png(180, 270, png::ColorType::Rgb, None, |_, _| [255, 0, 0]),
    );
    let back = Artwork::color("back colour", Cmyk::new(0.0, 0.0, 0.0, 1.0));
    let cover = compose(
        &l,
        &CoverArt::new(front, back)
            .barcode("9780306406157".parse().unwrap(), "51699".parse().unwrap()),
    )
    .unwrap();
    let dpi = 20;
    let image = render(&cover.pdf, dpi);
    near(pixel(&image, dpi, 0.05, 8.0), [0, 0, 0]);
    // The barcode's white box is on top of the colour, near the bottom of the page.
    let b = common::in_pdf(&l, l.barcode);
    near(
        pixel(&image, dpi, b.x.to_inches() + 0.05, b.y.to_inches() + 0.05),
        [255, 255, 255],
    );
    let dir = scratch("raster-colour");
    std::fs::write(dir.join("cover.pdf"), &cover.pdf).unwrap();
    let qpdf = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(dir.join("cover.pdf"))
        .output()
        .expect("qpdf is installed");
    assert!(
        qpdf.status.success(),
        "{}",
        String::from_utf8_lossy(&qpdf.stdout)
    );
}

/// Where a JPEG's scan data starts: after its SOS segment.
fn scan_start(jpeg: &[u8]) -> usize {
    let sos = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xDA])
        .expect("a scan");
    sos + 2 + usize::from(u16::from_be_bytes([jpeg[sos + 2], jpeg[sos + 3]]))
}

#[test]
fn corrupt_jpegs_are_refused_by_decoding_their_image_data() {
    let good = jpeg(160, 240, jpeg_encoder::ColorType::Rgb, |x, y| {
        [x as u8, y as u8, (x ^ y) as u8]
    });
    assert!(Artwork::from_bytes("good.jpg", &good).is_ok());
    let scan = scan_start(&good);
    let err = |bytes: &[u8]| Artwork::from_bytes("front.jpg", bytes).unwrap_err();
    let cut_short =
        "cannot read artwork front.jpg: not a valid JPEG: the file is cut short in its \
                     image data (it may not have finished saving or downloading); export it again";
    // Header only, up to the scan.
    assert_eq!(err(&good[..scan]).to_string(), cut_short);
    // The scan cut in half.
    let half = &good[..scan + (good.len() - scan) / 2];
    assert_eq!(err(half).to_string(), cut_short);
    // The scan cut in half and closed with an end-of-image marker, as a repair tool would: the
    // rest would decode as grey.
    let mut closed = half.to_vec();
    closed.extend_from_slice(&[0xFF, 0xD9]);
    assert_eq!(
        err(&closed).to_string(),
        "cannot read artwork front.jpg: not a valid JPEG: its image data is damaged, so it would \
         print wrong or blank; export it again"
    );
    // Garbage in place of the scan, the end marker kept.
    let mut garbage = good.clone();
    let mut seed = 0x2545_F491_u32;
    for b in &mut garbage[scan..good.len() - 2] {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        *b = (seed >> 16) as u8;
    }
    let e = err(&garbage);
    assert_eq!(
        e.to_string(),
        "cannot read artwork front.jpg: not a valid JPEG: its image data is damaged, so it would \
         print wrong or blank; export it again"
    );
    assert_eq!(
        e.kind(),
        podcover::ErrorKind::Artwork(podcover::error::ArtworkProblem::Malformed)
    );
    // Two frame headers: the first repeated before the scan.
    let sof = good.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    let sof_len = 2 + usize::from(u16::from_be_bytes([good[sof + 2], good[sof + 3]]));
    let mut twice = good[..sof + sof_len].to_vec();
    twice.extend_from_slice(&good[sof..]);
    assert_eq!(
        err(&twice).to_string(),
        "cannot read artwork front.jpg: not a valid JPEG: it has 2 frame headers where a JPEG \
         has one, so it is damaged; export it again"
    );
    // A frame header claiming 65000 x 65000 px is refused from the header, before decoding.
    let mut huge = good.clone();
    huge[sof + 5..sof + 9].copy_from_slice(&[0xFD, 0xE8, 0xFD, 0xE8]);
    let e = err(&huge);
    assert_eq!(
        e.kind(),
        podcover::ErrorKind::Artwork(podcover::error::ArtworkProblem::TooLarge)
    );
    assert_eq!(
        e.to_string(),
        "cannot read artwork front.jpg: the image is 65000 x 65000 px, more than the 64 million \
         pixels read at most; export it at 300 to 600 ppi"
    );
    // A frame header claiming 8000 x 8000 px over the scan of 160 x 240: too few bytes to hold
    // a picture that size (a million blocks need at least a million bits).
    let mut thin = good.clone();
    thin[sof + 5..sof + 9].copy_from_slice(&[0x1F, 0x40, 0x1F, 0x40]);
    assert_eq!(
        err(&thin).to_string(),
        format!(
            "cannot read artwork front.jpg: not a valid JPEG: its {} bytes of image data cannot \
             hold a 8000 x 8000 px picture (most of it would print grey); export it again",
            good.len() - scan
        )
    );
    // Cut before the scan starts.
    assert_eq!(
        err(&good[..sof + 4]).to_string(),
        "cannot read artwork front.jpg: not a valid JPEG: the file ends before its image data \
         (it may not have finished saving or downloading); export it again"
    );
}

/// An EXIF block (APP1 body) recording `orientation`.
fn exif(orientation: u16) -> Vec<u8> {
    let mut out = b"Exif\0\0II*\0".to_vec();
    out.extend(8u32.to_le_bytes());
    out.extend(1u16.to_le_bytes());
    out.extend(0x0112u16.to_le_bytes()); // Orientation
    out.extend(3u16.to_le_bytes()); // SHORT
    out.extend(1u32.to_le_bytes());
    out.extend(orientation.to_le_bytes());
    out.extend([0, 0, 0, 0, 0, 0]);
    out
}

#[test]
fn exif_orientation_places_jpegs_as_viewers_show_them() {
    // KDP 6x9 cream 318 pp; the front seen as 245 x 370 px (6.125 x 9.25 in at 40 ppi): red top
    // left, green top right, blue bottom left, black bottom right. Each orientation stores it
    // turned or mirrored the other way, so that a viewer shows it upright.
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let (w, h) = (245u32, 370u32);
    let seen = |x: u32, y: u32| match (x < w / 2, y < h / 2) {
        (true, true) => [255, 0, 0],
        (false, true) => [0, 255, 0],
        (true, false) => [0, 0, 255],
        (false, false) => [0, 0, 0],
    };
    let back = art(
        "back.png",
        &png(240, 360, png::ColorType::Rgb, None, |_, _| [255, 255, 255]),
    );
    let front = common::in_pdf(&l, l.front);
    let at = |fx: f64, fy: f64| {
        (
            front.x.to_inches() + front.width.to_inches() * fx,
            front.y.to_inches() + front.height.to_inches() * fy,
        )
    };
    for orientation in 1..=8u16 {
        let turned = orientation >= 5;
        let (sw, sh) = if turned { (h, w) } else { (w, h) };
        // Where EXIF shows the stored pixel (c, r).
        let shown = |c: u32, r: u32| match orientation {
            2 => (sw - 1 - c, r),
            3 => (sw - 1 - c, sh - 1 - r),
            4 => (c, sh - 1 - r),
            5 => (r, c),
            6 => (sh - 1 - r, c),
            7 => (sh - 1 - r, sw - 1 - c),
            8 => (r, sw - 1 - c),
            _ => (c, r),
        };
        let mut out = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, 95);
        encoder.add_app_segment(1, exif(orientation)).unwrap();
        encoder
            .encode(
                &pixels(sw, sh, |c, r| {
                    let (x, y) = shown(c, r);
                    seen(x, y)
                }),
                sw as u16,
                sh as u16,
                jpeg_encoder::ColorType::Rgb,
            )
            .unwrap();
        let front_art = art("front.jpg", &out);
        assert_eq!(
            front_art.pixels(),
            Some((w, h)),
            "orientation {orientation}"
        );
        let cover = compose(&l, &CoverArt::new(front_art, back.clone())).unwrap();
        assert!(
            cover
                .warnings
                .iter()
                .any(|w| w.starts_with("front artwork front.jpg is 40 ppi")),
            "orientation {orientation}: {:?}",
            cover.warnings
        );
        let dpi = 20;
        let image = render(&cover.pdf, dpi);
        let px = |fx: f64, fy: f64| {
            let (x, y) = at(fx, fy);
            pixel(&image, dpi, x, y)
        };
        // pixel() measures y from the bottom: 0.75 is the top half.
        near(px(0.25, 0.75), [255, 0, 0]);
        near(px(0.75, 0.75), [0, 255, 0]);
        near(px(0.25, 0.25), [0, 0, 255]);
        near(px(0.75, 0.25), [0, 0, 0]);
    }
    // The size in messages is the size seen, and says why.
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 95);
    encoder.add_app_segment(1, exif(6)).unwrap();
    encoder
        .encode(&[0; 30 * 20 * 3], 30, 20, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    assert_eq!(
        art("turned.jpg", &out).describe(),
        "JPEG, RGB, 20 x 30 px (turned a quarter clockwise by its EXIF orientation)"
    );
}

/// A PNG's chunks, as (name, data).
fn png_chunks(png: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
    let mut out = Vec::new();
    let mut at = 8;
    while at + 12 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let kind: [u8; 4] = png[at + 4..at + 8].try_into().unwrap();
        out.push((kind, png[at + 8..at + 8 + len].to_vec()));
        at += 12 + len;
    }
    out
}

/// A PNG of `chunks`, each with its right checksum.
fn png_of(chunks: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in chunks {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    }
    out
}

#[test]
fn broken_pngs_are_refused_in_sentences() {
    let good = png(40, 30, png::ColorType::Rgb, None, |x, y| {
        [x as u8, y as u8, 9]
    });
    let chunks = png_chunks(&good);
    assert_eq!(
        chunks.iter().map(|c| &c.0).collect::<Vec<_>>(),
        [b"IHDR", b"IDAT", b"IEND"]
    );
    let err = |bytes: &[u8]| {
        let e = Artwork::from_bytes("front.png", bytes).unwrap_err();
        assert_eq!(
            e.kind(),
            podcover::ErrorKind::Artwork(podcover::error::ArtworkProblem::Malformed),
            "{e:?}"
        );
        e.to_string()
    };
    let prefix = "cannot read artwork front.png: not a valid PNG: ";
    // A bad checksum in the image data.
    let mut bad_crc = good.clone();
    let end = bad_crc.len() - 12 - 1;
    bad_crc[end] ^= 0xFF;
    assert_eq!(
        err(&bad_crc),
        format!(
            "{prefix}its IDAT chunk at byte 33 is damaged (its checksum does not match); export \
             the image again"
        )
    );
    // A critical chunk PNG does not define.
    let (ihdr, idat, iend) = (chunks[0].clone(), chunks[1].clone(), chunks[2].clone());
    let unknown = png_of(&[
        ihdr.clone(),
        (*b"QXYZ", vec![1, 2]),
        idat.clone(),
        iend.clone(),
    ]);
    assert_eq!(
        err(&unknown),
        format!(
            "{prefix}it has a QXYZ chunk, which a PNG reader must understand and podcover does \
             not; save it as a plain PNG"
        )
    );
    // An ancillary one is passed over.
    let ancillary = png_of(&[
        ihdr.clone(),
        (*b"qxYZ", vec![1, 2]),
        idat.clone(),
        iend.clone(),
    ]);
    assert!(Artwork::from_bytes("front.png", &ancillary).is_ok());
    // Image data before the header.
    let early = png_of(&[idat.clone(), ihdr.clone(), iend.clone()]);
    assert_eq!(
        err(&early),
        format!(
            "{prefix}its image data (IDAT) comes before its image header (IHDR); export it again"
        )
    );
    // Two headers.
    let twice = png_of(&[ihdr.clone(), ihdr.clone(), idat.clone(), iend.clone()]);
    assert_eq!(
        err(&twice),
        format!("{prefix}it has two image headers (IHDR) where a PNG has one; export it again")
    );
    // No image data.
    assert_eq!(
        err(&png_of(&[ihdr.clone(), iend.clone()])),
        format!("{prefix}it has no image data (IDAT); export it again")
    );
    // Cut short inside the image data.
    let cut = &good[..good.len() - 20];
    assert_eq!(
        err(cut),
        format!(
            "{prefix}the file is cut short at byte {} (it may not have finished saving or \
             downloading); export it again",
            cut.len()
        )
    );
    // Image data that does not inflate, with right checksums.
    let mut junk = idat.clone();
    junk.1.iter_mut().skip(2).for_each(|b| *b = 0xFF);
    assert_eq!(
        err(&png_of(&[ihdr.clone(), junk, iend.clone()])),
        format!(
            "{prefix}its image data is damaged, so it would print wrong or blank; export it again"
        )
    );
    // A header value PNG does not allow (bit depth 7), with a right checksum.
    let mut odd = ihdr.clone();
    odd.1[8] = 7;
    assert_eq!(
        err(&png_of(&[odd, idat.clone(), iend.clone()])),
        format!(
            "{prefix}its header or a chunk before its image data holds values PNG does not \
             allow; export it again"
        )
    );
    // Never a Rust structure in a message, whatever byte is changed.
    for i in 8..good.len() {
        let mut bytes = good.clone();
        bytes[i] ^= 0x55;
        if let Err(e) = Artwork::from_bytes("front.png", &bytes) {
            let text = e.to_string();
            assert!(
                !text.contains('{') && !text.contains("ChunkType") && !text.ends_with('.'),
                "byte {i}: {text}"
            );
        }
    }
}

#[test]
fn resolution_is_the_lower_of_across_and_down() {
    // 1838 x 925 px recording 300 x 100 ppi: 6.127 x 9.25 in, the front with bleed on the outer
    // edges, printing at 300 ppi across but 100 down.
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 90);
    encoder.set_density(jpeg_encoder::PixelDensity {
        density: (300, 100),
        unit: jpeg_encoder::PixelDensityUnit::Inches,
    });
    encoder
        .encode(
            &[200; 1838 * 925 * 3],
            1838,
            925,
            jpeg_encoder::ColorType::Rgb,
        )
        .unwrap();
    let front = art("front.jpg", &out);
    assert_eq!(front.recorded_ppi(), Some((300.0, 100.0)));
    let back = art(
        "back.png",
        &png(1800, 2700, png::ColorType::Grayscale, None, |_, _| [90]),
    );
    let cover = compose(&l, &CoverArt::new(front.clone(), back.clone())).unwrap();
    assert_eq!(
        cover.warnings,
        ["front artwork front.jpg is 100 ppi (300 across, 100 down) where placed, under the 300 \
          ppi print needs; it may print soft"]
    );
    assert!(cover
        .notes
        .contains(&"back artwork back.png placed at the trim at 300 ppi".to_string()));
    let strict = ComposeOptions::new().min_image_ppi(Some(300));
    assert_eq!(
        compose_with(&l, &CoverArt::new(front, back), &strict)
            .unwrap_err()
            .to_string(),
        "front artwork front.jpg is 100 ppi (300 across, 100 down) where placed; the vendor \
         requires at least 300 ppi: export it larger"
    );
    // check reads the cover the same way, by the same rule: KDP asks for 300 ppi.
    let report =
        podcover::preflight::check(podcover::Catalog::builtin(), &l, "cover.pdf", &cover.pdf)
            .unwrap();
    let finding = report
        .findings
        .iter()
        .find(|f| f.check == "resolution")
        .unwrap();
    assert_eq!(finding.status, podcover::preflight::Verdict::Fail);
    assert_eq!(
        finding.message,
        "images under 300 ppi where placed: the front image at 100 ppi (300 across, 100 down)"
    );
}

#[test]
fn spine_images_keep_their_proportions_and_their_bleed_in_the_bleed() {
    // KDP 6x9 cream 318 pp: the spine is 0.795 x 9 in (238 px at 300 ppi), with 0.125 in of
    // bleed above and below.
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let spine_px = (l.spine.width.to_inches() * 300.0).round() as u32;
    let panels = || {
        CoverArt::new(
            Artwork::color("front", Cmyk::WHITE),
            Artwork::color("back", Cmyk::WHITE),
        )
    };
    let with_spine = |spine: Artwork| panels().spine(SpineArt::Artwork(Box::new(spine)));
    // A strip 238 x 10 px would be stretched to 1 ppi down the spine.
    let strip = art(
        "strip.png",
        &png(spine_px, 10, png::ColorType::Rgb, None, |_, _| [0, 0, 255]),
    );
    let e = compose(&l, &with_spine(strip)).unwrap_err();
    assert_eq!(
        e.kind(),
        podcover::ErrorKind::Compose(podcover::error::ComposeProblem::SpineArtStretched)
    );
    assert_eq!(
        e.to_string(),
        format!(
            "spine artwork strip.png is a PNG, RGB, {spine_px} x 10 px; the spine is 0.795 x 9 \
             in: fitting it would scale it 100% across and 27000% down, out of its proportions \
             past the 50% to 200% that keeps it usable; make spine art 0.795 x 9 in (20.19 x \
             228.60 mm, {spine_px} x 2700 px at 300 ppi), or 0.795 x 9.25 in (20.19 x 234.95 \
             mm, {spine_px} x 2775 px at 300 ppi) with bleed top and bottom"
        )
    );
    // Exported with bleed (2775 px tall at 300 ppi): red bleed bands, blue within the trim. The
    // bands land in the bleed, not inside the trim.
    let bleed = art(
        "spine.png",
        &png(spine_px, 2775, png::ColorType::Rgb, None, |_, y| {
            if !(37..2775 - 37).contains(&y) {
                [255, 0, 0]
            } else {
                [0, 0, 255]
            }
        }),
    );
    let cover = compose(&l, &with_spine(bleed)).unwrap();
    assert!(
        cover.notes.contains(
            &"spine artwork spine.png placed across the spine with bleed top and bottom at 299 ppi"
                .to_string()
        ),
        "{:?}",
        cover.notes
    );
    assert!(cover.warnings.is_empty(), "{:?}", cover.warnings);
    let dpi = 100;
    let image = render(&cover.pdf, dpi);
    let x = l.spine.center_x().to_inches();
    let sheet = l.sheet.height.to_inches();
    // pixel() measures from the bottom: the trim's top edge is 0.125 in below the sheet's.
    near(pixel(&image, dpi, x, sheet - 0.05), [255, 0, 0]);
    near(pixel(&image, dpi, x, sheet - 0.2), [0, 0, 255]);
    near(pixel(&image, dpi, x, 0.2), [0, 0, 255]);
    near(pixel(&image, dpi, x, 0.05), [255, 0, 0]);
    // A spine at the trim's height fills the trim; its bleed is mirrored.
    let trim_only = art(
        "spine.png",
        &png(spine_px, 2700, png::ColorType::Rgb, None, |_, _| {
            [0, 0, 255]
        }),
    );
    let cover = compose(&l, &with_spine(trim_only)).unwrap();
    assert!(cover.notes.contains(
        &"spine artwork spine.png placed across the spine at the spine's height at 299 ppi"
            .to_string()
    ));
    // Made for a wider spine (0.9 in), it is squeezed across: a warning says how far.
    let wider = art(
        "spine.png",
        &png(270, 2775, png::ColorType::Rgb, None, |_, _| [0, 0, 255]),
    );
    let cover = compose(&l, &with_spine(wider)).unwrap();
    assert_eq!(
        cover.warnings,
        [
            "spine artwork spine.png is scaled 88% across and 100% down to fit the 0.795 x 9 in \
          spine, out of its proportions"
        ]
    );
}

/// IngramSpark's rules (CMYK, 240% ink) as a compose option set.
fn ingramspark() -> ComposeOptions {
    ComposeOptions::for_binding(common::product("ingramspark", "paperback", "white").binding)
}

/// Each image XObject of a PDF: its dictionary and its samples, decoded where they are
/// Flate-compressed (a JPEG's stay as they are).
fn images(pdf: &[u8]) -> Vec<(lopdf::Dictionary, Vec<u8>)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut out = Vec::new();
    for object in doc.objects.values() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        if stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Image") {
            continue;
        }
        let filter = stream.dict.get(b"Filter").and_then(|f| f.as_name()).ok();
        let samples = match filter {
            Some(b"FlateDecode") => stream.decompressed_content().unwrap(),
            _ => stream.content.clone(),
        };
        out.push((stream.dict.clone(), samples));
    }
    out
}

fn name_of<'a>(dict: &'a lopdf::Dictionary, key: &[u8]) -> &'a str {
    std::str::from_utf8(dict.get(key).and_then(|o| o.as_name()).unwrap()).unwrap()
}

/// A saturated hue sweep across, from black at the top to full brightness at the bottom, with
/// a band at the bottom of the RGB primaries and secondaries, black and two dark rich colours.
fn saturated(x: u32, y: u32, w: u32, h: u32) -> [u8; 3] {
    if y >= h - h / 8 {
        let swatches = [
            [0, 0, 0],
            [255, 0, 0],
            [0, 255, 0],
            [0, 0, 255],
            [0, 255, 255],
            [255, 0, 255],
            [255, 255, 0],
            [20, 0, 40],
            [0, 0, 80],
        ];
        return swatches[(x * swatches.len() as u32 / w) as usize];
    }
    let hue = f64::from(x) / f64::from(w) * 6.0;
    let value = f64::from(y) / f64::from(h - h / 8);
    let f = hue.fract();
    let (r, g, b) = match hue as u32 {
        0 => (1.0, f, 0.0),
        1 => (1.0 - f, 1.0, 0.0),
        2 => (0.0, 1.0, f),
        3 => (0.0, 1.0 - f, 1.0),
        4 => (f, 0.0, 1.0),
        _ => (1.0, 0.0, 1.0 - f),
    };
    [r, g, b].map(|v: f64| (v * value * 255.0).round() as u8)
}

#[test]
fn rgb_art_is_separated_for_ingramspark_within_240_percent() {
    // Front: a PNG of saturated gradients, primaries and rich blacks; back: the same as an RGB
    // JPEG. Both 6.125 x 9.25 in (trim and outer bleed) at 40 ppi.
    let (w, h) = (245, 370);
    let front = png(w, h, png::ColorType::Rgb, None, |x, y| {
        saturated(x, y, w, h)
    });
    let back = jpeg(w, h, jpeg_encoder::ColorType::Rgb, |x, y| {
        saturated(x, y, w, h)
    });
    let l = layout("ingramspark", "paperback", "white", "6x9", 300);
    let art = CoverArt::new(art("front.png", &front), art("back.jpg", &back));
    let cover = compose_with(&l, &art, &ingramspark()).unwrap();
    assert!(cover.notes.contains(
        &"front artwork front.png: RGB separated to CMYK for CGATS TR 003 from sRGB (it has no \
          profile)"
            .to_string()
    ));
    assert!(cover.notes.contains(
        &"back artwork back.jpg: RGB separated to CMYK for CGATS TR 003 from sRGB (it has no \
          profile)"
            .to_string()
    ));
    let images = images(&cover.pdf);
    assert_eq!(images.len(), 2);
    let limit = podcover::color::TotalInk::from_percent(240);
    for (dict, samples) in &images {
        // CMYK samples, Flate-compressed, no soft mask.
        assert_eq!(name_of(dict, b"ColorSpace"), "DeviceCMYK");
        assert_eq!(name_of(dict, b"Filter"), "FlateDecode");
        assert!(dict.get(b"SMask").is_err());
        assert_eq!(samples.len(), (w * h * 4) as usize);
        let pixels = samples.as_chunks::<4>().0;
        let peak = podcover::color::max_ink(pixels, std::num::NonZeroU32::new(w).unwrap());
        let peak = peak.unwrap();
        assert!(peak.ink <= limit, "{peak:?}");
        // The limit is used: the rich blacks come near it.
        assert!(peak.ink.percent() > 220.0, "{peak:?}");
        // The band's pure red is magenta and yellow without cyan; black is mostly black ink.
        let at = |x: u32, y: u32| pixels[(y * w + x) as usize];
        let red = at(w * 3 / 18, h - 4);
        assert!(red[0] < 20 && red[1] > 200 && red[2] > 200, "{red:?}");
        let black = at(w / 18, h - 4);
        assert!(black[3] > 230, "{black:?}");
    }
}

#[test]
fn separated_images_are_row_predicted_and_check_measures_them_as_it_would_without() {
    let (w, h) = (245, 370);
    let front = png(w, h, png::ColorType::Rgb, None, |x, y| {
        saturated(x, y, w, h)
    });
    let back = jpeg(w, h, jpeg_encoder::ColorType::Rgb, |x, y| {
        saturated(y, x, h, w)
    });
    let l = layout("ingramspark", "paperback", "white", "6x9", 300);
    let art = CoverArt::new(art("front.png", &front), art("back.jpg", &back));
    let cover = compose_with(&l, &art, &ingramspark()).unwrap();
    // Each separated image names its PNG predictor, which readers undo.
    let mut doc = lopdf::Document::load_mem(&cover.pdf).unwrap();
    let mut predicted = 0;
    for object in doc.objects.values_mut() {
        let Ok(stream) = object.as_stream_mut() else {
            continue;
        };
        let Ok(params) = stream.dict.get(b"DecodeParms").and_then(|p| p.as_dict()) else {
            continue;
        };
        let int = |key: &[u8]| params.get(key).unwrap().as_i64().unwrap();
        assert_eq!(
            [int(b"Predictor"), int(b"Colors"), int(b"BitsPerComponent")],
            [15, 4, 8]
        );
        assert_eq!(int(b"Columns"), i64::from(w));
        // The same samples, compressed again without a predictor.
        stream.decompress().unwrap();
        assert_eq!(stream.content.len(), (w * h * 4) as usize);
        stream.compress().unwrap();
        assert!(stream.dict.get(b"DecodeParms").is_err());
        predicted += 1;
    }
    assert_eq!(predicted, 2);
    let mut plain = Vec::new();
    doc.save_to(&mut plain).unwrap();
    // check measures the predicted images' ink as it does the plain ones'.
    let ink = |pdf: &[u8]| {
        let report =
            podcover::preflight::check(podcover::Catalog::builtin(), &l, "cover.pdf", pdf).unwrap();
        report
            .findings
            .into_iter()
            .filter(|f| f.check == "ink")
            .map(|f| (f.status, f.message))
            .collect::<Vec<_>>()
    };
    let found = ink(&cover.pdf);
    assert_eq!(found, ink(&plain));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, podcover::preflight::Verdict::Pass);
    assert!(
        found[0].1.starts_with("highest total ink 2") && found[0].1.contains("image at ("),
        "{found:?}"
    );
}

#[test]
fn grey_art_stays_grey_and_transparency_is_flattened_onto_the_paper() {
    let (w, h) = (245, 370);
    let l = layout("ingramspark", "paperback", "white", "6x9", 300);
    // Front: grey with alpha, clear at the left half; back: RGB with alpha, clear at the top
    // half, half-transparent red below.
    let front = png(w, h, png::ColorType::GrayscaleAlpha, None, |x, _| {
        [60, if x < w / 2 { 0 } else { 255 }]
    });
    let back = png(w, h, png::ColorType::Rgba, None, |_, y| {
        [255, 0, 0, if y < h / 2 { 0 } else { 128 }]
    });
    // Spine: neutral RGB, kept as grey.
    let spine = png(30, h, png::ColorType::Rgb, None, |_, y| {
        [(y % 256) as u8; 3]
    });
    let art = CoverArt::new(art("front.png", &front), art("back.png", &back))
        .spine(SpineArt::Artwork(Box::new(art("spine.png", &spine))));
    let cover = compose_with(&l, &art, &ingramspark()).unwrap();
    for note in [
        "front artwork front.png: grey, its transparency flattened onto the paper",
        "back artwork back.png: RGB separated to CMYK for CGATS TR 003 from sRGB (it has no \
         profile); its transparency flattened onto the paper",
        "spine artwork spine.png: neutral RGB kept as grey, printed with black ink alone",
    ] {
        assert!(cover.notes.contains(&note.to_string()), "{:?}", cover.notes);
    }
    let images = images(&cover.pdf);
    assert_eq!(images.len(), 3, "no soft masks");
    for (dict, samples) in &images {
        assert!(dict.get(b"SMask").is_err());
        let width = dict.get(b"Width").unwrap().as_i64().unwrap() as usize;
        match (name_of(dict, b"ColorSpace"), width) {
            ("DeviceGray", 245) => {
                // Clear: paper white; opaque: the grey.
                assert_eq!(samples[0], 255);
                assert_eq!(samples[244], 60);
            }
            ("DeviceGray", 30) => assert_eq!(samples[30 * 100], 100),
            ("DeviceCMYK", 245) => {
                let pixels = samples.as_chunks::<4>().0;
                assert_eq!(pixels[0], [0, 0, 0, 0]);
                // Half-transparent red: half the ink of red.
                let half = pixels[(h as usize - 1) * 245];
                assert!(half[0] < 10 && (100..140).contains(&half[1]), "{half:?}");
            }
            other => panic!("unexpected image {other:?}"),
        }
    }
}

#[test]
fn cmyk_jpegs_are_kept_as_separated_and_over_the_limit_say_so() {
    let (w, h) = (245, 370);
    let l = layout("ingramspark", "paperback", "white", "6x9", 300);
    // Adobe CMYK JPEGs (stored inverted): one at 200% ink, one at 400%.
    let front = jpeg(w, h, jpeg_encoder::ColorType::Cmyk, |_, _| [0, 255, 255, 0]);
    let back = jpeg(w, h, jpeg_encoder::ColorType::Cmyk, |_, _| [255; 4]);
    let art = CoverArt::new(art("front.jpg", &front), art("back.jpg", &back));
    let cover = compose_with(&l, &art, &ingramspark()).unwrap();
    assert!(
        cover.notes.iter().any(|n| n.starts_with(
            "front artwork front.jpg: CMYK, taken as separated for CGATS TR 003 (at most "
        )),
        "{:?}",
        cover.notes
    );
    assert!(
        cover.warnings.contains(
            &"back artwork back.jpg is CMYK with up to 400.0% total ink, over the 240% the \
              vendor allows; it is placed as it is: separate it again within 240%"
                .to_string()
        ),
        "{:?}",
        cover.warnings
    );
    for (dict, samples) in images(&cover.pdf) {
        // The files as they are, with the inverted inks' Decode array.
        assert_eq!(name_of(&dict, b"ColorSpace"), "DeviceCMYK");
        assert_eq!(name_of(&dict, b"Filter"), "DCTDecode");
        assert!(dict.get(b"Decode").is_ok());
        assert!(samples == front || samples == back);
    }
}

#[test]
fn an_embedded_icc_profile_is_honoured() {
    // The same numbers, untagged (sRGB) and tagged Display P3: P3's green is purer, so it
    // separates with more cyan.
    let (w, h) = (245, 370);
    let l = layout("ingramspark", "paperback", "white", "6x9", 300);
    let p3 = moxcms::ColorProfile::new_display_p3().encode().unwrap();
    let tagged = {
        let mut info = png::Info::with_size(w, h);
        info.color_type = png::ColorType::Rgb;
        info.bit_depth = png::BitDepth::Eight;
        info.icc_profile = Some(std::borrow::Cow::Owned(p3));
        let mut out = Vec::new();
        let mut writer = png::Encoder::with_info(&mut out, info)
            .unwrap()
            .write_header()
            .unwrap();
        writer
            .write_image_data(&pixels(w, h, |_, _| [60, 160, 60]))
            .unwrap();
        writer.finish().unwrap();
        out
    };
    let untagged = png(w, h, png::ColorType::Rgb, None, |_, _| [60, 160, 60]);
    let art = CoverArt::new(art("p3.png", &tagged), art("srgb.png", &untagged));
    let cover = compose_with(&l, &art, &ingramspark()).unwrap();
    assert!(cover.notes.contains(
        &"front artwork p3.png: RGB separated to CMYK for CGATS TR 003 from its embedded ICC \
          profile"
            .to_string()
    ));
    let images = images(&cover.pdf);
    let cyan: Vec<u8> = images.iter().map(|(_, s)| s[0]).collect();
    // Object order: back (sRGB) is placed first.
    assert!(cyan[1] > cyan[0] + 10, "{cyan:?}");
}

#[test]
fn lulu_gets_srgb_kdp_keeps_the_art_and_any_vendor_can_have_cmyk() {
    let (w, h) = (245, 370);
    let cmyk = jpeg(w, h, jpeg_encoder::ColorType::Cmyk, |_, _| [0, 255, 255, 0]);
    let rgba = png(w, h, png::ColorType::Rgba, None, |_, _| [0, 0, 255, 200]);
    let options = |vendor: &str| {
        ComposeOptions::for_binding(common::product(vendor, "paperback", "premium-color").binding)
            .min_image_ppi(None)
    };
    let spaces = |pdf: &[u8]| -> Vec<(String, bool)> {
        images(pdf)
            .iter()
            .filter(|(d, _)| name_of(d, b"ColorSpace") != "DeviceGray")
            .map(|(d, _)| {
                (
                    name_of(d, b"ColorSpace").to_string(),
                    d.get(b"SMask").is_ok(),
                )
            })
            .collect()
    };
    let art = CoverArt::new(art("front.jpg", &cmyk), art("back.png", &rgba));
    // Lulu prints sRGB: the CMYK JPEG is turned into sRGB; RGB stays, its soft mask too.
    let l = layout("lulu", "paperback", "premium-color", "6x9", 300);
    let cover = compose_with(&l, &art, &options("lulu")).unwrap();
    assert!(cover.notes.contains(
        &"front artwork front.jpg: CMYK turned into sRGB as it prints on CGATS TR 003, for a \
          vendor that prints sRGB"
            .to_string()
    ));
    let mut found = spaces(&cover.pdf);
    found.sort();
    assert_eq!(
        found,
        [
            ("DeviceRGB".to_string(), false),
            ("DeviceRGB".to_string(), true)
        ]
    );
    // KDP takes any colour: both as they are.
    let l = layout("kdp", "paperback", "premium-color", "6x9", 300);
    let kdp = options("kdp");
    let cover = compose_with(&l, &art, &kdp).unwrap();
    let mut found = spaces(&cover.pdf);
    found.sort();
    assert_eq!(
        found,
        [
            ("DeviceCMYK".to_string(), false),
            ("DeviceRGB".to_string(), true)
        ]
    );
    // Asked for CMYK, KDP's cover is CMYK throughout.
    let cmyk_kdp = kdp.color(podcover::cover::CoverColor::Cmyk(
        podcover::color::OutputProfile::swop_grade3(),
    ));
    let cover = compose_with(&l, &art, &cmyk_kdp).unwrap();
    assert_eq!(
        spaces(&cover.pdf),
        [
            ("DeviceCMYK".to_string(), false),
            ("DeviceCMYK".to_string(), false)
        ]
    );
}

/// A PNG's size and its RGB (or grey, widened to RGB) pixels.
fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<[u8; 3]>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut data = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut data).unwrap();
    let data = &data[..info.buffer_size()];
    let pixels = match info.color_type {
        png::ColorType::Rgb => data.as_chunks::<3>().0.to_vec(),
        png::ColorType::Grayscale => data.iter().map(|&g| [g; 3]).collect(),
        other => panic!("unexpected PNG colour {other:?}"),
    };
    (info.width, info.height, pixels)
}

#[test]
fn a_proof_shows_the_separated_cover_in_screen_colours_and_where_colours_moved() {
    use podcover::color::{Intent, OutputProfile, ProofConverter};
    use podcover::cover::{compose_with_proof, Proof};
    // Front: flat sRGB blue with a saturated green square; back: flat wine red. 40 ppi art, a
    // magenta spine, a barcode.
    let (w, h) = (245, 370);
    let front = png(w, h, png::ColorType::Rgb, None, |x, y| {
        if (100..140).contains(&x) && (100..140).contains(&y) {
            [0, 255, 0]
        } else {
            [30, 79, 138]
        }
    });
    let back = png(w, h, png::ColorType::Rgb, None, |_, _| [122, 31, 61]);
    let l = layout("ingramspark", "paperback", "white", "6x9", 300);
    let art = CoverArt::new(art("front.png", &front), art("back.png", &back))
        .spine(SpineArt::Color(Cmyk::new(0.0, 1.0, 0.0, 0.0)))
        .barcode("9780306406157".parse().unwrap(), "51699".parse().unwrap());
    let (cover, proof) = compose_with_proof(&l, &art, &ingramspark(), 72).unwrap();
    assert_eq!(proof.ppi, 72);
    assert!(proof.not_drawn.is_empty());
    // The sheet at 72 ppi, rounded up.
    let (pw, ph, pixels) = decode_png(&proof.png);
    let sheet = l.sheet;
    assert_eq!(pw, (sheet.width.to_inches() * 72.0).ceil() as u32);
    assert_eq!(ph, (sheet.height.to_inches() * 72.0).ceil() as u32);
    let at = |x: podcover::Length, y: podcover::Length| {
        pixels[(y.to_inches() * 72.0) as usize * pw as usize + (x.to_inches() * 72.0) as usize]
    };
    // The front's blue is shown as its separated CMYK prints: the PDF's own pixel through the
    // profile.
    let show = ProofConverter::new(&OutputProfile::swop_grade3(), Intent::RelativeColorimetric);
    let images = images(&cover.pdf);
    assert_eq!(images.len(), 2);
    // The front is the image whose first pixel is not the back's wine red.
    let corners: Vec<[u8; 4]> = images
        .iter()
        .map(|(_, s)| s.as_chunks::<4>().0[0])
        .collect();
    let blue_ink = if corners[0][0] > corners[0][1] {
        corners[0]
    } else {
        corners[1]
    };
    let front_middle = at(
        l.front.x + l.front.width / 2.0,
        l.front.y + l.front.height * 0.8,
    );
    assert_eq!(front_middle, show.convert(&[blue_ink])[0]);
    // The spine's magenta is shown as it prints.
    let spine = at(
        l.spine.x + l.spine.width / 2.0,
        l.spine.y + l.spine.height / 2.0,
    );
    assert_eq!(spine, show.convert(&[[0, 255, 0, 0]])[0]);
    // The barcode's bars are black ink alone, shown as the dark grey it prints: never
    // darker than solid black ink.
    let black = show.convert(&[[0, 0, 0, 255]])[0];
    let bar_area: Vec<[u8; 3]> = (0..20)
        .map(|i| {
            at(
                l.barcode.x + l.barcode.width * (0.1 + 0.04 * f64::from(i)),
                l.barcode.y + l.barcode.height / 2.0,
            )
        })
        .collect();
    assert!(bar_area.contains(&black), "{bar_area:?}");
    // Where colours moved: the largest first, each of the art's three colours once, with the
    // CMYK the PDF has.
    assert_eq!(proof.moved.len(), 3, "{:?}", proof.moved);
    const { assert!(Proof::MOST_MOVED >= 3) };
    let mut colours: Vec<[u8; 3]> = proof.moved.iter().map(|m| m.rgb).collect();
    colours.sort();
    assert_eq!(colours, [[0, 255, 0], [30, 79, 138], [122, 31, 61]]);
    assert!(proof.moved.iter().any(|m| m.cmyk == blue_ink));
    for pair in proof.moved.windows(2) {
        assert!(pair[0].delta_e >= pair[1].delta_e, "{:?}", proof.moved);
        assert_ne!(pair[0].rgb, pair[1].rgb);
    }
    for m in &proof.moved {
        assert!(m.panel == "front" || m.panel == "back", "{m:?}");
        assert_eq!(show.convert(&[m.cmyk])[0], m.proof, "{m:?}");
        assert!(m.delta_e > 1.0 && m.delta_e < 100.0, "{m:?}");
        assert!(m.x < sheet.width && m.y < sheet.height, "{m:?}");
    }
    // sRGB's pure green is far outside what the press prints: it moves most, found in the
    // front's square, 100 to 140 px of 245 across (6.125 in) from the front's
    // left edge (where the spine meets it), from the top of the sheet.
    let green = &proof.moved[0];
    assert_eq!((green.rgb, green.panel.as_str()), ([0, 255, 0], "front"));
    let px = 6.125 / 245.0;
    let from_fold = (green.x - (l.spine.x + l.spine.width)).to_inches();
    assert!(
        (100.0 * px..140.0 * px).contains(&from_fold),
        "{green:?} {from_fold}"
    );
    assert!(
        (100.0 * px..140.0 * px).contains(&green.y.to_inches()),
        "{green:?}"
    );
    assert!(green.delta_e > 20.0, "{green:?}");
}

#[test]
fn a_proof_of_art_kept_as_it_is_moves_nothing_and_refuses_a_resolution_out_of_range() {
    use podcover::cover::compose_with_proof;
    let (w, h) = (245, 370);
    let rgb = png(w, h, png::ColorType::Rgb, None, |_, _| [200, 40, 90]);
    let l = layout("kdp", "paperback", "white", "6x9", 300);
    let art = CoverArt::new(
        art("front.png", &rgb),
        art(
            "back.pdf",
            &common::solid_cmyk_pdf([432.0, 648.0], 0.0, [0.0, 0.0, 0.0, 0.5]),
        ),
    );
    let options = ComposeOptions::default();
    let (_, proof) = compose_with_proof(&l, &art, &options, 100).unwrap();
    assert!(proof.moved.is_empty());
    // PDF art is not drawn; the proof says so.
    assert_eq!(proof.not_drawn, ["back.pdf"]);
    let (pw, _, pixels) = decode_png(&proof.png);
    let y = (l.front.y + l.front.height / 2.0).to_inches() * 100.0;
    let x = (l.front.x + l.front.width / 2.0).to_inches() * 100.0;
    assert_eq!(pixels[y as usize * pw as usize + x as usize], [200, 40, 90]);
    let e = compose_with_proof(&l, &art, &options, 50).unwrap_err();
    assert_eq!(e.kind(), podcover::ErrorKind::InvalidValue);
    assert_eq!(
        e.to_string(),
        "invalid resolution \"50\": expected 72 to 1200 pixels per inch"
    );
}

#[test]
fn paperback_art_at_300_ppi_goes_on_a_kdp_hardcover_with_a_warning() {
    // KDP hardcover 6x9 white 300 pp: boards 6.197 x 9.236 in. The paperback's front, 6.125 x
    // 9.25 in with outer bleed exported at 300 ppi (1838 x 2775 px), is enlarged to 102.6% and
    // lands at 292 ppi. KDP publishes 300 ppi for paperbacks only ("cover-help"); the
    // hardcover's figure is an estimate, so the shortfall is a warning with the numbers.
    let l = layout("kdp", "hardcover", "white", "6x9", 300);
    let hardcover = common::product("kdp", "hardcover", "white");
    assert_eq!(hardcover.binding.enforced_min_image_ppi(), None);
    assert_eq!(
        common::product("kdp", "paperback", "white")
            .binding
            .enforced_min_image_ppi(),
        Some(300)
    );
    let front = art(
        "front.png",
        &png(1838, 2775, png::ColorType::Rgb, Some(300), |_, _| {
            [200, 30, 30]
        }),
    );
    let back = art(
        "back.png",
        &png(1838, 2775, png::ColorType::Rgb, Some(300), |_, _| {
            [30, 30, 200]
        }),
    );
    let arts = CoverArt::new(front, back);
    let cover = compose_with(&l, &arts, &ComposeOptions::for_binding(hardcover.binding)).unwrap();
    let resolution: Vec<&String> = cover
        .warnings
        .iter()
        .filter(|w| w.contains("ppi"))
        .collect();
    assert_eq!(
        resolution,
        [
            "back artwork back.png is 292 ppi where placed: 300 ppi at the book's trim it is made \
             for, enlarged to 102.6% for the back panel, under the 300 ppi print needs; it may \
             print soft (export it at 308 ppi or more to keep 300)",
            "front artwork front.png is 292 ppi where placed: 300 ppi at the book's trim it is \
             made for, enlarged to 102.6% for the front panel, under the 300 ppi print needs; it \
             may print soft (export it at 308 ppi or more to keep 300)",
        ]
    );
    // check agrees: a warning, not a failure.
    let report =
        podcover::preflight::check(podcover::Catalog::builtin(), &l, "c.pdf", &cover.pdf).unwrap();
    let found = report
        .findings
        .iter()
        .find(|f| f.check == "resolution")
        .unwrap();
    assert_eq!(
        found.status,
        podcover::preflight::Verdict::Warn,
        "{found:?}"
    );
    assert!(
        found
            .message
            .contains("kdp publishes no minimum for this binding; 300 is an estimate"),
        "{}",
        found.message
    );
    // Where the vendor publishes the minimum, the same shortfall is refused, with the numbers.
    let err = compose_with(&l, &arts, &ComposeOptions::new().min_image_ppi(Some(300))).unwrap_err();
    assert_eq!(
        err.kind(),
        podcover::ErrorKind::Compose(podcover::error::ComposeProblem::LowResolution)
    );
    assert_eq!(
        err.to_string(),
        "back artwork back.png is 292 ppi where placed: 300 ppi at the book's trim it is made \
         for, enlarged to 102.6% for the back panel; the vendor requires at least 300 ppi: \
         export it at 308 ppi or more"
    );
}

/// Renders page 1 of `pdf` at 72 dpi with `tool` (pdftoppm, mutool or gs) as RGB pixels, the
/// whole pixels of the sheet only (`w` x `h`, where a renderer may add a part-covered row or
/// column); asserts the renderer said nothing but the notice of a mutool built without colour
/// management.
#[track_caller]
fn render_with(tool: &str, pdf: &str, dir: &common::tools::Scratch, w: usize, h: usize) -> Vec<u8> {
    let out = dir.file(&format!("{tool}.ppm"));
    let args: Vec<String> = match tool {
        "pdftoppm" => vec!["-r".into(), "72".into(), pdf.into(), dir.file("pdftoppm")],
        "mutool" => ["draw", "-q", "-r", "72", "-o", &out, pdf]
            .map(String::from)
            .to_vec(),
        _ => [
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-dSAFER",
            "-sDEVICE=ppmraw",
            "-r72",
            &format!("-sOutputFile={out}"),
            pdf,
        ]
        .map(String::from)
        .to_vec(),
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let ran = common::tools::run(tool, &args);
    let said: Vec<String> = common::tools::stderr(&ran)
        .lines()
        .chain(common::tools::stdout(&ran).lines())
        .filter(|l| !l.trim().is_empty() && !l.contains("ICC support is not available"))
        .map(String::from)
        .collect();
    assert!(said.is_empty(), "{tool} said {said:?}");
    let path = if tool == "pdftoppm" {
        dir.file("pdftoppm-1.ppm")
    } else {
        out
    };
    let ppm = std::fs::read(&path).unwrap();
    // Binary PPM: P6, width, height, 255 (mutool adds a comment line), then the pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        if ppm[at] == b'#' {
            while ppm[at] != b'\n' {
                at += 1;
            }
            continue;
        }
        let start = at;
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8(ppm[start..at].to_vec()).unwrap());
    }
    let (pw, ph): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    assert!(
        pw >= w && ph >= h,
        "{tool} rendered {pw} x {ph} px, expected {w} x {h}"
    );
    let pixels = &ppm[at + 1..];
    (0..h)
        .flat_map(|y| pixels[y * pw * 3..(y * pw + w) * 3].iter().copied())
        .collect()
}

#[test]
fn edge_extension_renders_alike_in_poppler_mutool_and_ghostscript() {
    // KDP hardcover 6x9 white 300 pp from paperback art (6.125 x 9.25 in with outer bleed at
    // 300 ppi): its edges are repeated across the 0.46 to 0.5 in wrap, corners included.
    // Repeated as a tiny image stretched to a few ppi, poppler refused the corners ("Bogus
    // memory allocation size") and left them white; drawn at the art's resolution, the three
    // renderers agree within the rounding of their image scaling. Every colour changes
    // slowly (no hard edge the renderers' anti-aliasing would tell apart), and the spine's art
    // matches the panels beside it.
    let l = layout("kdp", "hardcover", "white", "6x9", 300);
    let shade = |t: f64, s: f64| -> [u8; 3] {
        [
            (40.0 + 120.0 * t + 40.0 * s) as u8,
            (60.0 + 30.0 * t) as u8,
            (140.0 - 100.0 * t) as u8,
        ]
    };
    let (w, h) = (1838, 2775);
    let panel = |away: fn(f64) -> f64| {
        png(w, h, png::ColorType::Rgb, Some(300), move |x, y| {
            shade(
                f64::from(y) / f64::from(h),
                away(f64::from(x) / f64::from(w)),
            )
        })
    };
    // The colour leaves the spine's shade towards each panel's outer edge.
    let front = art("front.png", &panel(|s| s));
    let back = art("back.png", &panel(|s| 1.0 - s));
    let spine = art(
        "spine.png",
        &png(260, h, png::ColorType::Rgb, Some(300), |_, y| {
            shade(f64::from(y) / f64::from(h), 0.0)
        }),
    );
    let cover = compose_with(
        &l,
        &CoverArt::new(front, back).spine(SpineArt::Artwork(Box::new(spine))),
        &ComposeOptions::new().extend(Extend::Edge),
    )
    .unwrap();
    assert!(
        cover.notes.iter().any(|n| n
            == "front artwork front.png: filled right 0.5016 in, top 0.4623 in, bottom 0.4623 in \
                by repeating its edge"),
        "{:#?}",
        cover.notes
    );
    let dir = common::tools::Scratch::new("edge-renderers");
    let pdf = dir.write("cover.pdf", &cover.pdf);
    let (sw, sh) = (
        (l.sheet.width.to_inches() * 72.0) as usize,
        (l.sheet.height.to_inches() * 72.0) as usize,
    );
    let renders: Vec<(&str, Vec<u8>)> = ["pdftoppm", "mutool", "gs"]
        .into_iter()
        .map(|tool| (tool, render_with(tool, &pdf, &dir, sw, sh)))
        .collect();
    // The corners are the art's corner colours, not the paper.
    let top_right = &renders[0].1[(sw - 2) * 3..(sw - 1) * 3];
    assert!(top_right.iter().any(|&c| c < 200), "{top_right:?}");
    // Where the spine's art meets a panel's, two images abut on one line inside a screen pixel,
    // and each renderer smooths the two edges in its own way (poppler lets a little paper show
    // through): not a fill, so the two pixel columns there are left out.
    let seams = [l.spine.x, l.spine.right()].map(|x| x.to_pt().floor() as usize);
    let kept = |i: &usize| !seams.contains(&((i / 3) % sw));
    for i in 0..renders.len() {
        for j in i + 1..renders.len() {
            let ((a, pa), (b, pb)) = (&renders[i], &renders[j]);
            let diffs: Vec<u8> = (0..pa.len())
                .filter(kept)
                .map(|k| pa[k].abs_diff(pb[k]))
                .collect();
            let mean = diffs.iter().map(|&d| f64::from(d)).sum::<f64>() / diffs.len() as f64;
            let max = diffs.iter().copied().max().unwrap();
            assert!(
                mean <= 2.0 && max <= 16,
                "{a} and {b} differ by a mean of {mean:.2} and at most {max}"
            );
        }
    }
}
