//! Digital editions: the stores' cover images as catalog data, and images made from print
//! front art, read back with the decoders the crate uses and checked in their file headers.

use podcover::catalog::{DigitalKind, ImageFormat, PixelSize};
use podcover::cover::{compose_digital, Anchor, DigitalOptions, Fit, PrintFront};
use podcover::error::{ArtworkProblem, ComposeProblem};
use podcover::{Catalog, ErrorKind, TrimSize};

use crate::common::{self, layout};

/// A 6x9 in front at 300 ppi with 0.125 in bleed all round (1875 x 2775 px): the bleed red,
/// the trim grey.
fn front_with_red_bleed() -> Vec<u8> {
    common::png_rgb(1875, 2775, |x, y| {
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
    let front = common::png_rgb(600, 900, |_, _| [10, 20, 30]);
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
    let front = common::png_rgb(2000, 3000, |_, _| [250, 250, 250]);
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
    let small = common::png_rgb(400, 600, |x, _| [(x % 256) as u8, 0, 0]);
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
    let front = common::png_rgb(100, 160, |_, _| [0; 3]);
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

/// A scratch folder with the 6x9 in front of [`front_with_red_bleed`] at `art/front.png`.
fn batch_folder(tag: &str) -> std::path::PathBuf {
    let dir = crate::common::scratch(tag);
    std::fs::create_dir_all(dir.join("art")).unwrap();
    std::fs::write(dir.join("art/front.png"), front_with_red_bleed()).unwrap();
    dir
}

fn batch_run(dir: &std::path::Path, text: &str) -> podcover::batch::Report {
    let manifest = podcover::batch::Manifest::parse("m.toml", text).unwrap();
    let options = podcover::batch::BatchOptions::new(dir, dir.join("out")).threads(2);
    podcover::batch::run(Catalog::builtin(), &manifest, &options, &|_| {}).unwrap()
}

/// A title with print covers for KDP and IngramSpark and the KDP ebook, a generic ebook (a
/// PNG) and the ACX audiobook, all from one front PNG; `acx_background` is the audiobook's.
fn every_edition(acx_background: &str) -> String {
    format!(
        r#"
[[book]]
id = "harbor"
trim = "6x9"
pages = 240
isbn = "9780306406157"
front = "art/front.png"
back_color = [0, 0, 0, 1]
spine_color = [0, 0, 0, 1]
[[book.target]]
vendor = "kdp"
binding = "paperback"
paper = "white"
[[book.target]]
vendor = "ingramspark"
binding = "paperback"
paper = "white"
[[book.target]]
vendor = "kdp"
product = "ebook"
fit = "crop"
[[book.target]]
vendor = "generic"
product = "ebook"
format = "png"
[[book.target]]
vendor = "acx"
product = "audiobook"
fit = "color"
background = "{acx_background}"
quality = 85
"#
    )
}

/// Each target's file name and status.
fn statuses(report: &podcover::batch::Report) -> Vec<(String, podcover::batch::Status)> {
    report.titles[0]
        .targets
        .iter()
        .map(|t| (t.target.file_name(), t.status))
        .collect()
}

/// What the notes say of the trim of [`front_with_red_bleed`] as the KDP paperback's front.
const TRIM_TAKEN: &str = "took the trim of the front, 1799 x 2699 px of its 1875 x 2775 px \
                          (bleed, wrap and overhang removed, as for the kdp paperback 6x9in cover)";

#[test]
fn batch_makes_the_print_covers_and_every_digital_edition_from_one_front_png() {
    use podcover::batch::Status::{Built, Unchanged};
    let dir = batch_folder("every-edition");
    let report = batch_run(&dir, &every_edition("101828"));
    let targets = &report.titles[0].targets;
    let files: Vec<&str> = targets.iter().map(|t| t.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "harbor/kdp-paperback-white.pdf",
            "harbor/ingramspark-paperback-white.pdf",
            "harbor/kdp-ebook.jpg",
            "harbor/generic-ebook.png",
            "harbor/acx-audiobook.jpg",
        ]
    );
    // The print covers: the RGB front converted to CMYK for IngramSpark, and both pass check.
    for t in &targets[..2] {
        assert_eq!(t.status, Built, "{} {:?}", t.file, t.error);
        assert!(t.check.is_some(), "{}", t.file);
    }
    for t in &targets[2..] {
        assert_eq!(t.status, Built, "{} {:?}", t.file, t.error);
        assert_eq!(
            (t.spine_width, t.full_width, t.full_height),
            (None, None, None)
        );
        assert!(t.check.is_none(), "{}", t.file);
        assert!(
            t.notes
                .iter()
                .any(|n| n.starts_with("not checked: check is for print PDFs")),
            "{:?}",
            t.notes
        );
        assert_eq!(
            t.written_size,
            Some(
                std::fs::metadata(dir.join("out").join(&t.file))
                    .unwrap()
                    .len()
            )
        );
    }
    // The trim taken as the KDP paperback's front has it: the bleed all round removed (0.125 in
    // is 37.5 px at 300 ppi; the pixels the trim's edge cuts are left out).
    assert!(
        targets[2].notes.iter().any(|n| n.starts_with(TRIM_TAKEN)),
        "{:?}",
        targets[2].notes
    );
    let read = |t: usize| std::fs::read(dir.join("out").join(&targets[t].file)).unwrap();
    let (kdp, generic, acx) = (read(2), read(3), read(4));
    // KDP's ebook: 1600 x 2560 px, three components, tagged sRGB, no red bleed left.
    assert_eq!(jpeg_header(&kdp), (1600, 2560, 3));
    assert!(jpeg_has_srgb_icc(&kdp));
    let (_, _, px) = decode_jpeg(&kdp);
    let reddest = px
        .chunks_exact(3)
        .map(|p| i32::from(p[0]) - i32::from(p[1]))
        .max()
        .unwrap();
    assert!(
        reddest <= 3,
        "bleed left in the ebook: red above green by {reddest}"
    );
    // The generic ebook: a 1600 x 2400 px 8-bit RGB PNG with an sRGB chunk.
    assert_eq!(&generic[12..16], b"IHDR");
    assert_eq!(
        u32::from_be_bytes(generic[16..20].try_into().unwrap()),
        1600
    );
    assert_eq!(
        u32::from_be_bytes(generic[20..24].try_into().unwrap()),
        2400
    );
    assert_eq!((generic[24], generic[25]), (8, 2));
    assert!(generic.windows(4).any(|w| w == b"sRGB"));
    // ACX's audiobook: 3000 x 3000 px, tagged sRGB, the background at the sides.
    assert_eq!(jpeg_header(&acx), (3000, 3000, 3));
    assert!(jpeg_has_srgb_icc(&acx));
    let (w, _, px) = decode_jpeg(&acx);
    let at = |x: usize, y: usize| &px[(y * w + x) * 3..(y * w + x) * 3 + 3];
    let side = at(20, 1500);
    assert!(
        (i32::from(side[0]) - 0x10).abs() <= 4 && (i32::from(side[2]) - 0x28).abs() <= 4,
        "{side:?}"
    );
    let sizes: Vec<String> = targets[2..]
        .iter()
        .map(|t| t.image_size.unwrap().to_string())
        .collect();
    assert_eq!(
        sizes,
        ["1600 x 2560 px", "1600 x 2400 px", "3000 x 3000 px"]
    );
    // The report says which product each image is for.
    let json = std::fs::read_to_string(dir.join("out/report.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let acx = &json["titles"][0]["targets"][4];
    assert_eq!(
        [&acx["vendor"], &acx["product"], &acx["format"]],
        ["acx", "audiobook", "jpeg"]
    );
    assert!(acx["binding"].is_null() && acx["paper"].is_null(), "{acx}");
    assert_eq!(
        acx["image_size"],
        serde_json::json!({"width": 3000, "height": 3000})
    );
    assert_eq!(acx["full_width"], serde_json::Value::Null);

    // Run again: nothing changed, nothing built.
    let again = batch_run(&dir, &every_edition("101828"));
    let rebuilt: Vec<_> = statuses(&again)
        .into_iter()
        .filter(|(_, s)| *s != Unchanged)
        .collect();
    assert!(rebuilt.is_empty(), "{:?}", statuses(&again));
    assert_eq!(again.titles[0].targets[4].image_size, targets[4].image_size);
    // The audiobook's background changes: it alone is rebuilt.
    let recoloured = batch_run(&dir, &every_edition("000000"));
    let built: Vec<String> = statuses(&recoloured)
        .into_iter()
        .filter(|(_, s)| *s == Built)
        .map(|(f, _)| f)
        .collect();
    assert_eq!(built, ["acx-audiobook.jpg"]);
    assert_eq!(recoloured.titles[0].targets[4].changes, ["inputs changed"]);
    // New front art: every edition is rebuilt.
    let front = common::png_rgb(1875, 2775, |x, _| [128, (x % 200) as u8, 128]);
    std::fs::write(dir.join("art/front.png"), front).unwrap();
    let redrawn = batch_run(&dir, &every_edition("000000"));
    let not_built: Vec<String> = statuses(&redrawn)
        .into_iter()
        .filter(|(_, s)| *s != Built)
        .map(|(f, _)| f)
        .collect();
    assert!(not_built.is_empty(), "{not_built:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn batch_digital_targets_in_the_manifest_are_checked_field_by_field() {
    let book = "[[book]]\nid = \"a\"\ntrim = \"6x9\"\npages = 100\nfront = \"f.png\"\n\
                back_color = [0, 0, 0, 1]\n[[book.target]]\nvendor = \"kdp\"\n";
    let err = |target: &str| {
        podcover::batch::Manifest::parse("m.toml", &format!("{book}{target}"))
            .unwrap_err()
            .to_string()
    };
    let cases = [
        (
            "binding = \"paperback\"\npaper = \"white\"\nproduct = \"ebook\"\n",
            "m.toml: book \"a\" target 1: give binding and paper (a print cover) or product (a \
             digital edition), not both",
        ),
        (
            "binding = \"paperback\"\n",
            "m.toml: book \"a\" target 1: give binding and paper for a print cover, or product \
             for a digital edition",
        ),
        (
            "binding = \"paperback\"\npaper = \"white\"\nfit = \"crop\"\n",
            "m.toml: book \"a\" target 1 field \"fit\": only a digital edition (product) takes \
             it; a print cover is a PDF",
        ),
        (
            "product = \"ebook\"\nanchor = \"top\"\n",
            "m.toml: book \"a\" target 1 field \"anchor\": anchor places the art of a fit: give \
             fit too (crop, extend or color)",
        ),
        (
            "product = \"ebook\"\nfit = \"stretch\"\n",
            "m.toml: book \"a\" target 1 field \"fit\": invalid fit \"stretch\": expected crop, \
             extend or color",
        ),
        (
            "product = \"ebook\"\nquality = 0\n",
            "m.toml: book \"a\" target 1 field \"quality\": invalid JPEG quality 0: expected a \
             whole number from 1 to 100",
        ),
        (
            "product = \"ebook\"\nformat = \"png\"\nquality = 80\n",
            "m.toml: book \"a\" target 1 field \"quality\": quality sets a JPEG's compression; \
             a PNG has none: remove it",
        ),
        (
            "product = \"ebook\"\nformat = \"tiff\"\n",
            "m.toml: book \"a\" target 1 field \"format\": invalid image format \"tiff\": \
             expected jpeg or png",
        ),
        (
            "product = \"ebook\"\nbackground = \"navy\"\n",
            "m.toml: book \"a\" target 1 field \"background\": invalid colour \"navy\": \
             expected RRGGBB, e.g. ffffff or 1a2b3c",
        ),
        (
            "product = \"ebook\"\nformat = \"png\"\n[[book.target]]\nvendor = \"kdp\"\n\
             product = \"ebook\"\nformat = \"png\"\nfit = \"crop\"\n",
            "m.toml: book \"a\": [[book.target]] kdp ebook (PNG) is listed twice",
        ),
    ];
    for (target, message) in cases {
        assert_eq!(err(target), message, "{target}");
    }
    // A whole cover has no front to make an image of; a title of digital editions alone
    // needs its front and trim only, and the trim is required.
    let whole = "[[book]]\nid = \"a\"\ntrim = \"6x9\"\npages = 100\ncover = \"c.pdf\"\n\
                 made_for = { vendor = \"kdp\", binding = \"paperback\", paper = \"white\", \
                 pages = 90 }\n[[book.target]]\nvendor = \"kdp\"\nproduct = \"ebook\"\n";
    let e = podcover::batch::Manifest::parse("m.toml", whole).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Manifest);
    assert_eq!(
        e.to_string(),
        "m.toml: book \"a\": a digital edition is made from the front art: give front"
    );
    let alone = "[[book]]\nid = \"a\"\nfront = \"f.png\"\n[[book.target]]\nvendor = \"acx\"\n\
                 product = \"audiobook\"\nfit = \"crop\"\n";
    assert_eq!(
        podcover::batch::Manifest::parse("m.toml", alone)
            .unwrap_err()
            .to_string(),
        "m.toml: book \"a\": give trim: the front art of a digital edition is cut to it"
    );
    let with_trim = alone.replace("front =", "trim = \"6x9\"\nfront =");
    let manifest = podcover::batch::Manifest::parse("m.toml", &with_trim).unwrap();
    assert_eq!(manifest.book[0].target[0].file_name(), "acx-audiobook.jpg");
}

#[test]
fn batch_a_failed_edition_is_reported_the_rest_built_and_a_stopped_run_recovered() {
    use podcover::batch::Status::{Built, Failed, Unchanged};
    let dir = batch_folder("edition-fails");
    // The KDP ebook without a fit fails; the generic ebook of the same title is built, and so
    // is a title of digital editions alone (a flat front of its trim, no print cover).
    let text = r#"
[[book]]
id = "harbor"
trim = "6x9"
pages = 240
front = "art/front.png"
back_color = [0, 0, 0, 1]
[[book.target]]
vendor = "kdp"
product = "ebook"
[[book.target]]
vendor = "generic"
product = "ebook"

[[book]]
id = "audio-only"
trim = "6x9"
front = "art/front.png"
[[book.target]]
vendor = "acx"
product = "audiobook"
fit = "crop"
anchor = "top"
"#;
    let report = batch_run(&dir, text);
    let harbor = &report.titles[0].targets;
    assert_eq!(harbor[0].status, Failed);
    assert_eq!(
        harbor[0].error.as_deref(),
        Some(
            "the front's trim is 1799 x 2699 px (height 1.500 times the width), and kdp ebook is \
             1600 x 2560 px (height 1.600 times the width); choose a fit: crop (cut to the store's \
             proportions), extend (the edges mirrored outwards) or color (a flat colour around \
             it) (fit in the target, with anchor where the middle is not the part to keep)"
        )
    );
    assert!(!dir.join("out/harbor/kdp-ebook.jpg").exists());
    assert_eq!(harbor[1].status, Built, "{:?}", harbor[1].error);
    let audio = &report.titles[1].targets[0];
    assert_eq!(audio.status, Built, "{:?}", audio.error);
    // No print target: the front is taken as a flat 6x9 in front with the usual bleed.
    assert_eq!(
        audio.notes[0],
        "took the trim of the front, 1799 x 2699 px of its 1875 x 2775 px (bleed, wrap and \
         overhang removed, as for the 6x9in front with 0.125 in bleed)"
    );
    let acx = std::fs::read(dir.join("out/audio-only/acx-audiobook.jpg")).unwrap();
    assert_eq!(jpeg_header(&acx), (3000, 3000, 3));
    assert_eq!(report.counts(), (2, 0, 1));

    // A run stopped after its images were written leaves no report, only the journal it
    // appends to as it goes: the next plain run knows the images as its own.
    let journal: String = report
        .titles
        .iter()
        .flat_map(|t| t.targets.iter().map(move |r| (t.id.as_str(), r)))
        .filter(|(_, r)| r.status == Built)
        .map(|(id, r)| {
            let entry = serde_json::json!({ "id": id, "report": r });
            format!("{entry}\n")
        })
        .collect();
    std::fs::remove_file(dir.join("out/report.json")).unwrap();
    std::fs::write(dir.join("out/report.json.journal"), journal).unwrap();
    let rerun = batch_run(&dir, text);
    let statuses: Vec<_> = rerun
        .titles
        .iter()
        .flat_map(|t| t.targets.iter().map(|r| (r.file.as_str(), r.status)))
        .collect();
    assert_eq!(
        statuses,
        [
            ("harbor/kdp-ebook.jpg", Failed),
            ("harbor/generic-ebook.jpg", Unchanged),
            ("audio-only/acx-audiobook.jpg", Unchanged),
        ]
    );
    assert!(!dir.join("out/report.json.journal").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
