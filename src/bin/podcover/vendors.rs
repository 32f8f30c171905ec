//! `podcover vendors`: vendors, bindings and papers; with a vendor id, every rule and its source.

use podcover::{
    catalog::{
        file_size_text, Binding, BindingId, ColorMode, Confidence, DigitalId, DigitalKind,
        DigitalProduct, ImageFormat, PageLimits, PageRange, Paper, PaperId, PixelSize,
        Transparency, Vendor, VendorId,
    },
    Catalog,
};
use serde::Serialize;

use crate::error::CliError;
use crate::output::pretty;

/// `vendors --json`: each vendor's bindings and papers, in brief.
#[derive(Serialize)]
struct VendorView<'a> {
    id: VendorId,
    name: &'a str,
    file: &'a str,
    bindings: Vec<BindingView<'a>>,
    /// Digital editions' cover images, apart from the print bindings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    digital: Vec<DigitalView<'a>>,
}

/// A digital product in brief: the size written and what the store takes.
#[derive(Serialize)]
struct DigitalView<'a> {
    id: DigitalId,
    name: &'a str,
    kind: DigitalKind,
    size: PixelSize,
    min_size: PixelSize,
    formats: &'a [ImageFormat],
    #[serde(skip_serializing_if = "Option::is_none")]
    file_size: Option<u64>,
    size_confidence: Confidence,
}

#[derive(Serialize)]
struct BindingView<'a> {
    id: BindingId,
    name: &'a str,
    papers: Vec<PaperView<'a>>,
}

#[derive(Serialize)]
struct PaperView<'a> {
    id: PaperId,
    name: &'a str,
    pages: PageLimits,
    /// What the vendor's calculator covers, where that is more than it prints.
    #[serde(skip_serializing_if = "Option::is_none")]
    template_pages: Option<PageRange>,
    spine_confidence: Confidence,
}

pub(crate) fn run(
    catalog: &Catalog,
    vendor: Option<VendorId>,
    as_json: bool,
) -> Result<String, CliError> {
    match (vendor, as_json) {
        (None, true) => Ok(pretty(&vendor_views(catalog))),
        (None, false) => Ok(vendor_list(catalog)),
        (Some(id), true) => Ok(pretty(catalog.vendor(id)?)),
        (Some(id), false) => vendor_rules(catalog, catalog.vendor(id)?),
    }
}

/// `vendors --json`: every vendor's bindings and papers, in brief.
fn vendor_views(catalog: &Catalog) -> Vec<VendorView<'_>> {
    catalog
        .vendors()
        .iter()
        .map(|v| VendorView {
            id: v.id,
            name: &v.name,
            file: &v.file,
            bindings: v
                .bindings
                .iter()
                .map(|b| BindingView {
                    id: b.id,
                    name: &b.name,
                    papers: b.papers.iter().map(paper_view).collect(),
                })
                .collect(),
            digital: v
                .digital
                .iter()
                .map(|d| DigitalView {
                    id: d.id,
                    name: &d.name,
                    kind: d.kind,
                    size: d.size.value,
                    min_size: d.min_size.value,
                    formats: &d.formats.value,
                    file_size: d.file_size.as_ref().map(|f| f.value),
                    size_confidence: d.size.confidence,
                })
                .collect(),
        })
        .collect()
}

fn paper_view(p: &Paper) -> PaperView<'_> {
    PaperView {
        id: p.id,
        name: &p.name,
        pages: p.pages.value,
        template_pages: p.template_pages.as_ref().map(|t| t.value),
        spine_confidence: p.spine.confidence,
    }
}

/// `vendors`: one line for each vendor, binding and paper; then the digital editions, apart.
fn vendor_list(catalog: &Catalog) -> String {
    let mut out = String::new();
    for v in catalog.vendors().iter().filter(|v| !v.bindings.is_empty()) {
        out.push_str(&format!("{}  {} ({})\n", v.id, v.name, v.file));
        for b in &v.bindings {
            out.push_str(&format!("  {:<10} {}\n", b.id, b.name));
            for p in &b.papers {
                let template = p
                    .template_pages
                    .as_ref()
                    .map(|t| format!(" (templates {}-{})", t.min, t.max))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "    {:<18} {:>4}-{:<5} pages  spine: {:<10}  {}{template}\n",
                    p.id, p.pages.min, p.pages.max, p.spine.confidence, p.name
                ));
            }
        }
    }
    let digital: Vec<&DigitalProduct> = catalog.vendors().iter().flat_map(|v| &v.digital).collect();
    if !digital.is_empty() {
        out.push_str("\ndigital editions (cover images; `compose --vendor V --product P`)\n");
        for d in digital {
            out.push_str(&format!(
                "  {:<8} {:<10} {:<18} {:<16} {}\n",
                d.vendor,
                d.id,
                d.size.value.to_string(),
                format!("size: {}", d.size.confidence),
                digital_summary(d)
            ));
        }
    }
    out
}

