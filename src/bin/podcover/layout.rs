//! `podcover layout`: every rectangle of the cover.

use podcover::{Catalog, CoverLayout, Product, Unit};
use serde_json::{json, Map, Value};

use crate::input::resolve;
use crate::output::{both, describe_confidence, human, num, pretty, rect_json, trim_text};
use crate::ProductArgs;

pub(crate) fn run(
    catalog: &Catalog,
    args: &ProductArgs,
    unit: Unit,
    json: bool,
) -> Result<String, String> {
    let (product, trim, pages) = resolve(catalog, args)?;
    let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
    let layout = product.layout(&trim, pages).map_err(|e| e.to_string())?;
    crate::output::warn_rounded(&layout);
    if json {
        Ok(pretty(&layout_json(&layout, &product, unit)))
    } else {
        Ok(layout_text(&layout, &product, unit))
    }
}

fn layout_json(layout: &CoverLayout, product: &Product, unit: Unit) -> Value {
    let spec = &layout.spec;
    let regions: Map<String, Value> = layout
        .regions()
        .into_iter()
        .map(|(name, r)| (name.to_string(), rect_json(&r, unit)))
        .collect();
    json!({
        "vendor": spec.vendor,
        "binding": spec.binding,
        "paper": spec.paper,
        "pages": spec.pages,
        "unit": unit,
        "trim": { "width": num(spec.trim.width, unit), "height": num(spec.trim.height, unit) },
        "kind": layout.kind,
        "spine_width": num(layout.spine_width, unit),
        "full_width": num(layout.sheet.width, unit),
        "full_height": num(layout.sheet.height, unit),
        "bleed": num(layout.bleed, unit),
        "spine_text": {
            "allowed": layout.spine_text.is_allowed(),
            "reason": layout.spine_text.to_string(),
        },
        "confidence": layout.confidence,
        "spine_basis": layout.spine_basis,
        "rounded_from": layout.rounded_from,
        "regions": regions,
        "folds": layout.folds.iter().map(|x| num(*x, unit)).collect::<Vec<_>>(),
        "rules": product.rules(),
    })
}

fn layout_text(layout: &CoverLayout, product: &Product, unit: Unit) -> String {
    let spec = &layout.spec;
    let mut out = format!(
        "{} {} {}, trim {}, {} pages\n",
        spec.vendor,
        spec.binding,
        spec.paper,
        trim_text(&spec.trim, unit),
        spec.pages
    );
    out.push_str(&format!(
        "  spine width   {}  ({})\n",
        both(layout.spine_width, unit),
        basis_text(&layout.spine_basis)
    ));
    out.push_str(&format!(
        "  full cover    {} x {}\n",
        human(layout.sheet.width, unit),
        human(layout.sheet.height, unit)
    ));
    let edge = match layout.kind {
        podcover::CoverKind::Case => "wrap",
        _ => "bleed",
    };
    out.push_str(&format!("  {edge:<13} {}\n", human(layout.bleed, unit)));
    out.push_str(&format!("  spine text    {}\n", layout.spine_text));
    out.push_str(&format!(
        "  confidence    {} ({})\n\nregions ({unit}, from the lower-left corner of the sheet):\n",
        layout.confidence,
        describe_confidence(layout.confidence)
    ));
    for line in layout.dump(unit).lines() {
        out.push_str(&format!("  {line}\n"));
    }
    out.push_str("\nrules:\n");
    for rule in product.rules() {
        out.push_str(&format!(
            "  {:<21} {:<10} {}\n",
            rule.rule, rule.confidence, rule.source
        ));
    }
    out
}

/// Where the spine width comes from, for people.
pub(crate) fn basis_text(basis: &podcover::SpineBasis) -> String {
    match basis {
        podcover::SpineBasis::Rule { confidence } => format!("spine rule, {confidence}"),
        podcover::SpineBasis::Reading { source } => {
            format!("reading: {}, {}", source.title, source.date)
        }
        podcover::SpineBasis::Given => "given".into(),
    }
}
