//! Templates as PDF: printpdf draws the marks, lopdf sets what printpdf cannot (page boxes, a
//! screen-only layer, document info, a content-derived /ID).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use lopdf::{Dictionary, Object};
use printpdf::{
    BuiltinFont, Color, ExtendedGraphicsState, ExtendedGraphicsStateId, FontId, Layer, LayerIntent,
    LayerInternalId, LayerSubtype, Line, LineDashPattern, LinePoint, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem, TextMatrix,
};

use crate::draw::{Cmyk, Direction, Mark, Stroke, Template};
use crate::error::{Error, Result};
use crate::pdf::{name, rect_array};
use crate::units::{Length, Rect, Size, Unit};

/// The guides layer's resource name.
const GUIDES: &str = "OCGuides";

/// Points rounded to a thousandth, so that no f32 noise reaches the file.
fn pt(length: Length) -> Pt {
    Pt(((length.to_pt() * 1000.0).round() / 1000.0) as f32)
}

fn color(c: Cmyk) -> Color {
    Color::Cmyk(printpdf::Cmyk::new(c.c, c.m, c.y, c.k, None))
}

/// Helvetica's advance widths, for centring text.
fn helvetica() -> Option<&'static ParsedFont> {
    static FONT: OnceLock<Option<ParsedFont>> = OnceLock::new();
    FONT.get_or_init(|| BuiltinFont::Helvetica.get_parsed_font())
        .as_ref()
}

/// The resource name of a font given by the user (for spine text).
const USER_FONT: &str = "FUser";

/// Width of `text` at `size` in `font`, or in Helvetica.
fn text_width(text: &str, size: Length, font: Option<&ParsedFont>) -> Length {
    let font = match font {
        Some(font) => Some(font),
        None => helvetica(),
    };
    let Some(font) = font else {
        // Without metrics, assume an average Helvetica advance of 0.55 em.
        return size * (0.55 * text.chars().count() as f64);
    };
    let units: u32 = text
        .chars()
        .map(|c| {
            font.lookup_glyph_index(c as u32)
                .and_then(|g| font.get_glyph_width(g))
                .map_or(0, u32::from)
        })
        .sum();
    size * (f64::from(units) / f64::from(font.units_per_em.max(1)))
}

/// Fill-opacity graphics states, named in order of first use.
#[derive(Default)]
struct Opacities(BTreeMap<u32, String>);

impl Opacities {
    fn name(&mut self, opacity: f32) -> String {
        let key = (opacity.clamp(0.0, 1.0) * 1000.0).round() as u32;
        let next = format!("GS{}", self.0.len());
        self.0.entry(key).or_insert(next).clone()
    }
}

fn stroke_ops(stroke: &Stroke, ops: &mut Vec<Op>) {
    ops.push(Op::SetOutlineColor {
        col: color(stroke.color),
    });
    ops.push(Op::SetOutlineThickness {
        pt: pt(stroke.width),
    });
    ops.push(Op::SetLineDashPattern {
        dash: match stroke.dash {
            Some((on, off)) => LineDashPattern::new(0.0, &[pt(on).0, pt(off).0]),
            None => LineDashPattern::solid(),
        },
    });
}

fn rect(r: Rect, mode: PaintMode) -> Op {
    Op::DrawRectangle {
        rectangle: printpdf::Rect {
            x: pt(r.x),
            y: pt(r.y),
            width: pt(r.width),
            height: pt(r.height),
            mode: Some(mode),
            winding_order: None,
        },
    }
}

