//! Stock files: the TOML format of `paper-stocks/`, checked and turned into catalog types.
//!
//! The raw structs here mirror the file format and stay private; [`parse`] validates them and
//! reports the file, entry and field of anything wrong.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use serde::Deserialize;

use crate::catalog::digital::{
    self, DigitalKind, DigitalProduct, ImageColor, ImageFormat, PixelSize,
};
use crate::catalog::id::{VendorId, MAX_ID_LEN};
use crate::catalog::model::{
    BarcodeBox, Binding, CaseSpec, ColorMode, Construction, Hinge, InkLimit, JacketSpec, Margin,
    PageLimits, PageRange, Paper, PdfxVersion, Reading, Transparency, TrimFilter, TrimPageLimit,
    TrimRange, Vendor,
};
use crate::catalog::source::{Confidence, Source, Sourced};
use crate::catalog::spine::{SpinePoint, SpineRounding, SpineRule, SpineShape, SpineStep};
use crate::error::{Error, Result};
use crate::units::{number_apart, Length, Size, TrimSize, Unit};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    vendor: RawVendor,
    sources: BTreeMap<String, RawSource>,
    /// Tables of spine widths that papers' `series` spines name.
    #[serde(default)]
    spine_table: BTreeMap<String, RawSpineTable>,
    #[serde(default)]
    binding: Vec<RawBinding>,
    /// Digital editions' cover images (ebook, audiobook).
    #[serde(default)]
    digital: Vec<RawDigital>,
    #[serde(default)]
    reading: Vec<RawReading>,
}

/// A vendor's spine widths for every `step`-th page count from `first`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpineTable {
    source: String,
    /// For readers of the file: how the table was taken.
    #[allow(dead_code)]
    note: Option<String>,
    first: u32,
    step: u32,
    widths: Vec<Length>,
}

