//! Templates and barcodes as PNG: read back for their pixel size, recorded resolution, what is
//! drawn where, and whether zbar decodes the barcode.

use crate::common;
use crate::common::{layout, scratch};
use podcover::draw::{Template, TemplateOptions};

/// Decodes a PNG: (width, height, RGB pixels, pixels per metre from pHYs).
fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>, Option<u32>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let dims = reader.info().pixel_dims.map(|d| {
        assert_eq!(d.unit, png::Unit::Meter);
        assert_eq!(d.xppu, d.yppu);
        d.xppu
    });
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    buf.truncate(frame.buffer_size());
    // A greyscale PNG (a barcode alone) is read as RGB, so every test can look at it alike.
    let buf = match frame.color_type {
        png::ColorType::Rgb => buf,
        png::ColorType::Grayscale => buf.iter().flat_map(|&v| [v, v, v]).collect(),
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (frame.width, frame.height, buf, dims)
}

/// The PNG's colour type, from its header.
fn color_type(bytes: &[u8]) -> png::ColorType {
    png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap()
        .info()
        .color_type
}

/// The pixel at a point given in inches from the sheet's lower-left corner.
fn at(image: &(u32, u32, Vec<u8>, Option<u32>), ppi: f64, x: f64, y: f64) -> [u8; 3] {
    let (w, h, data, _) = image;
    let px = ((x * ppi) as usize).min(*w as usize - 1);
    let py = (*h as usize - 1).saturating_sub((y * ppi) as usize);
    let i = (py * *w as usize + px) * 3;
    [data[i], data[i + 1], data[i + 2]]
}

