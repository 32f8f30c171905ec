//! Templates checked with the tools a printer or designer would use: qpdf, poppler
//! (pdfinfo, pdftoppm), Ghostscript, zbar and librsvg (`designer_tools.rs` adds MuPDF and
//! Inkscape).
//!
//! The tools are required: a missing one fails the test with its name. Expected sizes come
//! from vendor figures (see `golden.rs` and `paper-stocks/`) or from the layout's own
//! rectangles, which `golden.rs` checks against those figures.

use crate::common;

use std::fs;

use crate::common::tools::{png_size, run, stderr, stdout, try_run, Scratch};

use podcover::barcode::{Isbn, Price};
use podcover::{
    draw::{Template, TemplateOptions},
    units::Rect,
    CoverLayout,
};

// --- Helpers -----------------------------------------------------------------------------

#[track_caller]
fn isbn(text: &str) -> Isbn {
    text.parse()
        .unwrap_or_else(|e| panic!("ISBN {text:?} rejected: {e}"))
}

#[track_caller]
fn price(text: &str) -> Price {
    text.parse()
        .unwrap_or_else(|e| panic!("price {text:?} rejected: {e}"))
}

#[track_caller]
fn template(layout: &CoverLayout, isbn_text: &str, price_text: &str) -> Template {
    let options = TemplateOptions::new()
        .isbn(isbn(isbn_text))
        .price(price(price_text));
    Template::new(layout, &options).unwrap_or_else(|e| panic!("{isbn_text}: {e}"))
}

#[track_caller]
fn pdf(layout: &CoverLayout, isbn_text: &str, price_text: &str) -> Vec<u8> {
    template(layout, isbn_text, price_text)
        .to_pdf()
        .unwrap_or_else(|e| panic!("to_pdf: {e}"))
}

/// A layout's rectangle (from the sheet's top-left corner, `y` down) as a PDF box
/// `[llx lly urx ury]` in points (from the lower-left corner, `y` up).
fn pdf_box(layout: &CoverLayout, r: Rect) -> [f64; 4] {
    let h = layout.sheet.height.to_pt();
    [
        r.x.to_pt(),
        h - r.bottom().to_pt(),
        r.right().to_pt(),
        h - r.top().to_pt(),
    ]
}

/// The four numbers after `name:` in `pdfinfo -box` output.
#[track_caller]
fn pdfinfo_box(info: &str, name: &str) -> [f64; 4] {
    let line = info
        .lines()
        .find(|l| l.starts_with(&format!("{name}:")))
        .unwrap_or_else(|| panic!("pdfinfo printed no {name}:\n{info}"));
    let values: Vec<f64> = line[name.len() + 1..]
        .split_whitespace()
        .map(|v| v.parse().unwrap_or_else(|e| panic!("{line:?}: {e}")))
        .collect();
    values
        .try_into()
        .unwrap_or_else(|v| panic!("{name} has not 4 numbers: {v:?}"))
}

/// A binary PPM (P6, maxval 255) image.
struct Ppm {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

impl Ppm {
    /// Parses `P6 <width> <height> <maxval>` (with `#` comments, as Ghostscript writes one)
    /// followed by one whitespace byte and the RGB triples.
    #[track_caller]
    fn read(path: &str) -> Ppm {
        let data = fs::read(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
        let mut fields = Vec::with_capacity(4);
        let mut i = 0;
        while fields.len() < 4 {
            match data.get(i) {
                None => panic!("{path}: truncated PPM header"),
                Some(b'#') => {
                    while data.get(i).is_some_and(|b| *b != b'\n') {
                        i += 1;
                    }
                }
                Some(b) if b.is_ascii_whitespace() => i += 1,
                Some(_) => {
                    let start = i;
                    while data.get(i).is_some_and(|b| !b.is_ascii_whitespace()) {
                        i += 1;
                    }
                    fields.push(String::from_utf8_lossy(&data[start..i]).into_owned());
                }
            }
        }
        assert_eq!(fields[0], "P6", "{path}: not a binary PPM");
        assert_eq!(fields[3], "255", "{path}: expected 8-bit samples");
        let width: usize = fields[1].parse().expect("PPM width");
        let height: usize = fields[2].parse().expect("PPM height");
        // Exactly one whitespace byte separates the header from the pixels.
        let pixels = data[i + 1..].to_vec();
        assert_eq!(
            pixels.len(),
            width * height * 3,
            "{path}: pixel data does not match {width} x {height}"
        );
        Ppm {
            width,
            height,
            pixels,
        }
    }

    fn pixel(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * self.width + x) * 3;
        [self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]]
    }
}

const WHITE: [u8; 3] = [255, 255, 255];

/// Pixel coordinates of a sheet point in points, both from the top-left corner as the layout
/// measures.
fn to_pixel(dpi: f64, x_pt: f64, y_pt: f64) -> (usize, usize) {
    let scale = dpi / 72.0;
    (
        (x_pt * scale).floor() as usize,
        (y_pt * scale).floor() as usize,
    )
}

