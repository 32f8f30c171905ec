//! Respining a large cover against copying the same file: `cp && sync` and a respine that
//! reads, re-fits, writes and syncs, in the same run. Run with
//! `cargo bench -p podcover-benches --bench respine`.

use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use lopdf::{dictionary, Document, Object, Stream};
use podcover::{
    cover::{respine_to, respine_to_file, respine_with, RespineOptions},
    files,
    pdf::Artwork,
    BookSpec, Catalog, CoverLayout,
};

/// A whole KDP 6x9 300-page cream cover carrying one 4096 x 4096 RGB image of noise (48 MiB,
/// which does not compress), written once to the temporary folder.
fn big_cover(layout: &CoverLayout) -> PathBuf {
    let path = std::env::temp_dir().join("podcover-bench-respine-48mb.pdf");
    if path.exists() {
        return path;
    }
    let side = 4096u32;
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let pixels: Vec<u8> = (0..side * side * 3)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let (w, h) = (layout.sheet.width.to_pt(), layout.sheet.height.to_pt());
    let mut doc = Document::with_version("1.6");
    let image = doc.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => side,
        "Height" => side, "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8 },
        pixels,
    ));
    let content = doc.add_object(Stream::new(
        dictionary! {},
        format!("q {w} 0 0 {h} 0 0 cm /Im0 Do Q").into_bytes(),
    ));
    let pages = doc.new_object_id();
    let media = vec![
        0.into(),
        0.into(),
        Object::Real(w as f32),
        Object::Real(h as f32),
    ];
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content, "MediaBox" => media,
        "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image } },
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut file = std::fs::File::create(&path).unwrap();
    doc.save_to(&mut file).unwrap();
    file.sync_all().unwrap();
    path
}

/// Reads the cover's structure, re-fits it to `to` and writes it to `out` (its image copied
/// file to file by the system), synced and moved into place, as `podcover respine` does.
fn respine_as_the_cli(cover: &Path, from: &CoverLayout, to: &CoverLayout, out: &Path) {
    let art = files::read_artwork(cover).unwrap();
    let options = RespineOptions::new().allow_distortion(true);
    files::write_atomic_file(out, true, |file| {
        respine_to_file(&art, from, to, options, file)
            .map(drop)
            .map_err(std::io::Error::other)
    })
    .unwrap();
}

/// Reads the cover whole, re-fits it to `to` and writes it to `out`, synced.
fn respine_file(cover: &Path, from: &CoverLayout, to: &CoverLayout, out: &Path) {
    let art = Artwork::from_vec("big", std::fs::read(cover).unwrap()).unwrap();
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    respine_to(&art, from, to, false, &mut file).unwrap();
    let file = file.into_inner().unwrap();
    file.sync_all().unwrap();
}

fn benches(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let layout = |v: &str, b: &str, pages| {
        catalog
            .layout(&BookSpec::parse(v, b, "cream", "6x9", pages).unwrap())
            .unwrap()
    };
    let kdp = layout("kdp", "paperback", 300);
    let ingram = layout("ingramspark", "paperback", 318);
    let case = layout("kdp", "hardcover", 300);
    let cover = big_cover(&kdp);
    let out = std::env::temp_dir().join("podcover-bench-respine-out.pdf");
    let size = |p: &Path| std::fs::metadata(p).unwrap().len();
    // The case's spine is 25% wider than the paperback's: its type is allowed to stretch.
    let allowed = || RespineOptions::new().allow_distortion(true);

    // Across bindings, the cover's page is written once: the case is the size of the cover.
    let art = Artwork::from_vec("big", std::fs::read(&cover).unwrap()).unwrap();
    let across = respine_with(&art, &kdp, &case, allowed()).unwrap().pdf;
    drop(art);
    let _ = writeln!(
        std::io::stderr(),
        "cover {} bytes; across bindings {} bytes ({:+.2}%)",
        size(&cover),
        across.len(),
        (across.len() as f64 / size(&cover) as f64 - 1.0) * 100.0
    );
    drop(across);

    let mut group = c.benchmark_group("48 MiB cover");
    group.sample_size(10);
    group.bench_function("cp && sync", |b| {
        b.iter(|| {
            let status = Command::new("sh")
                .arg("-c")
                .arg("cp \"$0\" \"$1\" && sync \"$1\"")
                .arg(&cover)
                .arg(&out)
                .status()
                .unwrap();
            assert!(status.success());
        })
    });
    group.bench_function("respine: read, re-fit, write, sync", |b| {
        b.iter(|| respine_file(black_box(&cover), &kdp, &ingram, &out))
    });
    group.bench_function(
        "respine as the command line: read in part, copy, sync",
        |b| b.iter(|| respine_as_the_cli(black_box(&cover), &kdp, &ingram, &out)),
    );
    group.bench_function("respine across bindings as the command line", |b| {
        b.iter(|| respine_as_the_cli(black_box(&cover), &kdp, &case, &out))
    });
    group.bench_function("respine across bindings: read, re-fit, write, sync", |b| {
        b.iter(|| {
            let art = Artwork::from_vec("big", std::fs::read(&cover).unwrap()).unwrap();
            let pdf = respine_with(&art, &kdp, &case, allowed()).unwrap().pdf;
            let mut file = std::fs::File::create(&out).unwrap();
            file.write_all(&pdf).unwrap();
            file.sync_all().unwrap();
        })
    });
    group.finish();
    let _ = std::fs::remove_file(&out);
}

criterion_group!(respine_benches, benches);
criterion_main!(respine_benches);
