//! podcover for the browser: the calls the static page in `web/` makes, with their answers as
//! JSON text (numbers rounded as the command-line tool's `--json` rounds them) or file bytes.
//!
//! Everything runs in the page: files are read from memory and never leave the machine.
//!
//! Errors reach the page as `Error`s carrying podcover's message. A panic (a bug) aborts
//! the module (`panic = "abort"` in the `wasm` profile): the page catches the trap and starts a
//! new instance (web/site/app.js).

#![forbid(unsafe_code)]

use podcover::barcode::{Isbn, Price};
use podcover::{
    catalog::{BindingId, PaperId, Readings},
    draw::{Template, TemplateFormat, TemplateOptions},
    layout::Offer,
    pdf::Interior,
    preflight, BookSpec, Catalog, CoverLayout, Length, TrimSize, Unit,
};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

/// A length as a JSON number in `unit`, rounded one place past the unit's display precision
/// (as `podcover compare --json` does).
fn num(length: Length, unit: Unit) -> Value {
    json!(length.rounded(unit, unit.precision() as i32 + 1))
}

/// A length as text the way vendors' calculators show it: `0.795` (in), `20.19` (mm).
fn text(length: Length, unit: Unit) -> String {
    let places = match unit {
        Unit::In => 3,
        Unit::Mm | Unit::Pt => 2,
    };
    format!("{:.places$}", length.to(unit))
}

fn error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn parse_unit(unit: &str) -> Result<Unit, JsError> {
    unit.parse::<Unit>().map_err(error)
}

fn parse_trim(trim: &str) -> Result<TrimSize, JsError> {
    trim.parse::<TrimSize>().map_err(error)
}

/// The catalog the page works with: the built-in vendors, any stock files the user loaded, and
/// the user's readings on top.
#[wasm_bindgen]
pub struct Session {
    /// Built-in vendors plus the user's stock files.
    stocks: Catalog,
    /// The user's readings file, if one was loaded: its name and readings.
    readings: Option<(String, Readings)>,
    /// `stocks` with the readings applied: what every call uses.
    catalog: Catalog,
}

impl Default for Session {
    fn default() -> Session {
        Session::new()
    }
}