fn mark_ops(mark: &Mark, opacities: &mut Opacities, ops: &mut Vec<Op>, font: Option<&ParsedFont>) {
    ops.push(Op::SaveGraphicsState);
    match mark {
        Mark::Rect {
            rect: r,
            fill,
            opacity,
            stroke,
        } => {
            if let Some(fill) = fill {
                if *opacity < 1.0 {
                    ops.push(Op::LoadGraphicsState {
                        gs: ExtendedGraphicsStateId(opacities.name(*opacity)),
                    });
                }
                ops.push(Op::SetFillColor { col: color(*fill) });
                ops.push(rect(*r, PaintMode::Fill));
            }
            if let Some(stroke) = stroke {
                stroke_ops(stroke, ops);
                ops.push(rect(*r, PaintMode::Stroke));
            }
        }
        Mark::Path { lines, stroke } => {
            stroke_ops(stroke, ops);
            ops.push(Op::SetLineCapStyle {
                cap: printpdf::LineCapStyle::Round,
            });
            ops.push(Op::SetLineJoinStyle {
                join: printpdf::LineJoinStyle::Round,
            });
            for line in lines {
                ops.push(Op::DrawLine {
                    line: Line {
                        points: line
                            .iter()
                            .map(|(x, y)| LinePoint {
                                p: Point {
                                    x: pt(*x),
                                    y: pt(*y),
                                },
                                bezier: false,
                            })
                            .collect(),
                        is_closed: false,
                    },
                });
            }
        }
        Mark::Line { from, to, stroke } => {
            stroke_ops(stroke, ops);
            let point = |(x, y): (Length, Length)| LinePoint {
                p: Point { x: pt(x), y: pt(y) },
                bezier: false,
            };
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![point(*from), point(*to)],
                    is_closed: false,
                },
            });
        }
        Mark::Text {
            text,
            center: (x, y),
            size,
            color: c,
            direction,
        } => {
            let half = text_width(text, *size, font) / 2.0;
            let q = |l: Length| pt(l).0;
            let matrix = match direction {
                Direction::Horizontal => [1.0, 0.0, 0.0, 1.0, q(*x - half), q(*y)],
                Direction::Up => [0.0, 1.0, -1.0, 0.0, q(*x), q(*y - half)],
                Direction::Down => [0.0, -1.0, 1.0, 0.0, q(*x), q(*y + half)],
            };
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFont {
                font: match font {
                    Some(_) => PdfFontHandle::External(FontId(USER_FONT.into())),
                    None => PdfFontHandle::Builtin(BuiltinFont::Helvetica),
                },
                size: pt(*size),
            });
            ops.push(Op::SetFillColor { col: color(*c) });
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Raw(matrix),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.clone())],
            });
            ops.push(Op::EndTextSection);
        }
    }
    ops.push(Op::RestoreGraphicsState);
}

fn dict(entries: Vec<(&str, Object)>) -> Object {
    Object::Dictionary(Dictionary::from_iter(entries))
}

fn fail(message: impl std::fmt::Display) -> Error {
    crate::pdf::fail("template", message)
}

/// A PDF of `marks` alone on a page of `size`, with no layers: printed artwork to be placed on a
/// cover (a barcode, a spine label).
///
/// The characters of `text` (other than white space) that cannot be set: those the font has no
/// glyph for, or without a font those outside Helvetica's standard (WinAnsi) encoding, which a
/// PDF reader would show as `?` or not at all. Each is listed once, in order.
pub(crate) fn missing_glyphs(text: &str, font: Option<&[u8]>) -> Result<Vec<char>> {
    let parsed = match font {
        Some(bytes) => Some(
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or_else(|| Error::Compose {
                message: "the font file cannot be read as TrueType or OpenType".into(),
            })?,
        ),
        None => None,
    };
    let mut missing = Vec::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        let has = match &parsed {
            Some(font) => font.lookup_glyph_index(c as u32).is_some_and(|g| g != 0),
            None => win_ansi(c),
        };
        if !has && !missing.contains(&c) {
            missing.push(c);
        }
    }
    Ok(missing)
}

/// Whether Helvetica, as a standard PDF font in WinAnsi encoding, has `c`.
fn win_ansi(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ff}') || "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".contains(c)
}

