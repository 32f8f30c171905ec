//! Layout computation and cross-vendor comparison.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use podcover::{catalog::BUILTIN_STOCKS, BookSpec, Catalog};

fn layout(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let trim = "6x9".parse().unwrap();
    let paperback = BookSpec::parse("kdp", "paperback", "cream", "6x9", 318).unwrap();
    c.bench_function("layout kdp paperback", |b| {
        b.iter(|| catalog.layout(black_box(&paperback)).unwrap())
    });
    let hardcover = BookSpec::parse("ingramspark", "hardcover", "cream", "6x9", 318).unwrap();
    c.bench_function("layout ingramspark hardcover", |b| {
        b.iter(|| catalog.layout(black_box(&hardcover)).unwrap())
    });
    let product = catalog
        .product(paperback.vendor, paperback.binding, paperback.paper)
        .unwrap();
    c.bench_function("layout kdp paperback, product resolved", |b| {
        b.iter(|| product.layout(black_box(&trim), black_box(318)).unwrap())
    });
    c.bench_function("compare all vendors", |b| {
        b.iter(|| catalog.compare(black_box(&trim), black_box(318), None))
    });
    c.bench_function("load built-in stock files", |b| {
        b.iter(|| {
            let mut catalog = Catalog::empty();
            for (name, text) in BUILTIN_STOCKS {
                catalog.add_stock(name, black_box(text)).unwrap();
            }
            catalog
        })
    });
}

criterion_group!(benches, layout);
criterion_main!(benches);