#[wasm_bindgen]
impl Session {
    /// The built-in catalog.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Session {
        let stocks = Catalog::builtin().clone();
        Session {
            catalog: stocks.clone(),
            stocks,
            readings: None,
        }
    }

    /// Vendors, bindings and papers (ids and names), the trims two or more vendors share, and
    /// the ebook and audiobook cover images' sizes, as JSON.
    pub fn choices(&self) -> String {
        let mut bindings: Vec<(BindingId, String)> = Vec::new();
        let mut papers: Vec<PaperId> = Vec::new();
        let mut vendors = Vec::new();
        // Ebook and audiobook cover images: listed beside the print covers (data only; the
        // images are made by the command-line tool).
        let mut digital = Vec::new();
        for vendor in self.catalog.vendors() {
            vendors.push(json!({ "id": vendor.id, "name": vendor.name, "file": vendor.file }));
            for d in &vendor.digital {
                digital.push(json!({
                    "vendor": d.vendor, "id": d.id, "name": d.name, "kind": d.kind.as_str(),
                    "width": d.size.value.width, "height": d.size.value.height,
                    "confidence": d.size.confidence,
                }));
            }
            for binding in &vendor.bindings {
                if !bindings.iter().any(|(id, _)| *id == binding.id) {
                    bindings.push((binding.id, binding.name.clone()));
                }
                for paper in &binding.papers {
                    if !papers.contains(&paper.id) {
                        papers.push(paper.id);
                    }
                }
            }
        }
        let trims: Vec<String> = self
            .catalog
            .trims()
            .iter()
            .filter(|t| t.vendors().len() > 1)
            .map(|t| t.trim.to_string().trim_end_matches("in").to_string())
            .collect();
        json!({
            "vendors": vendors,
            "bindings": bindings.iter().map(|(id, name)| json!({ "id": id, "name": name })).collect::<Vec<_>>(),
            "papers": papers,
            "trims": trims,
            "digital": digital,
            "readings": self.readings.as_ref().map(|(name, r)| json!({ "file": name, "count": r.entries.len() })),
        })
        .to_string()
    }

    /// Adds a stock file (a new vendor, or a correction replacing a built-in one) and returns
    /// the vendor's name. The readings loaded so far are applied again.
    pub fn add_stock(&mut self, name: &str, text: &str) -> Result<String, JsError> {
        let mut stocks = self.stocks.clone();
        let vendor = stocks.add_stock(name, text).map_err(error)?.name.clone();
        let catalog = match &self.readings {
            Some((file, readings)) => stocks.with_readings(file, readings).map_err(error)?,
            None => stocks.clone(),
        };
        self.stocks = stocks;
        self.catalog = catalog;
        Ok(vendor)
    }

    /// Loads a readings file (replacing one loaded before) and returns how many of its readings
    /// are in use ([`Session::unused_readings`] says why the others are not).
    pub fn set_readings(&mut self, name: &str, text: &str) -> Result<u32, JsError> {
        let readings = Readings::parse(name, text).map_err(error)?;
        self.catalog = self.stocks.with_readings(name, &readings).map_err(error)?;
        let count = readings.entries.len() - self.catalog.unused_readings().len();
        self.readings = Some((name.to_string(), readings));
        Ok(count as u32)
    }

    /// The loaded readings that name a product or page count the catalog does not have, each
    /// with the reason, as a JSON list of sentences.
    pub fn unused_readings(&self) -> String {
        let unused: Vec<String> = self
            .catalog
            .unused_readings()
            .iter()
            .map(|u| u.to_string())
            .collect();
        json!(unused).to_string()
    }

    /// Back to the built-in catalog alone.
    pub fn reset(&mut self) {
        *self = Session::new();
    }

    /// Every vendor, binding and paper for the book, as JSON rows: figures in `unit` (numbers
    /// and text), or the reason the vendor cannot print it. An empty `paper` means every paper,
    /// an empty `binding` every binding.
    pub fn compare(
        &self,
        trim: &str,
        pages: u32,
        paper: &str,
        binding: &str,
        unit: &str,
    ) -> Result<String, JsError> {
        let unit = parse_unit(unit)?;
        let trim = parse_trim(trim)?;
        let paper = match paper {
            "" => None,
            p => Some(p.parse::<PaperId>().map_err(error)?),
        };
        let rows: Vec<Value> = self
            .catalog
            .compare(&trim, pages, paper)
            .iter()
            .filter(|o| binding.is_empty() || o.binding == binding)
            .map(|o| offer_json(&self.catalog, o, unit))
            .collect();
        Ok(json!({
            "trim": { "width": num(trim.width, unit), "height": num(trim.height, unit) },
            "trim_name": trim.to_string(),
            "pages": pages,
            "unit": unit,
            "offers": rows,
        })
        .to_string())
    }

    /// A template's bytes in `format` (a name [`template_formats`] lists; raster formats at 300
    /// pixels per inch), with a barcode when `isbn` is given (`price` is the EAN-5 add-on,
    /// `90000` or empty for none).
    #[allow(clippy::too_many_arguments)]
    pub fn template(
        &self,
        vendor: &str,
        binding: &str,
        paper: &str,
        trim: &str,
        pages: u32,
        isbn: &str,
        price: &str,
        format: &str,
    ) -> Result<Vec<u8>, JsError> {
        let format = format.parse::<TemplateFormat>().map_err(error)?;
        let layout = self.layout(vendor, binding, paper, trim, pages)?;
        let mut options = TemplateOptions::new();
        if !isbn.trim().is_empty() {
            options = options.isbn(isbn.parse::<Isbn>().map_err(error)?);
        }
        if !price.trim().is_empty() {
            options = options.price(price.parse::<Price>().map_err(error)?);
        }
        let template = Template::new(&layout, &options).map_err(error)?;
        template.write(format, TEMPLATE_PPI).map_err(error)
    }

    /// The total ink, in percent, that `vendor` recommends at most for `binding` (e.g. 240),
    /// or 0 where it states none: the limit the page's colour conversion keeps to.
    pub fn ink_limit(&self, vendor: &str, binding: &str) -> Result<u16, JsError> {
        let vendor = self
            .catalog
            .vendor(vendor.parse().map_err(error)?)
            .map_err(error)?;
        let binding = vendor
            .binding(binding.parse().map_err(error)?)
            .map_err(error)?;
        Ok(binding
            .ink_limit
            .as_ref()
            .map_or(0, |l| l.value.recommended))
    }

    /// Preflight of a finished cover PDF against one vendor, binding and paper, as JSON.
    #[allow(clippy::too_many_arguments)]
    pub fn check(
        &self,
        vendor: &str,
        binding: &str,
        paper: &str,
        trim: &str,
        pages: u32,
        name: &str,
        bytes: &[u8],
    ) -> Result<String, JsError> {
        let layout = self.layout(vendor, binding, paper, trim, pages)?;
        let report = preflight::check(&self.catalog, &layout, name, bytes).map_err(error)?;
        Ok(json!({
            "file": name,
            "vendor": layout.spec.vendor,
            "binding": layout.spec.binding,
            "paper": layout.spec.paper,
            "pages": layout.spec.pages,
            "status": report.status,
            "implied_spine": report.implied_spine.map(|s| text(s, Unit::In)),
            "findings": report.findings,
        })
        .to_string())
    }
}

