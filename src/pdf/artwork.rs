//! Artwork: the first page of a PDF, a JPEG or PNG image, or a flat colour, ready to be placed
//! on a cover as a Form XObject.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::draw::Cmyk;
use crate::error::{ArtworkProblem, Error, PdfProblem, Result};
use crate::pdf::assembly::refused_in_pdfx;
use crate::pdf::content;
use crate::pdf::raster::{Conversion, Format, ImageColor, ProofPixels, Raster};
use crate::pdf::sample::{self, Paint};
use crate::pdf::write::not_pdfx;
use crate::pdf::{self, fail, rect_array, Assembly};
use crate::units::{Length, Matrix, Rect, PRINT_PPI};

/// Objects copied from one artwork file at most (a guard against hostile files).
const MAX_OBJECTS: usize = 1_000_000;
/// Nesting of arrays and dictionaries followed at most.
const MAX_DEPTH: usize = 64;

/// Artwork for a panel, a spine, a flap or a whole cover: the first page of a PDF, a JPEG or PNG
/// image, or a flat colour.
///
/// A PDF's images and fonts are carried over as they are (never re-encoded) when it is placed. A
/// JPEG is decoded when read, so that a damaged or cut-short file is refused, and embedded as it
/// is; its EXIF orientation is honoured where it is placed. A PNG is decoded once and
/// Flate-compressed, its transparency kept as a soft mask.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Artwork {
    name: String,
    content: Content,
    media: Rect,
    trim: Option<Rect>,
    bleed: Option<Rect>,
    /// Rectangles painted over the page in a colour of its own (an old barcode covered), in
    /// the page's coordinates.
    covers: Vec<(Rect, Paint)>,
}

#[derive(Debug, Clone)]
enum Content {
    Pdf { doc: Box<Document>, page: ObjectId },
    Image(Raster),
    Color(Cmyk),
}

