//! Writes cover templates (PDF, and PNG at 300 ppi) for the same book at KDP, IngramSpark and
//! Lulu, and the book's barcode on its own.
//!
//! `cargo run --example templates -- OUT_DIR`

use podcover::{
    draw::{Bookland, Template, TemplateOptions},
    files::write_atomic,
    BookSpec, Catalog,
};

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
        let spec = BookSpec::parse(vendor, "paperback", "cream", "6x9", 318)?;
        let layout = Catalog::builtin().layout(&spec)?;
        let template = Template::new(&layout, &options)?;
        let pdf = template.to_pdf()?;
        write_atomic(
            &dir.join(format!("{vendor}-paperback-cream.png")),
            &template.to_png(300)?,
            true,
        )?;
        let path = dir.join(format!("{vendor}-paperback-cream.pdf"));
        // Replaces an earlier run's file; pass `false` to keep existing files.
        write_atomic(&path, &pdf, true)?;
        println!(
            "{}: spine {}, {} bytes",
            path.display(),
            layout.spine_width(),
            pdf.len()
        );
    }
    let barcode = Bookland::new(&"978-0-306-40615-7".parse()?, "51699".parse()?, 100)?;
    write_atomic(&dir.join("barcode.svg"), barcode.to_svg().as_bytes(), true)?;
    Ok(())
}