/// A spine width read off the vendor's template or calculator.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReading {
    binding: String,
    paper: String,
    pages: u32,
    spine: Length,
    trim: Option<TrimSize>,
    source: String,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVendor {
    id: String,
    name: String,
    website: Option<String>,
    also_known_as: Option<RawRule<Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: String,
    url: Option<String>,
    date: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule<T> {
    value: T,
    source: String,
    confidence: Confidence,
    note: Option<String>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Flat,
    Case,
    Jacket,
}

impl Kind {
    /// The name a stock file spells it with.
    fn name(self) -> &'static str {
        match self {
            Kind::Flat => "flat",
            Kind::Case => "case",
            Kind::Jacket => "jacket",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    id: String,
    name: String,
    kind: Kind,
    bleed: Option<RawRule<Length>>,
    safe_margin: RawRule<Margin>,
    spine_margin: RawRule<Length>,
    spine_tolerance: RawRule<Length>,
    spine_text_min_pages: RawRule<u32>,
    barcode: RawRule<BarcodeBox>,
    trims: RawRule<Vec<TrimSize>>,
    custom_trim: Option<RawRule<RawTrimRange>>,
    color: Option<RawRule<ColorMode>>,
    ink_limit: Option<RawRule<InkLimit>>,
    pdfx: Option<RawRule<Vec<PdfxVersion>>>,
    transparency: Option<RawRule<Transparency>>,
    barcode_required: Option<RawRule<bool>>,
    min_image_ppi: Option<RawRule<u32>>,
    interior_bleed: Option<RawRule<Length>>,
    wrap: Option<RawRule<Length>>,
    board: Option<RawRule<Size>>,
    hinge: Option<RawRule<Hinge>>,
    flap: Option<RawRule<Length>>,
    flap_fold: Option<RawRule<Length>>,
    panel: Option<RawRule<Size>>,
    paper: Vec<RawPaper>,
}

/// A `[[digital]]` entry: one store's cover image for a digital edition.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDigital {
    id: String,
    name: String,
    kind: DigitalKind,
    size: RawRule<String>,
    min_size: RawRule<String>,
    max_size: Option<RawRule<String>>,
    max_pixels: Option<RawRule<u64>>,
    formats: RawRule<Vec<ImageFormat>>,
    color: RawRule<ImageColor>,
    file_size: Option<RawRule<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrimRange {
    min: TrimSize,
    max: TrimSize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPaper {
    id: String,
    name: String,
    same_as: Option<String>,
    spine: Option<RawRule<RawSpine>>,
    pages: Option<RawRule<RawPages>>,
    template_pages: Option<RawRule<PageRange>>,
    trims: Option<RawRule<TrimFilter>>,
    #[serde(default)]
    trim_page_limit: Vec<RawRule<TrimPageLimit>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPages {
    min: u32,
    max: u32,
    multiple: Option<u32>,
    round_up: Option<bool>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "kebab-case")]
enum Shape {
    None,
    PerPage,
    PagesPerInch,
    Piecewise,
    Table,
    Series,
}

impl Shape {
    /// The name a stock file spells it with.
    fn name(self) -> &'static str {
        match self {
            Shape::None => "none",
            Shape::PerPage => "per-page",
            Shape::PagesPerInch => "pages-per-inch",
            Shape::Piecewise => "piecewise",
            Shape::Table => "table",
            Shape::Series => "series",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpine {
    shape: Shape,
    per_page: Option<Length>,
    pages_per_inch: Option<f64>,
    offset: Option<Length>,
    points: Option<Vec<SpinePoint>>,
    steps: Option<Vec<SpineStep>>,
    table: Option<String>,
    allowance: Option<Length>,
    rounding: Option<SpineRounding>,
    minimum: Option<Length>,
}

/// The most pages a stock file may allow: far above any print-on-demand book, and small enough
/// that every allowed count can be checked against the spine rule.
const MAX_PAGES: u32 = 10_000;

/// Parses and validates one stock file.
pub(crate) fn parse(file: &str, text: &str) -> Result<Vendor> {
    let raw: RawFile = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
    Checker::new(file, &raw).vendor(&raw)
}

/// A TOML file's syntax or type error, located at its line and column (stock and readings
/// files alike).
pub(crate) fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> Error {
    let location = match e.span() {
        Some(span) => line_column(text, span.start),
        None => "file".to_string(),
    };
    Error::stock(file, &location, e.message().trim())
}

/// `line L, column C` of a byte offset.
fn line_column(text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("line {line}, column {column}")
}

/// Validation state: the file name, its sources, its spine tables, and which sources were
/// used.
struct Checker<'a> {
    file: &'a str,
    sources: BTreeMap<&'a str, Source>,
    tables: BTreeMap<&'a str, SpineShape>,
    used: std::cell::RefCell<BTreeSet<String>>,
}

type Check<T> = std::result::Result<T, String>;

impl<'a> Checker<'a> {
    fn new(file: &'a str, raw: &'a RawFile) -> Checker<'a> {
        let sources = raw
            .sources
            .iter()
            .map(|(id, s)| {
                let source = Source {
                    id: id.clone(),
                    title: s.title.clone(),
                    url: s.url.clone(),
                    date: s.date.clone(),
                };
                (id.as_str(), source)
            })
            .collect();
        Checker {
            file,
            sources,
            tables: BTreeMap::new(),
            used: Default::default(),
        }
    }

    fn fail(&self, location: String, message: String) -> Error {
        Error::stock(self.file, &location, message)
    }

    fn vendor(&mut self, raw: &'a RawFile) -> Result<Vendor> {
        let id =
            check_id(&raw.vendor.id).map_err(|m| self.fail("vendor field \"id\"".into(), m))?;
        if raw.vendor.name.trim().is_empty() {
            return Err(self.fail("vendor field \"name\"".into(), "must not be empty".into()));
        }
        for (id, source) in &raw.sources {
            let at = format!("source {id:?}");
            check_source(source).map_err(|m| self.fail(at, m))?;
        }
        for (id, table) in &raw.spine_table {
            let shape = self.spine_table(id, table)?;
            self.tables.insert(id, shape);
        }
        if raw.binding.is_empty() && raw.digital.is_empty() {
            return Err(self.fail(
                "file".into(),
                "no [[binding]] or [[digital]] entries".into(),
            ));
        }
        let mut bindings: Vec<Binding> = Vec::new();
        for b in &raw.binding {
            if bindings.iter().any(|x: &Binding| x.id == b.id.as_str()) {
                return Err(self.fail(
                    format!("binding {:?}", b.id),
                    "binding id is used twice".into(),
                ));
            }
            bindings.push(self.binding(id, b)?);
        }
        for (i, r) in raw.reading.iter().enumerate() {
            self.reading(i, r, &mut bindings)?;
        }
        let mut digital: Vec<DigitalProduct> = Vec::new();
        for d in &raw.digital {
            if digital.iter().any(|x| x.id == d.id.as_str()) {
                return Err(self.fail(
                    format!("digital {:?}", d.id),
                    "digital product id is used twice".into(),
                ));
            }
            digital.push(self.digital(id, d)?);
        }
        let also_known_as = match &raw.vendor.also_known_as {
            Some(r) => Some(self.rule("vendor", "also_known_as", r, |ids| {
                ids.iter().map(|id| check_id(id)).collect()
            })?),
            None => None,
        };
        let used = self.used.borrow();
        if let Some(unused) = self.sources.keys().find(|k| !used.contains(**k)) {
            return Err(self.fail(
                format!("source {unused:?}"),
                "source is not used by any rule".into(),
            ));
        }
        Ok(Vendor {
            id,
            name: raw.vendor.name.clone(),
            website: raw.vendor.website.clone(),
            also_known_as,
            file: self.file.to_string(),
            bindings,
            digital,
        })
    }

    /// A `[[digital]]` entry: plausible pixel sizes, the size written within the store's
    /// smallest and largest, at least one format, a plausible file size.
    fn digital(&self, vendor: VendorId, d: &RawDigital) -> Result<DigitalProduct> {
        let at = format!("digital {:?}", d.id);
        let id = check_id(&d.id).map_err(|m| self.fail(format!("{at} field \"id\""), m))?;
        if d.name.trim().is_empty() {
            return Err(self.fail(format!("{at} field \"name\""), "must not be empty".into()));
        }
        let pixels = |name: &'static str| {
            move |text: &String| -> Check<PixelSize> {
                let size: PixelSize = text.parse().map_err(|e: Error| e.to_string())?;
                digital::plausible_pixels(name, size)?;
                Ok(size)
            }
        };
        let size = self.rule(&at, "size", &d.size, pixels("size"))?;
        let min_size = self.rule(&at, "min_size", &d.min_size, pixels("min_size"))?;
        let max_size = self.maybe(&at, "max_size", &d.max_size, pixels("max_size"))?;
        let max_pixels = self.maybe(&at, "max_pixels", &d.max_pixels, |n| {
            let (min, max) = digital::PIXEL_SIDE;
            let (min, max) = (u64::from(min).pow(2), u64::from(max).pow(2));
            if (min..=max).contains(n) {
                Ok(*n)
            } else {
                Err(format!(
                    "{n} pixels is outside the plausible range {min} to {max}"
                ))
            }
        })?;
        let formats = self.rule(&at, "formats", &d.formats, |list| {
            if list.is_empty() {
                return Err("must list at least one format".to_string());
            }
            for (i, f) in list.iter().enumerate() {
                if list[..i].contains(f) {
                    return Err(format!("{f} is listed twice"));
                }
            }
            Ok(list.clone())
        })?;
        let color = self.rule(&at, "color", &d.color, |c| Ok(*c))?;
        let file_size = self.maybe(&at, "file_size", &d.file_size, |t| {
            digital::parse_file_size(t)
        })?;
        let (s, min) = (size.value, min_size.value);
        let mut problem = None;
        if !s.covers(min) {
            problem = Some(format!("size {s} is smaller than min_size {min}"));
        } else if let Some(max) = &max_size
            && !max.value.covers(s)
        {
            problem = Some(format!("size {s} is larger than max_size {}", max.value));
        } else if let Some(most) = &max_pixels
            && s.area() > most.value
        {
            problem = Some(format!(
                "size {s} has {} pixels, more than max_pixels {}",
                s.area(),
                most.value
            ));
        }
        if let Some(message) = problem {
            return Err(self.fail(format!("{at} field \"size\""), message));
        }
        Ok(DigitalProduct {
            id,
            vendor,
            name: d.name.clone(),
            kind: d.kind,
            size,
            min_size,
            max_size,
            max_pixels,
            formats,
            color,
            file_size,
        })
    }

    /// A `[spine_table.ID]`: a known source, a plausible start and step, widths that are
    /// plausible and never shrink.
    fn spine_table(&self, id: &str, t: &RawSpineTable) -> Result<SpineShape> {
        let at = format!("spine_table {id:?}");
        if !self.sources.contains_key(t.source.as_str()) {
            let known: Vec<&str> = self.sources.keys().copied().collect();
            return Err(self.fail(
                format!("{at} field \"source\""),
                format!(
                    "unknown source {:?}; expected one of: {}",
                    t.source,
                    known.join(", ")
                ),
            ));
        }
        self.used.borrow_mut().insert(t.source.clone());
        table_of_widths(t).map_err(|m| self.fail(at, m))
    }

    /// Resolves a rule's source and checks its value with `check`.
    fn rule<T, U>(
        &self,
        at: &str,
        field: &str,
        raw: &RawRule<T>,
        check: impl FnOnce(&T) -> Check<U>,
    ) -> Result<Sourced<U>> {
        let location = || format!("{at} field {field:?}");
        let source = self.sources.get(raw.source.as_str()).ok_or_else(|| {
            let known: Vec<&str> = self.sources.keys().copied().collect();
            self.fail(
                location(),
                format!(
                    "unknown source {:?}; expected one of: {}",
                    raw.source,
                    known.join(", ")
                ),
            )
        })?;
        self.used.borrow_mut().insert(raw.source.clone());
        if raw.confidence == Confidence::Reading {
            return Err(self.fail(
                location(),
                "confidence \"reading\" is for [[reading]] entries; a rule is published, calculator or estimate".into(),
            ));
        }
        let value = check(&raw.value).map_err(|m| self.fail(location(), m))?;
        Ok(Sourced {
            value,
            source: source.clone(),
            confidence: raw.confidence,
            note: raw.note.clone(),
        })
    }

    fn optional<T, U>(
        &self,
        at: &str,
        field: &str,
        raw: &Option<RawRule<T>>,
        kind_needs_it: bool,
        kind: &str,
        check: impl FnOnce(&T) -> Check<U>,
    ) -> Result<Option<Sourced<U>>> {
        match (raw, kind_needs_it) {
            (Some(r), true) => Ok(Some(self.rule(at, field, r, check)?)),
            (None, false) => Ok(None),
            (None, true) => Err(self.fail(
                format!("{at} field {field:?}"),
                format!("is required for kind = {kind:?}"),
            )),
            (Some(_), false) => Err(self.fail(
                format!("{at} field {field:?}"),
                format!("does not apply to kind = {kind:?}"),
            )),
        }
    }

    fn binding(&self, vendor: VendorId, b: &RawBinding) -> Result<Binding> {
        let at = format!("binding {:?}", b.id);
        let id = check_id(&b.id).map_err(|m| self.fail(format!("{at} field \"id\""), m))?;
        let not_case = b.kind != Kind::Case;
        let bleed = self.optional(&at, "bleed", &b.bleed, not_case, b.kind.name(), |l| {
            plausible("bleed", *l, ranges::BLEED)
        })?;
        let construction = self.construction(&at, b)?;
        let safe_margin = self.rule(&at, "safe_margin", &b.safe_margin, |m| {
            plausible("inset", m.inset, ranges::SAFE_MARGIN).map(|_| *m)
        })?;
        let spine_margin = self.rule(&at, "spine_margin", &b.spine_margin, |l| {
            plausible("spine_margin", *l, ranges::SPINE_MARGIN)
        })?;
        let spine_tolerance = self.rule(&at, "spine_tolerance", &b.spine_tolerance, |l| {
            within(*l, Length::ZERO, Length::inches(0.25))
        })?;
        let spine_text_min_pages =
            self.rule(&at, "spine_text_min_pages", &b.spine_text_min_pages, |n| {
                count("spine_text_min_pages", *n, 0, MAX_PAGES)
            })?;
        let barcode = self.rule(&at, "barcode", &b.barcode, check_barcode_box)?;
        let trims = self.trims(&at, &b.trims, safe_margin.value.inset)?;
        let custom_trim = self.maybe(&at, "custom_trim", &b.custom_trim, check_trim_range)?;
        let color = self.maybe(&at, "color", &b.color, |c| Ok(*c))?;
        let ink_limit = self.maybe(&at, "ink_limit", &b.ink_limit, check_ink_limit)?;
        let pdfx = self.maybe(&at, "pdfx", &b.pdfx, check_pdfx)?;
        let transparency = self.maybe(&at, "transparency", &b.transparency, |t| Ok(*t))?;
        let barcode_required =
            self.maybe(&at, "barcode_required", &b.barcode_required, |v| Ok(*v))?;
        let min_image_ppi = self.maybe(&at, "min_image_ppi", &b.min_image_ppi, |v| {
            if (72..=2400).contains(v) {
                Ok(*v)
            } else {
                Err(format!("{v} ppi must lie between 72 and 2400"))
            }
        })?;
        let interior_bleed = self.maybe(&at, "interior_bleed", &b.interior_bleed, |l| {
            plausible("interior_bleed", *l, ranges::BLEED)
        })?;
        let papers = self.papers(&at, b, &trims.value)?;
        Ok(Binding {
            id,
            vendor,
            name: b.name.clone(),
            construction,
            bleed,
            safe_margin,
            spine_margin,
            spine_tolerance,
            spine_text_min_pages,
            barcode,
            trims,
            custom_trim,
            color,
            ink_limit,
            pdfx,
            transparency,
            barcode_required,
            min_image_ppi,
            interior_bleed,
            papers,
        })
    }

    /// Checks a rule that a file may leave out.
    fn maybe<T, U>(
        &self,
        at: &str,
        field: &str,
        raw: &Option<RawRule<T>>,
        check: impl FnOnce(&T) -> Check<U>,
    ) -> Result<Option<Sourced<U>>> {
        raw.as_ref()
            .map(|r| self.rule(at, field, r, check))
            .transpose()
    }

    /// A binding's case or jacket parts: each is required by its kind and refused by the others.
    fn construction(&self, at: &str, b: &RawBinding) -> Result<Construction> {
        let kind_name = b.kind.name();
        let (case, jacket) = (b.kind == Kind::Case, b.kind == Kind::Jacket);
        let wrap = self.optional(at, "wrap", &b.wrap, case, kind_name, |l| {
            plausible("wrap", *l, ranges::WRAP)
        })?;
        let board = self.optional(at, "board", &b.board, case, kind_name, plausible_size)?;
        let hinge = self.optional(at, "hinge", &b.hinge, case, kind_name, |h| {
            plausible("width", h.width, ranges::HINGE).map(|_| *h)
        })?;
        let flap = self.optional(at, "flap", &b.flap, jacket, kind_name, |l| {
            plausible("flap", *l, ranges::FLAP)
        })?;
        let flap_fold = self.optional(at, "flap_fold", &b.flap_fold, jacket, kind_name, |l| {
            plausible("flap_fold", *l, ranges::FLAP_FOLD)
        })?;
        let panel = self.optional(at, "panel", &b.panel, jacket, kind_name, plausible_size)?;
        Ok(match (wrap, board, hinge, flap, flap_fold, panel) {
            (Some(wrap), Some(board), Some(hinge), None, None, None) => {
                Construction::Case(CaseSpec { wrap, board, hinge })
            }
            (None, None, None, Some(flap), Some(flap_fold), Some(panel)) => {
                Construction::Jacket(JacketSpec {
                    flap,
                    flap_fold,
                    panel,
                })
            }
            _ => Construction::Flat,
        })
    }

    /// The binding's trim list: plausible, without repeats, each leaving a safe area inside the
    /// safe margin's `inset`.
    fn trims(
        &self,
        at: &str,
        raw: &RawRule<Vec<TrimSize>>,
        inset: Length,
    ) -> Result<Sourced<Vec<TrimSize>>> {
        let trims = self.rule(at, "trims", raw, |list| {
            if list.is_empty() {
                return Err("must list at least one trim".to_string());
            }
            for t in list {
                plausible_trim(t)?;
            }
            for (i, t) in list.iter().enumerate() {
                if list.iter().skip(i + 1).any(|o| o.matches(t)) {
                    return Err(format!("trim {t} is listed twice"));
                }
            }
            Ok(list.clone())
        })?;
        if let Some(t) = trims
            .value
            .iter()
            .find(|t| inset * 2.0 >= t.width.min(t.height))
        {
            return Err(self.fail(
                format!("{at} field \"safe_margin\""),
                format!(
                    "inset {} leaves no safe area on trim {t}",
                    short(inset.to_inches(), &[])
                ),
            ));
        }
        Ok(trims)
    }

    /// The binding's papers, in file order; ids unique, `same_as` naming one listed before.
    fn papers(&self, at: &str, b: &RawBinding, trims: &[TrimSize]) -> Result<Vec<Paper>> {
        if b.paper.is_empty() {
            return Err(self.fail(at.to_string(), "no [[binding.paper]] entries".into()));
        }
        let mut papers: Vec<Paper> = Vec::new();
        for p in &b.paper {
            if papers.iter().any(|x| x.id == p.id.as_str()) {
                return Err(self.fail(
                    format!("{at} paper {:?}", p.id),
                    "paper id is used twice".into(),
                ));
            }
            let paper = match &p.same_as {
                Some(other) => self.same_as(at, other, &papers, p)?,
                None => self.paper(at, b.kind, trims, p)?,
            };
            papers.push(paper);
        }
        Ok(papers)
    }
    /// A paper that shares the spine rule, page limits and trims of one listed before it.
    fn same_as(
        &self,
        binding_at: &str,
        other: &str,
        papers: &[Paper],
        p: &RawPaper,
    ) -> Result<Paper> {
        let at = format!("{binding_at} paper {:?}", p.id);
        let id = check_id(&p.id).map_err(|m| self.fail(format!("{at} field \"id\""), m))?;
        let fail = |m: String| self.fail(format!("{at} field \"same_as\""), m);
        if p.spine.is_some()
            || p.pages.is_some()
            || p.template_pages.is_some()
            || p.trims.is_some()
            || !p.trim_page_limit.is_empty()
        {
            return Err(fail(
                "a paper with same_as takes its spine, pages and trims from that paper; remove them here"
                    .into(),
            ));
        }
        let base = papers.iter().find(|x| x.id == other).ok_or_else(|| {
            let before: Vec<&str> = papers.iter().map(|x| x.id.as_str()).collect();
            fail(format!(
                "unknown paper {other:?}; expected one listed before it: {}",
                before.join(", ")
            ))
        })?;
        Ok(Paper {
            id,
            name: p.name.clone(),
            ..base.clone()
        })
    }

    fn paper(
        &self,
        binding_at: &str,
        kind: Kind,
        trims: &[TrimSize],
        p: &RawPaper,
    ) -> Result<Paper> {
        let at = format!("{binding_at} paper {:?}", p.id);
        let id = check_id(&p.id).map_err(|m| self.fail(format!("{at} field \"id\""), m))?;
        let required =
            |field: &str| self.fail(format!("{at} field {field:?}"), "is required".into());
        let (Some(raw_pages), Some(raw_spine)) = (&p.pages, &p.spine) else {
            return Err(required(if p.pages.is_none() { "pages" } else { "spine" }));
        };
        let pages = self.rule(&at, "pages", raw_pages, |r| {
            let multiple = r.multiple.unwrap_or(1);
            count("multiple", multiple, 1, 64)?;
            if r.min == 0 || r.min > r.max {
                return Err(format!(
                    "min {} and max {} must satisfy 1 <= min <= max",
                    r.min, r.max
                ));
            }
            if r.max > MAX_PAGES {
                return Err(format!("max {} is more than {MAX_PAGES} pages", r.max));
            }
            if multiple > r.max {
                return Err(format!("multiple {multiple} is more than max {}", r.max));
            }
            Ok(PageLimits {
                min: r.min,
                max: r.max,
                multiple,
                round_up: r.round_up.unwrap_or(false),
            })
        })?;
        let limits = pages.value;
        let template = match &p.template_pages {
            Some(r) => Some(self.rule(&at, "template_pages", r, |r| check_page_range(*r))?),
            None => None,
        };
        let span = template.as_ref().map_or((limits.min, limits.max), |t| {
            (limits.min.min(t.value.min), limits.max.max(t.value.max))
        });
        let spine = self.rule(&at, "spine", raw_spine, |s| {
            spine_rule(s, kind, limits, span, &self.tables)
        })?;
        let in_binding = |list: &[TrimSize]| -> Check<()> {
            match list.iter().find(|t| !trims.iter().any(|b| b.matches(t))) {
                Some(t) => Err(format!("trim {t} is not in the binding's trims")),
                None => Ok(()),
            }
        };
        let trim_filter = match &p.trims {
            Some(r) => Some(self.rule(&at, "trims", r, |f| {
                in_binding(&f.only)?;
                in_binding(&f.except)?;
                Ok(f.clone())
            })?),
            None => None,
        };
        let mut trim_page_limits = Vec::new();
        for r in &p.trim_page_limit {
            trim_page_limits.push(self.rule(&at, "trim_page_limit", r, |l| {
                in_binding(&l.trims)?;
                if l.max < limits.min || l.max > limits.max {
                    return Err(format!(
                        "max {} must lie within the paper's pages {} to {}",
                        l.max, limits.min, limits.max
                    ));
                }
                Ok(l.clone())
            })?);
        }
        Ok(Paper {
            id,
            name: p.name.clone(),
            spine,
            pages,
            template_pages: template,
            trims: trim_filter,
            trim_page_limits,
            readings: Vec::new(),
        })
    }
}

impl Checker<'_> {
    /// Checks one `[[reading]]` entry and files it under its binding and paper.
    fn reading(&self, index: usize, r: &RawReading, bindings: &mut [Binding]) -> Result<()> {
        let at = format!(
            "reading {} ({} {} {} pages)",
            index + 1,
            r.binding,
            r.paper,
            r.pages
        );
        let fail = |field: &str, m: String| self.fail(format!("{at} field {field:?}"), m);
        let source = self.sources.get(r.source.as_str()).ok_or_else(|| {
            let known: Vec<&str> = self.sources.keys().copied().collect();
            fail(
                "source",
                format!(
                    "unknown source {:?}; expected one of: {}",
                    r.source,
                    known.join(", ")
                ),
            )
        })?;
        self.used.borrow_mut().insert(r.source.clone());
        let ids = |items: &mut dyn Iterator<Item = &str>| items.collect::<Vec<_>>().join(", ");
        let known_bindings = ids(&mut bindings.iter().map(|b| b.id.as_str()));
        let binding = bindings
            .iter_mut()
            .find(|b| b.id == r.binding.as_str())
            .ok_or_else(|| {
                fail(
                    "binding",
                    format!(
                        "unknown binding {:?}; expected one of: {known_bindings}",
                        r.binding
                    ),
                )
            })?;
        let known_papers = ids(&mut binding.papers.iter().map(|p| p.id.as_str()));
        let paper = binding
            .papers
            .iter_mut()
            .find(|p| p.id == r.paper.as_str())
            .ok_or_else(|| {
                fail(
                    "paper",
                    format!(
                        "unknown paper {:?}; expected one of: {known_papers}",
                        r.paper
                    ),
                )
            })?;
        let (min, max) = paper.page_span();
        if r.pages < min || r.pages > max {
            return Err(fail(
                "pages",
                format!("{} pages lies outside the paper's {min} to {max}", r.pages),
            ));
        }
        let spine = reading_spine(r.spine).map_err(|m| fail("spine", m))?;
        let reading = Reading {
            pages: r.pages,
            spine,
            trim: r.trim,
            source: source.clone(),
            note: r.note.clone(),
            file: self.file.to_string(),
        };
        let at_pages = paper.readings.partition_point(|x| x.pages <= r.pages);
        paper.readings.insert(at_pages, reading);
        Ok(())
    }
}

/// Builds a spine rule from its raw fields, checking that exactly the fields its shape needs are
/// given and that it has a value for every allowed page count.
fn spine_rule(
    s: &RawSpine,
    kind: Kind,
    limits: PageLimits,
    span: (u32, u32),
    tables: &BTreeMap<&str, SpineShape>,
) -> Check<SpineRule> {
    check_spine_fields(s)?;
    let shape = match s.shape {
        Shape::None => {
            if kind != Kind::Flat {
                return Err("shape none is only for flat bindings".into());
            }
            SpineShape::None
        }
        Shape::PerPage => SpineShape::PerPage {
            per_page: plausible("per_page", s.per_page.unwrap_or_default(), ranges::PER_PAGE)?,
        },
        Shape::PagesPerInch => pages_per_inch_shape(s)?,
        Shape::Piecewise => piecewise_shape(s.points.clone().unwrap_or_default())?,
        Shape::Table => table_shape(s.steps.clone().unwrap_or_default())?,
        Shape::Series => {
            let name = s.table.as_deref().unwrap_or_default();
            tables.get(name).cloned().ok_or_else(|| {
                let known: Vec<&str> = tables.keys().copied().collect();
                format!(
                    "unknown spine table {name:?}; expected one of: {}",
                    known.join(", ")
                )
            })?
        }
    };
    let rounding = match s.rounding {
        Some(r) => {
            plausible("increment", r.increment, ranges::ROUNDING)?;
            Some(r)
        }
        None => None,
    };
    let allowance = plausible(
        "allowance",
        s.allowance.unwrap_or_default(),
        ranges::ALLOWANCE,
    )?;
    let minimum = s
        .minimum
        .map(|m| plausible("minimum", m, ranges::SPINE))
        .transpose()?;
    let rule = SpineRule {
        shape,
        allowance,
        rounding,
        minimum,
    };
    check_covers_pages(&rule, limits, span)?;
    Ok(rule)
}

/// Refuses a spine whose shape lacks a field it needs or has one it does not use.
fn check_spine_fields(s: &RawSpine) -> Check<()> {
    let given: [(&str, bool); 6] = [
        ("per_page", s.per_page.is_some()),
        ("pages_per_inch", s.pages_per_inch.is_some()),
        ("offset", s.offset.is_some()),
        ("points", s.points.is_some()),
        ("steps", s.steps.is_some()),
        ("table", s.table.is_some()),
    ];
    let (needs, allowed): (&[&str], &[&str]) = match s.shape {
        Shape::None => (&[], &[]),
        Shape::PerPage => (&["per_page"], &["per_page"]),
        Shape::PagesPerInch => (&["pages_per_inch"], &["pages_per_inch", "offset"]),
        Shape::Piecewise => (&["points"], &["points"]),
        Shape::Table => (&["steps"], &["steps"]),
        Shape::Series => (&["table"], &["table"]),
    };
    let shape_name = s.shape.name();
    for (field, present) in given {
        if needs.contains(&field) && !present {
            return Err(format!("shape {shape_name} needs {field}"));
        }
        if present && !allowed.contains(&field) {
            return Err(format!("{field} does not apply to shape {shape_name}"));
        }
    }
    Ok(())
}

/// A `pages-per-inch` spine: a plausible count of pages per inch plus an offset.
fn pages_per_inch_shape(s: &RawSpine) -> Check<SpineShape> {
    let ppi = s.pages_per_inch.unwrap_or_default();
    let (min, max) = ranges::PAGES_PER_INCH;
    if !(ppi.is_finite() && (min..=max).contains(&ppi)) {
        return Err(format!(
            "pages_per_inch {ppi} is outside the plausible range {min} to {max}"
        ));
    }
    Ok(SpineShape::PagesPerInch {
        pages_per_inch: ppi,
        offset: plausible("offset", s.offset.unwrap_or_default(), ranges::OFFSET)?,
    })
}

/// A `piecewise` spine: at least two points, growing in pages, never shrinking in spine.
fn piecewise_shape(points: Vec<SpinePoint>) -> Check<SpineShape> {
    if points.len() < 2 {
        return Err("piecewise needs at least two points".into());
    }
    for pair in points.windows(2) {
        if let [a, b] = pair
            && (a.pages >= b.pages || a.spine > b.spine)
        {
            return Err(format!(
                "points must grow in pages and never shrink in spine: {} pages {} then {} pages {}",
                a.pages, a.spine, b.pages, b.spine
            ));
        }
    }
    for p in &points {
        count("pages", p.pages, 0, MAX_PAGES)?;
        plausible("spine", p.spine, ranges::SPINE)?;
    }
    Ok(SpineShape::Piecewise { points })
}

/// A `table` spine: steps that each run forwards and follow each other without overlap or
/// shrinking.
fn table_shape(steps: Vec<SpineStep>) -> Check<SpineShape> {
    if steps.is_empty() {
        return Err("table needs at least one step".into());
    }
    for step in &steps {
        if step.from > step.to {
            return Err(format!("step {}-{} runs backwards", step.from, step.to));
        }
        count("to", step.to, 0, MAX_PAGES)?;
        plausible("spine", step.spine, ranges::SPINE)?;
    }
    for pair in steps.windows(2) {
        if let [a, b] = pair
            && (b.from <= a.to || b.spine < a.spine)
        {
            return Err(format!(
                "steps must follow each other without overlap and never shrink: {}-{} then {}-{}",
                a.from, a.to, b.from, b.to
            ));
        }
    }
    Ok(SpineShape::Table { steps })
}

/// A `[spine_table.ID]`'s rows: a plausible first page count and step, at least two widths,
/// each plausible and none narrower than the one before.
fn table_of_widths(t: &RawSpineTable) -> Check<SpineShape> {
    count("first", t.first, 1, MAX_PAGES)?;
    count("step", t.step, 1, 64)?;
    let rows = t.widths.len();
    if rows < 2 || rows > MAX_PAGES as usize {
        return Err(format!("widths has {rows} rows; expected 2 to {MAX_PAGES}"));
    }
    for (row, pair) in t.widths.windows(2).enumerate() {
        if let [a, b] = pair
            && b < a
        {
            let pages = u64::from(t.first) + u64::from(t.step) * (row as u64 + 1);
            return Err(format!(
                "widths must never shrink: {} at {pages} pages after {}",
                b, a
            ));
        }
    }
    for w in &t.widths {
        plausible("width", *w, ranges::SPINE)?;
    }
    let last = u64::from(t.first) + u64::from(t.step) * (rows as u64 - 1);
    if last > u64::from(MAX_PAGES) {
        return Err(format!(
            "the table runs to {last} pages, more than {MAX_PAGES}"
        ));
    }
    Ok(SpineShape::Series {
        first: t.first,
        step: t.step,
        widths: t.widths.clone(),
    })
}

/// A page range whose ends are plausible and in order.
fn check_page_range(r: PageRange) -> Check<PageRange> {
    if r.min == 0 || r.min > r.max || r.max > MAX_PAGES {
        return Err(format!(
            "min {} and max {} must satisfy 1 <= min <= max <= {MAX_PAGES}",
            r.min, r.max
        ));
    }
    Ok(r)
}

/// Every page count the limits and the template range (`span`, both together) allow must
/// have a spine width.
fn check_covers_pages(rule: &SpineRule, limits: PageLimits, span: (u32, u32)) -> Check<()> {
    let (min, max) = span;
    let mut pages = min
        .div_ceil(limits.multiple)
        .saturating_mul(limits.multiple);
    while pages <= max {
        match rule.width(pages) {
            Some(w) if w >= Length::ZERO && w.is_finite() => {}
            _ => {
                return Err(format!(
                "the rule gives no spine width for {pages} pages, but pages allow {min} to {max}"
            ))
            }
        }
        let Some(next) = pages.checked_add(limits.multiple) else {
            break;
        };
        pages = next;
    }
    Ok(())
}

/// A vendor, binding or paper id.
fn check_id<T: FromStr>(id: &str) -> Check<T> {
    id.parse().map_err(|_| {
        format!("id {id:?} must be 1 to {MAX_ID_LEN} lowercase letters, digits and hyphens")
    })
}

fn check_source(s: &RawSource) -> Check<()> {
    if s.title.trim().is_empty() {
        return Err("title must not be empty".into());
    }
    if let Some(url) = &s.url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(format!("url {url:?} must start with https:// or http://"));
    }
    let parts: Vec<&str> = s.date.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    let ok = match parts.as_slice() {
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("date {:?} must be YYYY-MM or YYYY-MM-DD", s.date))
    }
}

