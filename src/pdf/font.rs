//! Fonts for text set on a cover: a TrueType or OpenType font given by the user, or DejaVu Sans
//! (a Latin cut built into the library, `assets/fonts/`) without one; measured with the font's
//! own advance widths and cap height, and embedded by printpdf.
//!
//! The web page's WebAssembly build has no embedded fonts: printpdf compiles JavaScript exports
//! of its own for WebAssembly, which would outgrow the page's budget, and the page composes no
//! covers. There a font file is refused with a message.

#[cfg(not(target_arch = "wasm32"))]
use std::collections::{BTreeMap, BTreeSet};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::tables::os2::Os2;
use allsorts::tables::FontTableProvider;
#[cfg(not(target_arch = "wasm32"))]
use lopdf::Object;
use lopdf::{Document, ObjectId};
#[cfg(not(target_arch = "wasm32"))]
use printpdf::{
    Color, FontId, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem,
    TextMatrix,
};

use crate::draw::{Cmyk, Direction};
use crate::error::{ComposeProblem, Error, Result};
#[cfg(not(target_arch = "wasm32"))]
use crate::pdf::content::USER_FONT;
use crate::units::Length;

/// Cap height assumed for a font whose OS/2 table does not give one (older than version 2).
const FALLBACK_CAP_HEIGHT: f64 = 0.7;

/// DejaVu Sans 2.37 cut to Latin letters and the punctuation of titles (47 KB; how it is made,
/// from which package, and its licence are in `assets/fonts/`): the font text is set in when
/// none is given.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) const BUILT_IN_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Latin.ttf");

/// The web page sets no text (see the module's documentation): no font is built into it.
#[cfg(target_arch = "wasm32")]
const BUILT_IN_FONT: &[u8] = &[];

#[cfg(not(target_arch = "wasm32"))]
fn unreadable() -> Error {
    Error::compose(
        ComposeProblem::UnreadableFont,
        "the font file cannot be read as TrueType or OpenType",
    )
}

/// A font file read for setting text: its glyphs and advance widths.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type FontFile = printpdf::ParsedFont;

/// No font file is read in the WebAssembly build (see the module's documentation).
#[cfg(target_arch = "wasm32")]
pub(crate) enum FontFile {}

#[cfg(not(target_arch = "wasm32"))]
fn read_font(bytes: &[u8]) -> Result<FontFile> {
    crate::pdf::untrusted("the spine font", "the font reader", || {
        FontFile::from_bytes(bytes, 0, &mut Vec::new())
    })?
    .ok_or_else(unreadable)
}

#[cfg(target_arch = "wasm32")]
fn read_font(_: &[u8]) -> Result<FontFile> {
    Err(Error::compose(
        ComposeProblem::UnreadableFont,
        "a font file cannot be embedded by the web page; set text in a font with the podcover tool",
    ))
}

/// Units per em, the glyph for `c` (0 is `.notdef`) and a glyph's advance.
#[cfg(not(target_arch = "wasm32"))]
fn metrics(
    font: &FontFile,
) -> (
    u16,
    impl Fn(char) -> Option<u16> + '_,
    impl Fn(u16) -> Option<u32> + '_,
) {
    (
        font.units_per_em,
        |c: char| font.lookup_glyph_index(c as u32),
        |g: u16| font.get_glyph_width(g).map(u32::from),
    )
}

#[cfg(target_arch = "wasm32")]
type Metrics = (u16, fn(char) -> Option<u16>, fn(u16) -> Option<u32>);

#[cfg(target_arch = "wasm32")]
fn metrics(font: &FontFile) -> Metrics {
    match *font {}
}

/// The font text is set in, embedded.
pub(crate) struct TextFont {
    /// The parsed font (glyphs and advance widths).
    font: Box<FontFile>,
    /// Cap height in ems.
    cap_height: f64,
}

