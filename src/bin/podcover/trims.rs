//! `podcover trims`: trim sizes and the vendors that print them.

use podcover::{
    catalog::{BindingId, VendorId},
    Catalog, Unit,
};
use serde::Serialize;

use crate::error::CliError;
use crate::output::{num, pretty, trim_text};

/// `trims --json`: one trim and who prints it.
#[derive(Serialize)]
struct TrimView {
    trim: String,
    width: f64,
    height: f64,
    unit: Unit,
    vendors: Vec<VendorId>,
    offered_by: Vec<OfferedBy>,
}

#[derive(Serialize)]
struct OfferedBy {
    vendor: VendorId,
    binding: BindingId,
}

pub(crate) fn run(
    catalog: &Catalog,
    shared: bool,
    unit: Unit,
    json: bool,
) -> Result<String, CliError> {
    let trims: Vec<_> = catalog
        .trims()
        .into_iter()
        .filter(|t| !shared || t.vendors().len() > 1)
        .collect();
    if json {
        let views: Vec<TrimView> = trims
            .iter()
            .map(|t| TrimView {
                trim: t.trim.to_string(),
                width: num(t.trim.width, unit),
                height: num(t.trim.height, unit),
                unit,
                vendors: t.vendors(),
                offered_by: t
                    .offered_by
                    .iter()
                    .map(|&(vendor, binding)| OfferedBy { vendor, binding })
                    .collect(),
            })
            .collect();
        return Ok(pretty(&views));
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
