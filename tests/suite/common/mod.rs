//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod pdfx;
pub mod tools;

use lopdf::{dictionary, Document, Object};
use podcover::{catalog::Product, units::Rect, BookSpec, Catalog, CoverLayout, Length};

/// The layout of a book in the built-in catalog, or a panic naming the book.
#[track_caller]
pub fn layout(vendor: &str, binding: &str, paper: &str, trim: &str, pages: u32) -> CoverLayout {
    let spec = BookSpec::parse(vendor, binding, paper, trim, pages).unwrap();
    Catalog::builtin()
        .layout(&spec)
        .unwrap_or_else(|e| panic!("{vendor} {binding} {paper} {trim} {pages}: {e}"))
}

/// A product of the built-in catalog by its ids, or a panic naming it.
#[track_caller]
pub fn product(vendor: &str, binding: &str, paper: &str) -> Product<'static> {
    let id = |what: &str, text: &str| -> String { format!("{what} {text:?}") };
    Catalog::builtin()
        .product(
            vendor
                .parse()
                .unwrap_or_else(|e| panic!("{}: {e}", id("vendor", vendor))),
            binding
                .parse()
                .unwrap_or_else(|e| panic!("{}: {e}", id("binding", binding))),
            paper
                .parse()
                .unwrap_or_else(|e| panic!("{}: {e}", id("paper", paper))),
        )
        .unwrap_or_else(|e| panic!("{vendor} {binding} {paper}: {e}"))
}

/// The error for a book the catalog should refuse.
#[track_caller]
pub fn refusal(vendor: &str, binding: &str, paper: &str, trim: &str, pages: u32) -> String {
    let spec = BookSpec::parse(vendor, binding, paper, trim, pages).unwrap();
    match Catalog::builtin().layout(&spec) {
        Ok(l) => panic!("expected an error, got spine {}", l.spine_width()),
        Err(e) => e.to_string(),
    }
}

/// Asserts a length equals `expected` inches within `tolerance` inches.
#[track_caller]
pub fn assert_in(actual: Length, expected: f64, tolerance: f64) {
    let diff = (actual.to_inches() - expected).abs();
    assert!(
        diff <= tolerance,
        "expected {expected} in (within {tolerance}), got {} in",
        actual.to_inches()
    );
}

/// A PDF with `pages` blank pages of `media` points, and an optional TrimBox.
pub fn interior_pdf(pages: usize, media: [f32; 2], trim_box: Option<[f32; 4]>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut kids = Vec::new();
    for _ in 0..pages {
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
        };
        if let Some(b) = trim_box {
            page.set(
                "TrimBox",
                b.iter().map(|v| Object::Real(*v)).collect::<Vec<_>>(),
            );
        }
        kids.push(Object::Reference(doc.add_object(page)));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => pages as i64,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(media[0]), Object::Real(media[1])],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A one-page PDF: `entries` go into the page dictionary (boxes, rotation ...), `content` is its
/// content stream, and `resources` makes its resources in the document (streams must be
/// indirect objects).
pub fn page_pdf(
    entries: Vec<(&str, Object)>,
    content: &[u8],
    resources: impl FnOnce(&mut Document) -> lopdf::Dictionary,
) -> Vec<u8> {
    let mut doc = Document::with_version("1.6");
    let resources = resources(&mut doc);
    let pages_id = doc.new_object_id();
    let contents = doc.add_object(lopdf::Stream::new(
        lopdf::Dictionary::new(),
        content.to_vec(),
    ));
    let mut page = dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => contents, "Resources" => resources,
    };
    for (key, value) in entries {
        page.set(key, value);
    }
    let page_id = doc.add_object(page);
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A layout's rectangle (from the sheet's top-left corner, `y` downwards) in PDF's coordinates
/// (from the lower-left corner, `y` upwards), where a PDF's content, its boxes and [`pixel`]
/// measure: `y` is then the lower edge.
pub fn in_pdf(l: &CoverLayout, r: Rect) -> Rect {
    Rect::new(r.x, l.sheet.height - r.bottom(), r.width, r.height)
}