#[track_caller]
fn zbar(png: &[u8]) -> Vec<String> {
    // Tests run on several threads of one process: each call takes its own folder.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = scratch(&format!("png-zbar-{call}"));
    let path = dir.join("t.png");
    std::fs::write(&path, png).unwrap();
    let out = std::process::Command::new("zbarimg")
        .args(["-q", "--set", "ean5.enable=1"])
        .arg(&path)
        .output()
        .expect("zbarimg (zbar-tools) is installed");
    std::fs::remove_dir_all(&dir).unwrap();
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

#[test]
fn a_png_template_has_the_sheet_size_its_resolution_and_a_barcode_that_decodes() {
    // KDP cream 318 pp 6x9: sheet 13.045 x 9.25 in (KDP Help G201953020); at 300 ppi
    // 3913.5 -> 3914 by 2775 px.
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let options = TemplateOptions::new()
        .isbn("9780306406157".parse().unwrap())
        .price("51699".parse().unwrap());
    let png = Template::new(&l, &options).unwrap().to_png(300).unwrap();
    // The template has coloured tints: RGB.
    assert_eq!(color_type(&png), png::ColorType::Rgb);
    let image = decode(&png);
    assert_eq!((image.0, image.1), (3914, 2775));
    // 300 ppi is 11811 pixels per metre.
    assert_eq!(image.3, Some(11811));
    assert_eq!(zbar(&png), ["EAN-13:9780306406157", "EAN-5:51699"]);
    // The guides: the spine's grey tint, the bleed's red tint, white paper in the panels.
    let spine = at(&image, 300.0, 6.125 + 0.3975, 4.0);
    assert!(spine[0] < 240 && spine[0] == spine[1], "{spine:?}");
    let bleed = at(&image, 300.0, 0.05, 4.0);
    assert!(bleed[0] > 230 && bleed[1] < 230, "{bleed:?}");
    assert_eq!(at(&image, 300.0, 3.0, 6.5), [255, 255, 255]);
    // "BACK COVER" is drawn across the back panel's centre (grey strokes).
    let (w, _, data, _) = &image;
    let row = (2775 - (4.625 * 300.0) as usize - 20) * *w as usize * 3;
    let ink = (0..(6.125 * 300.0) as usize)
        .filter(|x| data[row + x * 3] < 200)
        .count();
    assert!(ink > 50, "{ink} dark pixels on the back label's row");
    // The bars (pure black; the guides' labels are 80% grey) lie in the layout's barcode box,
    // measured from the top-left as the PNG's rows are: 7.675 in down the sheet, near its
    // bottom. None lie at the mirrored place near the top.
    let black_in = |r: podcover::units::Rect| {
        let px = |v: podcover::Length| (v.to_inches() * 300.0) as usize;
        let mut n = 0;
        for y in px(r.top())..px(r.bottom()) {
            for x in px(r.x)..px(r.right()) {
                let i = (y * *w as usize + x) * 3;
                n += usize::from(data[i..i + 3].iter().all(|c| *c < 20));
            }
        }
        n
    };
    let b = l.barcode;
    common::assert_in(b.y, 7.675, 1e-9);
    let mirrored = podcover::units::Rect::new(b.x, l.sheet.height - b.bottom(), b.width, b.height);
    let (inside, opposite) = (black_in(b), black_in(mirrored));
    assert!(
        inside > 10_000 && opposite == 0,
        "{inside} black pixels in the barcode box, {opposite} at the mirrored place"
    );
}

#[test]
fn png_resolutions_are_checked() {
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let t = Template::new(&l, &TemplateOptions::new()).unwrap();
    assert_eq!(
        t.to_png(10).unwrap_err().to_string(),
        "invalid resolution \"10\": expected 72 to 1200 pixels per inch"
    );
    let png = t.to_png(72).unwrap();
    let image = decode(&png);
    assert_eq!((image.0, image.1), (940, 666));
    assert_eq!(image.3, Some(2835));
}

#[test]
fn a_barcode_alone_decodes_as_png_and_pdf_at_every_scale() {
    let isbn = "978-0-306-40615-7".parse().unwrap();
    for scale in [80, 92, 100] {
        let barcode =
            podcover::draw::Bookland::new(&isbn, "51699".parse().unwrap(), scale).unwrap();
        let png = barcode.to_png(600).unwrap();
        // Black on white in one grey channel: placed in a layout program, it prints on the
        // black plate only, never as rich black.
        assert_eq!(color_type(&png), png::ColorType::Grayscale, "{scale}%");
        let image = decode(&png);
        // 600 ppi is 23622 pixels per metre; the pixel size is the box's.
        assert_eq!(image.3, Some(23622));
        assert_eq!(
            image.0,
            (barcode.size.width.to_inches() * 600.0).ceil() as u32
        );
        assert_eq!(
            zbar(&png),
            ["EAN-13:9780306406157", "EAN-5:51699"],
            "{scale}%"
        );
        // The PDF, rendered by poppler, decodes too, and qpdf finds it sound.
        let pdf = barcode.to_pdf().unwrap();
        let dir = scratch("barcode-pdf");
        std::fs::write(dir.join("b.pdf"), &pdf).unwrap();
        let qpdf = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(dir.join("b.pdf"))
            .output()
            .expect("qpdf is installed");
        assert!(qpdf.status.success());
        let out = std::process::Command::new("pdftoppm")
            .args(["-r", "600", "-png", "-singlefile"])
            .arg(dir.join("b.pdf"))
            .arg(dir.join("b"))
            .output()
            .expect("pdftoppm is installed");
        assert!(out.status.success());
        let rendered = std::fs::read(dir.join("b.png")).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            zbar(&rendered),
            ["EAN-13:9780306406157", "EAN-5:51699"],
            "{scale}%"
        );
    }
    assert_eq!(
        podcover::draw::Bookland::new(&isbn, "90000".parse().unwrap(), 79)
            .unwrap_err()
            .to_string(),
        "invalid barcode scale \"79\": expected 80 to 100 (percent of the standard size)"
    );
    // The nominal 100% symbol: 0.33 mm modules (ISO/IEC 15420), with 1 mm of white around.
    let full = podcover::draw::Bookland::new(&isbn, "90000".parse().unwrap(), 100).unwrap();
    assert_eq!(format!("{:.2}", full.size.width.to_mm()), "57.77");
    assert!(full.to_svg().contains("width=\"57.77mm\""));
}

