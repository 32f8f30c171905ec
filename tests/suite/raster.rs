//! JPEG and PNG artwork: embedded as it is (JPEG) or decoded once (PNG), placed by the size a
//! designer exported, with its resolution reported; checked by rendering with pdftoppm.

use crate::common;
use crate::common::{layout, pixel, render, scratch};
use podcover::{compose, compose_with, Artwork, Cmyk, ComposeOptions, CoverArt, Extend};

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
    let strict = ComposeOptions {
        min_image_ppi: Some(300),
        ..ComposeOptions::default()
    };
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
        assert!(Artwork::from_bytes("x", &good[..cut]).is_err(), "{cut}");
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
        assert!(Artwork::from_bytes("x", &png_ok[..cut]).is_err(), "{cut}");
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
        &ComposeOptions {
            extend: Extend::Color(Cmyk::new(0.0, 0.0, 0.0, 1.0)),
            ..ComposeOptions::default()
        },
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
        &CoverArt {
            barcode: Some(("9780306406157".parse().unwrap(), "51699".parse().unwrap())),
            ..CoverArt::new(front, back)
        },
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