impl Artwork {
    /// Reads a PDF (its first page), a JPEG or a PNG, told apart by their first bytes. `name` is
    /// used in messages only.
    ///
    /// An image's size on the cover comes from its pixels' proportions and the panel it is
    /// placed on (see [`compose`](crate::cover::compose)); until then its boxes are its size at the
    /// resolution it records, or at 300 ppi.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Artwork> {
        match Format::sniff(bytes) {
            Some(Format::Pdf) => Artwork::from_pdf(name, bytes),
            Some(Format::Jpeg | Format::Png) => {
                Ok(Artwork::image(name, Raster::read(name, bytes)?))
            }
            None if bytes.is_empty() => Err(Error::artwork(
                name,
                ArtworkProblem::Empty,
                "the file is empty",
            )),
            None => Err(Error::artwork(
                name,
                ArtworkProblem::UnknownFormat,
                "not a PDF, JPEG or PNG file (export the artwork as one of these)",
            )),
        }
    }

    /// A flat colour, which fills whatever it is placed on (a back cover or a flap without
    /// artwork). Its boxes are empty.
    pub fn color(name: &str, color: Cmyk) -> Artwork {
        let none = Rect::new(Length::ZERO, Length::ZERO, Length::ZERO, Length::ZERO);
        Artwork {
            name: name.to_string(),
            content: Content::Color(color),
            media: none,
            trim: None,
            bleed: None,
            covers: Vec::new(),
        }
    }

    /// An image, its boxes the size it is seen at (after its EXIF orientation).
    fn image(name: &str, raster: Raster) -> Artwork {
        let (w, h) = raster.header.shown_pixels();
        let assumed = f64::from(PRINT_PPI);
        let (px, py) = raster.header.shown_density().unwrap_or((assumed, assumed));
        let media = Rect::new(
            Length::ZERO,
            Length::ZERO,
            Length::inches(f64::from(w) / px),
            Length::inches(f64::from(h) / py),
        );
        Artwork {
            name: name.to_string(),
            content: Content::Image(raster),
            media,
            trim: None,
            bleed: None,
            covers: Vec::new(),
        }
    }

    /// A part of the page: `media` becomes its MediaBox (and clips it), `trim` its TrimBox and
    /// `media` its BleedBox. Used to take the panels out of a whole cover.
    pub(crate) fn part(&self, name: &str, media: Rect, trim: Rect) -> Artwork {
        Artwork {
            name: name.to_string(),
            content: self.content.clone(),
            media,
            trim: Some(trim),
            bleed: Some(media),
            covers: self.covers.clone(),
        }
    }

    /// The same artwork with `rect` (in the page's coordinates) painted over in `paint`.
    pub(crate) fn covered(mut self, rect: Rect, paint: Paint) -> Artwork {
        self.covers.push((rect, paint));
        self
    }

    /// The mean colour the artwork shows at `points` (in the page's coordinates), read from
    /// its own paint: a PDF's filled rectangles and decoded images, or its flat colour. `None`
    /// when none of the points could be read.
    pub(crate) fn colour_at(&self, points: &[(f64, f64)]) -> Option<Paint> {
        match &self.content {
            Content::Pdf { doc, page } => sample::page_colour(doc, *page, &self.name, points),
            Content::Color(c) => Some(Paint::Cmyk([c.c, c.m, c.y, c.k].map(f64::from))),
            Content::Image(_) => None,
        }
    }

    /// The image's width and height in pixels, for a JPEG or PNG, as it is seen (a JPEG whose
    /// EXIF orientation turns it a quarter has its stored width and height swapped).
    pub fn pixels(&self) -> Option<(u32, u32)> {
        match &self.content {
            Content::Image(r) => Some(r.header.shown_pixels()),
            _ => None,
        }
    }

    /// The resolution the image file records, across and down as it is seen, in pixels per
    /// inch.
    pub fn recorded_ppi(&self) -> Option<(f64, f64)> {
        match &self.content {
            Content::Image(r) => r.header.shown_density(),
            _ => None,
        }
    }

    /// The PDF and its page, for artwork read from a PDF.
    pub(crate) fn pdf_page(&self) -> Option<(&Document, ObjectId)> {
        match &self.content {
            Content::Pdf { doc, page } => Some((doc, *page)),
            _ => None,
        }
    }

    /// The flat colour, for artwork made with [`Artwork::color`].
    pub(crate) fn flat_color(&self) -> Option<Cmyk> {
        match &self.content {
            Content::Color(c) => Some(*c),
            _ => None,
        }
    }

    /// What the artwork is, for messages: `PDF`, or e.g. `JPEG, CMYK, 1875 x 2775 px`.
    pub fn describe(&self) -> String {
        match &self.content {
            Content::Pdf { .. } => "PDF".into(),
            Content::Image(r) => r.describe(),
            Content::Color(c) => format!("colour {},{},{},{}", c.c, c.m, c.y, c.k),
        }
    }

    /// Reads the first page of a PDF. `name` is used in messages only.
    ///
    /// Encrypted, malformed and rotated pages give an error.
    pub fn from_pdf(name: &str, bytes: &[u8]) -> Result<Artwork> {
        let doc = pdf::load(name, bytes)?;
        let page = pdf::first_page(name, &doc)?;
        let dict = doc
            .get_dictionary(page)
            .map_err(|e| fail(name, PdfProblem::Malformed, e))?;
        let rotate = pdf::inherited(&doc, dict, b"Rotate")
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(0);
        if rotate.rem_euclid(360) != 0 {
            return Err(fail(
                name,
                PdfProblem::Rotated,
                format!("page 1 is rotated by {rotate} degrees; save it unrotated"),
            ));
        }
        let media = pdf::page_box(&doc, dict, b"MediaBox")
            .ok_or_else(|| fail(name, PdfProblem::NoMediaBox, "page 1 has no valid MediaBox"))?;
        let trim = pdf::page_box(&doc, dict, b"TrimBox");
        let bleed = pdf::page_box(&doc, dict, b"BleedBox");
        Ok(Artwork {
            name: name.to_string(),
            content: Content::Pdf {
                doc: Box::new(doc),
                page,
            },
            media,
            trim,
            bleed,
            covers: Vec::new(),
        })
    }

    /// The name given when it was read.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The page's MediaBox.
    pub fn media_box(&self) -> Rect {
        self.media
    }

    /// The finished size: the TrimBox, or the MediaBox when there is none.
    pub fn trim_box(&self) -> Rect {
        self.trim.unwrap_or(self.media)
    }

    /// The artwork's own bleed: the BleedBox (or MediaBox) beyond the TrimBox, zero without a
    /// TrimBox.
    pub fn bleed_box(&self) -> Rect {
        match self.trim {
            Some(_) => self.bleed.unwrap_or(self.media),
            None => self.media,
        }
    }
    /// An image's pixels as they print in `color`, and where they are drawn: the map from the
    /// image's unit square into the artwork's box, which [`Artwork::import`]'s form draws them
    /// with. `None` for a PDF or a colour.
    ///
    /// # Errors
    /// As [`Artwork::import`] for an image.
    pub(crate) fn proof_pixels(&self, color: &ImageColor) -> Result<Option<(ProofPixels, Matrix)>> {
        match &self.content {
            Content::Image(raster) => Ok(Some((
                raster.proof_pixels(&self.name, color)?,
                raster.header.orientation.place(self.media),
            ))),
            Content::Pdf { .. } | Content::Color(_) => Ok(None),
        }
    }

    /// Puts the page (or the image, in `color`) into `dst` as a Form XObject and returns its id
    /// and what was done to an image's colour. A PDF's streams are borrowed, not copied: `dst`
    /// writes them from this artwork; its colour is not changed.
    pub(crate) fn import<'a>(
        &'a self,
        dst: &mut Assembly<'a>,
        color: &ImageColor,
    ) -> Result<(ObjectId, Conversion)> {
        let (id, conversion) = self.import_page(dst, color)?;
        if self.covers.is_empty() {
            return Ok((id, conversion));
        }
        // The page drawn whole, then the rectangles painted over it.
        let mut content = String::from("q /P0 Do Q\n");
        for (r, paint) in &self.covers {
            content.push_str(&format!(
                "q {} {:.3} {:.3} {:.3} {:.3} re f Q\n",
                paint.operator(),
                r.x.to_pt(),
                r.y.to_pt(),
                r.width.to_pt(),
                r.height.to_pt()
            ));
        }
        let dict = Dictionary::from_iter(vec![
            ("Type", pdf::name("XObject")),
            ("Subtype", pdf::name("Form")),
            ("BBox", rect_array(self.media)),
            (
                "Resources",
                Object::Dictionary(Dictionary::from_iter(vec![(
                    "XObject",
                    Object::Dictionary(Dictionary::from_iter(vec![("P0", Object::Reference(id))])),
                )])),
            ),
        ]);
        let form = dst.doc.add_object(Stream::new(dict, content.into_bytes()));
        Ok((form, conversion))
    }

    fn import_page<'a>(
        &'a self,
        dst: &mut Assembly<'a>,
        color: &ImageColor,
    ) -> Result<(ObjectId, Conversion)> {
        let name = self.name.as_str();
        let (doc, page_id) = match &self.content {
            Content::Pdf { doc, page } => (doc, *page),
            Content::Image(raster) => return self.import_image(raster, dst, color),
            Content::Color(_) => {
                return Err(fail(
                    name,
                    PdfProblem::Unsupported,
                    "a colour is filled, not imported",
                ))
            }
        };
        let page = doc
            .get_dictionary(page_id)
            .map_err(|e| fail(name, PdfProblem::Malformed, e))?;
        if dst.pdfx
            && let Some(refused) = refused_in_pdfx(name, page)
        {
            return Err(refused);
        }
        let mut copier = Copier {
            src: doc,
            dst,
            map: HashMap::new(),
            name,
        };
        let resources = match pdf::inherited(doc, page, b"Resources") {
            Some(r) => copier.copy(r, 0)?,
            None => Object::Dictionary(Dictionary::new()),
        };
        let group = match page.get(b"Group") {
            Ok(g) => Some(copier.copy(g, 0)?),
            Err(_) => None,
        };
        let mut dict = Dictionary::from_iter(vec![
            ("Type", pdf::name("XObject")),
            ("Subtype", pdf::name("Form")),
            ("BBox", rect_array(self.media)),
            ("Resources", resources),
        ]);
        if let Some(group) = group {
            dict.set("Group", group);
        }
        let id = match self.page_content(doc, page_id, dict)? {
            PageContent::Borrowed(dict, content) => dst.borrow_stream(dict, content),
            PageContent::Joined(stream) => dst.doc.add_object(stream),
        };
        Ok((id, Conversion::None))
    }

    /// The image as an image XObject (with its soft mask), drawn by a Form XObject that spans
    /// the media box, turned and mirrored as its EXIF orientation says.
    fn import_image(
        &self,
        raster: &Raster,
        dst: &mut Assembly<'_>,
        color: &ImageColor,
    ) -> Result<(ObjectId, Conversion)> {
        let (mut image, mask, conversion) = self.image_streams(raster, color, dst.pdfx)?;
        let dst = &mut dst.doc;
        if let Some(mask) = mask {
            let mask = dst.add_object(mask);
            image.dict.set("SMask", Object::Reference(mask));
        }
        let image = dst.add_object(image);
        let m = self.media;
        let mut content = content::Content::with_capacity(64);
        content.draw_xobject(b"Im0", raster.header.orientation.place(m), None);
        let dict = Dictionary::from_iter(vec![
            ("Type", pdf::name("XObject")),
            ("Subtype", pdf::name("Form")),
            ("BBox", rect_array(m)),
            (
                "Resources",
                Object::Dictionary(Dictionary::from_iter(vec![(
                    "XObject",
                    Object::Dictionary(Dictionary::from_iter(vec![(
                        "Im0",
                        Object::Reference(image),
                    )])),
                )])),
            ),
        ]);
        let form = dst.add_object(Stream::new(dict, content.into_bytes()));
        Ok((form, conversion))
    }

    /// How an image goes into the file, in `color` ([`Raster::to_streams_in`]): its image
    /// XObject (DeviceGray, DeviceRGB or DeviceCMYK, JPEG as it is or samples to be
    /// Flate-compressed), its soft mask if transparency is left, and what was done to its
    /// colour. For a PDF/X file, where a soft mask is not allowed, an image that keeps one (its
    /// transparency was not flattened) is refused.
    fn image_streams(
        &self,
        raster: &Raster,
        color: &ImageColor,
        pdfx: bool,
    ) -> Result<(Stream, Option<Stream>, Conversion)> {
        let (image, mask, conversion) = raster.to_streams_in(&self.name, color)?;
        if pdfx && mask.is_some() {
            return Err(not_pdfx(format!(
                "{} has transparency (an alpha channel), which PDF/X-1a does not allow; flatten \
                 it onto its background and give it again",
                self.name
            )));
        }
        Ok((image, mask, conversion))
    }

    /// The page's content as one stream: a single stream is carried over as it is (still
    /// compressed); several are decoded and joined.
    fn page_content<'a>(
        &self,
        doc: &'a Document,
        page: ObjectId,
        mut dict: Dictionary,
    ) -> Result<PageContent<'a>> {
        let name = self.name.as_str();
        let ids = pdf::untrusted(name, "the PDF parser", || doc.get_page_contents(page))?;
        let stream = |id: ObjectId| {
            doc.get_object(id)
                .and_then(Object::as_stream)
                .map_err(|e| fail(name, PdfProblem::Malformed, format!("page content: {e}")))
        };
        if let [id] = ids.as_slice() {
            let s = stream(*id)?;
            for key in [&b"Filter"[..], b"DecodeParms"] {
                if let Ok(v) = s.dict.get(key) {
                    dict.set(key.to_vec(), v.clone());
                }
            }
            return Ok(PageContent::Borrowed(dict, &s.content));
        }
        let mut content = Vec::new();
        for id in ids {
            let remaining = pdf::MAX_DECOMPRESSED.saturating_sub(content.len());
            let s = stream(id)?;
            let bytes = if s.dict.get(b"Filter").is_ok() {
                pdf::untrusted(name, "the PDF stream decoder", || {
                    s.decompressed_content_with_limit(remaining)
                })?
                .map_err(|e| fail(name, PdfProblem::Malformed, format!("page content: {e}")))?
            } else {
                s.content.clone()
            };
            content.extend_from_slice(&bytes);
            content.push(b'\n');
        }
        Ok(PageContent::Joined(Stream::new(dict, content)))
    }
}

