//! From a book to its cover geometry: pure, no I/O.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::catalog::{
    BeyondPrintRange, Binding, BindingId, CaseSpec, Catalog, Confidence, Construction, Edge,
    HingePlacement, JacketSpec, PaperId, Product, Source, VendorId,
};
use crate::error::{Error, Result};
use crate::units::{Length, Pdf, Rect, Sheet, SheetToPdf, Sides, Space, TrimSize, Unit};

mod compare;

pub use compare::Offer;

/// A book as a vendor would print it: vendor, binding, paper, trim and printed page count.
///
/// Plain data, cheap to copy: the ids are kept inline.
///
/// ```
/// use podcover::BookSpec;
///
/// let spec = BookSpec::parse("kdp", "paperback", "cream", "6x9", 318)?;
/// assert_eq!(spec.vendor, "kdp");
/// // The same, from values parsed before.
/// let same = BookSpec::new("kdp".parse()?, "paperback".parse()?, "cream".parse()?, "6x9".parse()?, 318);
/// assert_eq!(spec, same);
/// assert!(BookSpec::parse("KDP", "paperback", "cream", "6x9", 318).is_err());
/// # Ok::<(), podcover::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BookSpec {
    /// Vendor id, e.g. `kdp`.
    pub vendor: VendorId,
    /// Binding id, e.g. `paperback`.
    pub binding: BindingId,
    /// Paper id, e.g. `cream`.
    pub paper: PaperId,
    /// Trim size.
    pub trim: TrimSize,
    /// Printed pages (two per leaf).
    pub pages: u32,
}

impl BookSpec {
    /// A book spec.
    pub fn new(
        vendor: VendorId,
        binding: BindingId,
        paper: PaperId,
        trim: TrimSize,
        pages: u32,
    ) -> BookSpec {
        BookSpec {
            vendor,
            binding,
            paper,
            trim,
            pages,
        }
    }

    /// A book spec from text: ids as on the command line, the trim as [`TrimSize`] parses it.
    pub fn parse(
        vendor: &str,
        binding: &str,
        paper: &str,
        trim: &str,
        pages: u32,
    ) -> Result<BookSpec> {
        Ok(BookSpec {
            vendor: vendor.parse()?,
            binding: binding.parse()?,
            paper: paper.parse()?,
            trim: trim.parse()?,
            pages,
        })
    }
}

/// The shape of a cover, which decides which parts a [`CoverLayout`] has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum CoverKind {
    /// One flat sheet with bleed (paperback, coil).
    Flat,
    /// A printed case wrapped around boards.
    Case,
    /// A dust jacket with flaps.
    Jacket,
}

/// Whether the spine may carry text, and why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SpineText {
    /// Spine text is allowed.
    Allowed,
    /// The binding has no spine.
    NoSpine,
    /// The book has fewer pages than the vendor's minimum for spine text.
    TooFewPages {
        /// The book's page count.
        pages: u32,
        /// The vendor's minimum.
        min_pages: u32,
    },
    /// The spine is too narrow to keep text clear of both folds.
    TooNarrow,
}

impl SpineText {
    /// Whether spine text is allowed.
    pub fn is_allowed(self) -> bool {
        self == SpineText::Allowed
    }
}

impl fmt::Display for SpineText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpineText::Allowed => f.write_str("spine text allowed"),
            SpineText::NoSpine => f.write_str("no spine text: the binding has no spine"),
            SpineText::TooFewPages { pages, min_pages } => write!(
                f,
                "no spine text: {pages} pages is fewer than the {min_pages} the vendor requires"
            ),
            SpineText::TooNarrow => f.write_str(
                "no spine text: the spine is too narrow to keep text clear of the folds",
            ),
        }
    }
}

/// The boards and hinges of a printed case, in the space `S` of their layout (see
/// [`CoverLayout`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(bound(serialize = ""))]
#[non_exhaustive]
pub struct CaseParts<S: Space = Sheet> {
    /// How far the sheet wraps around the boards, on every side.
    pub wrap: Length,
    /// Back board, then front board.
    pub boards: [Rect<S>; 2],
    /// Back hinge, then front hinge.
    pub hinges: [Rect<S>; 2],
}