impl TextFont {
    /// The font in `bytes`, or without them the built-in one ([`BUILT_IN_FONT`]).
    pub(crate) fn new(bytes: Option<&[u8]>) -> Result<TextFont> {
        let bytes = bytes.unwrap_or(BUILT_IN_FONT);
        let font = read_font(bytes)?;
        let upem = f64::from(metrics(&font).0.max(1));
        let cap_height = crate::pdf::untrusted("the spine font", "the font reader", || {
            os2_cap_height(bytes)
        })?
        .filter(|c| *c > 0)
        .map_or(FALLBACK_CAP_HEIGHT, |c| f64::from(c) / upem);
        Ok(TextFont {
            font: Box::new(font),
            cap_height,
        })
    }

    /// The parsed font.
    pub(crate) fn parsed(&self) -> &FontFile {
        &self.font
    }

    /// The characters of `text` (other than white space) the font has no glyph for, which a
    /// PDF reader would show as a box or not at all. Each is listed once, in order.
    pub(crate) fn missing(&self, text: &str) -> Vec<char> {
        let glyph = metrics(&self.font).1;
        let mut missing = Vec::new();
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            if glyph(c).is_none_or(|g| g == 0) && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }

    /// The advance of `text` at `size`.
    pub(crate) fn width(&self, text: &str, size: Length) -> Length {
        let (upem, glyph, advance) = metrics(&self.font);
        let units: u64 = text
            .chars()
            .filter_map(&glyph)
            .filter_map(&advance)
            .map(u64::from)
            .sum();
        size * (units as f64 / f64::from(upem.max(1)))
    }

    /// Cap height in ems.
    pub(crate) fn cap_height(&self) -> f64 {
        self.cap_height
    }
}

/// The OS/2 table's cap height (version 2 and later), in font units.
fn os2_cap_height(bytes: &[u8]) -> Option<i16> {
    let file = ReadScope::new(bytes).read::<FontData<'_>>().ok()?;
    let provider = file.table_provider(0).ok()?;
    let data = provider.read_table_data(allsorts::tag::OS_2).ok()?;
    let os2 = ReadScope::new(&data).read_dep::<Os2>(data.len()).ok()?;
    os2.version2to4.map(|v| v.s_cap_height)
}

/// Text set in an embedded font, ready for a page: its operators, and the font's resource
/// name with the id of its dictionary in the page's document.
pub(crate) struct EmbeddedText {
    /// Content-stream operators (between `q` and `Q`).
    pub(crate) content: Vec<u8>,
    /// The font's dictionary, moved into the page's document.
    pub(crate) font: ObjectId,
}

/// Sets `text` in `font` with its baseline's start at `origin`, running in `direction`: printpdf
/// encodes the glyphs and writes the subset font, whose objects are moved into `dst`.
#[cfg(target_arch = "wasm32")]
pub(crate) fn embed_text(
    font: &FontFile,
    _: &str,
    _: Length,
    _: Cmyk,
    _: Direction,
    _: (Length, Length),
    _: &mut Document,
) -> Result<EmbeddedText> {
    match *font {}
}