/// A page's content for its Form XObject: its one stream as it is, or its streams joined.
enum PageContent<'a> {
    Borrowed(Dictionary, &'a [u8]),
    Joined(Stream),
}

/// Deep copy of objects from one document into another, each object once; streams are
/// borrowed.
struct Copier<'a, 'd> {
    src: &'a Document,
    dst: &'d mut Assembly<'a>,
    map: HashMap<ObjectId, ObjectId>,
    name: &'a str,
}

impl Copier<'_, '_> {
    fn copy(&mut self, object: &Object, depth: usize) -> Result<Object> {
        if depth > MAX_DEPTH {
            return Err(fail(
                self.name,
                PdfProblem::TooLarge,
                "objects are nested too deeply",
            ));
        }
        Ok(match object {
            Object::Reference(id) => {
                if let Some(new) = self.map.get(id) {
                    return Ok(Object::Reference(*new));
                }
                if self.map.len() >= MAX_OBJECTS {
                    return Err(fail(
                        self.name,
                        PdfProblem::TooLarge,
                        "the page uses too many objects",
                    ));
                }
                let new = self.dst.doc.new_object_id();
                self.map.insert(*id, new);
                match self.src.get_object(*id) {
                    Ok(Object::Stream(s)) => {
                        let dict = self.dict(&s.dict, depth + 1)?;
                        self.dst.insert_borrowed(new, dict, &s.content);
                    }
                    Ok(o) => {
                        let copied = self.copy(o, depth + 1)?;
                        self.dst.doc.objects.insert(new, copied);
                    }
                    Err(_) => {
                        self.dst.doc.objects.insert(new, Object::Null);
                    }
                }
                Object::Reference(new)
            }
            Object::Array(items) => Object::Array(
                items
                    .iter()
                    .map(|o| self.copy(o, depth + 1))
                    .collect::<Result<_>>()?,
            ),
            Object::Dictionary(d) => Object::Dictionary(self.dict(d, depth)?),
            Object::Stream(s) => Object::Stream(Stream {
                dict: self.dict(&s.dict, depth)?,
                content: s.content.clone(),
                allows_compression: false,
                start_position: None,
            }),
            other => other.clone(),
        })
    }

    /// Copies a dictionary, leaving out links back into the source's page tree; refuses one
    /// that a PDF/X file may not hold, if it is to be one.
    fn dict(&mut self, d: &Dictionary, depth: usize) -> Result<Dictionary> {
        if self.dst.pdfx
            && let Some(refused) = refused_in_pdfx(self.name, d)
        {
            return Err(refused);
        }
        let mut out = Dictionary::new();
        for (key, value) in d.iter() {
            if key.as_slice() == b"Parent" || key.as_slice() == b"P" {
                continue;
            }
            out.set(key.clone(), self.copy(value, depth + 1)?);
        }
        Ok(out)
    }
}
