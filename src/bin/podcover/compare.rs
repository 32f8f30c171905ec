//! `podcover compare`: one book across every vendor.

use podcover::{Catalog, Offer, TrimSize, Unit};
use serde_json::{json, Value};

use crate::input::book_inputs;
use crate::output::{num, pretty, trim_text};
use crate::BookArgs;

pub(crate) fn run(
    catalog: &Catalog,
    paper: Option<&str>,
    book: &BookArgs,
    unit: Unit,
    json: bool,
) -> Result<String, String> {
    let (trim, pages) = book_inputs(book)?;
    let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
    let offers = catalog.compare(&trim, pages, paper);
    if json {
        Ok(pretty(&compare_json(&offers, &trim, pages, unit)))
    } else {
        Ok(compare_text(&offers, &trim, pages, unit))
    }
}

fn compare_json(offers: &[Offer], trim: &TrimSize, pages: u32, unit: Unit) -> Value {
    let rows: Vec<Value> = offers
        .iter()
        .map(|o| {
            let mut row = json!({ "vendor": o.vendor, "binding": o.binding, "paper": o.paper });
            match &o.result {
                Ok(l) => {
                    row["spine_width"] = num(l.spine_width, unit);
                    row["full_width"] = num(l.sheet.width, unit);
                    row["full_height"] = num(l.sheet.height, unit);
                    row["spine_text"] = json!(l.spine_text.is_allowed());
                    row["confidence"] = json!(l.confidence);
                }
                Err(e) => row["error"] = json!(e.to_string()),
            }
            row
        })
        .collect();
    json!({
        "trim": { "width": num(trim.width, unit), "height": num(trim.height, unit) },
        "pages": pages,
        "unit": unit,
        "offers": rows,
    })
}

fn compare_text(offers: &[Offer], trim: &TrimSize, pages: u32, unit: Unit) -> String {
    let mut out = format!(
        "{} trim, {pages} pages (lengths in {unit})\n\n{:<12} {:<10} {:<18} {:>10} {:>22}  {:<10} {}\n",
        trim_text(trim, unit),
        "vendor",
        "binding",
        "paper",
        "spine",
        "full cover (w x h)",
        "confidence",
        "spine text"
    );
    let mut refused = Vec::new();
    for o in offers {
        match &o.result {
            Ok(l) => {
                let p = unit.precision();
                out.push_str(&format!(
                    "{:<12} {:<10} {:<18} {:>10.p$} {:>22}  {:<10} {}\n",
                    o.vendor,
                    o.binding,
                    o.paper,
                    l.spine_width.to(unit),
                    format!(
                        "{:.p$} x {:.p$}",
                        l.sheet.width.to(unit),
                        l.sheet.height.to(unit)
                    ),
                    l.confidence.to_string(),
                    if l.spine_text.is_allowed() {
                        "yes"
                    } else {
                        "no"
                    },
                ));
            }
            Err(e) => refused.push(format!("  {} {} {}: {}", o.vendor, o.binding, o.paper, e)),
        }
    }
    if !refused.is_empty() {
        out.push_str("\ncannot print:\n");
        out.push_str(&refused.join("\n"));
        out.push('\n');
    }
    out
}