/// The flaps of a dust jacket, in the space `S` of their layout (see [`CoverLayout`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(bound(serialize = ""))]
#[non_exhaustive]
pub struct JacketParts<S: Space = Sheet> {
    /// Back flap (left), then front flap (right).
    pub flaps: [Rect<S>; 2],
    /// The fold strips between each cover panel and its flap, back then front.
    pub flap_folds: [Rect<S>; 2],
    /// Safe areas of the flaps, back then front.
    pub flap_safe: [Rect<S>; 2],
}

/// The parts a cover has beyond its panels and spine, by its shape, in the space `S` of their
/// layout (see [`CoverLayout`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase", bound(serialize = ""))]
#[non_exhaustive]
pub enum CoverParts<S: Space = Sheet> {
    /// One flat sheet with bleed (paperback, coil): nothing more.
    Flat,
    /// A printed case: boards, hinges and the wrap.
    Case(CaseParts<S>),
    /// A dust jacket: flaps and their folds.
    Jacket(JacketParts<S>),
}

impl<S: Space> CoverParts<S> {
    /// The shape of the cover.
    pub fn kind(&self) -> CoverKind {
        match self {
            CoverParts::Flat => CoverKind::Flat,
            CoverParts::Case(_) => CoverKind::Case,
            CoverParts::Jacket(_) => CoverKind::Jacket,
        }
    }
}

/// The full geometry of a cover, as named rectangles on the sheet.
///
/// Coordinates are a designer's: from the sheet's top-left corner, `x` to the right, `y`
/// downwards, the [`Sheet`] space (see [`Rect`]), which `S` defaults to. The code that writes
/// PDF works on the same layout in PDF's space ([`Pdf`], from the lower-left corner, `y`
/// upwards), which [`CoverLayout::to_pdf`] gives. The sheet is laid out as the cover is seen
/// from outside: back cover on the left, front on the right.
///
/// The rectangles are the data, in public fields; what follows from them is a method
/// ([`spine_width`](CoverLayout::spine_width), [`bleed_box`](CoverLayout::bleed_box),
/// [`kind`](CoverLayout::kind), [`folds`](CoverLayout::folds)). A layout comes from the catalog
/// ([`Catalog::layout`], [`Product::layout`]); it serialises (e.g. to JSON) but is never read
/// back.
///
/// ```
/// use podcover::{BookSpec, Catalog, Length};
///
/// // KDP's worked example: 6x9, white paper, 120 pages -> spine 0.27024 in,
/// // full cover 12.52024 x 9.25 in (KDP Help G201953020).
/// let spec = BookSpec::parse("kdp", "paperback", "white", "6x9", 120)?;
/// let layout = Catalog::builtin().layout(&spec)?;
/// assert!(layout.spine_width().approx_eq(Length::inches(0.27024)));
/// assert!(layout.sheet.width.approx_eq(Length::inches(12.52024)));
/// assert!(layout.sheet.height.approx_eq(Length::inches(9.25)));
/// # Ok::<(), podcover::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(bound(serialize = ""))]
#[non_exhaustive]
pub struct CoverLayout<S: Space = Sheet> {
    /// The book this layout is for (with the catalog's exact trim).
    pub spec: BookSpec,
    /// Distance from the trim box to the bleed box on each side (for a case, the wrap).
    pub bleed: Length,
    /// The whole sheet (the PDF MediaBox and BleedBox), including bleed or wraps.
    pub sheet: Rect<S>,
    /// The trim box: the finished cover (for a case, the board outline; for a jacket, without
    /// bleed).
    pub trim_box: Rect<S>,
    /// The back cover panel (a case's back board).
    pub back: Rect<S>,
    /// The spine (zero wide where the binding has none).
    pub spine: Rect<S>,
    /// The front cover panel (a case's front board).
    pub front: Rect<S>,
    /// Where text and important art on the back are safe.
    pub back_safe: Rect<S>,
    /// Where text and important art on the front are safe.
    pub front_safe: Rect<S>,
    /// Where spine text is safe, if the spine may carry text.
    pub spine_safe: Option<Rect<S>>,
    /// Whether spine text is allowed, and why not.
    pub spine_text: SpineText,
    /// The barcode box on the back cover, near its bottom edge: its `y` is its top edge, the
    /// vendor's distance from the bottom plus its height up from the bottom of the sheet or trim.
    pub barcode: Rect<S>,
    /// The parts of a case (boards, hinges) or of a jacket (flaps), by the cover's shape.
    #[serde(flatten)]
    pub parts: CoverParts<S>,
    /// The weakest confidence among the rules that set the spine width and the sheet size
    /// (see [`Product::rules`] for every rule); `reading` where the spine width is a reading
    /// and the other rules are published figures.
    pub confidence: Confidence,
    /// Where the spine width comes from.
    pub spine_basis: SpineBasis,
    /// The page count asked for, where the vendor rounds it up to the count in `spec.pages`
    /// (e.g. IngramSpark computes an odd count as the next even one).
    pub rounded_from: Option<u32>,
    /// Set where the page count lies in the vendor's spine calculator range but outside what it
    /// prints: the layout is right, but a cover made from it will be refused. Its `Display` is
    /// the warning to show.
    pub beyond_print_range: Option<BeyondPrintRange>,
}

