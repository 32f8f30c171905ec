//! `podcover spine`: the spine width for one product and page count, and the rule behind it.

use podcover::{Catalog, Unit};
use serde_json::{json, Map, Value};

use crate::input::resolve;
use crate::output::{both, describe_confidence, num, pretty};
use crate::ProductArgs;

pub(crate) fn run(
    catalog: &Catalog,
    args: &ProductArgs,
    unit: Unit,
    json: bool,
) -> Result<String, String> {
    let (product, trim, pages) = resolve(catalog, args)?;
    // Any trim the vendor offers gives the same spine; the paper's limits are checked either way.
    let trim = match trim {
        Some(t) => t,
        None => *product
            .binding
            .trims
            .iter()
            .find(|t| product.trim(t).is_ok())
            .ok_or("the paper is offered on no trim")?,
    };
    let layout = product.layout(&trim, pages).map_err(|e| e.to_string())?;
    crate::output::warn_rounded(&layout);
    let spine = layout.spine_width;
    let pages = layout.spec.pages;
    let rule = &product.paper.spine;
    if json {
        let mut out = Map::new();
        out.insert("vendor".into(), json!(product.vendor.id));
        out.insert("binding".into(), json!(product.binding.id));
        out.insert("paper".into(), json!(product.paper.id));
        out.insert("pages".into(), json!(pages));
        out.insert("unit".into(), json!(unit));
        out.insert("spine_width".into(), num(spine, unit));
        out.insert("rounded_from".into(), json!(layout.rounded_from));
        out.insert("spine_basis".into(), json!(layout.spine_basis));
        out.insert("confidence".into(), json!(rule.confidence));
        out.insert("source".into(), json!(rule.source));
        out.insert("note".into(), json!(rule.note));
        Ok(pretty(&Value::Object(out)))
    } else {
        Ok(format!(
            "{} {pages} pages: spine {}\n  from: {}\n  rule: {} ({})\n  source: {}\n{}",
            product.name(),
            both(spine, unit),
            crate::layout::basis_text(&layout.spine_basis),
            rule.confidence,
            describe_confidence(rule.confidence),
            rule.source,
            rule.note
                .as_deref()
                .map(|n| format!("  note: {n}\n"))
                .unwrap_or_default(),
        ))
    }
}
