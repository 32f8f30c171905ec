//! A PDF/X-1a:2001 cover built here with lopdf, independent of compose: CMYK art over the whole
//! sheet, a spine band, a 100% K barcode on a white box, text in an embedded font, a Flate
//! CMYK image, and the file's identification (header 1.3, /ID, Info, one GTS_PDFX output
//! intent with the repository's CMYK profile).

use lopdf::{dictionary, Document, Object, Stream, StringFormat};
use podcover::{units::Rect, CoverLayout};

use super::{in_pdf, pdf_rect};

/// The repository's CMYK printing profile (assets/icc), for the output intent.
const PROFILE: &[u8] = include_bytes!("../../../assets/icc/tr003-ink236.icc");
/// A TrueType font Debian ships (fonts-dejavu-core, installed by .ci/run), embedded whole.
pub const FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

fn text(s: &str) -> Object {
    Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
}

/// `r` in PDF's coordinates, as `x y w h` for `re`.
fn re(l: &CoverLayout, r: Rect) -> String {
    let r = in_pdf(l, r);
    format!(
        "{:.3} {:.3} {:.3} {:.3} re",
        r.x.to_pt(),
        r.y.to_pt(),
        r.width.to_pt(),
        r.height.to_pt()
    )
}

/// The cover as a lopdf document, to be saved as it is or broken one rule at a time.
pub fn pdfx1a_document(l: &CoverLayout) -> Document {
    let mut doc = Document::with_version("1.3");
    let pt = |v: podcover::Length| v.to_pt() as f32;
    let boxed = |r: Rect| {
        let r = in_pdf(l, r);
        pdf_rect(pt(r.x), pt(r.y), pt(r.right()), pt(r.y + r.height))
    };
    // Art: a 20/30/40/10 background, a rich black 60/40/40/100 spine, a barcode of 30 bars of
    // 100% K on a white box, a title on the front, an image on the front.
    let mut content = format!(
        "0.2 0.3 0.4 0.1 k {} f 0.6 0.4 0.4 1 k {} f 0 0 0 0 k {} f 0 0 0 1 k ",
        re(l, l.sheet),
        re(l, l.spine),
        re(l, l.barcode)
    );
    let b = in_pdf(l, l.barcode);
    for i in 0..30 {
        let x = b.x.to_pt() + 10.0 + f64::from(i) * 3.0;
        content.push_str(&format!(
            "{x:.3} {:.3} 1.2 {:.3} re f ",
            b.y.to_pt() + 8.0,
            b.height.to_pt() - 16.0
        ));
    }
    let front = in_pdf(l, l.front_safe);
    let (fx, fy) = (front.x.to_pt(), front.y.to_pt());
    content.push_str(&format!(
        "BT /F1 24 Tf {:.3} {:.3} Td (Harbor Lights) Tj ET q 72 0 0 72 {:.3} {:.3} cm /Im Do Q",
        fx + 10.0,
        fy + front.height.to_pt() - 40.0,
        fx + 10.0,
        fy + 10.0
    ));
    let contents = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    // 300 x 300 pixels over 1 in: 300 ppi, within 60/40/40/100 everywhere.
    let mut pixels = Vec::with_capacity(300 * 300 * 4);
    for y in 0..300u32 {
        for x in 0..300u32 {
            pixels.extend_from_slice(&[(x * 153 / 300) as u8, (y * 102 / 300) as u8, 102, 128]);
        }
    }
    let mut image = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 300, "Height" => 300, "ColorSpace" => "DeviceCMYK", "BitsPerComponent" => 8 },
        pixels,
    );
    image.compress().unwrap();
    let image = doc.add_object(image);
    let font_file = std::fs::read(FONT)
        .unwrap_or_else(|e| panic!("{FONT}: {e} (apt-get install fonts-dejavu-core)"));
    let length1 = font_file.len() as i64;
    let mut font_file = Stream::new(dictionary! { "Length1" => length1 }, font_file);
    font_file.compress().unwrap();
    let font_file = doc.add_object(font_file);
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor", "FontName" => "DejaVuSans", "Flags" => 32,
        "FontBBox" => vec![(-1021).into(), (-463).into(), 1793.into(), 1232.into()],
        "ItalicAngle" => 0, "Ascent" => 928, "Descent" => -236, "CapHeight" => 729,
        "StemV" => 80, "FontFile2" => font_file,
    });
    let widths: Vec<Object> = (32..=126).map(|_| Object::Integer(600)).collect();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "DejaVuSans",
        "FirstChar" => 32, "LastChar" => 126, "Widths" => widths,
        "Encoding" => "WinAnsiEncoding", "FontDescriptor" => descriptor,
    });
    let pages_id = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => contents,
        "MediaBox" => boxed(l.sheet), "BleedBox" => boxed(l.bleed_box()),
        "TrimBox" => boxed(l.trim_box),
        "Resources" => dictionary! {
            "Font" => dictionary! { "F1" => font },
            "XObject" => dictionary! { "Im" => image },
        },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let mut profile = Stream::new(dictionary! { "N" => 4 }, PROFILE.to_vec());
    profile.compress().unwrap();
    let profile = doc.add_object(profile);
    let intent = dictionary! {
        "Type" => "OutputIntent", "S" => "GTS_PDFX",
        "OutputConditionIdentifier" => text("CGATS TR 003"),
        "RegistryName" => text("http://www.color.org"),
        "Info" => text("SWOP printing on grade 3 coated paper"),
        "DestOutputProfile" => profile,
    };
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog", "Pages" => pages_id, "OutputIntents" => vec![intent.into()],
    });
    let info = doc.add_object(dictionary! {
        "Title" => text("Harbor Lights cover"),
        "CreationDate" => text("D:20250101120000Z"),
        "ModDate" => text("D:20250101120000Z"),
        "Trapped" => "False",
        "GTS_PDFXVersion" => text("PDF/X-1:2001"),
        "GTS_PDFXConformance" => text("PDF/X-1a:2001"),
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let id = Object::String(b"0123456789abcdef".to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    doc
}

/// The document's bytes.
pub fn save(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}
