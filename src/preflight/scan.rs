//! The content scan: reads a page's content streams (and the forms they draw) for what the
//! preflight checks need: fonts, colour spaces, images, filled rectangles, text positions.

use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroU32;
use std::sync::Arc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, Stream};

use crate::color::TotalInk;
use crate::draw::Cmyk;
use crate::error::Error;
use crate::layout::CoverLayout;
use crate::pdf;
use crate::units::{Length, Matrix, Rect, Resolution};

use super::measure::{ImageMeasures, Key, Measured};
use super::places::{form_name, image_name, panel_at, Places};

/// Content tokens (operators and operands) parsed at most in one preflight. lopdf parses content
/// whole into values of some 50 to 120 bytes each, so this bounds memory to a few hundred MiB
/// however dense the content (4 million `q` operators fit in the 8 MiB of content read).
pub(super) const MAX_CONTENT_TOKENS: usize = 2 << 20;
/// Graphics states saved (`q`) at most at once. PDF readers are only required to support 28
/// levels; deeper saves are counted so that their restores pair up, but not kept.
const MAX_SAVED_STATES: usize = 256;
/// Form XObjects followed at most this deep.
const MAX_FORM_DEPTH: usize = 16;
/// A `TJ` adjustment that moves the next glyph right by more than this (in thousandths of an
/// em) is a gap between words: about half a space, far more than kerning within a word.
const WORD_GAP: f64 = 150.0;

/// Decoded image samples measured for ink at most in one preflight: as much as the largest image
/// artwork podcover reads (64 million CMYK pixels). Images beyond it are "not measured".
const MAX_MEASURED_BYTES: u64 = crate::pdf::raster::MAX_PIXELS * 4;

/// A fill colour, as far as the checks need it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Fill {
    Cmyk(f32, f32, f32, f32),
    Gray(f32),
    Rgb(f32, f32, f32),
    Other,
}

impl Fill {
    /// The colour's inks, where it has any to measure: CMYK as it is, grey on black alone.
    /// `None` for RGB (a colour-space finding, not ink) and other spaces.
    fn inks(self) -> Option<Cmyk> {
        match self {
            Fill::Cmyk(c, m, y, k) => Some(Cmyk { c, m, y, k }),
            Fill::Gray(g) => Some(Cmyk {
                c: 0.0,
                m: 0.0,
                y: 0.0,
                k: 1.0 - g,
            }),
            Fill::Rgb(..) | Fill::Other => None,
        }
    }

    pub(super) fn is_dark(self) -> bool {
        match self {
            Fill::Cmyk(c, m, y, k) => k > 0.7 || (c + m + y) / 3.0 > 0.8,
            Fill::Gray(g) => g < 0.3,
            Fill::Rgb(r, g, b) => r + g + b < 0.9,
            Fill::Other => false,
        }
    }

    pub(super) fn is_white(self) -> bool {
        match self {
            Fill::Cmyk(c, m, y, k) => c + m + y + k == 0.0,
            Fill::Gray(g) => g >= 1.0,
            Fill::Rgb(r, g, b) => r >= 1.0 && g >= 1.0 && b >= 1.0,
            Fill::Other => false,
        }
    }
}

/// A colour space, as the colour rules tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Space {
    DeviceCmyk,
    DeviceGray,
    /// One ink, process or spot.
    Separation,
    /// Colours built of patterns (their own colours are read where they are painted).
    Pattern,
    DeviceRgb,
    CalRgb,
    IccRgb,
    IccCmyk,
    IccGray,
    CalGray,
    Lab,
    DeviceN,
    Other,
}

impl Space {
    /// The space in words.
    pub(super) fn words(self) -> &'static str {
        match self {
            Space::DeviceCmyk => "CMYK",
            Space::DeviceGray => "grey",
            Space::Separation => "a separation",
            Space::Pattern => "patterns",
            Space::DeviceRgb => "RGB",
            Space::CalRgb => "calibrated RGB (CalRGB)",
            Space::IccRgb => "ICC-based RGB",
            Space::IccCmyk => "ICC-based CMYK",
            Space::IccGray => "ICC-based grey",
            Space::CalGray => "calibrated grey (CalGray)",
            Space::Lab => "Lab",
            Space::DeviceN => "DeviceN",
            Space::Other => "an unusual colour space",
        }
    }

    /// Colour that is not CMYK or grey: refused by a vendor that wants CMYK.
    pub(super) fn not_cmyk(self) -> bool {
        matches!(
            self,
            Space::DeviceRgb | Space::CalRgb | Space::IccRgb | Space::Lab | Space::DeviceN
        )
    }

    /// Allowed in PDF/X-1a: device CMYK and grey, separations (and patterns of them).
    pub(super) fn in_pdfx1a(self) -> bool {
        matches!(
            self,
            Space::DeviceCmyk | Space::DeviceGray | Space::Separation | Space::Pattern
        )
    }
}

fn numbers(operands: &[Object]) -> Vec<f64> {
    operands
        .iter()
        .filter_map(|o| o.as_float().ok().map(f64::from))
        .collect()
}

/// The smallest rectangle holding `points`, if there are any.
fn bounds(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Rect> {
    let (x0, y0, x1, y1) = points.into_iter().fold(
        (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ),
        |(x0, y0, x1, y1), (x, y)| (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
    );
    (x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()).then(|| {
        Rect::new(
            Length::pt(x0),
            Length::pt(y0),
            Length::pt(x1 - x0),
            Length::pt(y1 - y0),
        )
    })
}

/// The least an area must show inside its clip, across and down, to be seen: art clipped at a
/// fold by a clip that its own placement rounds (content numbers carry three decimals) leaves a
/// sliver of a few thousandths of a point, which no device prints (0.05 pt is under a dot at
/// 1440 dpi).
const SEEN: Length = Length::pt(0.05);

/// What of `r` is seen inside `clip` (none: no clip), if anything: the one model of what is
/// visible that every check reads. An area must show at least [`SEEN`] each way; a line or a
/// point (thinner than that along an axis) is seen where it lies within the clip.
fn shown(r: Rect, clip: Option<Rect>) -> Option<Rect> {
    let Some(c) = clip else {
        return Some(r);
    };
    let axis = |lo: Length, hi: Length, clo: Length, chi: Length| {
        let (a, b) = (lo.max(clo), hi.min(chi));
        let seen = if hi - lo < SEEN {
            b >= a
        } else {
            b - a >= SEEN
        };
        seen.then_some((a, b - a))
    };
    let (x, width) = axis(r.x, r.right(), c.x, c.right())?;
    let (y, height) = axis(r.y, r.bottom(), c.y, c.bottom())?;
    Some(Rect::new(x, y, width, height))
}

fn matrix(operands: &[Object]) -> Option<Matrix> {
    match numbers(operands).as_slice() {
        [a, b, c, d, e, f] => Some(Matrix([*a, *b, *c, *d, *e, *f])),
        _ => None,
    }
}

/// Where the most ink is painted: its total, its inks, what paints it and where.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct InkSpot {
    pub(super) ink: TotalInk,
    /// Each ink from 0 to 1.
    pub(super) cmyk: Cmyk,
    pub(super) what: Painted,
    /// In the layout's coordinates: from the sheet's top-left corner, `y` downwards.
    pub(super) at: (Length, Length),
}

/// What painted an [`InkSpot`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Painted {
    Fill,
    Stroke,
    Text,
    /// An image, by its index in [`Scan::image_names`].
    Image(usize),
}

