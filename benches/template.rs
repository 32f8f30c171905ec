//! Template generation: marks, PDF and SVG.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use podcover::{
    draw::{Template, TemplateOptions},
    BookSpec, Catalog,
};

fn template(c: &mut Criterion) {
    let spec = BookSpec::parse("ingramspark", "paperback", "cream", "6x9", 318).unwrap();
    let layout = Catalog::builtin().layout(&spec).unwrap();
    let options = TemplateOptions::new()
        .isbn("978-0-306-40615-7".parse().unwrap())
        .price("51699".parse().unwrap());
    let template = Template::new(&layout, &options).unwrap();
    let pdf = template.to_pdf().unwrap();
    let svg = template.to_svg();
    println!("template: PDF {} bytes, SVG {} bytes", pdf.len(), svg.len());
    c.bench_function("template marks", |b| {
        b.iter(|| Template::new(black_box(&layout), black_box(&options)).unwrap())
    });
    c.bench_function("template pdf (marks + compressed pdf)", |b| {
        b.iter(|| {
            Template::new(black_box(&layout), black_box(&options))
                .unwrap()
                .to_pdf()
                .unwrap()
        })
    });
    c.bench_function("template svg", |b| b.iter(|| black_box(&template).to_svg()));
}

criterion_group!(benches, template);
criterion_main!(benches);
