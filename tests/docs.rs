//! `paper-stocks/SOURCES.md`, the crate documentation's "Data sources" section, is generated
//! from the stock files; this test fails when it is out of date (run with
//! `PODCOVER_UPDATE_SOURCES=1` to rewrite it).

use std::fmt::Write;

use podcover::{Catalog, Length, Paper, SpineShape, Vendor};

fn sources_markdown() -> String {
    let mut out = String::from(
        "Every vendor rule comes from a source, with a date and a confidence: `published` (the \
         vendor's own text or formula), `calculator` (readings of the vendor's calculator or \
         templates, or another credible record of them) or `estimate` (a third party's claim, or \
         a fit of ours). Notes record conflicts between sources and why a value was chosen. This \
         list is generated from the files in `paper-stocks/`.\n",
    );
    let paper_rules = ["spine", "pages", "paper trims", "trim_page_limit"];
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

/// Readings per binding and paper, how far the spine rule is from each, their sources, and
/// for fitted rules the fit with each source left out in turn.
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
    cross_validation(out, vendor);
}

/// The fit behind rules whose source is `spine-fit`: per paper, one slope shared by the
/// paperback line and the case-laminate and jacket steps (paperback: least squares; case and
/// jacket: the paperback line plus an allowance, down to 1/16 in, with the allowance in the
/// middle of what every reading allows). Each source is left out in turn, the rest refitted,
/// and the left-out readings predicted.
fn cross_validation(out: &mut String, vendor: &Vendor) {
    let fitted = |paper: &Paper| paper.spine.source.id == "spine-fit";
    let mut papers: Vec<&str> = Vec::new();
    for binding in &vendor.bindings {
        for paper in binding
            .papers
            .iter()
            .filter(|p| fitted(p) && !p.readings.is_empty())
        {
            if !papers.contains(&paper.id.as_str()) {
                papers.push(paper.id.as_str());
            }
        }
    }
    if papers.is_empty() {
        return;
    }
    out.push_str(
        "\nCross-validation of the fitted spine rules: each source left out in turn, the rest \
         refitted, the left-out readings predicted (worst error, inches):\n\n\
         | paper | left out | paperback readings | paperback worst | case and jacket readings | case and jacket worst |\n\
         |---|---|---|---|---|---|\n",
    );
    for paper_id in papers {
        let mut flat = Vec::new();
        let mut stepped = Vec::new();
        for binding in &vendor.bindings {
            let Some(paper) = binding.papers.iter().find(|p| p.id == paper_id) else {
                continue;
            };
            for r in &paper.readings {
                let reading = (r.source.id.clone(), f64::from(r.pages), r.spine.to_inches());
                match (&paper.spine.shape, paper.spine.rounding) {
                    (SpineShape::PerPage { .. }, Some(_)) if binding.id != "paperback" => {
                        stepped.push(reading)
                    }
                    _ if binding.id == "paperback" => flat.push(reading),
                    _ => {}
                }
            }
        }
        let mut left_out: Vec<&str> = flat
            .iter()
            .chain(&stepped)
            .map(|(s, _, _)| s.as_str())
            .collect();
        left_out.sort_unstable();
        left_out.dedup();
        for source in left_out {
            let keep = |v: &Vec<(String, f64, f64)>| -> Vec<(f64, f64)> {
                v.iter()
                    .filter(|r| r.0 != source)
                    .map(|r| (r.1, r.2))
                    .collect()
            };
            let test = |v: &Vec<(String, f64, f64)>| -> Vec<(f64, f64)> {
                v.iter()
                    .filter(|r| r.0 == source)
                    .map(|r| (r.1, r.2))
                    .collect()
            };
            let fit = Fit::new(&keep(&flat), &keep(&stepped));
            let column = |tests: Vec<(f64, f64)>, predict: &dyn Fn(f64) -> Option<f64>| {
                if tests.is_empty() {
                    return ("0".to_string(), "-".to_string());
                }
                let errors: Option<Vec<f64>> = tests
                    .iter()
                    .map(|(n, s)| predict(*n).map(|p| (p - s).abs()))
                    .collect();
                let worst = match errors {
                    Some(e) => format!("{:.4}", e.iter().cloned().fold(0.0, f64::max)),
                    None => "no fit without it".to_string(),
                };
                (tests.len().to_string(), worst)
            };
            let (nf, wf) = column(test(&flat), &|n| fit.as_ref().and_then(|f| f.flat(n)));
            let (ns, ws) = column(test(&stepped), &|n| fit.as_ref().and_then(|f| f.stepped(n)));
            let _ = writeln!(
                out,
                "| {paper_id} | `{source}` | {nf} | {wf} | {ns} | {ws} |"
            );
        }
    }
}

/// A paper's fit: slope `b`, paperback intercept `a` and case intercept `c` (rounded down to
/// 1/16 in), where the readings determine them.
struct Fit {
    b: f64,
    a: Option<f64>,
    c: Option<f64>,
}

const STEP: f64 = 0.0625;

impl Fit {
    fn new(flat: &[(f64, f64)], stepped: &[(f64, f64)]) -> Option<Fit> {
        // The slope on a grid of 0.0000005 in a page (from 0.0015 to 0.0035 in): least squares on
        // the paperback readings, ties broken by the widest room for the case intercept.
        let mut best: Option<((f64, f64), Fit)> = None;
        for i in 0..=4000 {
            let b = 0.0015 + f64::from(i) * 0.000_000_5;
            let c = if stepped.is_empty() {
                None
            } else {
                let lo = stepped
                    .iter()
                    .map(|(n, s)| s - b * n)
                    .fold(f64::MIN, f64::max);
                let hi = stepped
                    .iter()
                    .map(|(n, s)| s + STEP - b * n)
                    .fold(f64::MAX, f64::min);
                if hi <= lo {
                    continue;
                }
                Some(((lo + hi) / 2.0, hi - lo))
            };
            let a = (!flat.is_empty())
                .then(|| flat.iter().map(|(n, s)| s - b * n).sum::<f64>() / flat.len() as f64);
            let sse = match a {
                Some(a) if flat.len() > 1 => {
                    flat.iter().map(|(n, s)| (s - a - b * n).powi(2)).sum()
                }
                _ => 0.0,
            };
            // Without readings that pin the slope, there is nothing to fit.
            if flat.len() < 2 && c.is_none() {
                return None;
            }
            let key = ((sse * 1e9).round(), -c.map_or(0.0, |c| c.1));
            if best.as_ref().is_none_or(|(k, _)| key < *k) {
                best = Some((
                    key,
                    Fit {
                        b,
                        a,
                        c: c.map(|c| c.0),
                    },
                ));
            }
        }
        best.map(|(_, fit)| fit)
    }

    /// The paperback width, to 0.001 in as the templates show it.
    fn flat(&self, pages: f64) -> Option<f64> {
        Some(((self.a? + self.b * pages) * 1000.0).round() / 1000.0)
    }

    /// The case and jacket width: down to a whole 1/16 in.
    fn stepped(&self, pages: f64) -> Option<f64> {
        Some(((self.c? + self.b * pages) / STEP + 1e-9).floor() * STEP)
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
        "paper-stocks/SOURCES.md is out of date: run PODCOVER_UPDATE_SOURCES=1 cargo test --test docs"
    );
}