/// Reads content streams (and the forms they draw) for what the checks need.
pub(super) struct Scan<'a> {
    pub(super) doc: &'a Document,
    /// The layout the page is read in, for naming where things are.
    layout: &'a CoverLayout,
    /// Content bytes that may still be read.
    pub(super) budget: usize,
    /// Content tokens that may still be parsed.
    pub(super) tokens: usize,
    /// Forms found too large to read (by address), not tried again.
    pub(super) unreadable: BTreeSet<usize>,
    pub(super) unembedded: BTreeSet<String>,
    /// Where each colour space paints (vector paint, text, images, shadings).
    pub(super) spaces: BTreeMap<Space, Places>,
    pub(super) spot: BTreeSet<String>,
    /// Live transparency, where it shows.
    pub(super) transparency: Places,
    /// Every placed image's resolution (the field keeps its name: most are not low).
    pub(super) low_res: Vec<(String, Resolution)>,
    /// Images whose declared size is not a size.
    pub(super) invalid_images: Vec<String>,
    pub(super) images: usize,
    pub(super) text_starts: Vec<(Length, Length)>,
    pub(super) rects: Vec<(Rect, Fill)>,
    /// Where images are drawn (their bounding boxes on the page).
    pub(super) image_rects: Vec<Rect>,
    /// Filled shapes other than rectangles, whose extent the scan does not follow.
    pub(super) shapes: usize,
    /// The bytes of text shown on printing layers (simple fonts only read as text), up to
    /// [`MAX_TEXT`] bytes.
    pub(super) text: Vec<u8>,
    pub(super) truncated: bool,
    /// The visible paint with the most ink, if any was measured.
    pub(super) ink: Option<InkSpot>,
    /// Names of the images an [`InkSpot`] may name.
    pub(super) image_names: Vec<String>,
    /// What could not be measured for ink, and why (`image Im1: DCTDecode data`).
    pub(super) unmeasured: Places,
    /// Image bytes that may still be decoded to measure ink.
    measure_budget: u64,
    /// A reader that failed on the file's content (see [`pdf::untrusted`]); the scan stops.
    pub(super) failed: Option<Error>,
    /// The file's name, for that error.
    name: &'a str,
    /// Images measured by earlier checks, and where this one's are kept.
    pub(super) measures: Option<&'a ImageMeasures<'a>>,
}

/// Bytes of shown text kept for the template-text check.
const MAX_TEXT: usize = 64 << 10;

