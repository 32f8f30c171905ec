//! Converting a cover's RGB art to CMYK for print, measuring its ink and proofing it: the whole
//! sheet of a 6 x 9 in IngramSpark paperback at 300 ppi.

use std::hint::black_box;
use std::num::NonZeroU32;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use podcover::{
    color::{max_ink, CmykConverter, Intent, OutputProfile, ProofConverter, SourceProfile},
    cover::{compose_with, ComposeOptions, CoverArt},
    pdf::Artwork,
    BookSpec, Catalog,
};

/// The sheet of a 300-page 6 x 9 in paperback (12.879 x 9.25 in with bleed) at 300 ppi, as
/// smooth gradients with noise on them, like a photograph: 3864 x 2775 pixels.
fn cover_art() -> (NonZeroU32, Vec<[u8; 3]>) {
    let spec = BookSpec::parse("ingramspark", "paperback", "white", "6x9", 300).unwrap();
    let sheet = Catalog::builtin().layout(&spec).unwrap().sheet;
    let px = |inches: f64| (inches * 300.0).round() as u32;
    let (width, height) = (px(sheet.width.to_inches()), px(sheet.height.to_inches()));
    let mut seed = 0x2545_f491_u32;
    let mut pixels = Vec::with_capacity(width as usize * height as usize);
    for y in 0..height {
        for x in 0..width {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let noise = seed & 31;
            let channel = |v: u32| (v % 256) as u8;
            pixels.push([
                channel(x * 255 / width + noise),
                channel(y * 255 / height + noise),
                channel((x + y) * 255 / (width + height) + 2 * noise),
            ]);
        }
    }
    (NonZeroU32::new(width).unwrap(), pixels)
}

fn benches(c: &mut Criterion) {
    let (width, rgb) = cover_art();
    let output = OutputProfile::swop_grade3();
    let srgb = SourceProfile::srgb();
    let mut group = c.benchmark_group(format!(
        "cover art {} x {} px",
        width,
        rgb.len() / width.get() as usize
    ));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("build converter", |b| {
        b.iter(|| CmykConverter::new(black_box(&srgb), &output, Intent::Perceptual).unwrap())
    });
    for intent in [Intent::Perceptual, Intent::RelativeColorimetric] {
        let to_cmyk = CmykConverter::new(&srgb, &output, intent).unwrap();
        group.bench_function(format!("sRGB to CMYK, {intent:?}"), |b| {
            b.iter(|| to_cmyk.convert(black_box(&rgb)))
        });
    }
    let cmyk = CmykConverter::new(&srgb, &output, Intent::Perceptual)
        .unwrap()
        .convert(&rgb);
    group.bench_function("max ink", |b| b.iter(|| max_ink(black_box(&cmyk), width)));
    let proof = ProofConverter::new(&output, Intent::RelativeColorimetric);
    group.bench_function("CMYK to sRGB proof", |b| {
        b.iter(|| proof.convert(black_box(&cmyk)))
    });
    group.finish();
    cover_to_cmyk(c, width, &rgb);
}

/// The sheet's art as front and back panel PNGs (each 6.125 x 9.25 in at 300 ppi, the sheet's
/// outer strips), composed into an IngramSpark cover: both separated to CMYK within 240% and
/// Flate-compressed, the PDF written. Compare with Ghostscript converting the same cover made
/// in RGB (`podcover compose --vendor kdp` of the same PNGs) to PDF/X with
/// `gs -dPDFX -sColorConversionStrategy=CMYK`, which takes seconds.
fn cover_to_cmyk(c: &mut Criterion, width: NonZeroU32, rgb: &[[u8; 3]]) {
    let spec = BookSpec::parse("ingramspark", "paperback", "white", "6x9", 300).unwrap();
    let catalog = Catalog::builtin();
    let layout = catalog.layout(&spec).unwrap();
    let binding = catalog
        .product(spec.vendor, spec.binding, spec.paper)
        .unwrap()
        .binding;
    let (w, h) = (1838usize, rgb.len() / width.get() as usize);
    let panel = |left: usize| {
        let mut samples = Vec::with_capacity(w * h * 3);
        for row in rgb.chunks(width.get() as usize) {
            samples.extend(row[left..left + w].as_flattened());
        }
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, w as u32, h as u32);
        encoder.set_color(png::ColorType::Rgb);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&samples).unwrap();
        writer.finish().unwrap();
        out
    };
    let art = CoverArt::new(
        Artwork::from_bytes("front.png", &panel(width.get() as usize - w)).unwrap(),
        Artwork::from_bytes("back.png", &panel(0)).unwrap(),
    );
    let options = ComposeOptions::for_binding(binding);
    let mut group = c.benchmark_group("6 x 9 in cover, 300 ppi PNG art");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("compose for IngramSpark (separate, Flate, write)", |b| {
        b.iter(|| compose_with(&layout, black_box(&art), &options).unwrap())
    });
    group.finish();
}

criterion_group!(color_benches, benches);
criterion_main!(color_benches);
