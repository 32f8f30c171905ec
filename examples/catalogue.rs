//! Writes a sample catalogue (artwork and a batch manifest) to try `podcover batch` on.
//!
//! ```sh
//! cargo run --example catalogue -- DIR [TITLES] [--image-mb N]
//! cargo podcover batch DIR/manifest.toml --out DIR/covers
//! ```
//!
//! Each title gets 6x9 in front and back artwork with 0.125 in bleed and a target for KDP,
//! IngramSpark and Lulu. `--image-mb N` also writes `DIR/big-cover.pdf`, a whole KDP cream
//! 300-page cover carrying an N MB image, to try `podcover respine` on.

use std::fmt::Write;
use std::path::Path;

use lopdf::{dictionary, Document, Object, Stream};

/// A one-page PDF: a filled rectangle, and an image of `image_bytes` raw RGB bytes if not zero.
fn page(
    width: f32,
    height: f32,
    trim: Option<f32>,
    rgb: (f32, f32, f32),
    image_bytes: usize,
) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let mut content = format!("{} {} {} rg 0 0 {width} {height} re f", rgb.0, rgb.1, rgb.2);
    let mut resources = dictionary! {};
    if image_bytes > 0 {
        // A square RGB image of noise-like data, drawn over the middle of the page.
        let side = ((image_bytes / 3) as f64).sqrt() as i64;
        let data: Vec<u8> = (0..side * side * 3)
            .map(|i| (i * 7919 % 251) as u8)
            .collect();
        let image = doc.add_object(
            Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Image", "Width" => side, "Height" => side,
                    "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8,
                },
                data,
            )
            .with_compression(false),
        );
        resources.set("XObject", dictionary! { "Im0" => image });
        content.push_str(&format!(
            " q {} 0 0 {} 100 100 cm /Im0 Do Q",
            width - 200.0,
            height - 200.0
        ));
    }
    let contents = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    let mut page = dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => contents, "Resources" => resources,
        "MediaBox" => vec![0.into(), 0.into(), Object::Real(width), Object::Real(height)],
    };
    if let Some(bleed) = trim {
        page.set(
            "TrimBox",
            vec![
                Object::Real(bleed),
                Object::Real(bleed),
                Object::Real(width - bleed),
                Object::Real(height - bleed),
            ],
        );
    }
    let page = doc.add_object(page);
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("an in-memory PDF saves");
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = Path::new(args.first().map(String::as_str).unwrap_or("catalogue"));
    let titles: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20);
    let image_mb: usize = args
        .iter()
        .position(|a| a == "--image-mb")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    std::fs::create_dir_all(dir.join("art"))?;
    let mut manifest = String::new();
    let dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    let font = Path::new(dejavu).is_file().then_some(dejavu);
    for i in 0..titles {
        let shade = (i % 10) as f32 / 10.0;
        std::fs::write(
            dir.join(format!("art/{i}-front.pdf")),
            page(450.0, 666.0, Some(9.0), (0.8, shade, 0.2), 0),
        )?;
        std::fs::write(
            dir.join(format!("art/{i}-back.pdf")),
            page(450.0, 666.0, Some(9.0), (0.2, shade, 0.8), 0),
        )?;
        // Spine text needs a font to embed (DejaVu Sans where Debian's fonts-dejavu-core put
        // it); without one the spine is a colour.
        let spine = match font {
            Some(font) => format!(
                "spine_text = {{ title = \"Title {i}\", author = \"A. Writer\", font = \"{font}\" }}"
            ),
            None => "spine_color = [0.0, 0.0, 0.0, 1.0]".to_string(),
        };
        let _ = write!(
            manifest,
            "[[book]]\nid = \"title-{i:04}\"\ntrim = \"6x9\"\npages = {}\nisbn = \"9780306406157\"\nfront = \"art/{i}-front.pdf\"\nback = \"art/{i}-back.pdf\"\n{spine}\n",
            160 + 2 * (i % 300)
        );
        for (vendor, paper) in [
            ("kdp", "cream"),
            ("ingramspark", "cream"),
            ("lulu", "white"),
        ] {
            let _ = write!(manifest, "[[book.target]]\nvendor = \"{vendor}\"\nbinding = \"paperback\"\npaper = \"{paper}\"\n");
        }
        manifest.push('\n');
    }
    std::fs::write(dir.join("manifest.toml"), manifest)?;
    if image_mb > 0 {
        // KDP cream 300 pages: 0.125 + 6 + 0.75 + 6 + 0.125 = 13 x 9.25 in = 936 x 666 pt.
        std::fs::write(
            dir.join("big-cover.pdf"),
            page(936.0, 666.0, Some(9.0), (0.3, 0.5, 0.3), image_mb << 20),
        )?;
    }
    println!("wrote {} titles to {}", titles, dir.display());
    Ok(())
}
