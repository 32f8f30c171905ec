//! Conformance sweep: every vendor, binding, paper and trim in the catalog, at the fewest, a
//! middle and the most pages: the layout computes, the template renders, our own preflight
//! passes on it (but for the PDF/X rules, which are an upload's) and qpdf reads it without a
//! warning. `qpdf --check` runs on one trim of each product at each page count (trims change
//! only numbers); every template is read by qpdf in one run that gathers them into one
//! document, which is then checked too.

use crate::common::tools::{output, stderr, stdout, try_output};
use podcover::{
    draw::{Template, TemplateOptions},
    preflight::{self, Verdict},
    BookSpec, Catalog,
};
use std::process::Command;

#[test]
fn every_catalog_entry_renders_a_template_that_passes_qpdf_and_preflight() {
    let catalog = Catalog::builtin();
    let dir =
        std::env::temp_dir().join(format!("podcover-conformance-{}", crate::common::unique()));
    std::fs::create_dir_all(&dir).unwrap();
    let options = TemplateOptions::new()
        .isbn("9780306406157".parse().unwrap())
        .price("51699".parse().unwrap());
    let mut count = 0;
    let mut files = Vec::new();
    let mut checked = Vec::new();
    for vendor in catalog.vendors() {
        for binding in &vendor.bindings {
            for paper in &binding.papers {
                let product = catalog.product(vendor.id, binding.id, paper.id).unwrap();
                let first = files.len();
                for trim in binding.trims.value.iter() {
                    let Ok(trim) = product.trim(trim) else {
                        continue; // not offered on this paper
                    };
                    let limits = paper.pages.value;
                    let max = paper
                        .trim_page_limits
                        .iter()
                        .find(|l| l.trims.iter().any(|t| t.matches(&trim)))
                        .map_or(limits.max, |l| l.max);
                    let round = |p: u32| p.div_ceil(limits.multiple) * limits.multiple;
                    let top = max / limits.multiple * limits.multiple;
                    for pages in [
                        round(limits.min),
                        round((limits.min + max) / 2).min(top),
                        top,
                    ] {
                        let spec = BookSpec::new(vendor.id, binding.id, paper.id, trim, pages);
                        let layout = catalog
                            .layout(&spec)
                            .unwrap_or_else(|e| panic!("{spec:?}: {e}"));
                        let pdf = Template::new(&layout, &options)
                            .and_then(|t| t.to_pdf())
                            .unwrap_or_else(|e| panic!("{spec:?}: {e}"));
                        let report = preflight::check(catalog, &layout, "template", &pdf).unwrap();
                        // Templates are not uploaded: the PDF/X rules (their guides are a
                        // layer) are not theirs to meet.
                        let failed: Vec<_> = report
                            .findings
                            .iter()
                            .filter(|f| !f.check.starts_with("pdfx-"))
                            .filter(|f| f.status != Verdict::Pass)
                            .collect();
                        assert!(failed.is_empty(), "{spec:?}: {failed:#?}");
                        let path = dir.join(format!("{count}.pdf"));
                        std::fs::write(&path, &pdf).unwrap();
                        files.push((path, spec));
                        count += 1;
                    }
                }
                // The first trim offered on this paper, at each of its three page counts.
                checked.extend(first..(first + 3).min(files.len()));
            }
        }
    }
    for &i in &checked {
        let (path, spec) = &files[i];
        let out = try_output(Command::new("qpdf").arg("--check").arg(path));
        assert!(
            out.status.success(),
            "qpdf --check failed for {spec:?}: {}",
            stdout(&out)
        );
    }
    // Every template read by qpdf: a damaged cross-reference table or a stream whose length is
    // wrong is a warning (qpdf then repairs it and still exits 0, so the warnings are counted).
    let all = dir.join("all.pdf");
    let out = output(
        Command::new("qpdf")
            .arg("--empty")
            .arg("--pages")
            .args(files.iter().map(|(path, _)| path))
            .arg("--")
            .arg(&all),
    );
    let said = stderr(&out);
    assert!(
        said.trim().is_empty(),
        "qpdf reading every template: {said}"
    );
    output(Command::new("qpdf").arg("--check").arg(&all));
    println!(
        "conformance: qpdf --check on {} templates and on all {count} in one document",
        checked.len()
    );
    std::fs::remove_dir_all(&dir).unwrap();
    println!("conformance: {count} templates checked");
    assert!(count > 500, "only {count} templates");
}