/// One template per binding kind, with the vendor's own full-sheet figure in points
/// (width, height or `None` if no figure was published, tolerance).
struct Book {
    vendor: &'static str,
    binding: &'static str,
    paper: &'static str,
    trim: &'static str,
    pages: u32,
    vendor_sheet_pt: (f64, Option<f64>, f64),
}

const BOOKS: [Book; 8] = [
    // KDP Help G201953020: cream 0.0025 in/page, 318 pp -> spine 0.795 in; cover
    // 0.125 + 6 + 0.795 + 6 + 0.125 = 13.045 x 9.25 in = 939.24 x 666 pt.
    Book {
        vendor: "kdp",
        binding: "paperback",
        paper: "cream",
        trim: "6x9",
        pages: 318,
        vendor_sheet_pt: (939.24, Some(666.0), 1e-6),
    },
    // KDP cover calculator, 6x9 cream 126 pp: 14.079 x 10.417 in (read to 0.0005 in).
    Book {
        vendor: "kdp",
        binding: "hardcover",
        paper: "cream",
        trim: "6x9",
        pages: 126,
        vendor_sheet_pt: (14.079 * 72.0, Some(10.417 * 72.0), 0.0005 * 72.0),
    },
    // IngramSpark case laminate template, 6x9 creme 74 pp: 14.194 x 10.5 in (the template
    // shows the spine rounded to 0.313, hence 0.002 in).
    Book {
        vendor: "ingramspark",
        binding: "hardcover",
        paper: "cream",
        trim: "6x9",
        pages: 74,
        vendor_sheet_pt: (14.194 * 72.0, Some(756.0), 0.002 * 72.0),
    },
    // IngramSpark jacket template, 5.5x8.5 creme 158 pp: 19.625 x 9.0 in = 1413 x 648 pt.
    Book {
        vendor: "ingramspark",
        binding: "jacket",
        paper: "cream",
        trim: "5.5x8.5",
        pages: 158,
        vendor_sheet_pt: (1413.0, Some(648.0), 1e-6),
    },
    // Lulu Print API cover-dimensions, 6x9 paperback 210 pp: 920.000 x 666.000 pt (the API
    // rounds the width to the point).
    Book {
        vendor: "lulu",
        binding: "paperback",
        paper: "white",
        trim: "6x9",
        pages: 210,
        vendor_sheet_pt: (920.0, Some(666.0), 0.5),
    },
    // Lulu casewrap template 6x9 with a 0.25 in spine: 14.0 x 10.75 in = 1008 x 774 pt.
    Book {
        vendor: "lulu",
        binding: "hardcover",
        paper: "white",
        trim: "6x9",
        pages: 60,
        vendor_sheet_pt: (1008.0, Some(774.0), 1e-6),
    },
    // Lulu jacket template 6x9 with a 0.25 in spine: 20.0 x 9.75 in = 1440 x 702 pt.
    Book {
        vendor: "lulu",
        binding: "jacket",
        paper: "white",
        trim: "6x9",
        pages: 74,
        vendor_sheet_pt: (1440.0, Some(702.0), 1e-6),
    },
    // Lulu Print API, 8.5x8.5 coil: 17.25 in = 1242 pt wide at any page count.
    Book {
        vendor: "lulu",
        binding: "coil",
        paper: "white",
        trim: "8.5x8.5",
        pages: 100,
        vendor_sheet_pt: (1242.0, None, 1e-6),
    },
];

impl Book {
    fn name(&self) -> String {
        format!(
            "{}-{}-{}-{}-{}",
            self.vendor, self.binding, self.paper, self.trim, self.pages
        )
    }

    #[track_caller]
    fn layout(&self) -> CoverLayout {
        common::layout(self.vendor, self.binding, self.paper, self.trim, self.pages)
    }
}

// --- 1. Every binding kind: valid PDF, exact boxes, renders in poppler and Ghostscript -----