/// The plausible range of every length in a stock file, in inches: far beyond what any vendor
/// uses, so that only a typo or a unit slip (`mm` for `in`) is refused. `paper-stocks/README.md`
/// lists them.
mod ranges {
    pub(super) const BLEED: (f64, f64) = (0.0, 0.5);
    pub(super) const SAFE_MARGIN: (f64, f64) = (0.0, 1.0);
    pub(super) const SPINE_MARGIN: (f64, f64) = (0.0, 0.5);
    pub(super) const BARCODE_WIDTH: (f64, f64) = (0.5, 6.0);
    pub(super) const BARCODE_HEIGHT: (f64, f64) = (0.25, 4.0);
    pub(super) const BARCODE_OFFSET: (f64, f64) = (0.0, 4.0);
    pub(super) const TRIM: (f64, f64) = (2.0, 24.0);
    pub(super) const WRAP: (f64, f64) = (0.1, 2.0);
    pub(super) const ADDED_TO_TRIM: (f64, f64) = (-1.0, 1.0);
    pub(super) const HINGE: (f64, f64) = (0.0, 1.0);
    pub(super) const FLAP: (f64, f64) = (1.0, 6.0);
    pub(super) const FLAP_FOLD: (f64, f64) = (0.0, 1.0);
    pub(super) const PER_PAGE: (f64, f64) = (0.0005, 0.01);
    /// Pages per inch (a count, not a length).
    pub(super) const PAGES_PER_INCH: (f64, f64) = (100.0, 2000.0);
    pub(super) const OFFSET: (f64, f64) = (0.0, 1.0);
    pub(super) const SPINE: (f64, f64) = (0.001, 6.0);
    pub(super) const ALLOWANCE: (f64, f64) = (-0.5, 0.5);
    pub(super) const ROUNDING: (f64, f64) = (0.001, 0.5);
    /// Total ink, in whole percents (not a length): below 100% no colour could print solid
    /// black; 400% is every ink solid.
    pub(super) const INK: (u16, u16) = (100, 400);
}