impl<'a> Scan<'a> {
    /// A scan of `doc` that reads at most `budget` bytes of content, nothing found yet.
    pub(super) fn new(
        name: &'a str,
        doc: &'a Document,
        layout: &'a CoverLayout,
        budget: usize,
    ) -> Scan<'a> {
        Scan {
            name,
            layout,
            failed: None,
            doc,
            budget,
            tokens: MAX_CONTENT_TOKENS,
            unreadable: BTreeSet::new(),
            unembedded: BTreeSet::new(),
            spaces: BTreeMap::new(),
            spot: BTreeSet::new(),
            transparency: Places::default(),
            low_res: Vec::new(),
            invalid_images: Vec::new(),
            images: 0,
            text_starts: Vec::new(),
            rects: Vec::new(),
            image_rects: Vec::new(),
            shapes: 0,
            text: Vec::new(),
            truncated: false,
            ink: None,
            image_names: Vec::new(),
            unmeasured: Places::default(),
            measure_budget: MAX_MEASURED_BYTES,
            measures: None,
        }
    }

    /// Keeps `spot` if it has more ink than any before it.
    fn note_ink(&mut self, spot: InkSpot) {
        if self.ink.is_none_or(|best| spot.ink > best.ink) {
            self.ink = Some(spot);
        }
    }

    /// A colour in `space` painted at `at` (in the layout's coordinates) under `state`: its
    /// space and any transparency noted where it shows, its ink kept, or the colour noted as
    /// not measured; RGB is left to the colour check.
    fn paint(
        &mut self,
        (fill, space): (Fill, Space),
        what: Painted,
        at: (Length, Length),
        state: &State,
    ) {
        let noun = match what {
            Painted::Fill => "a vector fill",
            Painted::Stroke => "a vector stroke",
            Painted::Text | Painted::Image(_) => "text",
        };
        let place = format!("{noun} on {}", panel_at(self.layout, at));
        if let Some(t) = &state.transparency {
            self.transparency.add(format!("{t} on {place}"));
        }
        self.spaces.entry(space).or_default().add(place);
        match fill.inks() {
            Some(cmyk) => self.note_ink(InkSpot {
                ink: TotalInk::of_color(cmyk),
                cmyk,
                what,
                at,
            }),
            None if fill == Fill::Other => {
                self.unmeasured
                    .add("vector colours in a spot, pattern or other colour space");
            }
            None => {}
        }
    }

    /// Opaque rectangles painted over what came before hide it: filled rectangles and text
    /// starts wholly inside one of `painted` are no longer seen (an old barcode covered by a
    /// box of the colour around it, say).
    fn cover(&mut self, painted: &[Rect]) {
        let hidden = |r: &Rect| painted.iter().any(|p| p.contains(r));
        self.rects.retain(|(r, _)| !hidden(r));
        self.text_starts
            .retain(|(x, y)| !hidden(&Rect::new(*x, *y, Length::ZERO, Length::ZERO)));
    }

    fn deref(&self, o: &'a Object) -> &'a Object {
        let doc: &'a Document = self.doc;
        doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
    }

    fn dict(&self, o: &'a Object) -> Option<&'a Dictionary> {
        match self.deref(o) {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    fn resource(&self, resources: &'a Dictionary, kind: &[u8], name: &[u8]) -> Option<&'a Object> {
        let group = self.dict(resources.get(kind).ok()?)?;
        Some(self.deref(group.get(name).ok()?))
    }

    /// Whether an optional-content group does not print.
    fn hidden_group(&self, resources: &'a Dictionary, name: &[u8]) -> bool {
        let Some(ocg) = self
            .resource(resources, b"Properties", name)
            .and_then(|o| self.dict(o))
        else {
            return false;
        };
        let state = ocg
            .get(b"Usage")
            .ok()
            .and_then(|u| self.dict(u))
            .and_then(|u| u.get(b"Print").ok())
            .and_then(|p| self.dict(p))
            .and_then(|p| p.get(b"PrintState").ok())
            .and_then(|s| self.deref(s).as_name().ok());
        state == Some(b"OFF".as_slice())
    }

    fn font(&mut self, resources: &'a Dictionary, name: &[u8]) {
        let Some(font) = self
            .resource(resources, b"Font", name)
            .and_then(|o| self.dict(o))
        else {
            return;
        };
        let subtype = font.get(b"Subtype").ok().and_then(|s| s.as_name().ok());
        if subtype == Some(b"Type3".as_slice()) {
            return;
        }
        let base = font
            .get(b"BaseFont")
            .ok()
            .and_then(|b| b.as_name().ok())
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_else(|| String::from_utf8_lossy(name).into_owned());
        let described = if subtype == Some(b"Type0".as_slice()) {
            font.get(b"DescendantFonts")
                .ok()
                .map(|d| self.deref(d))
                .and_then(|d| d.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|d| self.dict(d))
        } else {
            Some(font)
        };
        let embedded = described
            .and_then(|d| d.get(b"FontDescriptor").ok())
            .and_then(|d| self.dict(d))
            .is_some_and(|d| {
                [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| d.has(k))
            });
        if !embedded {
            self.unembedded.insert(base);
        }
    }

    /// A colour space operand (`cs`, `CS`): the colour it starts with and the space.
    fn color_space(&mut self, resources: &'a Dictionary, operand: &Object) -> (Fill, Space) {
        let Ok(name) = operand.as_name() else {
            return (Fill::Other, Space::Other);
        };
        match name {
            b"DeviceRGB" => (Fill::Rgb(0.0, 0.0, 0.0), Space::DeviceRgb),
            b"CalRGB" => (Fill::Rgb(0.0, 0.0, 0.0), Space::CalRgb),
            b"DeviceCMYK" => (Fill::Cmyk(0.0, 0.0, 0.0, 1.0), Space::DeviceCmyk),
            b"DeviceGray" => (Fill::Gray(0.0), Space::DeviceGray),
            b"CalGray" => (Fill::Gray(0.0), Space::CalGray),
            b"Pattern" => (Fill::Other, Space::Pattern),
            _ => match self.resource(resources, b"ColorSpace", name) {
                Some(space) => self.classify_space(space),
                None => (Fill::Other, Space::Other),
            },
        }
    }

    /// A colour space object: the colour it starts with and the space; spot colours' names
    /// are noted.
    fn classify_space(&mut self, space: &'a Object) -> (Fill, Space) {
        let other = (Fill::Other, Space::Other);
        let space = self.deref(space);
        let (family, rest) = match space {
            Object::Name(n) => (n.as_slice(), &[][..]),
            Object::Array(a) => match a.first().and_then(|f| f.as_name().ok()) {
                Some(f) => (f, a.get(1..).unwrap_or(&[])),
                None => return other,
            },
            _ => return other,
        };
        let rgb = Fill::Rgb(0.0, 0.0, 0.0);
        match family {
            b"DeviceRGB" => (rgb, Space::DeviceRgb),
            b"CalRGB" => (rgb, Space::CalRgb),
            b"DeviceCMYK" => (Fill::Cmyk(0.0, 0.0, 0.0, 1.0), Space::DeviceCmyk),
            b"DeviceGray" => (Fill::Gray(0.0), Space::DeviceGray),
            b"CalGray" => (Fill::Gray(0.0), Space::CalGray),
            b"Lab" => (Fill::Other, Space::Lab),
            b"Pattern" => (Fill::Other, Space::Pattern),
            b"ICCBased" => {
                let n = rest
                    .first()
                    .and_then(|s| self.dict(s))
                    .and_then(|d| d.get(b"N").ok())
                    .and_then(|n| n.as_i64().ok());
                match n {
                    Some(3) => (rgb, Space::IccRgb),
                    Some(4) => (Fill::Cmyk(0.0, 0.0, 0.0, 1.0), Space::IccCmyk),
                    Some(1) => (Fill::Gray(0.0), Space::IccGray),
                    _ => other,
                }
            }
            b"Indexed" => match rest.first() {
                // Its colours are the base space's.
                Some(base) => self.classify_space(base),
                None => other,
            },
            b"Separation" | b"DeviceN" => {
                let names = match rest.first().map(|n| self.deref(n)) {
                    Some(Object::Name(n)) => vec![String::from_utf8_lossy(n).into_owned()],
                    Some(Object::Array(a)) => a
                        .iter()
                        .filter_map(|n| n.as_name().ok())
                        .map(|n| String::from_utf8_lossy(n).into_owned())
                        .collect(),
                    _ => Vec::new(),
                };
                let process = ["Cyan", "Magenta", "Yellow", "Black", "None", "All"];
                for n in names.into_iter().filter(|n| !process.contains(&n.as_str())) {
                    self.spot.insert(n);
                }
                let space = if family == b"Separation" {
                    Space::Separation
                } else {
                    Space::DeviceN
                };
                (Fill::Other, space)
            }
            _ => other,
        }
    }

    /// An image drawn under `state`: where it shows, its colour space, transparency, ink and
    /// resolution. An image clipped away entirely does not print and is not judged.
    fn image(&mut self, stream: &'a Stream, state: &State) {
        let (dict, ctm, clip) = (&stream.dict, state.ctm, state.clip);
        let corners =
            [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| ctm.apply(x, y));
        // Where it shows: inside the clip.
        let Some(shown) = bounds(corners).and_then(|r| shown(r, clip)) else {
            return;
        };
        if shown.width <= Length::ZERO || shown.height <= Length::ZERO {
            return;
        }
        self.images += 1;
        self.image_rects.push(shown);
        let label = image_name(self.layout, Some(shown));
        let mask = dict.get(b"ImageMask").ok().and_then(|m| m.as_bool().ok()) == Some(true);
        if let (Ok(space), false) = (dict.get(b"ColorSpace"), mask) {
            let (_, space) = self.classify_space(space);
            self.spaces.entry(space).or_default().add(label.clone());
        } else if mask {
            // A stencil mask paints the fill colour.
            let at = (shown.center_x(), shown.center_y());
            self.paint((state.fill, state.fill_space), Painted::Fill, at, state);
        }
        if let Some(t) = &state.transparency {
            self.transparency.add(format!("{t} over {label}"));
        }
        let soft = dict
            .get(b"SMask")
            .ok()
            .is_some_and(|m| self.deref(m).as_name().ok() != Some(b"None".as_slice()));
        let in_data = dict
            .get(b"SMaskInData")
            .ok()
            .and_then(|m| m.as_i64().ok())
            .is_some_and(|m| m > 0);
        if soft || in_data {
            self.transparency.add(format!("a soft mask in {label}"));
        }
        self.measure_image(stream, &label, state);
        let get = |k: &[u8]| dict.get(k).ok().and_then(|v| v.as_i64().ok());
        let (Some(w), Some(h)) = (get(b"Width"), get(b"Height")) else {
            return;
        };
        if w <= 0 || h <= 0 {
            self.invalid_images
                .push(format!("{label} declares {w} x {h} pixels"));
            return;
        }
        let width_in = ctm.0[0].hypot(ctm.0[1]) / 72.0;
        let height_in = ctm.0[2].hypot(ctm.0[3]) / 72.0;
        if width_in <= 0.0 || height_in <= 0.0 {
            return;
        }
        self.low_res.push((
            label,
            Resolution {
                across: w as f64 / width_in,
                down: h as f64 / height_in,
            },
        ));
    }

    /// Reads one content stream with its resources, under `ctm`.
    pub(super) fn run(
        &mut self,
        content: &[u8],
        resources: &'a Dictionary,
        ctm: Matrix,
        clip: Option<Rect>,
        depth: usize,
    ) {
        let Some(content) = self.decode(content) else {
            return;
        };
        let mut state = State::new(ctm, clip);
        for op in &content.operations {
            let off = state.hidden.last().copied().unwrap_or(false);
            let args = &op.operands;
            match op.operator.as_str() {
                o @ ("q" | "Q" | "cm") => self.graphics_state(&mut state, o, args),
                o @ ("BDC" | "BMC" | "EMC") => self.marked_content(&mut state, resources, o, args),
                o @ ("k" | "K" | "g" | "G" | "rg" | "RG" | "cs" | "CS" | "sc" | "scn" | "SC"
                | "SCN") => self.color(&mut state, resources, o, args, off),
                "sh" if !off => self.shading(&state, resources, args),
                "gs" if !off => self.graphics_state_parameters(&mut state, resources, args),
                o @ ("re" | "m" | "l" | "c" | "v" | "y" | "h" | "f" | "F" | "f*" | "B" | "B*"
                | "b" | "b*" | "n" | "S" | "s" | "W" | "W*") => self.path(&mut state, o, args, off),
                o @ ("BT" | "Tm" | "Td" | "TD") => state.text_position(o, args),
                "Tr" => {
                    if let [mode] = numbers(args).as_slice() {
                        state.render = *mode as i64;
                    }
                }
                "Tf" if !off => {
                    if let Some(name) = args.first().and_then(|a| a.as_name().ok()) {
                        self.font(resources, name);
                    }
                }
                "Tj" | "TJ" | "'" | "\"" if !off => self.show_text(&state, args),
                "Do" if !off => self.draw_object(resources, args, &state, depth),
                _ => {}
            }
        }
    }

    /// Parses a content stream within the byte and token budgets; `None` (and the scan marked
    /// truncated) past them or when it does not parse.
    fn decode(&mut self, content: &[u8]) -> Option<Content> {
        if self.failed.is_some() {
            return None;
        }
        if content.len() > self.budget {
            self.truncated = true;
            return None;
        }
        self.budget -= content.len();
        let tokens = crate::pdf::count_tokens(content);
        if tokens > self.tokens {
            self.truncated = true;
            return None;
        }
        self.tokens -= tokens;
        let content = match pdf::untrusted(self.name, "the PDF content parser", || {
            Content::decode(content)
        }) {
            Ok(parsed) => parsed.ok(),
            Err(e) => {
                self.failed = Some(e);
                None
            }
        };
        if content.is_none() {
            self.truncated = true;
        }
        content
    }

    /// `q`, `Q`, `cm`: saving, restoring and transforming the graphics state.
    fn graphics_state(&mut self, state: &mut State, operator: &str, args: &[Object]) {
        match operator {
            "q" if state.stack.len() < MAX_SAVED_STATES => state.stack.push(Saved {
                ctm: state.ctm,
                fill: state.fill,
                stroke: state.stroke,
                fill_space: state.fill_space,
                stroke_space: state.stroke_space,
                transparency: state.transparency.clone(),
                clip: state.clip,
                render: state.render,
            }),
            "q" => {
                state.unkept += 1;
                self.truncated = true;
            }
            "Q" if state.unkept > 0 => state.unkept -= 1,
            "Q" => {
                if let Some(saved) = state.stack.pop() {
                    state.ctm = saved.ctm;
                    state.fill = saved.fill;
                    state.stroke = saved.stroke;
                    state.fill_space = saved.fill_space;
                    state.stroke_space = saved.stroke_space;
                    state.transparency = saved.transparency;
                    state.clip = saved.clip;
                    state.render = saved.render;
                }
            }
            "cm" => {
                if let Some(m) = matrix(args) {
                    state.ctm = m.then(state.ctm);
                }
            }
            _ => {}
        }
    }

    /// `BDC`, `BMC`, `EMC`: marked content, hidden when it is an optional-content group that
    /// does not print (or inside one).
    fn marked_content(
        &self,
        state: &mut State,
        resources: &'a Dictionary,
        operator: &str,
        args: &[Object],
    ) {
        let off = state.hidden.last().copied().unwrap_or(false);
        match operator {
            "BDC" => {
                let oc = args.first().and_then(|a| a.as_name().ok()) == Some(b"OC".as_slice());
                let group = args.get(1).and_then(|a| a.as_name().ok());
                let this = oc && group.is_some_and(|g| self.hidden_group(resources, g));
                state.hidden.push(off || this);
            }
            "BMC" => state.hidden.push(off),
            "EMC" => {
                state.hidden.pop();
            }
            _ => {}
        }
    }

    /// `k`, `g`, `rg`, `RG`, `cs`, `CS`, `sc`, `scn`: the fill colour, and RGB or spot colours
    /// used on printing layers.
    fn color(
        &mut self,
        state: &mut State,
        resources: &'a Dictionary,
        operator: &str,
        args: &[Object],
        off: bool,
    ) {
        let fill = operator
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase());
        match operator {
            "k" | "K" => {
                if let [c, m, y, k] = numbers(args).as_slice() {
                    let color = Fill::Cmyk(*c as f32, *m as f32, *y as f32, *k as f32);
                    state.set_color(fill, color, Space::DeviceCmyk);
                }
            }
            "g" | "G" => {
                if let [g] = numbers(args).as_slice() {
                    state.set_color(fill, Fill::Gray(*g as f32), Space::DeviceGray);
                }
            }
            "rg" | "RG" => {
                if let [r, g, b] = numbers(args).as_slice() {
                    let color = Fill::Rgb(*r as f32, *g as f32, *b as f32);
                    state.set_color(fill, color, Space::DeviceRgb);
                }
            }
            "cs" | "CS" => {
                if let Some(first) = args.first() {
                    let (color, space) = if off {
                        (Fill::Other, Space::Other)
                    } else {
                        self.color_space(resources, first)
                    };
                    state.set_color(fill, color, space);
                }
            }
            // A colour in the current space: its components decide the colour.
            "sc" | "scn" | "SC" | "SCN" => {
                let color = state.color(fill);
                *color = match (*color, numbers(args).as_slice()) {
                    (Fill::Cmyk(..), [c, m, y, k]) => {
                        Fill::Cmyk(*c as f32, *m as f32, *y as f32, *k as f32)
                    }
                    (Fill::Gray(_), [g]) => Fill::Gray(*g as f32),
                    (Fill::Rgb(..), [r, g, b]) => Fill::Rgb(*r as f32, *g as f32, *b as f32),
                    (space, _) => space,
                };
            }
            _ => {}
        }
    }

    /// Path construction and painting: filled rectangles are kept with their fill, as far as
    /// they show inside the clip, other filled shapes only counted; a clip (`W`) is kept as the
    /// box around its path.
    fn path(&mut self, state: &mut State, operator: &str, args: &[Object], off: bool) {
        match operator {
            "re" => {
                if let [x, y, w, h] = numbers(args).as_slice() {
                    let (x0, y0) = state.ctm.apply(*x, *y);
                    let (x1, y1) = state.ctm.apply(x + w, y + h);
                    state.path.push(Rect::new(
                        Length::pt(x0.min(x1)),
                        Length::pt(y0.min(y1)),
                        Length::pt((x1 - x0).abs()),
                        Length::pt((y1 - y0).abs()),
                    ));
                    let corners = [(*x, *y), (x + w, *y), (*x, y + h), (x + w, y + h)];
                    state.extend_bounds(corners);
                }
            }
            "m" | "l" | "c" | "v" | "y" | "h" => {
                state.shaped = true;
                // A curve lies inside its control points' box.
                let points: Vec<(f64, f64)> = numbers(args)
                    .chunks_exact(2)
                    .map(|p| (p[0], p[1]))
                    .collect();
                state.extend_bounds(points);
            }
            "W" | "W*" => state.clipping = true,
            "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "n" | "S" | "s" => {
                let fills = !matches!(operator, "n" | "S" | "s");
                let strokes = matches!(operator, "S" | "s" | "B" | "B*" | "b" | "b*");
                // The ink of what shows: the path's box, inside the clip.
                let seen = state.bounds.and_then(|b| shown(b, state.clip));
                if let Some(seen) = seen.filter(|_| !off) {
                    let at = (seen.x + seen.width / 2.0, seen.y + seen.height / 2.0);
                    if fills {
                        self.paint((state.fill, state.fill_space), Painted::Fill, at, state);
                    }
                    if strokes {
                        let stroke = (state.stroke, state.stroke_space);
                        self.paint(stroke, Painted::Stroke, at, state);
                    }
                }
                if fills && !off {
                    let (fill, clip) = (state.fill, state.clip);
                    let painted: Vec<Rect> =
                        state.path.iter().filter_map(|r| shown(*r, clip)).collect();
                    if !state.shaped && state.transparency.is_none() {
                        self.cover(&painted);
                    }
                    self.rects.extend(painted.into_iter().map(|r| (r, fill)));
                    if state.shaped {
                        self.shapes += 1;
                    }
                }
                state.end_path();
            }
            _ => {}
        }
    }

    /// `Tj`, `TJ`, `'`, `"`: where text starts, and its bytes up to [`MAX_TEXT`].
    /// Text in an invisible rendering mode (3, or 7: clip only) does not print and is not
    /// read; in a `TJ` array, an adjustment wider than [`WORD_GAP`] reads as a space.
    fn show_text(&mut self, state: &State, args: &[Object]) {
        if matches!(state.render, 3 | 7) {
            return;
        }
        let (x, y) = state.text.then(state.ctm).apply(0.0, 0.0);
        let at = (Length::pt(x), Length::pt(y));
        let point = Rect::new(at.0, at.1, Length::ZERO, Length::ZERO);
        // Text whose start is clipped away (a copy of a panel placed for its bleed, say) is
        // not judged where it would be: it does not print there.
        if shown(point, state.clip).is_none() {
            return;
        }
        self.text_starts.push(at);
        // Modes 0, 2, 4 and 6 fill the glyphs; 1, 2, 5 and 6 stroke them.
        if matches!(state.render, 0 | 2 | 4 | 6) {
            self.paint((state.fill, state.fill_space), Painted::Text, at, state);
        }
        if matches!(state.render, 1 | 2 | 5 | 6) {
            self.paint((state.stroke, state.stroke_space), Painted::Text, at, state);
        }
        for arg in args {
            let parts: Vec<&Object> = match arg {
                Object::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            for part in parts {
                let room = MAX_TEXT.saturating_sub(self.text.len());
                match part {
                    Object::String(bytes, _) => {
                        self.text.extend_from_slice(&bytes[..bytes.len().min(room)]);
                    }
                    Object::Integer(_) | Object::Real(_)
                        if room > 0 && part.as_float().is_ok_and(|n| f64::from(n) < -WORD_GAP) =>
                    {
                        self.text.push(b' ');
                    }
                    _ => {}
                }
            }
        }
        if self.text.len() < MAX_TEXT {
            self.text.push(b' ');
        }
    }

    /// `sh`: a smooth colour blend over the clip (or the page); its ink is not measured.
    fn shading(&mut self, state: &State, resources: &'a Dictionary, args: &[Object]) {
        let place = match state.clip {
            Some(clip) => {
                let at = (clip.center_x(), clip.center_y());
                format!("a shading on {}", panel_at(self.layout, at))
            }
            None => "a shading over the page".into(),
        };
        let space = args
            .first()
            .and_then(|a| a.as_name().ok())
            .and_then(|n| self.resource(resources, b"Shading", n))
            .and_then(|sh| self.dict(sh))
            .and_then(|sh| sh.get(b"ColorSpace").ok());
        if let Some(space) = space {
            let (_, space) = self.classify_space(space);
            self.spaces.entry(space).or_default().add(place.clone());
        }
        if let Some(t) = &state.transparency {
            self.transparency.add(format!("{t} on {place}"));
        }
        self.unmeasured.add("shadings (smooth colour blends)");
    }

    /// `gs`: the transparency a graphics state parameter dictionary sets (opacity below 1, a
    /// soft mask, a blend mode other than Normal), in words, for what is painted after it.
    fn graphics_state_parameters(
        &mut self,
        state: &mut State,
        resources: &'a Dictionary,
        args: &[Object],
    ) {
        let Some(gs) = args
            .first()
            .and_then(|a| a.as_name().ok())
            .and_then(|n| self.resource(resources, b"ExtGState", n))
            .and_then(|gs| self.dict(gs))
        else {
            return;
        };
        let mut found = Vec::new();
        for key in [&b"ca"[..], b"CA"] {
            if let Some(alpha) = gs.get(key).ok().and_then(|a| a.as_float().ok())
                && alpha < 1.0
            {
                found.push(format!(
                    "opacity {:.0}% ({})",
                    f64::from(alpha.max(0.0)) * 100.0,
                    String::from_utf8_lossy(key)
                ));
            }
        }
        if let Ok(mask) = gs.get(b"SMask")
            && self.deref(mask).as_name().ok() != Some(b"None".as_slice())
        {
            found.push("a soft mask".into());
        }
        if let Ok(mode) = gs.get(b"BM") {
            let mode = match self.deref(mode) {
                Object::Name(n) => Some(n.as_slice()),
                Object::Array(a) => a.first().and_then(|n| n.as_name().ok()),
                _ => None,
            };
            if let Some(mode) = mode.filter(|m| *m != b"Normal" && *m != b"Compatible") {
                found.push(format!("blend mode {}", String::from_utf8_lossy(mode)));
            }
        }
        // Keys it leaves out keep their values; ones it sets to opaque and Normal clear them.
        let clears = gs.has(b"ca") || gs.has(b"CA") || gs.has(b"SMask") || gs.has(b"BM");
        if !found.is_empty() {
            state.transparency = Some(found.join(", "));
        } else if clears {
            state.transparency = None;
        }
    }

    /// `Do`: an image is measured; a form is read in turn, up to [`MAX_FORM_DEPTH`] deep.
    fn draw_object(
        &mut self,
        resources: &'a Dictionary,
        args: &[Object],
        state: &State,
        depth: usize,
    ) {
        let (ctm, clip) = (state.ctm, state.clip);
        let Some(name) = args.first().and_then(|a| a.as_name().ok()) else {
            return;
        };
        let Some(Object::Stream(stream)) = self.resource(resources, b"XObject", name) else {
            return;
        };
        let subtype = stream
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|s| s.as_name().ok());
        match subtype {
            Some(b"Image") => self.image(stream, state),
            Some(b"Form") if depth < MAX_FORM_DEPTH => {
                self.form(stream, resources, ctm, clip, depth)
            }
            Some(b"Form") => self.truncated = true,
            _ => {}
        }
    }

    /// Reads a form's content with its own resources (or the page's) and matrix, clipped to
    /// its box.
    fn form(
        &mut self,
        stream: &'a Stream,
        resources: &'a Dictionary,
        ctm: Matrix,
        clip: Option<Rect>,
        depth: usize,
    ) {
        let form_matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|m| m.as_array().ok())
            .and_then(|m| matrix(m))
            .unwrap_or(Matrix::IDENTITY);
        let to_page = form_matrix.then(ctm);
        let bbox = stream
            .dict
            .get(b"BBox")
            .ok()
            .and_then(|b| self.deref(b).as_array().ok())
            .and_then(|b| match numbers(b).as_slice() {
                [x0, y0, x1, y1] => {
                    let corners = [(*x0, *y0), (*x1, *y0), (*x0, *y1), (*x1, *y1)];
                    bounds(corners.map(|(x, y)| to_page.apply(x, y)))
                }
                _ => None,
            });
        // The box clips the form: what it draws shows only inside both.
        let clip = match (bbox, clip) {
            (Some(b), Some(c)) => Some(b.intersection(&c).unwrap_or(Rect::new(
                Length::ZERO,
                Length::ZERO,
                Length::ZERO,
                Length::ZERO,
            ))),
            (b, c) => b.or(c),
        };
        let group = stream
            .dict
            .get(b"Group")
            .ok()
            .and_then(|g| self.dict(g))
            .and_then(|g| g.get(b"S").ok())
            .and_then(|s| s.as_name().ok());
        if group == Some(b"Transparency".as_slice()) {
            let name = form_name(self.layout, clip);
            self.transparency
                .add(format!("a transparency group: {name}"));
        }
        let inner = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| self.dict(r))
            .unwrap_or(resources);
        // A form too large to read is tried once, however often it is drawn.
        let key = std::ptr::from_ref(stream) as usize;
        if self.unreadable.contains(&key) {
            self.truncated = true;
            return;
        }
        let budget = self.budget;
        let decoded = pdf::untrusted(self.name, "the PDF stream decoder", || {
            stream.decompressed_content_with_limit(budget)
        });
        let decoded = match decoded {
            Ok(decoded) => decoded,
            Err(e) => {
                self.failed = Some(e);
                self.truncated = true;
                return;
            }
        };
        let bytes = match decoded {
            Ok(b) => b,
            Err(_) if stream.dict.get(b"Filter").is_err() => stream.content.clone(),
            Err(_) => {
                self.unreadable.insert(key);
                self.truncated = true;
                return;
            }
        };
        self.run(&bytes, inner, to_page, clip, depth + 1);
    }
}

