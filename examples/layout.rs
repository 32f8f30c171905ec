//! Computes one book's cover layout and prints every rectangle, with the rules' sources.
//!
//! `cargo run --example layout`

use podcover::{BookSpec, Catalog, Unit};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let catalog = Catalog::builtin();
    let spec = BookSpec::parse("ingramspark", "hardcover", "cream", "6x9", 318)?;
    let layout = catalog.layout(&spec)?;
    println!(
        "{} {} {}: spine {}, full cover {} x {} (confidence: {})",
        spec.vendor,
        spec.binding,
        spec.paper,
        layout.spine_width(),
        layout.sheet.width,
        layout.sheet.height,
        layout.confidence
    );
    print!("{}", layout.dump(Unit::Mm));
    let product = catalog.product(spec.vendor, spec.binding, spec.paper)?;
    for rule in product.rules() {
        println!("{:<22} {:<10} {}", rule.rule, rule.confidence, rule.source);
    }
    Ok(())
}
