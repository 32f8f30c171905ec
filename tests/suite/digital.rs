//! Digital editions: the stores' cover images as catalog data, and images made from print
//! front art, read back with the decoders the crate uses and checked in their file headers.

use podcover::catalog::{DigitalKind, ImageFormat, PixelSize};
use podcover::cover::{compose_digital, Anchor, DigitalOptions, Fit, PrintFront};
use podcover::error::{ArtworkProblem, ComposeProblem};
use podcover::{Catalog, ErrorKind, TrimSize};

use crate::common::layout;

/// An RGB PNG whose pixel at (x, y) is `f(x, y)`, recording 300 ppi.
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
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&data)
        .unwrap();
    out
}

/// A 6x9 in front at 300 ppi with 0.125 in bleed all round (1875 x 2775 px): the bleed red,
/// the trim grey.
fn front_with_red_bleed() -> Vec<u8> {
    png_rgb(1875, 2775, |x, y| {
        let bleed = x < 38 || y < 38 || x >= 1837 || y >= 2737;
        if bleed {
            [255, 0, 0]
        } else {
            [128, 128, 128]
        }
    })
}

/// The width and height a JPEG's SOF0 or SOF2 segment gives, and its number of components.
#[track_caller]
fn jpeg_header(bytes: &[u8]) -> (u32, u32, u8) {
    let mut i = 2;
    while i + 9 < bytes.len() {
        assert_eq!(bytes[i], 0xFF, "a marker at {i}");
        let marker = bytes[i + 1];
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if marker == 0xC0 || marker == 0xC2 {
            let h = u32::from(u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]));
            let w = u32::from(u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]));
            return (w, h, bytes[i + 9]);
        }
        i += 2 + len;
    }
    panic!("no SOF segment");
}

/// Whether a JPEG carries an ICC profile (an APP2 `ICC_PROFILE` segment) that is sRGB: the
/// profile's bytes are moxcms's sRGB profile.
fn jpeg_has_srgb_icc(bytes: &[u8]) -> bool {
    let tag = b"ICC_PROFILE\0";
    let Some(at) = bytes.windows(tag.len()).position(|w| w == tag) else {
        return false;
    };
    // The segment's length is in the two bytes before the tag; then the tag, a sequence number
    // and a count.
    let len = usize::from(u16::from_be_bytes([bytes[at - 2], bytes[at - 1]]));
    let profile = &bytes[at + tag.len() + 2..at - 2 + len];
    let parsed = moxcms::ColorProfile::new_from_slice(profile).unwrap();
    let srgb = moxcms::ColorProfile::new_srgb().encode().unwrap();
    // The same profile but for its creation date (header bytes 24 to 35).
    let same = |a: &[u8], b: &[u8]| a.len() == b.len() && a[..24] == b[..24] && a[36..] == b[36..];
    same(profile, &srgb) && parsed.color_space == moxcms::DataColorSpace::Rgb
}

#[track_caller]
fn decode_jpeg(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    let cursor = zune_jpeg::zune_core::bytestream::ZCursor::new(bytes);
    let mut decoder = zune_jpeg::JpegDecoder::new(cursor);
    let pixels = decoder.decode().unwrap();
    let info = decoder.info().unwrap();
    (usize::from(info.width), usize::from(info.height), pixels)
}

#[test]
fn stores_sizes_are_catalog_data_with_their_sources() {
    let catalog = Catalog::builtin();
    let kdp = catalog
        .digital("kdp".parse().unwrap(), "ebook".parse().unwrap())
        .unwrap();
    // KDP Help G6GTK3T3NUHKLEFX: ideal 2,560 x 1,600 px, minimum 1,000 x 625, 50MB.
    assert_eq!(
        kdp.size.value,
        PixelSize {
            width: 1600,
            height: 2560
        }
    );
    assert_eq!(
        kdp.min_size.value,
        PixelSize {
            width: 625,
            height: 1000
        }
    );
    assert_eq!(kdp.formats.value, [ImageFormat::Jpeg, ImageFormat::Tiff]);
    assert_eq!(kdp.file_size.as_ref().unwrap().value, 50_000_000);
    assert!(kdp
        .size
        .source
        .url
        .as_deref()
        .unwrap()
        .contains("G6GTK3T3NUHKLEFX"));
    let acx = catalog
        .digital("acx".parse().unwrap(), "audiobook".parse().unwrap())
        .unwrap();
    assert_eq!(acx.kind, DigitalKind::Audiobook);
    // ACX: no smaller than 2400 x 2400 px; 3000 x 3000 the common choice (a third party's).
    assert_eq!(
        acx.min_size.value,
        PixelSize {
            width: 2400,
            height: 2400
        }
    );
    assert_eq!(acx.size.value.aspect(), 1.0);
    assert_eq!(acx.size.confidence.as_str(), "estimate");
    let generic = catalog
        .digital("generic".parse().unwrap(), "ebook".parse().unwrap())
        .unwrap();
    assert_eq!(
        generic.size.value,
        PixelSize {
            width: 1600,
            height: 2400
        }
    );
    // Digital editions are no print products: compare and the trim list leave them out.
    assert!(catalog
        .vendor("acx".parse().unwrap())
        .unwrap()
        .bindings
        .is_empty());
    let offers = catalog.compare(&"6x9".parse().unwrap(), 200, None);
    assert!(offers
        .iter()
        .all(|o| o.vendor != "acx" && o.vendor != "generic"));
}