/// With `font` (TrueType or OpenType bytes), text is set in that font, embedded as a subset;
/// otherwise in Helvetica, which is not embedded.
pub(crate) fn marks_pdf(size: Size, marks: &[Mark], font: Option<&[u8]>) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new("artwork");
    let parsed = match font {
        Some(bytes) => {
            let mut warnings = Vec::new();
            let parsed =
                ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| Error::Compose {
                    message: "the font file cannot be read as TrueType or OpenType".into(),
                })?;
            doc.resources
                .fonts
                .map
                .insert(FontId(USER_FONT.into()), PdfFont::new(parsed.clone()));
            Some(parsed)
        }
        None => None,
    };
    let mut opacities = Opacities::default();
    let mut ops = Vec::with_capacity(16 * marks.len());
    for mark in marks {
        mark_ops(mark, &mut opacities, &mut ops, parsed.as_ref());
    }
    add_opacities(&mut doc, &opacities);
    let page = printpdf::Rect::from_wh(pt(size.width), pt(size.height));
    doc.pages.push(PdfPage {
        media_box: page.clone(),
        trim_box: page.clone(),
        crop_box: page,
        ops,
    });
    let mut pdf = lopdf_document(&doc, font.is_some());
    let page_id = *pdf
        .get_pages()
        .get(&1)
        .ok_or_else(|| fail("no page was written"))?;
    let page = pdf.get_dictionary_mut(page_id).map_err(fail)?;
    page.set(
        "MediaBox",
        rect_array(Rect::new(
            Length::ZERO,
            Length::ZERO,
            size.width,
            size.height,
        )),
    );
    page.remove(b"TrimBox");
    page.remove(b"CropBox");
    page.remove(b"Annots");
    pdf.trailer.remove(b"Info");
    pdf.trailer.remove(b"ID");
    pdf.prune_objects();
    pdf.renumber_objects();
    crate::pdf::save(pdf, "artwork")
}

fn add_opacities(doc: &mut PdfDocument, opacities: &Opacities) {
    for (key, gs) in &opacities.0 {
        doc.resources.extgstates.map.insert(
            ExtendedGraphicsStateId(gs.clone()),
            ExtendedGraphicsState::default().with_current_fill_alpha(*key as f32 / 1000.0),
        );
    }
}

/// printpdf's document as a lopdf document, at PDF 1.6 (with embedded fonts subset).
fn lopdf_document(doc: &PdfDocument, subset_fonts: bool) -> lopdf::Document {
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut pdf = doc.to_lopdf_document(&options, &mut warnings);
    // Optional content needs PDF 1.5.
    pdf.version = "1.6".into();
    pdf
}