/// Where a layout's spine width comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "from", rename_all = "lowercase")]
pub enum SpineBasis {
    /// The paper's spine rule (a formula, a fit or a table).
    Rule {
        /// The rule's confidence.
        confidence: Confidence,
    },
    /// A reading of the vendor's template or calculator for exactly this page count.
    Reading {
        /// Where the reading was taken from.
        source: Source,
        /// The spine rule's width at this page count, where it gives one.
        model: Option<Length>,
        /// The vendor's spine tolerance for the binding.
        tolerance: Length,
        /// Whether the reading is farther from the model than the tolerance: worth a second
        /// look (it is used all the same); see [`CoverLayout::reading_warning`].
        flagged: bool,
    },
    /// A width the caller gave ([`Product::layout_with_spine`]).
    Given,
}

impl SpineBasis {
    /// The confidence of the spine width: `reading` for a reading, the rule's otherwise.
    pub fn confidence(&self) -> Confidence {
        match self {
            SpineBasis::Rule { confidence } => *confidence,
            SpineBasis::Reading { .. } | SpineBasis::Given => Confidence::Reading,
        }
    }
}

impl<S: Space> CoverLayout<S> {
    /// The shape of the cover.
    pub fn kind(&self) -> CoverKind {
        self.parts.kind()
    }

    /// Refuses a layout whose page count the vendor's calculator covers but the vendor does not
    /// print ([`CoverLayout::beyond_print_range`]): a template may be made from it, a cover to
    /// upload may not. [`compose`](crate::cover::compose) and [`respine`](crate::cover::respine) call this.
    pub fn check_printable(&self) -> Result<()> {
        match &self.beyond_print_range {
            None => Ok(()),
            Some(b) => Err(Error::pages_out_of_range(
                &b.product,
                b.pages,
                b.printed.min,
                b.printed.max,
                &format!(
                    "{}: the vendor's calculator covers {} to {} pages, so a template can be made, but it will not print the book",
                    b.trim.map(|t| format!(" on the {t} trim")).unwrap_or_default(),
                    b.template.min,
                    b.template.max
                ),
            )),
        }
    }

    /// The spine's width (zero where the binding has no spine).
    pub fn spine_width(&self) -> Length {
        self.spine.width
    }

