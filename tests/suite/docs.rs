//! `paper-stocks/SOURCES.md`, the crate documentation's "Data sources" section, is generated
//! from the stock files; this test fails when it is out of date (run with
//! `PODCOVER_UPDATE_SOURCES=1` to rewrite it).

use std::fmt::Write;

use podcover::{catalog::Vendor, Catalog, Length};

fn sources_markdown() -> String {
    let mut out = String::from(
        "Every vendor rule comes from a source, with a date and a confidence: `published` (the \
         vendor's own text or formula), `calculator` (readings of the vendor's calculator or \
         templates, or another credible record of them) or `estimate` (a third party's claim, or \
         a fit of ours). Notes record conflicts between sources and why a value was chosen. This \
         list is generated from the files in `paper-stocks/`.\n",
    );
    let paper_rules = [
        "spine",
        "pages",
        "template_pages",
        "paper trims",
        "trim_page_limit",
    ];
    for vendor in Catalog::builtin().vendors() {
        let _ = write!(
            out,
            "\n## {} (`{}`, `paper-stocks/{}`)\n\n",
            vendor.name, vendor.id, vendor.file
        );
        let mut sources = std::collections::BTreeMap::new();
        let mut notes = Vec::new();
        let mut rows = Vec::new();
        for binding in &vendor.bindings {
            for (i, paper) in binding.papers.iter().enumerate() {
                let product = Catalog::builtin()
                    .product(vendor.id, binding.id, paper.id)
                    .unwrap();
                for rule in product.rules() {
                    let per_paper = paper_rules.contains(&rule.rule);
                    if !per_paper && i > 0 {
                        continue;
                    }
                    sources.insert(rule.source.id.clone(), rule.source.to_string());
                    let paper_id = if per_paper {
                        paper.id.as_str()
                    } else {
                        "(all)"
                    };
                    let support = match rule.support {
                        Some(s) if s.readings > 0 => format!(" ({s})"),
                        _ => String::new(),
                    };
                    let row = format!(
                        "| {} | {} | {} | {}{support} | `{}` |",
                        binding.id, paper_id, rule.rule, rule.confidence, rule.source.id
                    );
                    if !rows.contains(&row) {
                        rows.push(row);
                    }
                    if let Some(note) = rule.note {
                        let line = format!("- {} {} {}: {}", binding.id, paper_id, rule.rule, note);
                        if !notes.contains(&line) {
                            notes.push(line);
                        }
                    }
                }
            }
        }
        // Digital editions: one row per rule, the product in the binding column.
        for d in &vendor.digital {
            for rule in d.rules() {
                sources.insert(rule.source.id.clone(), rule.source.to_string());
                rows.push(format!(
                    "| {} | (digital) | {} | {} | `{}` |",
                    d.id, rule.rule, rule.confidence, rule.source.id
                ));
                if let Some(note) = rule.note {
                    notes.push(format!("- {} (digital) {}: {}", d.id, rule.rule, note));
                }
            }
        }
        out.push_str("| binding | paper | rule | confidence | source |\n|---|---|---|---|---|\n");
        for row in rows {
            out.push_str(&row);
            out.push('\n');
        }
        out.push_str("\nSources:\n");
        for (id, text) in sources {
            let _ = writeln!(out, "- `{id}`: {text}");
        }
        if !notes.is_empty() {
            out.push_str("\nNotes:\n");
            for note in notes {
                out.push_str(&note);
                out.push('\n');
            }
        }
        readings_markdown(&mut out, vendor);
    }
    out
}

/// Readings per binding and paper, how far the spine rule is from each, and their sources.
fn readings_markdown(out: &mut String, vendor: &Vendor) {
    let mut rows = Vec::new();
    let mut sources = std::collections::BTreeMap::new();
    for binding in &vendor.bindings {
        for paper in &binding.papers {
            if paper.readings.is_empty() {
                continue;
            }
            let worst = paper
                .readings
                .iter()
                .filter_map(|r| Some((r.spine - paper.spine.width(r.pages)?).abs()))
                .fold(Length::ZERO, |a, b| if b > a { b } else { a });
            for r in &paper.readings {
                sources.insert(r.source.id.clone(), r.source.to_string());
            }
            let support = paper.support();
            rows.push(format!(
                "| {} | {} | {} | {} | {:.4} |",
                binding.id,
                paper.id,
                support.readings,
                support.sources,
                worst.to_inches()
            ));
        }
    }
    if rows.is_empty() {
        return;
    }
    out.push_str(
        "\nReadings (spine widths read off the vendor's templates or calculator; a layout at a \
         reading's page count uses it), and the spine rule's worst miss against them:\n\n\
         | binding | paper | readings | sources | worst miss (in) |\n|---|---|---|---|---|\n",
    );
    for row in rows {
        out.push_str(&row);
        out.push('\n');
    }
    out.push_str("\nReading sources:\n");
    for (id, text) in sources {
        let _ = writeln!(out, "- `{id}`: {text}");
    }
}

#[test]
fn sources_md_is_generated_from_the_stock_files() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/paper-stocks/SOURCES.md");
    let expected = sources_markdown();
    if std::env::var_os("PODCOVER_UPDATE_SOURCES").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "paper-stocks/SOURCES.md is out of date: run PODCOVER_UPDATE_SOURCES=1 cargo test --test suite docs"
    );
}

#[test]
fn the_built_in_font_has_its_licence_and_recipe_beside_it() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .unwrap_or_else(|e| panic!("assets/fonts/{name}: {e}"))
    };
    let recipe = read("make-subset.sh");
    for says in [
        "fonts-dejavu-core 2.37-6",
        "fonttools==4.68.0",
        "pyftsubset",
        "--output-file=DejaVuSans-Latin.ttf",
        "LICENSE-DejaVu.txt",
    ] {
        assert!(
            recipe.contains(says),
            "make-subset.sh does not say {says:?}"
        );
    }
    let licence = read("LICENSE-DejaVu.txt");
    assert!(licence.contains("Permission is hereby granted, free of charge"));
    assert!(licence.contains("DejaVu changes are in public domain"));
    // The font keeps its copyright notice (the licence asks for it in every copy).
    let font = std::fs::read(dir.join("DejaVuSans-Latin.ttf")).unwrap();
    let notice: Vec<u8> = "Bitstream"
        .encode_utf16()
        .flat_map(|u| u.to_be_bytes())
        .collect();
    assert!(font.windows(notice.len()).any(|w| w == notice.as_slice()));
}