/// What `q` saves and `Q` restores.
struct Saved {
    ctm: Matrix,
    fill: Fill,
    stroke: Fill,
    fill_space: Space,
    stroke_space: Space,
    transparency: Option<String>,
    clip: Option<Rect>,
    render: i64,
}

/// The graphics and text state of one content stream as its operators run.
struct State {
    ctm: Matrix,
    fill: Fill,
    stroke: Fill,
    fill_space: Space,
    stroke_space: Space,
    /// Live transparency set by the graphics state (`gs`), in words, if any.
    transparency: Option<String>,
    /// The box around the clipping path (none: the page), in the layout's coordinates. An
    /// empty clip is a rectangle of no size: nothing shows.
    clip: Option<Rect>,
    /// The text rendering mode (`Tr`): 3 is invisible.
    render: i64,
    /// States saved by `q`, restored by `Q`.
    stack: Vec<Saved>,
    /// Saves beyond [`MAX_SAVED_STATES`], not kept.
    unkept: usize,
    /// For each open marked-content sequence, whether it is on a layer that does not print.
    hidden: Vec<bool>,
    /// The rectangles of the path being built.
    path: Vec<Rect>,
    /// Whether the path has segments other than rectangles.
    shaped: bool,
    /// The box around every point of the path being built, in the layout's coordinates.
    bounds: Option<Rect>,
    /// Whether the path, once painted, clips what follows (`W`).
    clipping: bool,
    /// The text matrix and the text line matrix.
    text: Matrix,
    line: Matrix,
}