    /// A warning where the spine width is a reading farther from the spine rule than the
    /// vendor's tolerance: such a reading is used, but may be a slip worth checking.
    ///
    /// ```
    /// use podcover::{BookSpec, Catalog, catalog::{Readings, UserReading}, Length};
    ///
    /// let catalog = Catalog::builtin();
    /// let mut readings = Readings::default();
    /// readings.add(catalog, UserReading {
    ///     vendor: "kdp".parse()?,
    ///     binding: "paperback".parse()?,
    ///     paper: "cream".parse()?,
    ///     pages: 200,
    ///     spine: Length::inches(0.6),
    ///     trim: None,
    ///     source: "my template".into(),
    ///     added: "2026-11-25".into(),
    /// })?;
    /// let catalog = catalog.with_readings("readings.toml", &readings)?;
    /// let layout = catalog.layout(&BookSpec::parse("kdp", "paperback", "cream", "6x9", 200)?)?;
    /// assert_eq!(
    ///     layout.reading_warning().unwrap(),
    ///     "the spine width 0.6000 in for kdp paperback cream 200 pages is a reading \
    ///      (my template, 2026-11-25) 0.1000 in wider than the spine rule's 0.5000 in, more than \
    ///      the vendor's 0.0625 in tolerance: check it against the vendor's template"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reading_warning(&self) -> Option<String> {
        let SpineBasis::Reading {
            source,
            model: Some(model),
            tolerance,
            flagged: true,
        } = &self.spine_basis
        else {
            return None;
        };
        let width = self.spine_width();
        let (by, side) = if width > *model {
            (width - *model, "wider")
        } else {
            (*model - width, "narrower")
        };
        let spec = &self.spec;
        Some(format!(
            "the spine width {width:.4} for {} {} {} {} pages is a reading ({}, {}) {by:.4} \
             {side} than the spine rule's {model:.4}, more than the vendor's {tolerance:.4} \
             tolerance: check it against the vendor's template",
            spec.vendor, spec.binding, spec.paper, spec.pages, source.title, source.date
        ))
    }

    /// The bleed box: the whole sheet, bleed or wraps included.
    pub fn bleed_box(&self) -> Rect<S> {
        self.sheet
    }

    /// Boards, hinges and wrap, for a case.
    pub fn case(&self) -> Option<&CaseParts<S>> {
        match &self.parts {
            CoverParts::Case(case) => Some(case),
            _ => None,
        }
    }

    /// Flaps, for a dust jacket.
    pub fn jacket(&self) -> Option<&JacketParts<S>> {
        match &self.parts {
            CoverParts::Jacket(jacket) => Some(jacket),
            _ => None,
        }
    }

    /// The x position of every vertical fold line, left to right: the spine's edges (one line
    /// where the spine is zero wide), a case's outer hinge edges, a jacket's flap folds.
    pub fn folds(&self) -> Vec<Length> {
        let spine = self.spine;
        match &self.parts {
            CoverParts::Flat if spine.width > Length::ZERO => vec![spine.x, spine.right()],
            CoverParts::Flat => vec![spine.x],
            CoverParts::Case(case) => {
                let mut folds = vec![
                    case.hinges[0].x,
                    spine.x,
                    spine.right(),
                    case.hinges[1].right(),
                ];
                folds.dedup();
                folds
            }
            CoverParts::Jacket(jacket) => vec![
                jacket.flap_folds[0].x,
                self.back.x,
                spine.x,
                spine.right(),
                jacket.flap_folds[1].x,
                jacket.flaps[1].x,
            ],
        }
    }

    /// Every rectangle with its name, in drawing order (largest first).
    pub fn regions(&self) -> Vec<(&'static str, Rect<S>)> {
        let mut regions = vec![
            ("sheet", self.sheet),
            ("bleed_box", self.bleed_box()),
            ("trim_box", self.trim_box),
            ("back", self.back),
            ("spine", self.spine),
            ("front", self.front),
            ("back_safe", self.back_safe),
            ("front_safe", self.front_safe),
        ];
        if let Some(spine_safe) = self.spine_safe {
            regions.push(("spine_safe", spine_safe));
        }
        regions.push(("barcode", self.barcode));
        if let Some(case) = self.case() {
            regions.push(("back_board", case.boards[0]));
            regions.push(("front_board", case.boards[1]));
            regions.push(("back_hinge", case.hinges[0]));
            regions.push(("front_hinge", case.hinges[1]));
        }
        if let Some(jacket) = self.jacket() {
            regions.push(("back_flap", jacket.flaps[0]));
            regions.push(("front_flap", jacket.flaps[1]));
            regions.push(("back_flap_fold", jacket.flap_folds[0]));
            regions.push(("front_flap_fold", jacket.flap_folds[1]));
            regions.push(("back_flap_safe", jacket.flap_safe[0]));
            regions.push(("front_flap_safe", jacket.flap_safe[1]));
        }
        regions
    }

    /// The same layout with every rectangle converted by `f`. Every field is named, so that a
    /// rectangle added to the layout cannot be left unconverted.
    fn map_rects<T: Space>(&self, f: impl Fn(Rect<S>) -> Rect<T>) -> CoverLayout<T> {
        let parts = match self.parts {
            CoverParts::Flat => CoverParts::Flat,
            CoverParts::Case(CaseParts {
                wrap,
                boards,
                hinges,
            }) => CoverParts::Case(CaseParts {
                wrap,
                boards: boards.map(&f),
                hinges: hinges.map(&f),
            }),
            CoverParts::Jacket(JacketParts {
                flaps,
                flap_folds,
                flap_safe,
            }) => CoverParts::Jacket(JacketParts {
                flaps: flaps.map(&f),
                flap_folds: flap_folds.map(&f),
                flap_safe: flap_safe.map(&f),
            }),
        };
        let CoverLayout {
            spec,
            bleed,
            sheet,
            trim_box,
            back,
            spine,
            front,
            back_safe,
            front_safe,
            spine_safe,
            spine_text,
            barcode,
            parts: _,
            confidence,
            spine_basis,
            rounded_from,
            beyond_print_range,
        } = self;
        CoverLayout {
            spec: *spec,
            bleed: *bleed,
            sheet: f(*sheet),
            trim_box: f(*trim_box),
            back: f(*back),
            spine: f(*spine),
            front: f(*front),
            back_safe: f(*back_safe),
            front_safe: f(*front_safe),
            spine_safe: spine_safe.map(&f),
            spine_text: *spine_text,
            barcode: f(*barcode),
            parts,
            confidence: *confidence,
            spine_basis: spine_basis.clone(),
            rounded_from: *rounded_from,
            beyond_print_range: beyond_print_range.clone(),
        }
    }
}

