//! `podcover spine`: the spine width for one product and page count, and the rule behind it.

use podcover::{
    catalog::{BindingId, Confidence, PaperId, Source, VendorId},
    layout::SpineBasis,
    Catalog, Unit,
};
use serde::Serialize;

use crate::error::CliError;
use crate::input::resolve;
use crate::output::{both, describe_confidence, num, pretty};
use crate::ProductArgs;

/// `spine --json`: the width and the rule behind it.
#[derive(Serialize)]
struct SpineView<'a> {
    vendor: VendorId,
    binding: BindingId,
    paper: PaperId,
    pages: u32,
    unit: Unit,
    spine_width: f64,
    rounded_from: Option<u32>,
    /// Why the vendor will not print this page count although its calculator covers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<String>,
    spine_basis: &'a SpineBasis,
    /// The spine width's: `reading` where it is a reading, the rule's otherwise.
    confidence: Confidence,
    /// The spine rule's confidence, source and note.
    rule_confidence: Confidence,
    source: &'a Source,
    note: Option<&'a str>,
}

pub(crate) fn run(
    catalog: &Catalog,
    args: &ProductArgs,
    unit: Unit,
    json: bool,
) -> Result<String, CliError> {
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
    let layout = product.layout(&trim, pages)?;
    crate::output::warn_layout(&layout);
    let spine = layout.spine_width();
    let pages = layout.spec.pages;
    let rule = &product.paper.spine;
    if json {
        Ok(pretty(&SpineView {
            vendor: product.vendor.id,
            binding: product.binding.id,
            paper: product.paper.id,
            pages,
            unit,
            spine_width: num(spine, unit),
            rounded_from: layout.rounded_from,
            warning: layout.beyond_print_range.as_ref().map(|b| b.to_string()),
            spine_basis: &layout.spine_basis,
            confidence: layout.spine_basis.confidence(),
            rule_confidence: rule.confidence,
            source: &rule.source,
            note: rule.note.as_deref(),
        }))
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
