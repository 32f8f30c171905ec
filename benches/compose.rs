//! Composing covers, respining a large cover against copying it, and batch throughput.

use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use podcover::batch::{self, BatchOptions, Manifest};
use podcover::{
    cover::{compose, respine, respine_to, CoverArt, SpineArt, SpineLabel},
    pdf::Artwork,
    BookSpec, Catalog,
};

/// A sample catalogue written by `examples/catalogue.rs` (500 titles, a 40 MB cover).
fn catalogue() -> PathBuf {
    let dir = std::env::temp_dir().join("podcover-bench-catalogue");
    if !dir.join("big-cover.pdf").exists() {
        let status = Command::new(env!("CARGO"))
            .args([
                "run",
                "--quiet",
                "--release",
                "-p",
                "podcover",
                "--features",
                "pdf",
                "--example",
                "catalogue",
                "--",
            ])
            .arg(&dir)
            .args(["500", "--image-mb", "40"])
            .status()
            .expect("cargo runs the catalogue example");
        assert!(status.success());
    }
    dir
}

fn benches(c: &mut Criterion) {
    let dir = catalogue();
    let catalog = Catalog::builtin();
    let kdp = catalog
        .layout(&BookSpec::parse("kdp", "paperback", "cream", "6x9", 300).unwrap())
        .unwrap();
    let ingram = catalog
        .layout(&BookSpec::parse("ingramspark", "paperback", "cream", "6x9", 318).unwrap())
        .unwrap();

    let read =
        |name: &str| Artwork::from_pdf(name, &std::fs::read(dir.join(name)).unwrap()).unwrap();
    let art = CoverArt::new(read("art/0-front.pdf"), read("art/0-back.pdf"))
        .spine(SpineArt::Label(SpineLabel::new("Title 0")))
        .barcode("9780306406157".parse().unwrap(), "51699".parse().unwrap());
    c.bench_function("compose one cover (spine text, barcode)", |b| {
        b.iter(|| compose(black_box(&kdp), black_box(&art)).unwrap())
    });

    let big = std::fs::read(dir.join("big-cover.pdf")).unwrap();
    let out = dir.join("bench-out.pdf");
    let mut group = c.benchmark_group("40 MB cover");
    group.sample_size(10);
    group.bench_function("respine: read, re-fit, write", |b| {
        b.iter(|| {
            let cover =
                Artwork::from_pdf("big", &std::fs::read(dir.join("big-cover.pdf")).unwrap())
                    .unwrap();
            let pdf = respine(&cover, &kdp, &ingram, false).unwrap().pdf;
            std::fs::write(&out, pdf).unwrap();
        })
    });
    group.bench_function("respine_to: read, re-fit, write to the file", |b| {
        b.iter(|| {
            let cover =
                Artwork::from_pdf("big", &std::fs::read(dir.join("big-cover.pdf")).unwrap())
                    .unwrap();
            let mut file = std::fs::File::create(&out).unwrap();
            respine_to(&cover, &kdp, &ingram, false, &mut file).unwrap();
        })
    });
    // Where respine's time goes beyond a copy's: reading alone, then reading and parsing (the
    // parser copies every stream into its own objects).
    group.bench_function("read", |b| {
        b.iter(|| std::fs::read(dir.join("big-cover.pdf")).unwrap())
    });
    group.bench_function("read, parse", |b| {
        b.iter(|| {
            Artwork::from_pdf("big", &std::fs::read(dir.join("big-cover.pdf")).unwrap()).unwrap()
        })
    });
    group.bench_function("copy: read, write", |b| {
        b.iter(|| {
            let bytes = std::fs::read(dir.join("big-cover.pdf")).unwrap();
            std::fs::write(&out, black_box(bytes)).unwrap();
        })
    });
    group.finish();
    drop(big);

    let text = std::fs::read_to_string(dir.join("manifest.toml")).unwrap();
    let manifest = Manifest::parse("manifest.toml", &text).unwrap();
    let mut group = c.benchmark_group("batch 500 titles x 3 vendors");
    group.sample_size(10);
    for threads in [1, 2] {
        let options = BatchOptions::new(dir.clone(), dir.join(format!("covers-{threads}")))
            .force(true)
            .threads(threads);
        group.bench_function(format!("{threads} thread(s)"), |b| {
            b.iter(|| batch::run(catalog, &manifest, &options, &|_| {}).unwrap())
        });
    }
    group.finish();
}

criterion_group!(compose_benches, benches);
criterion_main!(compose_benches);