impl CoverLayout {
    /// The conversion from this layout's space to PDF's, on its sheet.
    pub fn sheet_to_pdf(&self) -> SheetToPdf {
        SheetToPdf::new(self.sheet.height)
    }

    /// The same layout in PDF's space ([`Pdf`]: from the sheet's lower-left corner, `y`
    /// upwards), as the code that writes or reads PDF works: the template's marks, compose and
    /// respine.
    ///
    /// ```
    /// use podcover::{BookSpec, Catalog};
    ///
    /// let layout = Catalog::builtin().layout(&BookSpec::parse("kdp", "paperback", "white", "6x9", 120)?)?;
    /// let pdf = layout.to_pdf();
    /// // The barcode box sits near the bottom: its lower edge is low in PDF's space.
    /// assert!(pdf.barcode.bottom() < pdf.sheet.height / 2.0);
    /// assert!(pdf.barcode.bottom().approx_eq(layout.sheet.height - layout.barcode.bottom()));
    /// # Ok::<(), podcover::Error>(())
    /// ```
    pub fn to_pdf(&self) -> CoverLayout<Pdf> {
        let to_pdf = self.sheet_to_pdf();
        self.map_rects(|r| to_pdf.rect(r))
    }

    /// A plain-text table of every rectangle in the given unit, one per line:
    /// `name x y width height`, from the sheet's top-left corner.
    pub fn dump(&self, unit: Unit) -> String {
        let mut out = String::new();
        for (name, r) in self.regions() {
            let p = unit.precision();
            out.push_str(&format!(
                "{name:<16} x {:>10.p$} y {:>10.p$} w {:>10.p$} h {:>10.p$} {unit}\n",
                r.x.to(unit),
                r.y.to(unit),
                r.width.to(unit),
                r.height.to(unit),
            ));
        }
        out
    }
}