/// Sets `text` in `font` with its baseline's start at `origin`, running in `direction`: printpdf
/// encodes the glyphs and writes the subset font, whose objects are moved into `dst`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn embed_text(
    font: &FontFile,
    text: &str,
    size: Length,
    color: Cmyk,
    direction: Direction,
    origin: (Length, Length),
    dst: &mut Document,
) -> Result<EmbeddedText> {
    let fail = |m: &str| Error::encode("the spine text", m);
    let mut doc = PdfDocument::new("text");
    doc.resources
        .fonts
        .map
        .insert(FontId(USER_FONT.into()), PdfFont::new(font.clone()));
    let q = |l: Length| ((l.to_pt() * 1000.0).round() / 1000.0) as f32;
    let (x, y) = (q(origin.0), q(origin.1));
    let matrix = match direction {
        Direction::Horizontal => [1.0, 0.0, 0.0, 1.0, x, y],
        Direction::Up => [0.0, 1.0, -1.0, 0.0, x, y],
        Direction::Down => [0.0, -1.0, 1.0, 0.0, x, y],
    };
    let ops = vec![
        Op::StartTextSection,
        Op::SetFont {
            font: PdfFontHandle::External(FontId(USER_FONT.into())),
            size: Pt(q(size)),
        },
        Op::SetFillColor {
            col: Color::Cmyk(printpdf::Cmyk::new(
                color.c, color.m, color.y, color.k, None,
            )),
        },
        Op::SetTextMatrix {
            matrix: TextMatrix::Raw(matrix),
        },
        Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        },
        Op::EndTextSection,
    ];
    let page = printpdf::Rect::from_wh(Pt(1.0), Pt(1.0));
    doc.pages.push(PdfPage {
        media_box: page.clone(),
        trim_box: page.clone(),
        crop_box: page,
        ops,
    });
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    // printpdf subsets the user's font (a third-party reader of untrusted bytes).
    let mut src = crate::pdf::untrusted("the spine font", "the font subsetter", || {
        doc.to_lopdf_document(&options, &mut Vec::new())
    })?;
    let page = src
        .page_iter()
        .next()
        .ok_or_else(|| fail("no page was written"))?;
    let page = src.get_dictionary(page).map_err(|_| fail("no page"))?;
    let content = page
        .get(b"Contents")
        .and_then(Object::as_reference)
        .and_then(|id| src.get_object(id))
        .and_then(Object::as_stream)
        .map_err(|_| fail("no text was written"))?;
    let content = if content.dict.get(b"Filter").is_ok() {
        content
            .decompressed_content()
            .map_err(|_| fail("unreadable text"))?
    } else {
        content.content.clone()
    };
    let font_ref = page
        .get(b"Resources")
        .and_then(|r| src.dereference(r))
        .and_then(|(_, r)| r.as_dict())
        .and_then(|r| r.get(b"Font"))
        .and_then(|f| src.dereference(f))
        .and_then(|(_, f)| f.as_dict())
        .and_then(|f| f.get(USER_FONT.as_bytes()))
        .and_then(Object::as_reference)
        .map_err(|_| fail("the font was not written"))?;
    let font = move_objects(&mut src, font_ref, dst);
    Ok(EmbeddedText { content, font })
}

#[cfg(not(target_arch = "wasm32"))]
/// Moves the objects reachable from `root` out of `src` into `dst`, renumbered; returns
/// `root`'s new id.
fn move_objects(src: &mut Document, root: ObjectId, dst: &mut Document) -> ObjectId {
    let mut seen = BTreeSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(object) = src.objects.get(&id) {
            references(object, &mut stack);
        }
    }
    let ids: BTreeMap<ObjectId, ObjectId> =
        seen.iter().map(|id| (*id, dst.new_object_id())).collect();
    for (old, new) in &ids {
        let mut object = src.objects.remove(old).unwrap_or(Object::Null);
        renumber(&mut object, &ids);
        dst.objects.insert(*new, object);
    }
    ids[&root]
}

#[cfg(not(target_arch = "wasm32"))]
fn references(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, o)| references(o, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, o)| references(o, out)),
        _ => {}
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn renumber(object: &mut Object, ids: &BTreeMap<ObjectId, ObjectId>) {
    match object {
        Object::Reference(id) => {
            if let Some(new) = ids.get(id) {
                *id = *new;
            }
        }
        Object::Array(items) => items.iter_mut().for_each(|o| renumber(o, ids)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| renumber(o, ids)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, o)| renumber(o, ids)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_font_sets_latin_text_only() {
        let font = TextFont::new(None).unwrap();
        assert_eq!(
            font.missing("Łódź Œuvres – „Señor“ … ™ €5 Ÿ"),
            Vec::<char>::new()
        );
        assert_eq!(font.missing("港の Ω"), ['港', 'の', 'Ω']);
        // DejaVu Sans's OS/2 table is version 1, without a cap height: the assumed one.
        assert_eq!(font.cap_height(), FALLBACK_CAP_HEIGHT);
    }
}
