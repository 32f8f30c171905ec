//! `podcover layout`: every rectangle of the cover.

use std::collections::BTreeMap;

use podcover::{
    catalog::{BindingId, Confidence, PaperId, Product, RuleInfo, VendorId},
    layout::{CoverKind, SpineBasis},
    Catalog, CoverLayout, Unit,
};
use serde::Serialize;

use crate::error::CliError;
use crate::input::resolve;
use crate::output::{both, describe_confidence, human, num, pretty, trim_text, RectView, SizeView};
use crate::ProductArgs;

pub(crate) fn run(
    catalog: &Catalog,
    args: &ProductArgs,
    unit: Unit,
    json: bool,
) -> Result<String, CliError> {
    let (product, trim, pages) = resolve(catalog, args)?;
    let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
    let layout = product.layout(&trim, pages)?;
    crate::output::warn_layout(&layout);
    if json {
        Ok(pretty(&layout_json(&layout, &product, unit)))
    } else {
        Ok(layout_text(&layout, &product, unit))
    }
}

/// `layout --json`: the layout in the chosen unit, with the rules behind it.
#[derive(Serialize)]
struct LayoutView<'a> {
    vendor: VendorId,
    binding: BindingId,
    paper: PaperId,
    pages: u32,
    unit: Unit,
    /// Where rectangles are measured from: always `top-left` (x rightwards, y downwards).
    origin: &'static str,
    trim: SizeView,
    kind: CoverKind,
    spine_width: f64,
    full_width: f64,
    full_height: f64,
    bleed: f64,
    spine_text: SpineTextView,
    confidence: Confidence,
    spine_basis: &'a SpineBasis,
    rounded_from: Option<u32>,
    /// Why the vendor will not print this page count although its calculator covers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<String>,
    regions: BTreeMap<&'static str, RectView>,
    folds: Vec<f64>,
    rules: Vec<RuleInfo<'a>>,
}

#[derive(Serialize)]
struct SpineTextView {
    allowed: bool,
    reason: String,
}

fn layout_json<'a>(layout: &'a CoverLayout, product: &Product<'a>, unit: Unit) -> LayoutView<'a> {
    let spec = &layout.spec;
    LayoutView {
        vendor: spec.vendor,
        binding: spec.binding,
        paper: spec.paper,
        pages: spec.pages,
        unit,
        origin: "top-left",
        trim: SizeView::new(spec.trim.width, spec.trim.height, unit),
        kind: layout.kind(),
        spine_width: num(layout.spine_width(), unit),
        full_width: num(layout.sheet.width, unit),
        full_height: num(layout.sheet.height, unit),
        bleed: num(layout.bleed, unit),
        spine_text: SpineTextView {
            allowed: layout.spine_text.is_allowed(),
            reason: layout.spine_text.to_string(),
        },
        confidence: layout.confidence,
        spine_basis: &layout.spine_basis,
        rounded_from: layout.rounded_from,
        warning: layout.beyond_print_range.as_ref().map(|b| b.to_string()),
        regions: layout
            .regions()
            .into_iter()
            .map(|(name, r)| (name, RectView::new(&r, unit)))
            .collect(),
        folds: layout.folds().iter().map(|x| num(*x, unit)).collect(),
        rules: product.rules(),
    }
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
        both(layout.spine_width(), unit),
        basis_text(&layout.spine_basis)
    ));
    out.push_str(&format!(
        "  full cover    {} x {}\n",
        human(layout.sheet.width, unit),
        human(layout.sheet.height, unit)
    ));
    let edge = match layout.kind() {
        podcover::layout::CoverKind::Case => "wrap",
        _ => "bleed",
    };
    out.push_str(&format!("  {edge:<13} {}\n", human(layout.bleed, unit)));
    out.push_str(&format!("  spine text    {}\n", layout.spine_text));
    out.push_str(&format!(
        "  confidence    {} ({})\n\nregions ({}, from the top-left corner of the sheet, y downwards):\n",
        layout.confidence,
        describe_confidence(layout.confidence),
        crate::output::unit_name(unit)
    ));
    let p = unit.shown_decimals();
    for (name, r) in layout.regions() {
        out.push_str(&format!(
            "  {name:<16} x {:>9.p$} y {:>9.p$} w {:>9.p$} h {:>9.p$}\n",
            r.x.to(unit),
            r.y.to(unit),
            r.width.to(unit),
            r.height.to(unit),
        ));
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
pub(crate) fn basis_text(basis: &podcover::layout::SpineBasis) -> String {
    match basis {
        podcover::layout::SpineBasis::Rule { confidence } => format!("spine rule, {confidence}"),
        podcover::layout::SpineBasis::Reading {
            source, flagged, ..
        } => {
            let far = if *flagged {
                "; far from the spine rule"
            } else {
                ""
            };
            format!("reading: {}, {}{far}", source.title, source.date)
        }
        podcover::layout::SpineBasis::Given => "given".into(),
    }
}
