//! Regenerates a catalogue from a manifest, as `podcover batch` does, and prints what changed.
//!
//! ```sh
//! cargo run --example catalogue -- catalogue 20
//! cargo run --example regenerate -- catalogue/manifest.toml catalogue/covers
//! ```

use std::path::PathBuf;

use podcover::batch::{self, BatchOptions, Manifest, Status};
use podcover::Catalog;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let manifest_path = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "catalogue/manifest.toml".into()),
    );
    let out = PathBuf::from(args.next().unwrap_or_else(|| "catalogue/covers".into()));
    let manifest = Manifest::parse(
        &manifest_path.display().to_string(),
        &std::fs::read_to_string(&manifest_path)?,
    )?;
    let options = BatchOptions::new(
        manifest_path
            .parent()
            .map(PathBuf::from)
            .unwrap_or_default(),
        out,
    )
    .force(false)
    .threads(std::thread::available_parallelism().map_or(1, |n| n.get()));
    let report = batch::run(Catalog::builtin(), &manifest, &options, &|title| {
        for target in &title.targets {
            if target.status != Status::Unchanged {
                println!(
                    "{} {}: {:?} {}",
                    title.id,
                    target.file,
                    target.status,
                    target.changes.join("; ")
                );
            }
        }
    })?;
    let (built, unchanged, failed) = report.counts();
    println!("built {built}, unchanged {unchanged}, failed {failed}");
    Ok(())
}