impl Catalog {
    /// The cover layout of a book, or an error saying what the vendor cannot print.
    pub fn layout(&self, spec: &BookSpec) -> Result<CoverLayout> {
        let product = self.product(spec.vendor, spec.binding, spec.paper)?;
        product.layout(&spec.trim, spec.pages)
    }

    /// The spine width of a book, checking its trim and page count like [`Catalog::layout`].
    pub fn spine_width(&self, spec: &BookSpec) -> Result<Length> {
        let product = self.product(spec.vendor, spec.binding, spec.paper)?;
        let trim = product.trim(&spec.trim)?;
        product.check_pages(Some(&trim), spec.pages)?;
        product.spine_width(spec.pages)
    }
}

impl Product<'_> {
    /// The spine width for a page count (without checking limits): the reading for that count
    /// if there is one, the spine rule's width otherwise. The count is first rounded up where
    /// the vendor does so.
    pub fn spine_width(&self, pages: u32) -> Result<Length> {
        self.spine(pages).map(|(width, _)| width)
    }

    /// The spine width and where it comes from.
    fn spine(&self, pages: u32) -> Result<(Length, SpineBasis)> {
        let pages = self.paper.pages.counted(pages);
        if let Some(reading) = self.paper.reading(pages) {
            let check = self.reading_check(pages);
            let basis = SpineBasis::Reading {
                source: reading.source.clone(),
                model: check.as_ref().map(|c| c.model),
                tolerance: self.binding.spine_tolerance.value,
                flagged: check.is_some_and(|c| c.flagged),
            };
            return Ok((reading.spine, basis));
        }
        let width = self.model_spine_width(pages)?;
        let basis = SpineBasis::Rule {
            confidence: self.paper.spine.confidence,
        };
        Ok((width, basis))
    }

    /// The spine rule's width for a page count, ignoring readings.
    pub fn model_spine_width(&self, pages: u32) -> Result<Length> {
        self.paper.spine.width(pages).ok_or_else(|| {
            Error::pages_out_of_range(
                &self.name(),
                pages,
                self.paper.pages.min,
                self.paper.pages.max,
                "",
            )
        })
    }

    /// The cover layout for a trim and page count.
    pub fn layout(&self, trim: &TrimSize, pages: u32) -> Result<CoverLayout> {
        let trim = self.trim(trim)?;
        self.check_pages(Some(&trim), pages)?;
        let (spine_width, basis) = self.spine(pages)?;
        let counted = self.paper.pages.counted(pages);
        // Built straight into the result: a layout is several hundred bytes to copy.
        let mut layout = self.build(trim, counted, pages, spine_width, basis);
        layout.beyond_print_range = self.beyond_print_range(Some(&trim), pages);
        Ok(layout)
    }

    /// The cover layout with a given spine width instead of the vendor's rule, e.g. to describe
    /// an existing cover made for that spine. Page limits are not checked.
    pub fn layout_with_spine(
        &self,
        trim: &TrimSize,
        pages: u32,
        spine_width: Length,
    ) -> Result<CoverLayout> {
        if !spine_width.is_finite() || spine_width < Length::ZERO {
            return Err(Error::invalid(
                "spine width",
                spine_width,
                "a length of zero or more",
            ));
        }
        let trim = self.trim(trim)?;
        Ok(self.build(trim, pages, pages, spine_width, SpineBasis::Given))
    }

    /// The layout for `pages` as the vendor counts them; `asked` is the count asked for.
    fn build(
        &self,
        trim: TrimSize,
        pages: u32,
        asked: u32,
        spine_width: Length,
        spine_basis: SpineBasis,
    ) -> CoverLayout {
        let binding = self.binding;
        let mut parts = frame(binding, &trim, spine_width);
        // Safe areas: inside the panels, clear of hinges on the spine side.
        let margin = binding.safe_margin.value;
        let inset = match margin.from {
            Edge::Trim => margin.inset,
            Edge::Sheet => margin.inset - parts.bleed,
        };
        let (back_safe, front_safe) = safe_areas(&mut parts, inset);
        let (spine_text, spine_safe) = self.spine_text(&parts, inset, pages);
        let barcode = barcode_box(binding, &parts);
        CoverLayout {
            spec: BookSpec {
                vendor: self.vendor.id,
                binding: binding.id,
                paper: self.paper.id,
                trim,
                pages,
            },
            bleed: parts.bleed,
            sheet: parts.sheet,
            trim_box: parts.trim_box,
            back: parts.back,
            spine: parts.spine,
            front: parts.front,
            back_safe,
            front_safe,
            spine_safe,
            spine_text,
            barcode,
            parts: parts.parts,
            confidence: self.size_confidence_with(spine_basis.confidence()),
            spine_basis,
            rounded_from: (asked != pages).then_some(asked),
            beyond_print_range: None,
        }
    }

    /// Whether the spine may carry text at this page count, and the spine's safe area if so:
    /// inset like the panels at top and bottom, by the spine margin at the folds.
    #[inline]
    fn spine_text(&self, parts: &Frame, inset: Length, pages: u32) -> (SpineText, Option<Rect>) {
        let spine_margin = self.binding.spine_margin.value;
        let spine_safe_rect = parts.spine.inset(Sides {
            top: inset,
            bottom: inset,
            left: spine_margin,
            right: spine_margin,
        });
        let min_pages = self.binding.spine_text_min_pages.value;
        let spine_text = if !self.paper.spine.has_spine() {
            SpineText::NoSpine
        } else if pages < min_pages {
            SpineText::TooFewPages { pages, min_pages }
        } else if spine_safe_rect.width <= Length::ZERO || spine_safe_rect.height <= Length::ZERO {
            SpineText::TooNarrow
        } else {
            SpineText::Allowed
        };
        let spine_safe = spine_text.is_allowed().then_some(spine_safe_rect);
        (spine_text, spine_safe)
    }
}

