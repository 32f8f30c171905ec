//! `podcover compare`: one book across every vendor.

use podcover::{
    catalog::{BindingId, Confidence, PaperId, VendorId},
    layout::Offer,
    Catalog, TrimSize, Unit,
};
use serde::Serialize;

use crate::error::CliError;
use crate::input::book_inputs;
use crate::output::{num, pretty, trim_text, SizeView};
use crate::BookArgs;

pub(crate) fn run(
    catalog: &Catalog,
    paper: Option<PaperId>,
    book: &BookArgs,
    unit: Unit,
    json: bool,
) -> Result<String, CliError> {
    let (trim, pages) = book_inputs(book)?;
    let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
    let offers = catalog.compare(&trim, pages, paper);
    for layout in offers.iter().filter_map(|o| o.result.as_ref().ok()) {
        crate::output::warn_reading(layout);
    }
    if json {
        Ok(pretty(&compare_json(&offers, &trim, pages, unit)))
    } else {
        Ok(compare_text(&offers, &trim, pages, unit))
    }
}

/// `compare --json`: the book, and each vendor's layout or refusal.
#[derive(Serialize)]
struct CompareView {
    trim: SizeView,
    pages: u32,
    unit: Unit,
    offers: Vec<OfferView>,
}

/// One product's answer: its sizes, or why it cannot print the book.
#[derive(Serialize)]
struct OfferView {
    vendor: VendorId,
    binding: BindingId,
    paper: PaperId,
    #[serde(skip_serializing_if = "Option::is_none")]
    spine_width: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_width: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_height: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spine_text: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<Confidence>,
    /// Why the vendor will not print this page count although its calculator covers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

fn compare_json(offers: &[Offer], trim: &TrimSize, pages: u32, unit: Unit) -> CompareView {
    let offers = offers
        .iter()
        .map(|o| {
            let layout = o.result.as_ref().ok();
            OfferView {
                vendor: o.vendor,
                binding: o.binding,
                paper: o.paper,
                spine_width: layout.map(|l| num(l.spine_width(), unit)),
                full_width: layout.map(|l| num(l.sheet.width, unit)),
                full_height: layout.map(|l| num(l.sheet.height, unit)),
                spine_text: layout.map(|l| l.spine_text.is_allowed()),
                confidence: layout.map(|l| l.confidence),
                warning: layout
                    .and_then(|l| l.beyond_print_range.as_ref())
                    .map(|b| b.to_string()),
                error: o.result.as_ref().err().map(|e| e.to_string()),
            }
        })
        .collect();
    CompareView {
        trim: SizeView::new(trim.width, trim.height, unit),
        pages,
        unit,
        offers,
    }
}

fn compare_text(offers: &[Offer], trim: &TrimSize, pages: u32, unit: Unit) -> String {
    let mut out = format!(
        "{} trim, {pages} pages (lengths in {})\n\n{:<12} {:<10} {:<18} {:>10} {:>22}  {:<10} {}\n",
        trim_text(trim, unit),
        crate::output::unit_name(unit),
        "vendor",
        "binding",
        "paper",
        "spine",
        "full cover (w x h)",
        "confidence",
        "spine text"
    );
    let mut refused = Vec::new();
    let mut unprinted = Vec::new();
    for o in offers {
        match &o.result {
            Ok(l) => {
                let p = unit.shown_decimals();
                out.push_str(&format!(
                    "{:<12} {:<10} {:<18} {:>10.p$} {:>22}  {:<10} {}\n",
                    o.vendor,
                    o.binding,
                    o.paper,
                    l.spine_width().rounded(unit, p as i32),
                    format!(
                        "{:.p$} x {:.p$}",
                        l.sheet.width.rounded(unit, p as i32),
                        l.sheet.height.rounded(unit, p as i32)
                    ),
                    l.confidence.to_string(),
                    if l.spine_text.is_allowed() {
                        "yes"
                    } else {
                        "no"
                    },
                ));
                if let Some(beyond) = &l.beyond_print_range {
                    unprinted.push(format!(
                        "  {} {} {}: {beyond}",
                        o.vendor, o.binding, o.paper
                    ));
                }
            }
            Err(e) => refused.push(format!("  {} {} {}: {}", o.vendor, o.binding, o.paper, e)),
        }
    }
    if !unprinted.is_empty() {
        out.push_str("\ntemplate only, not printed:\n");
        out.push_str(&unprinted.join("\n"));
        out.push('\n');
    }
    if !refused.is_empty() {
        out.push_str("\ncannot print:\n");
        out.push_str(&refused.join("\n"));
        out.push('\n');
    }
    out
}