#[test]
fn pdf_templates_pass_qpdf_pdfinfo_poppler_and_ghostscript() {
    let scratch = Scratch::new("pdf_templates");
    for book in &BOOKS {
        let name = book.name();
        let layout = book.layout();
        let file = scratch.write(
            &format!("{name}.pdf"),
            &pdf(&layout, "978-0-306-40615-7", "51699"),
        );

        // Structure.
        let check = run("qpdf", &["--check", &file]);
        assert!(
            stdout(&check).contains("No syntax or stream encoding errors found"),
            "{name}: qpdf --check:\n{}",
            stdout(&check)
        );

        // Page boxes: the layout's rectangles, to pdfinfo's two decimals.
        let info = stdout(&run("pdfinfo", &["-box", &file]));
        for (box_name, expected) in [
            ("MediaBox", layout.sheet),
            ("TrimBox", layout.trim_box),
            ("BleedBox", layout.bleed_box()),
        ] {
            let actual = pdfinfo_box(&info, box_name);
            let expected = pdf_box(&layout, expected);
            assert!(
                actual
                    .iter()
                    .zip(expected)
                    .all(|(a, e)| (a - e).abs() <= 0.01),
                "{name}: {box_name} {actual:?}, layout {expected:?}"
            );
        }
        // And the vendor's own figure for the full sheet.
        let media = pdfinfo_box(&info, "MediaBox");
        let (vendor_w, vendor_h, tolerance) = book.vendor_sheet_pt;
        assert!(
            (media[2] - media[0] - vendor_w).abs() <= tolerance + 0.01,
            "{name}: MediaBox width {} pt, vendor figure {vendor_w} pt",
            media[2] - media[0]
        );
        if let Some(vendor_h) = vendor_h {
            assert!(
                (media[3] - media[1] - vendor_h).abs() <= tolerance + 0.01,
                "{name}: MediaBox height {} pt, vendor figure {vendor_h} pt",
                media[3] - media[1]
            );
        }

        // Poppler at 72 dpi: one pixel per point. pdftoppm takes the ceiling of the page size
        // (939.24 pt -> 940 px); the writer rounds points to a thousandth, hence the 0.001.
        let prefix = scratch.file(&format!("{name}-72"));
        let render = run(
            "pdftoppm",
            &["-r", "72", "-png", "-singlefile", &file, &prefix],
        );
        assert!(
            !stderr(&render).contains("Error"),
            "{name}: pdftoppm: {}",
            stderr(&render)
        );
        let (w, h) = png_size(&format!("{prefix}.png"));
        let (sheet_w, sheet_h) = (layout.sheet.width.to_pt(), layout.sheet.height.to_pt());
        assert_eq!(
            (w, h),
            (
                (sheet_w - 0.001).ceil() as u32,
                (sheet_h - 0.001).ceil() as u32
            ),
            "{name}: pdftoppm -r 72 size for a {sheet_w} x {sheet_h} pt sheet"
        );
        if book.vendor == "ingramspark" && book.binding == "jacket" {
            assert_eq!((w, h), (1413, 648), "IngramSpark jacket 19.625 x 9 in");
        }

        // Ghostscript.
        let out = scratch.file(&format!("{name}-gs.png"));
        let gs = run(
            "gs",
            &[
                "-q",
                "-dNOPAUSE",
                "-dBATCH",
                "-sDEVICE=png16m",
                "-r50",
                "-o",
                &out,
                &file,
            ],
        );
        assert!(
            !stderr(&gs).contains("Error") && !stdout(&gs).contains("Error"),
            "{name}: gs reported an error:\n{}{}",
            stderr(&gs),
            stdout(&gs)
        );
        let (w, h) = png_size(&out);
        assert!(
            (f64::from(w) - sheet_w * 50.0 / 72.0).abs() <= 1.0
                && (f64::from(h) - sheet_h * 50.0 / 72.0).abs() <= 1.0,
            "{name}: gs -r50 gave {w} x {h} px for a {sheet_w} x {sheet_h} pt sheet"
        );
    }
}

// --- 2. Barcodes decode, and are 100% black ------------------------------------------------

