//! `podcover trims`: trim sizes and the vendors that print them.

use podcover::{Catalog, Unit};
use serde_json::json;

use crate::output::{num, pretty, trim_text};

pub(crate) fn run(
    catalog: &Catalog,
    shared: bool,
    unit: Unit,
    json: bool,
) -> Result<String, String> {
    let trims: Vec<_> = catalog
        .trims()
        .into_iter()
        .filter(|t| !shared || t.vendors().len() > 1)
        .collect();
    if json {
        return Ok(pretty(&json!(trims
                    .iter()
                    .map(|t| json!({
                        "trim": t.trim.to_string(),
                        "width": num(t.trim.width, unit),
                        "height": num(t.trim.height, unit),
                        "unit": unit,
                        "vendors": t.vendors(),
                        "offered_by": t.offered_by.iter().map(|(v, b)| json!({"vendor": v, "binding": b})).collect::<Vec<_>>(),
                    }))
                    .collect::<Vec<_>>())));
    }
    let mut out = format!("{:<24} {:<8} offered by\n", "trim", "vendors");
    for t in &trims {
        let by: Vec<String> = t
            .offered_by
            .iter()
            .map(|(v, b)| format!("{v} {b}"))
            .collect();
        out.push_str(&format!(
            "{:<24} {:<8} {}\n",
            trim_text(&t.trim, unit),
            t.vendors().len(),
            by.join(", ")
        ));
    }
    Ok(out)
}