/// Inches with no trailing zeros: `0.5in`, `-1in`; with more than six decimals where six
/// would print them the same as one of `limits`.
fn short(inches: f64, limits: &[f64]) -> String {
    if inches.abs() >= 1e7 {
        return format!("{inches:e}in");
    }
    let text = number_apart(inches, limits, 6);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}in")
}

/// An ink limit in its plausible range: each figure from [`ranges::INK`], the recommended one
/// no higher than the one rejected above.
fn check_ink_limit(limit: &InkLimit) -> Check<InkLimit> {
    let (min, max) = ranges::INK;
    for (name, value) in [
        ("recommended", limit.recommended),
        ("rejected", limit.rejected),
    ] {
        if !(min..=max).contains(&value) {
            return Err(format!(
                "{name} {value}% is outside the plausible range {min}% to {max}%"
            ));
        }
    }
    if limit.recommended > limit.rejected {
        return Err(format!(
            "recommended {}% is above rejected {}%: the recommended limit must be the lower",
            limit.recommended, limit.rejected
        ));
    }
    Ok(*limit)
}

/// A list of PDF/X versions: at least one, none twice.
fn check_pdfx(versions: &Vec<PdfxVersion>) -> Check<Vec<PdfxVersion>> {
    if versions.is_empty() {
        return Err("lists no PDF/X version; leave the rule out where any PDF is accepted".into());
    }
    let mut seen = BTreeSet::new();
    for v in versions {
        if !seen.insert(*v) {
            return Err(format!("lists {v} twice"));
        }
    }
    Ok(versions.clone())
}