impl Template {
    /// The template as a one-page PDF: MediaBox the full sheet, exact TrimBox and BleedBox, the
    /// barcode (if any) printed, and every guide and label on a "Guides" layer that shows on
    /// screen but does not print. The same template always gives the same bytes.
    ///
    /// ```
    /// use podcover::{BookSpec, Catalog, Template, TemplateOptions};
    ///
    /// let spec = BookSpec::new("kdp", "paperback", "white", "6x9".parse()?, 120);
    /// let layout = Catalog::builtin().layout(&spec)?;
    /// let pdf = Template::new(&layout, &TemplateOptions::new())?.to_pdf()?;
    /// assert!(pdf.starts_with(b"%PDF-1.6"));
    /// # Ok::<(), podcover::Error>(())
    /// ```
    pub fn to_pdf(&self) -> Result<Vec<u8>> {
        let layout = &self.layout;
        let mut doc = PdfDocument::new(&self.title);
        // Our own resource names, so output does not depend on printpdf's global counters.
        doc.resources.layers.map.insert(
            LayerInternalId(GUIDES.into()),
            Layer {
                name: "Guides".into(),
                creator: "podcover".into(),
                intent: LayerIntent::View,
                usage: LayerSubtype::Artwork,
            },
        );
        let mut opacities = Opacities::default();
        let mut ops = Vec::with_capacity(16 * (self.artwork.len() + self.guides.len()) + 4);
        for mark in &self.artwork {
            mark_ops(mark, &mut opacities, &mut ops, None);
        }
        ops.push(Op::BeginLayer {
            layer_id: LayerInternalId(GUIDES.into()),
        });
        for mark in &self.guides {
            mark_ops(mark, &mut opacities, &mut ops, None);
        }
        ops.push(Op::EndLayer);
        add_opacities(&mut doc, &opacities);
        let sheet = printpdf::Rect::from_wh(pt(layout.sheet.width), pt(layout.sheet.height));
        doc.pages.push(PdfPage {
            media_box: sheet.clone(),
            trim_box: sheet.clone(),
            crop_box: sheet,
            ops,
        });

        let mut pdf = lopdf_document(&doc, false);

        // Page boxes as [llx lly urx ury]; printpdf writes [x y w h] and no BleedBox.
        let page_id = *pdf
            .get_pages()
            .get(&1)
            .ok_or_else(|| fail("no page was written"))?;
        let page = pdf.get_dictionary_mut(page_id).map_err(fail)?;
        page.set("MediaBox", rect_array(layout.sheet));
        page.set("BleedBox", rect_array(layout.bleed_box));
        page.set("TrimBox", rect_array(layout.trim_box));
        page.remove(b"CropBox");
        page.remove(b"Annots");

        // The Guides layer: visible on screen, never printed or exported.
        let ocg = pdf
            .catalog()
            .and_then(|c| c.get(b"OCProperties"))
            .and_then(Object::as_dict)
            .and_then(|p| p.get(b"OCGs"))
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|r| r.as_reference().ok())
            .ok_or_else(|| fail("the guides layer was not written"))?;
        let state = |key: &str, value: &str| dict(vec![(key, name(value))]);
        pdf.set_object(
            ocg,
            Dictionary::from_iter(vec![
                ("Type", name("OCG")),
                ("Name", Object::string_literal("Guides")),
                ("Intent", name("View")),
                (
                    "Usage",
                    dict(vec![
                        (
                            "CreatorInfo",
                            dict(vec![
                                ("Creator", Object::string_literal("podcover")),
                                ("Subtype", name("Technical")),
                            ]),
                        ),
                        ("View", state("ViewState", "ON")),
                        ("Print", state("PrintState", "OFF")),
                        ("Export", state("ExportState", "OFF")),
                    ]),
                ),
            ]),
        );
        let r = Object::Reference(ocg);
        let auto = |event: &str| {
            dict(vec![
                ("Event", name(event)),
                ("OCGs", Object::Array(vec![r.clone()])),
                ("Category", Object::Array(vec![name(event)])),
            ])
        };
        let config = dict(vec![
            ("Name", Object::string_literal("Default")),
            ("BaseState", name("ON")),
            ("ON", Object::Array(vec![r.clone()])),
            ("Order", Object::Array(vec![r.clone()])),
            (
                "AS",
                Object::Array(vec![auto("View"), auto("Print"), auto("Export")]),
            ),
        ]);
        pdf.catalog_mut().map_err(fail)?.set(
            "OCProperties",
            dict(vec![
                ("OCGs", Object::Array(vec![r.clone()])),
                ("D", config),
            ]),
        );

        // Document info: what the template is, no dates (so output is reproducible).
        let spec = &layout.spec;
        let mut info = Dictionary::new();
        info.set(
            "Title",
            Object::string_literal(format!("Cover template: {}", self.title)),
        );
        info.set("Creator", Object::string_literal("podcover"));
        info.set(
            "Producer",
            Object::string_literal(concat!("podcover ", env!("CARGO_PKG_VERSION"))),
        );
        info.set(
            "Subject",
            Object::string_literal(format!(
                "vendor={} binding={} paper={} trim={} pages={} spine={}in full={}x{}in{}{}",
                spec.vendor,
                spec.binding,
                spec.paper,
                spec.trim,
                spec.pages,
                layout.spine_width.rounded(Unit::In, 6),
                layout.sheet.width.rounded(Unit::In, 6),
                layout.sheet.height.rounded(Unit::In, 6),
                self.isbn
                    .as_deref()
                    .map(|i| format!(" isbn={i}"))
                    .unwrap_or_default(),
                self.price
                    .as_deref()
                    .map(|p| format!(" price={p}"))
                    .unwrap_or_default(),
            )),
        );
        info.set("Trapped", name("False"));
        let info_id = pdf.add_object(info);
        pdf.trailer.set("Info", info_id);

        pdf.trailer.remove(b"ID");
        pdf.prune_objects();
        pdf.renumber_objects();
        crate::pdf::save(pdf, "template")
    }
}