/// The sheet, panels and spine of the binding's construction, before margins are applied.
#[inline]
fn frame(binding: &Binding, trim: &TrimSize, spine_width: Length) -> Frame {
    match &binding.construction {
        Construction::Flat => {
            let bleed = binding.bleed.as_ref().map(|b| b.value);
            flat(trim, spine_width, bleed.unwrap_or_default())
        }
        Construction::Case(case) => cased(trim, spine_width, case),
        Construction::Jacket(jacket) => {
            let bleed = binding.bleed.as_ref().map(|b| b.value);
            jacketed(trim, spine_width, bleed.unwrap_or_default(), jacket)
        }
    }
}

/// The back and front safe areas, `inset` inside the panels and clear of the hinges on the
/// spine side; a jacket's flap safe areas are set in `parts`.
#[inline]
fn safe_areas(parts: &mut Frame, inset: Length) -> (Rect, Rect) {
    let (back_hinge, front_hinge) = parts.inner_hinges;
    let back_safe = parts.back.inset(Sides {
        right: inset + back_hinge,
        ..Sides::uniform(inset)
    });
    let front_safe = parts.front.inset(Sides {
        left: inset + front_hinge,
        ..Sides::uniform(inset)
    });
    if let CoverParts::Jacket(jacket) = &mut parts.parts {
        for (safe, flap) in jacket.flap_safe.iter_mut().zip(jacket.flaps) {
            *safe = flap.inset(Sides::uniform(inset));
        }
    }
    (back_safe, front_safe)
}

/// The barcode box: in the lower corner of the back cover next to the spine (or hinge),
/// measured up from the bottom edge as vendors give it.
#[inline]
fn barcode_box(binding: &Binding, parts: &Frame) -> Rect {
    let rule = binding.barcode.value;
    let bottom = match rule.bottom_from {
        Edge::Trim => parts.back.bottom(),
        Edge::Sheet => parts.sheet.bottom(),
    };
    let (back_hinge, _) = parts.inner_hinges;
    Rect::new(
        parts.back.right() - back_hinge - rule.from_spine - rule.width,
        bottom - rule.from_bottom - rule.height,
        rule.width,
        rule.height,
    )
}

