//! A catalogue from PNG art, as `podcover batch` builds it:
//!
//! - 500 titles x 3 vendors = 1,500 covers, 6 x 9 in paperbacks of 160 to 758 pages;
//! - KDP and Lulu keep the art in RGB; IngramSpark's covers are converted: the art separated
//!   into CMYK for its printing condition, written as PDF/X-1a with its output profile;
//! - every title shares two 300 ppi RGB PNGs of 1838 x 2775 px (6.125 x 9.25 in, a panel with
//!   its bleed), smooth gradients (flat art, not photographs: 22 KB each as PNG);
//! - every cover is checked as batch always does (`check`, read back from the file written),
//!   and made durable (synced to disk) before it is recorded;
//! - 2 threads, into the same folder each time (`force`: every cover is rebuilt).
//!
//! Run with `cargo bench -p podcover-benches --bench batch`; the peak memory of the whole bench
//! process is printed at the end.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use podcover::batch::{self, BatchOptions, Manifest, Status};
use podcover::Catalog;

/// Titles in the catalogue.
const TITLES: usize = 500;

/// A 6x9 in panel with 0.125 in bleed at 300 ppi (1838 x 2775 px): a smooth RGB gradient,
/// as flat cover art is.
fn panel_png(tint: u8) -> Vec<u8> {
    let (w, h) = (1838u32, 2775u32);
    let mut pixels = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            pixels.extend_from_slice(&[(x * 255 / w) as u8, (y * 255 / h) as u8, tint]);
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    out
}

/// The catalogue's folder: the two PNGs and the manifest, written once.
fn catalogue() -> PathBuf {
    let dir = std::env::temp_dir().join("podcover-bench-png-catalogue");
    if dir.join("manifest.toml").exists() {
        return dir;
    }
    std::fs::create_dir_all(dir.join("art")).unwrap();
    std::fs::write(dir.join("art/front.png"), panel_png(60)).unwrap();
    std::fs::write(dir.join("art/back.png"), panel_png(200)).unwrap();
    let mut manifest = String::new();
    for i in 0..TITLES {
        let _ = write!(
            manifest,
            "[[book]]\nid = \"title-{i:04}\"\ntrim = \"6x9\"\npages = {}\nisbn = \
             \"9780306406157\"\nfront = \"art/front.png\"\nback = \"art/back.png\"\n\
             spine_color = [0.0, 0.0, 0.0, 1.0]\n",
            160 + 2 * (i % 300)
        );
        for (vendor, paper) in [
            ("kdp", "cream"),
            ("ingramspark", "cream"),
            ("lulu", "white"),
        ] {
            let _ = write!(
                manifest,
                "[[book.target]]\nvendor = \"{vendor}\"\nbinding = \"paperback\"\npaper = \
                 \"{paper}\"\n"
            );
        }
        manifest.push('\n');
    }
    std::fs::write(dir.join("manifest.toml"), manifest).unwrap();
    dir
}

/// The process's peak resident memory (VmHWM), as Linux reports it.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(str::to_string)
        })
        .unwrap_or_else(|| "VmHWM unknown".into())
}

fn run(catalog: &Catalog, manifest: &Manifest, dir: &Path) {
    let options = BatchOptions::new(dir, dir.join("covers"))
        .force(true)
        .threads(2);
    let report = batch::run(catalog, manifest, &options, &|_| {}).unwrap();
    let built = report
        .titles
        .iter()
        .flat_map(|t| &t.targets)
        .filter(|t| t.status == Status::Built && t.check.is_some())
        .count();
    assert_eq!(built, TITLES * 3, "{:?}", report.titles[0].targets[0].error);
}

fn benches(c: &mut Criterion) {
    let dir = catalogue();
    let catalog = Catalog::builtin();
    let text = std::fs::read_to_string(dir.join("manifest.toml")).unwrap();
    let manifest = Manifest::parse("manifest.toml", &text).unwrap();
    let mut group = c.benchmark_group("batch from PNG art");
    group.sample_size(10);
    group.bench_function(
        "1,500 covers (500 titles x KDP, IngramSpark PDF/X-1a CMYK, Lulu) from two 300 ppi \
         gradient PNGs, each checked and synced, 2 threads",
        |b| b.iter(|| run(catalog, &manifest, &dir)),
    );
    group.finish();
    eprintln!("peak memory of the bench process: {}", peak_memory());
}

criterion_group!(batch_benches, benches);
criterion_main!(batch_benches);