impl State {
    fn new(ctm: Matrix, clip: Option<Rect>) -> State {
        State {
            ctm,
            fill: Fill::Gray(0.0),
            stroke: Fill::Gray(0.0),
            fill_space: Space::DeviceGray,
            stroke_space: Space::DeviceGray,
            transparency: None,
            clip,
            render: 0,
            stack: Vec::new(),
            unkept: 0,
            hidden: Vec::new(),
            path: Vec::new(),
            shaped: false,
            bounds: None,
            clipping: false,
            text: Matrix::IDENTITY,
            line: Matrix::IDENTITY,
        }
    }

    /// The fill colour (`fill`) or the stroke colour.
    fn color(&mut self, fill: bool) -> &mut Fill {
        if fill {
            &mut self.fill
        } else {
            &mut self.stroke
        }
    }

    /// Sets the fill colour (`fill`) or the stroke colour, and its space.
    fn set_color(&mut self, fill: bool, color: Fill, space: Space) {
        *self.color(fill) = color;
        if fill {
            self.fill_space = space;
        } else {
            self.stroke_space = space;
        }
    }

    /// Widens the path's box to hold `points` (in user space).
    fn extend_bounds(&mut self, points: impl IntoIterator<Item = (f64, f64)>) {
        let ctm = self.ctm;
        let mut all: Vec<(f64, f64)> = points.into_iter().map(|(x, y)| ctm.apply(x, y)).collect();
        if let Some(b) = self.bounds {
            all.extend([
                (b.x.to_pt(), b.y.to_pt()),
                (b.right().to_pt(), b.bottom().to_pt()),
            ]);
        }
        self.bounds = bounds(all).or(self.bounds);
    }

