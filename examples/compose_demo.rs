//! Composes a cover from generated panel artwork and respines it: `cargo run --example compose_demo OUT_DIR`.

use podcover::{
    cover::{compose, respine, CoverArt, SpineArt, SpineLabel},
    draw::Cmyk,
    pdf::Artwork,
    BookSpec, Catalog,
};

fn panel(rgb: &str) -> Vec<u8> {
    // A 6x9 in panel with 0.125 in bleed, drawn with lopdf.
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let content = format!("{rgb} rg 0 0 450 666 re f 1 1 1 rg 40 300 370 60 re f");
    let contents = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => contents, "Resources" => dictionary! {},
        "MediaBox" => vec![0.into(), 0.into(), 450.into(), 666.into()],
        "TrimBox" => vec![9.into(), 9.into(), 441.into(), 657.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "out".into()));
    std::fs::create_dir_all(&dir)?;
    let catalog = Catalog::builtin();
    let kdp = catalog.layout(&BookSpec::parse("kdp", "paperback", "cream", "6x9", 300)?)?;
    let mut label = SpineLabel::new("Harbor Lights");
    label.author = Some("A. Writer".into());
    label.color = Cmyk::WHITE;
    label.background = Some(Cmyk::new(0.9, 0.5, 0.0, 0.3));
    let art = CoverArt::new(
        Artwork::from_pdf("front", &panel("0.8 0.2 0.2"))?,
        Artwork::from_pdf("back", &panel("0.2 0.3 0.7"))?,
    )
    .spine(SpineArt::Label(label))
    .barcode("978-0-306-40615-7".parse()?, "51699".parse()?);
    let cover = compose(&kdp, &art)?;
    std::fs::write(dir.join("kdp.pdf"), &cover.pdf)?;
    println!("kdp.pdf: {:?}", cover.warnings);
    let ingram = catalog.layout(&BookSpec::parse(
        "ingramspark",
        "paperback",
        "cream",
        "6x9",
        318,
    )?)?;
    let podcover::cover::Respined { pdf, report, .. } = respine(
        &Artwork::from_pdf("kdp.pdf", &cover.pdf)?,
        &kdp,
        &ingram,
        false,
    )?;
    std::fs::write(dir.join("ingramspark.pdf"), pdf)?;
    println!(
        "ingramspark.pdf: spine {} -> {}, stretch {:.3}",
        report.old_spine, report.new_spine, report.spine_stretch
    );
    Ok(())
}