#[test]
fn unknown_products_and_print_commands_on_digital_vendors_say_what_is_allowed() {
    let catalog = Catalog::builtin();
    let e = catalog
        .digital("kdp".parse().unwrap(), "audiobook".parse().unwrap())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnknownBinding);
    assert_eq!(
        e.to_string(),
        "unknown product \"audiobook\" for kdp; expected one of: ebook"
    );
    let e = catalog
        .product(
            "acx".parse().unwrap(),
            "paperback".parse().unwrap(),
            "white".parse().unwrap(),
        )
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "acx makes digital editions only (audiobook), no print binding such as \"paperback\""
    );
}

#[test]
fn a_stock_file_refuses_a_size_below_the_stores_minimum() {
    let text = r#"
[vendor]
id = "shop"
name = "Shop"
[sources.s]
title = "Shop help"
date = "2026-12"
[[digital]]
id = "ebook"
name = "Ebook"
kind = "ebook"
size = { value = "600x900px", source = "s", confidence = "published" }
min_size = { value = "1000x1500px", source = "s", confidence = "published" }
formats = { value = ["jpeg"], source = "s", confidence = "published" }
color = { value = "rgb", source = "s", confidence = "published" }
"#;
    let e = Catalog::empty().add_stock("shop.toml", text).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::StockFile);
    assert_eq!(
        e.to_string(),
        "shop.toml: digital \"ebook\" field \"size\": size 600 x 900 px is smaller than \
         min_size 1000 x 1500 px"
    );
}

#[test]
fn kdp_ebook_from_paperback_art_drops_the_bleed_and_is_tagged_srgb() {
    let catalog = Catalog::builtin();
    let product = catalog
        .digital("kdp".parse().unwrap(), "ebook".parse().unwrap())
        .unwrap();
    let print = PrintFront::of(&layout("kdp", "paperback", "white", "6x9", 200));
    let options = DigitalOptions::new().fit(Fit::Crop, Anchor::CENTER);
    let cover = compose_digital(
        "front.png",
        &front_with_red_bleed(),
        product,
        Some(&print),
        &options,
    )
    .unwrap();
    assert_eq!(jpeg_header(&cover.image), (1600, 2560, 3));
    assert!(jpeg_has_srgb_icc(&cover.image));
    let (w, h, px) = decode_jpeg(&cover.image);
    assert_eq!((w, h), (1600, 2560));
    // Every pixel grey: no red bleed left at any edge.
    let reddest = px
        .chunks_exact(3)
        .map(|p| i32::from(p[0]) - i32::from(p[1]))
        .max()
        .unwrap();
    assert!(
        reddest <= 3,
        "bleed left in the image: red above green by {reddest}"
    );
    assert!(cover.warnings.is_empty(), "{:?}", cover.warnings);
    // The same art makes the same file (the profile's date is fixed).
    let again = compose_digital(
        "front.png",
        &front_with_red_bleed(),
        product,
        Some(&print),
        &options,
    )
    .unwrap();
    assert_eq!(again.image, cover.image);
}

#[test]
fn art_of_other_proportions_needs_a_fit() {
    let catalog = Catalog::builtin();
    let product = catalog
        .digital("kdp".parse().unwrap(), "ebook".parse().unwrap())
        .unwrap();
    let front = png_rgb(600, 900, |_, _| [10, 20, 30]);
    let e =
        compose_digital("front.png", &front, product, None, &DigitalOptions::new()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Compose(ComposeProblem::WrongSize));
    assert_eq!(
        e.to_string(),
        "the front's trim is 600 x 900 px (height 1.500 times the width), and kdp ebook is \
         1600 x 2560 px (height 1.600 times the width); choose a fit: crop (cut to the store's \
         proportions), extend (the edges mirrored outwards) or color (a flat colour around it)"
    );
}