/// ISBN as typed, price add-on, and the EAN-13 a scanner must read, worked out by hand.
///
/// EAN-13 check digit: weights 1,3,1,3,... over the first 12 digits; check = (10 - sum mod
/// 10) mod 10. ISBN-10 check: weights 10..1 over all ten (X = 10), total divisible by 11.
/// EAN-5 checksum: 3 x (digits 1, 3, 5) + 9 x (digits 2, 4), mod 10.
const BARCODES: [(&str, &str, &str); 15] = [
    // 978030640615: 9+21+8+0+3+0+6+12+0+18+1+15 = 93 -> 7. Add-on 51699: 3*(5+6+9) +
    // 9*(1+9) = 150 -> checksum 0.
    ("978-0-306-40615-7", "51699", "9780306406157"),
    // ISBN-10 080442957x: 0+72+0+28+24+10+36+15+14 = 199, +10 = 209 = 19*11. -> 978080442957:
    // sum 117 -> 3. Lower-case x. Add-on 90000 (no price): 3*9 = 27 -> 7.
    ("0-8044-2957-x", "90000", "9780804429573"),
    // ISBN-10 316148410X: 177 + 10 = 187 = 17*11. -> 978316148410: sum 100 -> 0.
    // Add-on 52495: 3*(5+4+5) + 9*(2+9) = 141 -> 1.
    ("3-16-148410-X", "52495", "9783161484100"),
    // ISBN-10 155860832X: 232 + 10 = 242 = 22*11. -> 978155860832: sum 120 -> 0.
    // Add-on 00000: checksum 0.
    ("1-55860-832-X", "00000", "9781558608320"),
    // ISBN-10 0198534531, no hyphens: 219 + 1 = 220 = 20*11. -> 978019853453: sum 118 -> 2.
    // Add-on 99999: 3*27 + 9*18 = 243 -> 3.
    ("0198534531", "99999", "9780198534532"),
    // 978173900000: 9+21+8+3+7+9+9+0+0+0+0+0 = 66 -> 4 (so ...-0-5 would be invalid).
    // Add-on 50000: 3*5 = 15 -> 5.
    ("978-1-7390000-0-4", "50000", "9781739000004"),
    // 979109063607: 9+21+9+3+0+27+0+18+3+18+0+21 = 129 -> 1. Add-on 51699 again: checksum 0.
    ("979-10-90636-07-1", "51699", "9791090636071"),
    // 979860000000: 9+21+9+24+6+0+... = 69 -> 1. Add-on 90001: 3*(9+0+1) = 30 -> 0.
    ("979-8-6000-0000-1", "90001", "9798600000001"),
    // 979123456789: 9+21+9+3+2+9+4+15+6+21+8+27 = 134 -> 6. Add-on 12345: 3*9 + 9*6 = 81 -> 1.
    ("979-12-345678-9-6", "12345", "9791234567896"),
    // 978000000000: 9+21+8 = 38 -> 2. Plain digits. Add-on 00000: 0.
    ("9780000000002", "00000", "9780000000002"),
    // 979886000000: 9+21+9+24+8+18 = 89 -> 1. Add-on 53000: 3*5 + 9*3 = 42 -> 2.
    ("979-8-86000-000-1", "53000", "9798860000001"),
    // 978999999999: 9+21+8+27+9+27+9+27+9+27+9+27 = 209 -> 1. Add-on 40000: 12 -> 2.
    ("978-9-99999-999-1", "40000", "9789999999991"),
    // ISBN-10 123456789X: 210 + 10 = 220 = 20*11. -> 978123456789: sum 133 -> 7.
    // Add-on 59999: 3*23 + 9*18 = 231 -> 1.
    ("123456789X", "59999", "9781234567897"),
    // ISBN-10 185326041X: 199 + 10 = 209 = 19*11. -> 978185326041: sum 86 -> 4.
    // Add-on 15999: 3*19 + 9*14 = 183 -> 3.
    ("1-85326-041-X", "15999", "9781853260414"),
    // The ISBN-13 of 3-16-148410-X given directly; add-on 90000.
    ("978-3-16-148410-0", "90000", "9783161484100"),
];

