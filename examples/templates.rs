//! Writes cover templates (PDF) for the same book at KDP, IngramSpark and Lulu.
//!
//! `cargo run --example templates -- OUT_DIR`

use podcover::{write_atomic, BookSpec, Catalog, Template, TemplateOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "templates".into()),
    );
    std::fs::create_dir_all(&dir)?;
    let options = TemplateOptions::new()
        .isbn("978-0-306-40615-7".parse()?)
        .price("51699".parse()?);
    for vendor in ["kdp", "ingramspark", "lulu"] {
        let spec = BookSpec::new(vendor, "paperback", "cream", "6x9".parse()?, 318);
        let layout = Catalog::builtin().layout(&spec)?;
        let pdf = Template::new(&layout, &options)?.to_pdf()?;
        let path = dir.join(format!("{vendor}-paperback-cream.pdf"));
        // Replaces an earlier run's file; pass `false` to keep existing files.
        write_atomic(&path, &pdf, true)?;
        println!(
            "{}: spine {}, {} bytes",
            path.display(),
            layout.spine_width,
            pdf.len()
        );
    }
    Ok(())
}