/// A length within its plausible range (in inches).
fn plausible(name: &str, l: Length, (min, max): (f64, f64)) -> Check<Length> {
    let inches = l.to_inches();
    if l.is_finite() && inches >= min - 1e-9 && inches <= max + 1e-9 {
        Ok(l)
    } else {
        Err(format!(
            "{name} {} is outside the plausible range {} to {}",
            short(inches, &[min, max]),
            short(min, &[]),
            short(max, &[])
        ))
    }
}

/// A trim size whose sides are both plausible.
fn plausible_trim(t: &TrimSize) -> Check<()> {
    plausible(&format!("trim {t} width"), t.width, ranges::TRIM)?;
    plausible(&format!("trim {t} height"), t.height, ranges::TRIM)?;
    Ok(())
}

/// A board or panel size added to the trim, both sides plausible.
fn plausible_size(s: &Size) -> Check<Size> {
    plausible("width", s.width, ranges::ADDED_TO_TRIM)?;
    plausible("height", s.height, ranges::ADDED_TO_TRIM)?;
    Ok(*s)
}

/// A barcode box whose size and offsets are plausible.
fn check_barcode_box(bc: &BarcodeBox) -> Check<BarcodeBox> {
    plausible("width", bc.width, ranges::BARCODE_WIDTH)?;
    plausible("height", bc.height, ranges::BARCODE_HEIGHT)?;
    plausible("from_bottom", bc.from_bottom, ranges::BARCODE_OFFSET)?;
    plausible("from_spine", bc.from_spine, ranges::BARCODE_OFFSET)?;
    Ok(*bc)
}