/// `min 625 x 1000 px, JPEG or TIFF, RGB, up to 50 MB: Kindle eBook cover`.
fn digital_summary(d: &DigitalProduct) -> String {
    let limit = d
        .file_size
        .as_ref()
        .map(|f| format!(", up to {}", file_size_text(f.value)))
        .unwrap_or_default();
    format!(
        "min {}, {}, RGB{limit}: {}",
        d.min_size.value,
        d.formats_text(),
        d.name
    )
}

/// `vendors ID`: each binding's trims and every rule with its source. A rule repeated with the
/// same source is listed once; the rules every paper shares are listed once for the binding.
fn vendor_rules(catalog: &Catalog, v: &Vendor) -> Result<String, CliError> {
    let mut out = format!("{} ({}), from {}\n", v.name, v.id, v.file);
    for b in &v.bindings {
        out.push_str(&format!("\n{} ({})\n", b.id, b.name));
        let trims: Vec<String> = b.trims.iter().map(|t| t.to_string()).collect();
        out.push_str(&format!("  trims: {}\n", trims.join(", ")));
        out.push_str(&file_rules(b));
        let mut papers = Vec::new();
        for p in &b.papers {
            papers.push((p, rule_blocks(catalog, v, b, p)?));
        }
        let shared: Vec<String> = match papers.first() {
            Some((_, first)) if papers.len() > 1 => first
                .iter()
                .filter(|block| papers.iter().all(|(_, bs)| bs.contains(block)))
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        if !shared.is_empty() {
            out.push_str("  every paper\n");
            out.push_str(&shared.concat());
        }
        for (p, blocks) in papers {
            out.push_str(&format!("  paper {} ({})\n", p.id, p.name));
            for block in blocks.iter().filter(|b| !shared.contains(b)) {
                out.push_str(block);
            }
        }
    }
    for d in &v.digital {
        out.push_str(&format!(
            "\n{} (digital {}: {})\n  {}, {}\n",
            d.id,
            d.kind.as_str(),
            d.name,
            d.size.value,
            digital_summary(d)
        ));
        for r in d.rules() {
            out.push_str(&format!(
                "    {:<21} {:<10} {}\n",
                r.rule, r.confidence, r.source
            ));
            if let Some(note) = r.note {
                out.push_str(&format!("    {:<21} note: {note}\n", ""));
            }
        }
    }
    Ok(out)
}

/// The binding's colour and file rules, as far as its stock file states them: one line, or
/// nothing.
fn file_rules(b: &Binding) -> String {
    let mut rules = Vec::new();
    if let Some(c) = &b.color {
        let wanted = match c.value {
            ColorMode::Cmyk => "CMYK",
            ColorMode::Any => "RGB or CMYK",
            ColorMode::Srgb => "sRGB (other colour converted to it)",
        };
        rules.push(format!("colour {wanted}"));
    }
    if let Some(ink) = &b.ink_limit {
        rules.push(format!(
            "total ink {}% recommended, over {}% rejected",
            ink.value.recommended, ink.value.rejected
        ));
    }
    if let Some(pdfx) = &b.pdfx {
        let versions: Vec<String> = pdfx.value.iter().map(|v| v.to_string()).collect();
        rules.push(versions.join(" or "));
    }
    if let Some(t) = &b.transparency {
        rules.push(match t.value {
            Transparency::Flattened => "transparency flattened".to_string(),
            Transparency::Allowed => "transparency allowed".to_string(),
        });
    }
    if rules.is_empty() {
        String::new()
    } else {
        format!("  files: {}\n", rules.join("; "))
    }
}

/// One paper's rules as text blocks (a line, and one for its note), each block once.
fn rule_blocks(
    catalog: &Catalog,
    v: &Vendor,
    b: &Binding,
    p: &Paper,
) -> Result<Vec<String>, CliError> {
    let product = catalog.product(v.id, b.id, p.id)?;
    let mut blocks: Vec<String> = Vec::new();
    for r in product.rules() {
        let mut block = format!("    {:<21} {:<10} {}\n", r.rule, r.confidence, r.source);
        if let Some(note) = r.note {
            block.push_str(&format!("    {:<21} note: {note}\n", ""));
        }
        if !blocks.contains(&block) {
            blocks.push(block);
        }
    }
    Ok(blocks)
}