    /// A painting operator ends the path; a pending `W` makes it (its box) part of the clip.
    fn end_path(&mut self) {
        if self.clipping {
            let nothing = Rect::new(Length::ZERO, Length::ZERO, Length::ZERO, Length::ZERO);
            let path = self.bounds.unwrap_or(nothing);
            self.clip = Some(match self.clip {
                Some(c) => c.intersection(&path).unwrap_or(nothing),
                None => path,
            });
        }
        self.path.clear();
        self.shaped = false;
        self.bounds = None;
        self.clipping = false;
    }

    /// `BT`, `Tm`, `Td`, `TD`: where the next text is shown.
    fn text_position(&mut self, operator: &str, args: &[Object]) {
        match operator {
            "BT" => {
                self.text = Matrix::IDENTITY;
                self.line = self.text;
            }
            "Tm" => {
                if let Some(m) = matrix(args) {
                    self.text = m;
                    self.line = m;
                }
            }
            "Td" | "TD" => {
                if let [tx, ty] = numbers(args).as_slice() {
                    self.line = Matrix::translate(*tx, *ty).then(self.line);
                    self.text = self.line;
                }
            }
            _ => {}
        }
    }
}

/// The samples of an image podcover can measure: 8-bit DeviceCMYK or DeviceGray (or ICC-based
/// with 4 or 1 components), uncompressed or Flate-compressed (with or without PNG row
/// prediction), without a Decode array.
struct Samples {
    width: NonZeroU32,
    height: u32,
    /// 4 for CMYK, 1 for grey.
    components: u32,
    /// Whether its rows are PNG-predicted: each then starts with a byte naming its filter, so
    /// the inflated data is a byte a row longer than the samples.
    predicted: bool,
    /// Whether they are Flate-compressed.
    compressed: bool,
}