/// A custom trim range: both ends plausible, `min` no larger than `max` either way.
fn check_trim_range(r: &RawTrimRange) -> Check<TrimRange> {
    plausible_trim(&r.min)?;
    plausible_trim(&r.max)?;
    if r.min.width > r.max.width || r.min.height > r.max.height {
        return Err(format!(
            "min {} is larger than max {}",
            r.min.display_apart(&[r.max]),
            r.max
        ));
    }
    Ok(TrimRange {
        min: r.min,
        max: r.max,
    })
}

/// A count within its range.
fn count(name: &str, n: u32, min: u32, max: u32) -> Check<u32> {
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        Err(format!(
            "{name} {n} is outside the plausible range {min} to {max}"
        ))
    }
}

/// A spine width read off a template (a stock file's or a user's reading), within the plausible
/// range of a spine.
pub(crate) fn reading_spine(spine: Length) -> Check<Length> {
    let (min, max) = reading_spine_range();
    within(spine, min, max)
}

/// The narrowest and widest spine a reading may give.
pub(crate) fn reading_spine_range() -> (Length, Length) {
    let (min, max) = ranges::SPINE;
    (Length::inches(min), Length::inches(max))
}

fn within(l: Length, min: Length, max: Length) -> Check<Length> {
    if l.is_finite() && l >= min && l <= max {
        Ok(l)
    } else {
        Err(format!(
            "length {} must lie between {min} and {max}",
            l.display_apart(Unit::In, &[min, max])
        ))
    }
}