/// A PDF rectangle `[x0 y0 x1 y1]` in points.
pub fn pdf_rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Object {
    Object::Array(vec![
        Object::Real(x0),
        Object::Real(y0),
        Object::Real(x1),
        Object::Real(y1),
    ])
}

/// As [`solid_pdf`], in CMYK: `cmyk` for the fill, 100% K for the marker; art a vendor that
/// wants CMYK takes as it is.
pub fn solid_cmyk_pdf(size: [f32; 2], bleed: f32, cmyk: [f32; 4]) -> Vec<u8> {
    let content = format!(
        "{} {} {} {} k 0 0 {} {} re f 0 0 0 1 k {} {} 4 4 re f",
        cmyk[0], cmyk[1], cmyk[2], cmyk[3], size[0], size[1], bleed, bleed
    );
    let mut entries = vec![("MediaBox", pdf_rect(0.0, 0.0, size[0], size[1]))];
    if bleed > 0.0 {
        entries.push((
            "TrimBox",
            pdf_rect(bleed, bleed, size[0] - bleed, size[1] - bleed),
        ));
    }
    page_pdf(entries, content.as_bytes(), |_| lopdf::Dictionary::new())
}

/// A one-page PDF of `size` points filled with `rgb`, with a TrimBox inset by `bleed` points
/// when `bleed > 0`, and a 4 pt black marker square at the trim's lower-left corner.
pub fn solid_pdf(size: [f32; 2], bleed: f32, rgb: [f32; 3]) -> Vec<u8> {
    let content = format!(
        "{} {} {} rg 0 0 {} {} re f 0 0 0 rg {} {} 4 4 re f",
        rgb[0], rgb[1], rgb[2], size[0], size[1], bleed, bleed
    );
    let mut entries = vec![("MediaBox", pdf_rect(0.0, 0.0, size[0], size[1]))];
    if bleed > 0.0 {
        entries.push((
            "TrimBox",
            pdf_rect(bleed, bleed, size[0] - bleed, size[1] - bleed),
        ));
    }
    page_pdf(entries, content.as_bytes(), |_| lopdf::Dictionary::new())
}

/// Renders page 1 of a PDF with pdftoppm at `dpi` and returns (width, height, RGB pixels).
pub fn render(pdf: &[u8], dpi: u32) -> (usize, usize, Vec<u8>) {
    let dir = std::env::temp_dir().join(format!("podcover-render-{}", unique()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("in.pdf");
    std::fs::write(&input, pdf).unwrap();
    let out = std::process::Command::new("pdftoppm")
        .args(["-r", &dpi.to_string(), "-singlefile"])
        .arg(&input)
        .arg(dir.join("out"))
        .output()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "pdftoppm failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ppm = std::fs::read(dir.join("out.ppm")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    // Binary PPM: "P6\n<w> <h>\n255\n" then pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8(ppm[start..at].to_vec()).unwrap());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, ppm[at + 1..].to_vec())
}

/// The pixel at a point given in inches from the sheet's lower-left corner.
pub fn pixel(image: &(usize, usize, Vec<u8>), dpi: u32, x_in: f64, y_in: f64) -> [u8; 3] {
    let (w, h, data) = image;
    let px = ((x_in * dpi as f64) as usize).min(w - 1);
    let py = (h - 1).saturating_sub((y_in * dpi as f64) as usize);
    let i = (py * w + px) * 3;
    [data[i], data[i + 1], data[i + 2]]
}

/// `PID-N`: unique to this call in this run. The tests are one binary whose tests run in
/// parallel threads, so a process id alone is shared by all of them.
pub fn unique() -> String {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{}-{n}", std::process::id())
}

/// An empty scratch folder for one test, unique to this call.
pub fn scratch(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("podcover-{tag}-{}", unique()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An RGB PNG recording 300 ppi whose pixel at (x, y) is `f(x, y)`.
pub fn png_rgb(w: u32, h: u32, f: impl Fn(u32, u32) -> [u8; 3]) -> Vec<u8> {
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
