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
    let spine = match &trim {
        Some(t) => product.layout(t, pages).map(|l| l.spine_width),
        None => product
            .check_pages(None, pages)
            .and_then(|_| product.spine_width(pages)),
    }
    .map_err(|e| e.to_string())?;
    let rule = &product.paper.spine;
    if json {
        let mut out = Map::new();
        out.insert("vendor".into(), json!(product.vendor.id));
        out.insert("binding".into(), json!(product.binding.id));
        out.insert("paper".into(), json!(product.paper.id));
        out.insert("pages".into(), json!(pages));
        out.insert("unit".into(), json!(unit));
        out.insert("spine_width".into(), num(spine, unit));
        out.insert("confidence".into(), json!(rule.confidence));
        out.insert("source".into(), json!(rule.source));
        out.insert("note".into(), json!(rule.note));
        Ok(pretty(&Value::Object(out)))
    } else {
        Ok(format!(
            "{} {pages} pages: spine {}\n  rule: {} ({})\n  source: {}\n{}",
            product.name(),
            both(spine, unit),
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