impl<'a> Scan<'a> {
    /// What stops an image from being measured for ink, in words; else its layout.
    fn measurable(&self, dict: &Dictionary) -> std::result::Result<Samples, String> {
        let get = |k: &[u8]| dict.get(k).ok().map(|v| self.deref(v));
        if get(b"ImageMask").and_then(|m| m.as_bool().ok()) == Some(true) {
            return Err("a stencil mask".into());
        }
        let components = match get(b"ColorSpace") {
            Some(Object::Name(n)) if n == b"DeviceCMYK" => 4,
            Some(Object::Name(n)) if n == b"DeviceGray" => 1,
            Some(Object::Array(a))
                if a.first().and_then(|f| f.as_name().ok()) == Some(b"ICCBased".as_slice()) =>
            {
                let n = a
                    .get(1)
                    .and_then(|s| self.dict(s))
                    .and_then(|d| d.get(b"N").ok())
                    .and_then(|n| n.as_i64().ok());
                match n {
                    Some(4) => 4,
                    Some(1) => 1,
                    Some(3) => {
                        return Err("RGB (its ink is whatever the printer converts it to)".into())
                    }
                    _ => return Err("an ICC-based colour space of unusual components".into()),
                }
            }
            Some(Object::Name(n)) if n == b"DeviceRGB" || n == b"CalRGB" => {
                return Err("RGB (its ink is whatever the printer converts it to)".into());
            }
            Some(Object::Name(n)) => {
                return Err(format!("colour space {}", String::from_utf8_lossy(n)));
            }
            Some(Object::Array(a)) => {
                let family = a
                    .first()
                    .and_then(|f| f.as_name().ok())
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .unwrap_or_else(|| "unknown".into());
                return Err(format!("colour space {family}"));
            }
            _ => return Err("no colour space".into()),
        };
        let filters: Vec<&[u8]> = match get(b"Filter") {
            None => Vec::new(),
            Some(Object::Name(n)) => vec![n.as_slice()],
            Some(Object::Array(a)) => a.iter().filter_map(|f| f.as_name().ok()).collect(),
            Some(_) => return Err("a malformed filter".into()),
        };
        let compressed = match filters.as_slice() {
            [] => false,
            [b"FlateDecode"] => true,
            other => {
                let names: Vec<String> = other
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect();
                return Err(format!("{} data", names.join(" + ")));
            }
        };
        if get(b"BitsPerComponent").and_then(|b| b.as_i64().ok()) != Some(8) {
            return Err("not 8 bits per component".into());
        }
        if get(b"Decode").is_some() {
            return Err("a Decode array".into());
        }
        let size = |k: &[u8]| get(k).and_then(|v| v.as_i64().ok());
        let (Some(w), Some(h)) = (size(b"Width"), size(b"Height")) else {
            return Err("no size".into());
        };
        let width = u32::try_from(w)
            .ok()
            .and_then(NonZeroU32::new)
            .ok_or("no valid size")?;
        let height = u32::try_from(h)
            .ok()
            .filter(|h| *h > 0)
            .ok_or("no valid size")?;
        let predicted = match get(b"DecodeParms") {
            None | Some(Object::Null) => false,
            Some(Object::Dictionary(params)) => {
                predictor(params, components, width.get()).map_err(String::from)?
            }
            Some(_) => return Err("decode parameters other than one dictionary".into()),
        };
        Ok(Samples {
            width,
            height,
            components,
            predicted,
            compressed,
        })
    }