impl Session {
    fn layout(
        &self,
        vendor: &str,
        binding: &str,
        paper: &str,
        trim: &str,
        pages: u32,
    ) -> Result<CoverLayout, JsError> {
        let spec = BookSpec::parse(vendor, binding, paper, trim, pages).map_err(error)?;
        self.catalog.layout(&spec).map_err(error)
    }
}

/// One row of the comparison, with the fields of `podcover compare --json` and the same
/// figures as text.
fn offer_json(catalog: &Catalog, o: &Offer, unit: Unit) -> Value {
    let vendor_name = catalog
        .vendor(o.vendor)
        .map(|v| v.name.clone())
        .unwrap_or_else(|_| o.vendor.to_string());
    let mut row = json!({
        "vendor": o.vendor,
        "vendor_name": vendor_name,
        "binding": o.binding,
        "paper": o.paper,
    });
    match &o.result {
        Ok(l) => {
            row["spine_width"] = num(l.spine_width(), unit);
            row["full_width"] = num(l.sheet.width, unit);
            row["full_height"] = num(l.sheet.height, unit);
            row["spine_text"] = json!(l.spine_text.is_allowed());
            row["spine_text_note"] = json!(l.spine_text.to_string());
            row["confidence"] = json!(l.confidence);
            if let podcover::layout::SpineBasis::Reading { source, .. } = &l.spine_basis {
                row["spine_reading"] = json!(source.title);
            }
            if let Some(warning) = l.reading_warning() {
                row["spine_reading_warning"] = json!(warning);
            }
            row["text"] = json!({
                "spine_width": text(l.spine_width(), unit),
                "full_width": text(l.sheet.width, unit),
                "full_height": text(l.sheet.height, unit),
            });
            row["pages_used"] = json!(l.spec.pages);
            if let Some(asked) = l.rounded_from {
                row["rounded_from"] = json!(asked);
            }
            if let Some(beyond) = &l.beyond_print_range {
                row["not_printed"] = json!(beyond.to_string());
            }
        }
        Err(e) => row["error"] = json!(e.to_string()),
    }
    row
}

/// The resolution of raster templates the page makes: what print needs.
const TEMPLATE_PPI: u32 = 300;

/// The formats a template can be downloaded in, in the order to offer them, as a JSON list of
/// `{ "name", "extension", "mime_type" }`: the page makes its download buttons from it.
#[wasm_bindgen]
pub fn template_formats() -> String {
    let formats: Vec<Value> = TemplateFormat::ALL
        .iter()
        .map(
            |f| json!({ "name": f.name(), "extension": f.extension(), "mime_type": f.mime_type() }),
        )
        .collect();
    json!(formats).to_string()
}

/// Page count and trim of an interior PDF, as JSON: `pages`, `trim` (e.g. `6x9`), `trim_mm`
/// and the box it was read from.
#[wasm_bindgen]
pub fn interior(name: &str, bytes: &[u8]) -> Result<String, JsError> {
    let interior = Interior::from_pdf(name, bytes).map_err(error)?;
    Ok(json!({
        "pages": interior.pages,
        "trim": interior.trim.to_string().trim_end_matches("in"),
        "trim_mm": format!("{:.1}x{:.1}mm", interior.trim.width.to_mm(), interior.trim.height.to_mm()),
        "trim_from": interior.trim_from,
    })
    .to_string())
}

/// Stops the module as any panic does in the page's build (`panic = "abort"`): with a trap,
/// which reaches JavaScript as a `WebAssembly.RuntimeError`. The page never calls it; it is
/// there so that the page's recovery from a trap (a new instance of the module) can be tested
/// in a browser (web/tests/browser.test.mjs).
#[wasm_bindgen]
pub fn trap() {
    panic!("the page's tests asked for a trap");
}