#[test]
fn barcodes_decode_with_zbar() {
    let scratch = Scratch::new("barcodes");
    let layout = common::layout("kdp", "paperback", "cream", "6x9", 318);
    // The barcode box at 600 dpi, from the top-left corner of the page.
    let dpi = 600.0;
    let b = layout.barcode;
    let (x, y) = to_pixel(dpi, b.x.to_pt(), b.top().to_pt());
    let (w, h) = (
        (b.width.to_pt() * dpi / 72.0).ceil(),
        (b.height.to_pt() * dpi / 72.0).ceil(),
    );
    let crop = [x.to_string(), y.to_string(), w.to_string(), h.to_string()];

    let mut failures = Vec::new();
    for (i, (isbn_text, price_text, ean13)) in BARCODES.iter().enumerate() {
        let t = template(&layout, isbn_text, price_text);
        assert_eq!(t.isbn(), Some(*ean13), "{isbn_text}");
        let file = scratch.write(&format!("b{i}.pdf"), &t.to_pdf().unwrap());
        let prefix = scratch.file(&format!("b{i}"));
        run(
            "pdftoppm",
            &[
                "-r",
                "600",
                "-png",
                "-x",
                &crop[0],
                "-y",
                &crop[1],
                "-W",
                &crop[2],
                "-H",
                &crop[3],
                "-singlefile",
                &file,
                &prefix,
            ],
        );
        let png = format!("{prefix}.png");
        // zbarimg exits 4 when it finds nothing; report that with the rest.
        let out = try_run("zbarimg", &["-q", "--set", "ean5.enable=1", &png]);
        let decoded = stdout(&out);
        let mut lines: Vec<&str> = decoded.lines().collect();
        lines.sort_unstable();
        let mut expected = vec![format!("EAN-13:{ean13}"), format!("EAN-5:{price_text}")];
        expected.sort_unstable();
        if lines != expected {
            failures.push(format!(
                "{isbn_text} + {price_text}: zbarimg ({}) read {lines:?}, expected {expected:?}",
                out.status
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The operators of a content stream with their operands, string literals skipped.
fn operations(content: &str) -> Vec<(String, Vec<String>)> {
    let mut ops = Vec::new();
    let mut operands = Vec::new();
    let mut chars = content.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '(' {
            // A string literal, with nesting and escapes.
            let mut depth = 0;
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            operands.push("(..)".to_string());
        } else {
            let mut token = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '(' {
                    break;
                }
                token.push(c);
                chars.next();
            }
            let operand = token.starts_with(['/', '[', ']', '<', '>', '-', '+', '.'])
                || token.starts_with(|c: char| c.is_ascii_digit());
            if operand {
                operands.push(token);
            } else {
                ops.push((token, std::mem::take(&mut operands)));
            }
        }
    }
    ops
}

#[test]
fn barcode_is_100_percent_black_in_cmyk() {
    let scratch = Scratch::new("barcode_black");
    let layout = common::layout("kdp", "paperback", "cream", "6x9", 318);
    let file = scratch.write("in.pdf", &pdf(&layout, "978-0-306-40615-7", "51699"));
    let qdf = scratch.file("out.pdf");
    run("qpdf", &["--qdf", "--object-streams=disable", &file, &qdf]);
    let text = String::from_utf8_lossy(&fs::read(&qdf).unwrap()).into_owned();
    let contents = text
        .find("%% Contents for page 1")
        .unwrap_or_else(|| panic!("qpdf --qdf wrote no page contents:\n{text}"));
    let start = contents + text[contents..].find("stream\n").unwrap() + "stream\n".len();
    let end = start + text[start..].find("endstream").unwrap();
    let stream = &text[start..end];
    let guides_at = stream
        .find("/OC /OCGuides BDC")
        .unwrap_or_else(|| panic!("no Guides layer in the content stream:\n{stream}"));
    let artwork = &stream[..guides_at];

    assert!(artwork.contains("0 0 0 1 k"), "no 100% K fill:\n{artwork}");
    let mut fill = None;
    let mut stroke = None;
    let mut strokes = 0;
    let mut black_bars = 0;
    let mut white_boxes = 0;
    let barcode = pdf_box(&layout, layout.barcode);
    for (op, args) in operations(artwork) {
        match op.as_str() {
            "k" => fill = Some(args.join(" ")),
            "K" => stroke = Some(args.join(" ")),
            // Any other colour operator: RGB, grey, colour spaces.
            "rg" | "RG" | "g" | "G" | "sc" | "scn" | "SC" | "SCN" | "cs" | "CS" => {
                panic!(
                    "artwork uses `{} {op}`, not CMYK black:\n{artwork}",
                    args.join(" ")
                )
            }
            "re" => {
                let v: Vec<f64> = args.iter().map(|a| a.parse().unwrap()).collect();
                let (x, y, w, h) = (v[0], v[1], v[2], v[3]);
                assert!(
                    x >= barcode[0] - 1e-3
                        && y >= barcode[1] - 1e-3
                        && x + w <= barcode[2] + 1e-3
                        && y + h <= barcode[3] + 1e-3,
                    "artwork rectangle {v:?} outside the barcode box {barcode:?}"
                );
            }
            "f" | "f*" | "B" | "B*" | "b" | "b*" => match fill.as_deref() {
                Some("0 0 0 1") => black_bars += 1,
                Some("0 0 0 0") => white_boxes += 1,
                other => panic!("artwork filled with {other:?}"),
            },
            // The digits are stroked vector glyphs in 100% K: no font is needed.
            "S" | "s" => {
                assert_eq!(
                    stroke.as_deref(),
                    Some("0 0 0 1"),
                    "barcode digits not 100% K"
                );
                strokes += 1;
            }
            "Tj" | "TJ" | "'" | "\"" | "Tf" => {
                panic!("the printed barcode uses a font:\n{artwork}")
            }
            _ => {}
        }
    }
    // GS1: an EAN-13 has 30 bars (3 guards of 2 bars, 12 digits of 2), an EAN-5 add-on 16
    // (start 1011: 2, 5 digits of 2, 4 separators 01: 1 each). One rectangle per bar.
    assert_eq!(black_bars, 30 + 16, "bars filled with 0 0 0 1 k");
    assert_eq!(white_boxes, 1, "one white box behind the barcode");
    // 13 + 5 digits and the ISBN line, each glyph at least one stroke.
    assert!(
        strokes >= 13 + 5 + "ISBN978030640615".len(),
        "{strokes} strokes"
    );
}

// --- 3. The Guides layer shows on screen but does not print -------------------------------

#[test]
fn guides_layer_does_not_print() {
    let scratch = Scratch::new("guides");
    let layout = common::layout("kdp", "paperback", "cream", "6x9", 318);
    let file = scratch.write("in.pdf", &pdf(&layout, "978-0-306-40615-7", "51699"));
    let dpi = 20.0;
    let render = |printed: bool, legacy: bool| {
        let out = scratch.file(&format!("printed-{printed}-legacy-{legacy}.ppm"));
        let mut args = vec![
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            if printed {
                "-dPrinted"
            } else {
                "-dPrinted=false"
            },
            "-sDEVICE=ppmraw",
            "-r20",
            "-o",
            &out,
            &file,
        ];
        if legacy {
            // Ghostscript 10.00's new PDF interpreter ignores /PrintState.
            args.insert(3, "-dNEWPDF=false");
        }
        (try_run("gs", &args), out)
    };
    let (mut printed_run, mut printed_ppm) = render(true, true);
    let mut legacy = true;
    if !printed_run.status.success() {
        eprintln!(
            "note: gs did not accept -dNEWPDF=false ({}); using plain -dPrinted",
            stderr(&printed_run).trim()
        );
        legacy = false;
        (printed_run, printed_ppm) = render(true, false);
    }
    assert!(
        printed_run.status.success() && !stderr(&printed_run).contains("Error"),
        "gs -dPrinted failed: {}",
        stderr(&printed_run)
    );
    let (screen_run, screen_ppm) = render(false, legacy);
    assert!(
        screen_run.status.success() && !stderr(&screen_run).contains("Error"),
        "gs -dPrinted=false failed: {}",
        stderr(&screen_run)
    );
    let printed = Ppm::read(&printed_ppm);
    let screen = Ppm::read(&screen_ppm);
    assert_eq!(
        (printed.width, printed.height),
        (screen.width, screen.height)
    );

    // Sample points (in points from the top left): the middle of the left bleed strip, the
    // back panel's label ("BACK COVER", its baseline at the panel centre), the spine tint.
    let bleed = layout.bleed.to_pt();
    let bleed_mid = (bleed / 2.0, layout.sheet.center_y().to_pt());
    let back_label = (
        layout.back.center_x().to_pt(),
        layout.back.center_y().to_pt(),
    );
    let spine_mid = (
        layout.spine.center_x().to_pt(),
        layout.spine.center_y().to_pt() + 72.0,
    );
    let at = |img: &Ppm, (x, y): (f64, f64)| {
        let (px, py) = to_pixel(dpi, x, y);
        img.pixel(px, py)
    };
    let gs_mode = if legacy {
        "-dPrinted -dNEWPDF=false"
    } else {
        "-dPrinted"
    };

    // On screen: the tints show.
    assert_ne!(
        at(&screen, bleed_mid),
        WHITE,
        "bleed tint missing on screen"
    );
    assert_ne!(
        at(&screen, spine_mid),
        WHITE,
        "spine tint missing on screen"
    );
    // The label: some non-white pixel within 40 x 8 pt above the panel centre.
    let label_inked = |img: &Ppm| {
        (-40..=40).any(|dx| {
            (0..=8).any(|dy| {
                at(
                    img,
                    (back_label.0 + f64::from(dx), back_label.1 - f64::from(dy)),
                ) != WHITE
            })
        })
    };
    assert!(label_inked(&screen), "BACK COVER label missing on screen");

    // Printed: the same places are paper white...
    assert_eq!(
        at(&printed, bleed_mid),
        WHITE,
        "bleed tint printed ({gs_mode})"
    );
    assert_eq!(
        at(&printed, spine_mid),
        WHITE,
        "spine tint printed ({gs_mode})"
    );
    assert!(!label_inked(&printed), "panel label printed ({gs_mode})");
    // ...and so is everything outside the barcode box (one pixel of slack for anti-aliasing).
    let b = layout.barcode;
    let (bx0, by0) = to_pixel(dpi, b.x.to_pt(), b.top().to_pt());
    let (bx1, by1) = to_pixel(dpi, b.right().to_pt(), b.bottom().to_pt());
    let inside = |x: usize, y: usize| x + 1 >= bx0 && x <= bx1 + 1 && y + 1 >= by0 && y <= by1 + 1;
    let mut inked = Vec::new();
    let mut dark_in_barcode = 0;
    for y in 0..printed.height {
        for x in 0..printed.width {
            let p = printed.pixel(x, y);
            if inside(x, y) {
                dark_in_barcode += usize::from(p.iter().all(|c| *c < 128));
            } else if p != WHITE {
                inked.push((x, y, p));
            }
        }
    }
    assert!(
        inked.is_empty(),
        "{} pixels printed outside the barcode ({gs_mode}), e.g. {:?}",
        inked.len(),
        &inked[..inked.len().min(5)]
    );
    // The artwork itself still prints.
    assert!(dark_in_barcode > 0, "the barcode did not print");
}

// --- 4. Same input, same bytes ---------------------------------------------------------------

#[test]
fn pdf_output_is_deterministic() {
    let layout = common::layout("kdp", "paperback", "cream", "6x9", 318);
    let first = pdf(&layout, "978-0-306-40615-7", "51699");
    // Something else in between, in this thread and in another.
    let other = pdf(
        &common::layout("lulu", "jacket", "white", "6x9", 74),
        "979-10-90636-07-1",
        "90000",
    );
    assert_ne!(first, other);
    let again = pdf(&layout, "978-0-306-40615-7", "51699");
    assert!(first == again, "the same template gave different bytes");
    let from_thread = std::thread::spawn(|| {
        pdf(
            &common::layout("kdp", "paperback", "cream", "6x9", 318),
            "978-0-306-40615-7",
            "51699",
        )
    })
    .join()
    .unwrap();
    assert!(
        first == from_thread,
        "the same template gave different bytes on another thread"
    );
    // A different page count is a different file (spine, sheet, /ID).
    let thicker = pdf(
        &common::layout("kdp", "paperback", "cream", "6x9", 320),
        "978-0-306-40615-7",
        "51699",
    );
    assert_ne!(first, thicker);
}

// --- 5. SVG ---------------------------------------------------------------------------------

/// The value of `name="..."` in a tag.
#[track_caller]
fn attribute<'a>(tag: &'a str, name: &str) -> &'a str {
    let key = format!(" {name}=\"");
    let start = tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + key.len();
    let len = tag[start..].find('"').unwrap();
    &tag[start..start + len]
}

/// Checks that every element is closed, in order, with one root `svg` element; returns the
/// number of elements.
#[track_caller]
fn check_balanced(xml: &str) -> usize {
    let mut stack: Vec<&str> = Vec::new();
    let mut elements = 0;
    let mut roots = 0;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        // The end of the tag: the first `>` outside quotes.
        let mut quote = None;
        let close = after
            .char_indices()
            .find(|&(_, c)| {
                match (quote, c) {
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    (None, '>') => return true,
                    _ => {}
                }
                false
            })
            .map(|(i, _)| i)
            .unwrap_or_else(|| panic!("unterminated tag at {:?}", &rest[open..]));
        let tag = &after[..close];
        rest = &after[close + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        let name_of = |t: &str| {
            t.split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or_default()
                .to_owned()
        };
        if let Some(closing) = tag.strip_prefix('/') {
            let name = name_of(closing);
            let top = stack.pop();
            assert_eq!(top, Some(name.as_str()), "</{name}> closes {top:?}");
        } else {
            elements += 1;
            if stack.is_empty() {
                roots += 1;
            }
            let name = &tag[..tag
                .find(|c: char| c.is_whitespace() || c == '/')
                .unwrap_or(tag.len())];
            assert!(!name.is_empty(), "empty tag name in <{tag}>");
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    assert_eq!(roots, 1, "one root element");
    elements
}

#[test]
fn svg_and_pdf_barcodes_land_in_the_layouts_box_at_the_bottom() {
    // The layout measures from the sheet's top-left corner; the KDP box is 2 x 1.2 in, 0.25 in
    // above the bottom trim (paper-stocks/kdp.toml), so 7.675 in down a 9.25 in sheet. Both
    // writers must draw the symbol there: each rendering is cropped to the layout's box and
    // decoded; a symbol drawn at the mirrored place, near the top, leaves the crop blank.
    let scratch = Scratch::new("barcode_place");
    let layout = common::layout("kdp", "paperback", "cream", "6x9", 318);
    let b = layout.barcode;
    common::assert_in(b.y, 7.675, 1e-9);
    let t = template(&layout, "978-0-306-40615-7", "51699");
    let svg = t.to_svg();

    // The SVG's printed artwork starts with the white box behind the symbol: the layout's box,
    // in the same numbers (points from the top-left).
    let artwork = &svg[svg.find("<g id=\"artwork\"").expect("an artwork group")..];
    let white = &artwork[artwork.find("<rect ").expect("a rectangle in the artwork")..];
    let white = &white[..white.find("/>").unwrap()];
    for (attr, expected) in [
        ("x", b.x),
        ("y", b.y),
        ("width", b.width),
        ("height", b.height),
    ] {
        let value: f64 = attribute(white, attr).parse().unwrap();
        assert!(
            (value - expected.to_pt()).abs() <= 0.001,
            "SVG white box {attr}={value}, layout's barcode {b:?}"
        );
    }

    let pdf = scratch.write("template.pdf", &t.to_pdf().unwrap());
    let mut renderings = vec![("PDF", pdf)];
    // The SVG through librsvg into a PDF page of its own size, rendered and cropped as the
    // template PDF is.
    let svg_file = scratch.write("template.svg", svg.as_bytes());
    let svg_pdf = scratch.file("svg.pdf");
    run("rsvg-convert", &["-f", "pdf", "-o", &svg_pdf, &svg_file]);
    renderings.push(("SVG", svg_pdf));
    let dpi = 600.0;
    let (x, y) = to_pixel(dpi, b.x.to_pt(), b.y.to_pt());
    let (w, h) = (
        (b.width.to_pt() * dpi / 72.0).ceil(),
        (b.height.to_pt() * dpi / 72.0).ceil(),
    );
    for (what, file) in renderings {
        let prefix = scratch.file(&format!("crop-{what}"));
        run(
            "pdftoppm",
            &[
                "-r",
                "600",
                "-png",
                "-x",
                &x.to_string(),
                "-y",
                &y.to_string(),
                "-W",
                &w.to_string(),
                "-H",
                &h.to_string(),
                "-singlefile",
                &file,
                &prefix,
            ],
        );
        let out = try_run(
            "zbarimg",
            &["-q", "--set", "ean5.enable=1", &format!("{prefix}.png")],
        );
        let mut lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
        lines.sort_unstable();
        assert_eq!(
            lines,
            ["EAN-13:9780306406157", "EAN-5:51699"],
            "{what}: zbarimg ({}) in the layout's barcode box {b:?}",
            out.status
        );
    }
}

#[test]
fn svg_templates_are_well_formed_and_render() {
    let scratch = Scratch::new("svg");
    for book in &BOOKS {
        let name = book.name();
        let layout = book.layout();
        let svg = template(&layout, "978-0-306-40615-7", "51699").to_svg();
        assert!(svg.starts_with("<?xml"), "{name}: no XML declaration");
        let svg_tag = &svg[svg.find("<svg ").expect("an <svg> element")..];
        let svg_tag = &svg_tag[..svg_tag.find('>').unwrap()];

        // Width and height in inches: the sheet to 5 decimals (trailing zeros may be dropped).
        for (attr, sheet) in [
            ("width", layout.sheet.width),
            ("height", layout.sheet.height),
        ] {
            let value = attribute(svg_tag, attr);
            let number = value
                .strip_suffix("in")
                .unwrap_or_else(|| panic!("{name}: {attr}={value:?} is not in inches"));
            let decimals = number.split('.').nth(1).map_or(0, str::len);
            assert!(decimals <= 5, "{name}: {attr}={value:?}");
            let inches: f64 = number.parse().unwrap();
            assert!(
                (inches - sheet.to_inches()).abs() <= 0.5e-5 + 1e-12,
                "{name}: {attr}={value:?}, sheet {} in",
                sheet.to_inches()
            );
        }
        if book.vendor == "ingramspark" && book.binding == "jacket" {
            // IngramSpark's 5.5x8.5 creme 158 pp jacket: 19.625 x 9.0 in.
            let w: f64 = attribute(svg_tag, "width")
                .trim_end_matches("in")
                .parse()
                .unwrap();
            let h: f64 = attribute(svg_tag, "height")
                .trim_end_matches("in")
                .parse()
                .unwrap();
            assert_eq!((w, h), (19.625, 9.0));
        }
        // viewBox in points.
        let view_box: Vec<f64> = attribute(svg_tag, "viewBox")
            .split_whitespace()
            .map(|v| v.parse().unwrap())
            .collect();
        let (w_pt, h_pt) = (layout.sheet.width.to_pt(), layout.sheet.height.to_pt());
        assert!(
            view_box.len() == 4
                && view_box[0] == 0.0
                && view_box[1] == 0.0
                && (view_box[2] - w_pt).abs() <= 0.001
                && (view_box[3] - h_pt).abs() <= 0.001,
            "{name}: viewBox {view_box:?}, sheet {w_pt} x {h_pt} pt"
        );

        assert!(
            svg.contains("inkscape:label=\"Guides\""),
            "{name}: no Guides layer"
        );
        let elements = check_balanced(&svg);
        assert!(elements > 50, "{name}: only {elements} elements");

        let file = scratch.write(&format!("{name}.svg"), svg.as_bytes());
        let png = scratch.file(&format!("{name}.png"));
        let out = run(
            "rsvg-convert",
            &["-d", "20", "-p", "20", "-f", "png", "-o", &png, &file],
        );
        assert!(
            !stderr(&out).contains("rror"),
            "{name}: rsvg-convert: {}",
            stderr(&out)
        );
        let (w, h) = png_size(&png);
        let (w_in, h_in) = (
            layout.sheet.width.to_inches(),
            layout.sheet.height.to_inches(),
        );
        assert!(
            (f64::from(w) - w_in * 20.0).abs() <= 1.0 && (f64::from(h) - h_in * 20.0).abs() <= 1.0,
            "{name}: rsvg-convert at 20 dpi gave {w} x {h} px for {w_in} x {h_in} in"
        );
    }
}

/// SVG has no CMYK: black is written `#000` and every SVG says it is meant as black ink alone,
/// so that a layout program's user sets it to K100 instead of letting it become rich black.
#[test]
fn svg_black_is_plain_black_and_said_to_be_k_only() {
    let isbn: Isbn = "978-0-306-40615-7".parse().unwrap();
    let barcode = podcover::draw::Bookland::new(&isbn, "51699".parse().unwrap(), 100).unwrap();
    let layout = BOOKS[0].layout();
    for (what, svg) in [
        ("barcode", barcode.to_svg()),
        (
            "template",
            template(&layout, "978-0-306-40615-7", "51699").to_svg(),
        ),
    ] {
        let desc = &svg[svg.find("<desc>").expect("a description")..];
        assert!(
            desc.starts_with("<desc>Black (#000) is meant as 100% K, black ink alone: in a layout program set it to C0 M0 Y0 K100, or place the PDF, which is 100% K.</desc>"),
            "{what}: {}",
            &desc[..desc.len().min(200)]
        );
        let bars = svg.matches("fill=\"#000\"").count();
        assert!(bars >= 30, "{what}: {bars} black bars");
        assert!(!svg.contains("#000000"), "{what}: black written in full");
    }
}