#[test]
fn audiobook_square_with_a_colour_fit_and_a_png_for_the_generic_ebook() {
    let catalog = Catalog::builtin();
    let acx = catalog
        .digital("acx".parse().unwrap(), "audiobook".parse().unwrap())
        .unwrap();
    // A plain 2:3 front, 2000 x 3000 px: fitted into a square with dark blue at each side.
    let front = png_rgb(2000, 3000, |_, _| [250, 250, 250]);
    let options = DigitalOptions::new()
        .fit(Fit::Color, Anchor::CENTER)
        .background([0, 0, 128]);
    let cover = compose_digital("front.png", &front, acx, None, &options).unwrap();
    assert_eq!(jpeg_header(&cover.image), (3000, 3000, 3));
    let (w, _, px) = decode_jpeg(&cover.image);
    let at = |x: usize, y: usize| &px[(y * w + x) * 3..(y * w + x) * 3 + 3];
    assert!(
        at(20, 1500)[2] > 100 && at(20, 1500)[0] < 30,
        "{:?}",
        at(20, 1500)
    );
    assert!(
        at(1500, 1500).iter().all(|&v| v > 240),
        "{:?}",
        at(1500, 1500)
    );
    assert!(cover.warnings.is_empty());

    let generic = catalog
        .digital("generic".parse().unwrap(), "ebook".parse().unwrap())
        .unwrap();
    let small = png_rgb(400, 600, |x, _| [(x % 256) as u8, 0, 0]);
    let png = compose_digital(
        "front.png",
        &small,
        generic,
        None,
        &DigitalOptions::new().format(ImageFormat::Png),
    )
    .unwrap();
    // IHDR: width, height, 8 bits, colour type 2 (RGB); an sRGB chunk follows.
    assert_eq!(&png.image[12..16], b"IHDR");
    assert_eq!(
        u32::from_be_bytes(png.image[16..20].try_into().unwrap()),
        1600
    );
    assert_eq!(
        u32::from_be_bytes(png.image[20..24].try_into().unwrap()),
        2400
    );
    assert_eq!((png.image[24], png.image[25]), (8, 2));
    assert!(png.image.windows(4).any(|w| w == b"sRGB"));
    let decoder = png::Decoder::new(std::io::Cursor::new(&png.image));
    let reader = decoder.read_info().unwrap();
    assert_eq!(reader.info().size(), (1600, 2400));
    // 400 px enlarged to 1600: four times, over the stated factor.
    assert_eq!(png.warnings.len(), 1);
    assert!(
        png.warnings[0].starts_with("the front's trim was enlarged 4.00 times"),
        "{}",
        png.warnings[0]
    );
}

#[test]
fn a_store_that_does_not_take_the_format_and_pdf_art_are_refused() {
    let catalog = Catalog::builtin();
    let kdp = catalog
        .digital("kdp".parse().unwrap(), "ebook".parse().unwrap())
        .unwrap();
    let front = png_rgb(100, 160, |_, _| [0; 3]);
    let e = compose_digital(
        "front.png",
        &front,
        kdp,
        None,
        &DigitalOptions::new().format(ImageFormat::Png),
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
    assert_eq!(
        e.to_string(),
        "invalid image format \"PNG\": expected a format kdp ebook takes: JPEG or TIFF"
    );
    let pdf = crate::common::solid_pdf([432.0, 648.0], 0.0, [1.0, 0.0, 0.0]);
    let e = compose_digital("front.pdf", &pdf, kdp, None, &DigitalOptions::new()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Artwork(ArtworkProblem::NotAnImage));
    assert!(
        e.to_string()
            .starts_with("cannot read artwork front.pdf: a PDF front cannot be made into an image"),
        "{e}"
    );
}

#[test]
fn cmyk_art_is_converted_to_srgb_and_a_flat_front_of_a_trim_loses_its_bleed() {
    // A CMYK JPEG (Adobe, inverted) of full cyan, 6x9 in with 0.125 in bleed at 100 ppi.
    let mut jpeg = Vec::new();
    let encoder = jpeg_encoder::Encoder::new(&mut jpeg, 95);
    let data: Vec<u8> = (0..625 * 925).flat_map(|_| [255, 0, 0, 0]).collect();
    encoder
        .encode(&data, 625, 925, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    let generic = Catalog::builtin()
        .digital("generic".parse().unwrap(), "ebook".parse().unwrap())
        .unwrap();
    let trim: TrimSize = "6x9".parse().unwrap();
    let front = PrintFront::flat(trim, podcover::Length::inches(0.125));
    let cover = compose_digital(
        "front.jpg",
        &jpeg,
        generic,
        Some(&front),
        &DigitalOptions::new(),
    )
    .unwrap();
    assert!(cover
        .notes
        .iter()
        .any(|n| n.starts_with("converted the CMYK front to sRGB")));
    // 12.5 px of bleed on each side: the pixels the trim line crosses are left out.
    assert!(
        cover
            .notes
            .iter()
            .any(|n| n.contains("599 x 899 px of its 625 x 925 px")),
        "{:?}",
        cover.notes
    );
    let (w, h, px) = decode_jpeg(&cover.image);
    assert_eq!((w, h), (1600, 2400));
    // Cyan ink shows as a light blue: little red, much green and blue.
    let p = &px[(1200 * w + 800) * 3..(1200 * w + 800) * 3 + 3];
    assert!(p[0] < 80 && p[1] > 140 && p[2] > 200, "{p:?}");
}