/// Renders a PDF with pdftoppm at `ppi` as PNG.
fn rendered(pdf: &[u8], ppi: u32) -> Vec<u8> {
    let dir = scratch("png-render");
    std::fs::write(dir.join("b.pdf"), pdf).unwrap();
    let out = std::process::Command::new("pdftoppm")
        .args(["-r", &ppi.to_string(), "-png", "-singlefile"])
        .arg(dir.join("b.pdf"))
        .arg(dir.join("b"))
        .output()
        .expect("pdftoppm is installed");
    assert!(out.status.success());
    let png = std::fs::read(dir.join("b.png")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    png
}

/// A PNG barcode is refused below the resolution at which it scans: 150 ppi at the standard
/// size, more as --scale makes the bars thinner. 72 and 100 ppi were written and did not scan.
#[test]
fn png_barcodes_are_refused_below_the_resolution_at_which_they_scan() {
    let isbn = "978-0-306-40615-7".parse().unwrap();
    let codes = ["EAN-13:9780306406157", "EAN-5:51699"];
    let full = podcover::draw::Bookland::new(&isbn, "51699".parse().unwrap(), 100).unwrap();
    // What the limit rests on: the barcode drawn at 72 and 100 ppi (by poppler, from the PDF)
    // does not scan; at 150 ppi it does.
    let pdf = full.to_pdf().unwrap();
    assert!(zbar(&rendered(&pdf, 72)).is_empty());
    assert!(zbar(&rendered(&pdf, 100)).is_empty());
    assert_eq!(zbar(&rendered(&pdf, 150)), codes);
    for ppi in [72, 100, 149] {
        assert_eq!(
            full.to_png(ppi).unwrap_err().to_string(),
            format!(
                "invalid resolution \"{ppi}\": expected 150 to 1200 pixels per inch for a barcode \
                 at 100%: below 150 its bars are too thin to scan"
            )
        );
    }
    assert_eq!(zbar(&full.to_png(150).unwrap()), codes);
    // Scaled down, the bars are thinner and the least resolution rises: 150 / 0.8 = 187.5.
    for (scale, min) in [(80, 188), (90, 167), (95, 158)] {
        let barcode =
            podcover::draw::Bookland::new(&isbn, "51699".parse().unwrap(), scale).unwrap();
        assert_eq!(barcode.min_png_ppi(), min);
        assert_eq!(
            barcode.to_png(min - 1).unwrap_err().to_string(),
            format!(
                "invalid resolution \"{}\": expected {min} to 1200 pixels per inch for a barcode \
                 at {scale}%: below {min} its bars are too thin to scan",
                min - 1
            )
        );
        assert_eq!(zbar(&barcode.to_png(min).unwrap()), codes, "{scale}%");
    }
}

/// A PNG template with a barcode follows the same rule, at the size the vendor's box allows.
#[test]
fn png_templates_with_a_barcode_are_refused_below_the_resolution_at_which_it_scans() {
    // KDP's 2 x 1.2 in box holds the 57.77 mm symbol at 87.5% (48.8 / 55.77 mm): at least
    // 150 / 0.875 = 171.4, so 172 ppi.
    let l = layout("kdp", "paperback", "cream", "6x9", 318);
    let options = TemplateOptions::new()
        .isbn("9780306406157".parse().unwrap())
        .price("51699".parse().unwrap());
    let t = Template::new(&l, &options).unwrap();
    assert_eq!(
        t.to_png(150).unwrap_err().to_string(),
        "invalid resolution \"150\": expected 172 to 1200 pixels per inch for a template with a \
         barcode at 88%: below 172 its bars are too thin to scan (or leave the barcode out)"
    );
    assert_eq!(
        zbar(&t.to_png(172).unwrap()),
        ["EAN-13:9780306406157", "EAN-5:51699"]
    );
    // Without a barcode, any resolution from 72 ppi.
    let bare = Template::new(&l, &TemplateOptions::new()).unwrap();
    assert!(bare.to_png(72).is_ok());
}