/// The parts every construction produces before margins are applied.
struct Frame {
    bleed: Length,
    sheet: Rect,
    trim_box: Rect,
    back: Rect,
    spine: Rect,
    front: Rect,
    /// Width of hinge inside the back and front boards, kept out of safe areas.
    inner_hinges: (Length, Length),
    parts: CoverParts,
}

/// Lays out strips of the given widths from `x`, all `height` tall at `y`.
fn strips<const N: usize>(x: Length, y: Length, widths: [Length; N], height: Length) -> [Rect; N] {
    let mut left = x;
    widths.map(|w| {
        let r = Rect::new(left, y, w, height);
        left += w;
        r
    })
}

/// Bleed, back, spine, front, bleed.
fn flat(trim: &TrimSize, spine: Length, bleed: Length) -> Frame {
    let [back, spine_rect, front] =
        strips(bleed, bleed, [trim.width, spine, trim.width], trim.height);
    let trim_box: Rect = Rect::new(bleed, bleed, front.right() - bleed, trim.height);
    let sheet = trim_box.outset(Sides::uniform(bleed));
    Frame {
        bleed,
        sheet,
        trim_box,
        back,
        spine: spine_rect,
        front,
        inner_hinges: (Length::ZERO, Length::ZERO),
        parts: CoverParts::Flat,
    }
}

/// Wrap, back board, hinge, spine, hinge, front board, wrap.
fn cased(trim: &TrimSize, spine: Length, case: &CaseSpec) -> Frame {
    let wrap = case.wrap.value;
    let board_w = trim.width + case.board.width;
    let board_h = trim.height + case.board.height;
    let hinge = case.hinge.value;
    let (outer_hinge, inner_hinge) = match hinge.placement {
        HingePlacement::BesideSpine => (hinge.width, Length::ZERO),
        HingePlacement::InsideBoard => (Length::ZERO, hinge.width),
    };
    let [back, back_gap, spine_rect, front_gap, front] = strips(
        wrap,
        wrap,
        [board_w, outer_hinge, spine, outer_hinge, board_w],
        board_h,
    );
    let trim_box: Rect = Rect::new(wrap, wrap, front.right() - wrap, board_h);
    let sheet = trim_box.outset(Sides::uniform(wrap));
    let hinges = match hinge.placement {
        HingePlacement::BesideSpine => [back_gap, front_gap],
        HingePlacement::InsideBoard => [
            Rect::new(back.right() - hinge.width, back.y, hinge.width, board_h),
            Rect::new(front.x, front.y, hinge.width, board_h),
        ],
    };
    Frame {
        bleed: wrap,
        sheet,
        trim_box,
        back,
        spine: spine_rect,
        front,
        inner_hinges: (inner_hinge, inner_hinge),
        parts: CoverParts::Case(CaseParts {
            wrap,
            boards: [back, front],
            hinges,
        }),
    }
}

/// Bleed, back flap, fold, back, spine, front, fold, front flap, bleed.
fn jacketed(trim: &TrimSize, spine: Length, bleed: Length, jacket: &JacketSpec) -> Frame {
    let panel_w = trim.width + jacket.panel.width;
    let panel_h = trim.height + jacket.panel.height;
    let flap = jacket.flap.value;
    let fold = jacket.flap_fold.value;
    let [back_flap, back_fold, back, spine_rect, front, front_fold, front_flap] = strips(
        bleed,
        bleed,
        [flap, fold, panel_w, spine, panel_w, fold, flap],
        panel_h,
    );
    let trim_box: Rect = Rect::new(bleed, bleed, front_flap.right() - bleed, panel_h);
    let sheet = trim_box.outset(Sides::uniform(bleed));
    Frame {
        bleed,
        sheet,
        trim_box,
        back,
        spine: spine_rect,
        front,
        inner_hinges: (Length::ZERO, Length::ZERO),
        parts: CoverParts::Jacket(JacketParts {
            flaps: [back_flap, front_flap],
            flap_folds: [back_fold, front_fold],
            flap_safe: [back_flap, front_flap],
        }),
    }
}