    /// Measures an image's ink where it shows, or notes why it cannot be measured.
    fn measure_image(&mut self, stream: &Stream, label: &str, state: &State) {
        if let Err(why) = self.try_measure_image(stream, label, state) {
            self.unmeasured.add(format!("{label}: {why}"));
        }
    }

    fn try_measure_image(
        &mut self,
        stream: &Stream,
        label: &str,
        state: &State,
    ) -> std::result::Result<(), String> {
        let samples = self.measurable(&stream.dict)?;
        let (w, h, n) = (
            u64::from(samples.width.get()),
            u64::from(samples.height),
            u64::from(samples.components),
        );
        let bytes = w * h * n;
        if bytes > self.measure_budget {
            return Err("more image data than is measured in one check".into());
        }
        self.measure_budget -= bytes;
        // Within the budget, so it fits in memory as one buffer.
        let expected = usize::try_from(bytes).map_err(|_| "too large")?;
        // A predicted image inflates to a filter byte a row more than its samples.
        let inflated = if samples.predicted {
            expected.saturating_add(samples.height as usize)
        } else {
            expected
        };
        // The same stream's samples, decoded the same way, measured for an earlier cover.
        let key = Key {
            content: pdf::hash128(&stream.content),
            length: stream.content.len(),
            width: samples.width.get(),
            height: samples.height,
            components: samples.components,
            compressed: samples.compressed,
            predicted: samples.predicted,
        };
        let kept = self.measures.and_then(|m| m.get(&key));
        let measured = match kept {
            Some(measured) => measured,
            None => {
                let decoded = pdf::untrusted(self.name, "the PDF stream decoder", || {
                    stream.get_plain_content_with_limit(inflated)
                });
                let data = match decoded {
                    Ok(decoded) => decoded,
                    Err(e) => {
                        self.failed = Some(e);
                        return Err("its data cannot be read".into());
                    }
                }
                .map_err(|_| "its data does not decode (or is longer than its size)")?;
                if data.len() < expected {
                    return Err("its data is shorter than its size".into());
                }
                let measured = Arc::new(Measured::new(w as usize, h as usize, n as usize, data));
                if let Some(measures) = self.measures {
                    measures.keep(key, &measured);
                }
                measured
            }
        };
        let (cols, rows) = visible(state, samples.width.get(), samples.height);
        let Some((col, row, cmyk)) = measured.peak(cols, rows) else {
            return Ok(());
        };
        // The pixel's centre on the page.
        let u = (col as f64 + 0.5) / w as f64;
        let v = 1.0 - (row as f64 + 0.5) / h as f64;
        let (x, y) = state.ctm.apply(u, v);
        let [c, m, yy, k] = cmyk.map(|v| f32::from(v) / 255.0);
        self.image_names.push(label.to_string());
        let index = self.image_names.len() - 1;
        self.note_ink(InkSpot {
            ink: TotalInk::of(cmyk),
            cmyk: Cmyk { c, m, y: yy, k },
            what: Painted::Image(index),
            at: (Length::pt(x), Length::pt(y)),
        });
        Ok(())
    }
}

/// Whether an image's Flate decode parameters predict its rows the PNG way (Predictor 10 to
/// 15, which the PDF reader undoes), for samples of `components` 8-bit colours `width` pixels a
/// row; what stops it from being measured otherwise.
fn predictor(
    params: &Dictionary,
    components: u32,
    width: u32,
) -> std::result::Result<bool, &'static str> {
    let int = |key: &[u8], default: i64| match params.get(key) {
        Ok(v) => v.as_i64().map_err(|_| "malformed decode parameters"),
        Err(_) => Ok(default),
    };
    match int(b"Predictor", 1)? {
        1 => Ok(false),
        10..=15 => {
            if int(b"Colors", 1)? != i64::from(components)
                || int(b"BitsPerComponent", 8)? != 8
                || int(b"Columns", 1)? != i64::from(width)
            {
                return Err("decode parameters that do not match the image");
            }
            Ok(true)
        }
        _ => Err("a predictor other than PNG's (10 to 15)"),
    }
}

/// The columns and rows of an image of `width` x `height` pixels drawn under `state` whose
/// centres show inside the clip: all of them where there is no clip or the image is rotated
/// or skewed (then every pixel counts, which can only overstate).
fn visible(
    state: &State,
    width: u32,
    height: u32,
) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    let all = (0..width as usize, 0..height as usize);
    let [a, b, c, d, e, f] = state.ctm.0;
    let Some(clip) = state.clip else {
        return all;
    };
    if b != 0.0 || c != 0.0 || a == 0.0 || d == 0.0 {
        return all;
    }
    // Pixel column i has its centre at u = (i + 0.5) / width: x = a u + e. Row j (from the
    // top) at v = 1 - (j + 0.5) / height: y = d v + f.
    let span = |lo: f64, hi: f64, scale: f64, offset: f64, count: u32, flip: bool| {
        let (u0, u1) = {
            let p = (lo - offset) / scale;
            let q = (hi - offset) / scale;
            (p.min(q), p.max(q))
        };
        let (u0, u1) = if flip { (1.0 - u1, 1.0 - u0) } else { (u0, u1) };
        let n = f64::from(count);
        let first = (u0 * n - 0.5).ceil().clamp(0.0, n);
        let last = (u1 * n - 0.5).floor().clamp(-1.0, n - 1.0);
        if last < first {
            0..0
        } else {
            first as usize..last as usize + 1
        }
    };
    let cols = span(clip.x.to_pt(), clip.right().to_pt(), a, e, width, false);
    let rows = span(clip.y.to_pt(), clip.bottom().to_pt(), d, f, height, true);
    (cols, rows)
}
