//! Artwork: the first page of a PDF, a JPEG or PNG image, or a flat colour, ready to be placed
//! on a cover as a Form XObject.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::draw::Cmyk;
use crate::error::{ArtworkProblem, Error, PdfProblem, Result};
use crate::pdf::assembly::{compress_stream, refused_in_pdfx, MadeImage};
use crate::pdf::content;
use crate::pdf::file::Piece;
use crate::pdf::raster::{Conversion, Format, ImageColor, Pick, ProofPixels, Raster};
use crate::pdf::sample::{self, Paint};
use crate::pdf::write::not_pdfx;
use crate::pdf::{self, fail, lazy, rect_array, Assembly, Source};
use crate::units::{Length, Matrix, Pdf, Rect, PRINT_PPI};

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
    media: Rect<Pdf>,
    trim: Option<Rect<Pdf>>,
    bleed: Option<Rect<Pdf>>,
    /// Rectangles painted over the page in a colour of its own (an old barcode covered), in
    /// the page's coordinates.
    covers: Vec<(Rect<Pdf>, Paint)>,
}

#[derive(Debug, Clone)]
enum Content {
    Pdf(PdfPage),
    Image(Arc<SharedImage>),
    Color(Cmyk),
}

/// An image, and its streams as made (converted and compressed) for each colour they were
/// drawn in: made once, however many covers place it.
#[derive(Debug)]
struct SharedImage {
    raster: Raster,
    made: Mutex<Vec<(ImageColor, Arc<MadeImage>)>>,
}

impl SharedImage {
    /// The streams for `color`, made now if they were not yet.
    fn made(&self, file: &str, color: &ImageColor) -> Result<Arc<MadeImage>> {
        let find = |made: &[(ImageColor, Arc<MadeImage>)]| {
            made.iter()
                .find(|(c, _)| c == color)
                .map(|(_, m)| Arc::clone(m))
        };
        if let Some(made) = find(&self.made.lock().unwrap_or_else(PoisonError::into_inner)) {
            return Ok(made);
        }
        let (mut image, mut mask, conversion) = self.raster.to_streams_in(file, color)?;
        let mut scratch = Vec::new();
        compress_stream(&mut image, &mut scratch);
        if let Some(mask) = &mut mask {
            compress_stream(mask, &mut scratch);
        }
        let made = Arc::new(MadeImage {
            image,
            mask,
            conversion,
        });
        let mut all = self.made.lock().unwrap_or_else(PoisonError::into_inner);
        // Another thread may have made them meanwhile: the first kept.
        if let Some(first) = find(&all) {
            return Ok(first);
        }
        all.push((*color, Arc::clone(&made)));
        Ok(made)
    }
}

/// A PDF's page, shared by the artwork read from it and every part taken out of it.
#[derive(Clone)]
struct PdfPage {
    doc: Arc<Document>,
    page: ObjectId,
    /// The page's own MediaBox (a part's is smaller).
    media: Rect<Pdf>,
    /// The file, when its streams' contents were left in it (read by [`lazy::load`]).
    source: Option<Arc<Source>>,
}

impl PdfPage {
    /// A stream's content as it goes into another file: in the document, or where it lies in
    /// the file.
    fn content<'s>(&'s self, stream: &'s Stream) -> Piece<'s> {
        match &self.source {
            Some(source) if stream.content.is_empty() => {
                match lazy::range(source.bytes(), stream) {
                    Some(range) => Piece::Lying(source, range),
                    None => Piece::Bytes(&[]),
                }
            }
            _ => Piece::Bytes(&stream.content),
        }
    }

    /// A stream's content, read from the file now if it was left there.
    fn bytes<'s>(&'s self, name: &str, stream: &'s Stream) -> Result<&'s [u8]> {
        self.content(stream)
            .bytes()
            .map_err(|e| Error::io_named("cannot read", name, e))
    }

    /// The document with every stream's content in it (read from the file, not kept there).
    fn whole(&self, name: &str) -> Result<std::borrow::Cow<'_, Document>> {
        if self.source.is_none() {
            return Ok(std::borrow::Cow::Borrowed(&self.doc));
        }
        let mut doc = (*self.doc).clone();
        for (id, object) in &self.doc.objects {
            if let (Object::Stream(lying), Some(Object::Stream(s))) =
                (object, doc.objects.get_mut(id))
            {
                let content = match self.content(lying) {
                    Piece::Lying(source, range) => source.copied(range),
                    Piece::Bytes(bytes) => Ok(bytes.to_vec()),
                };
                s.set_content(content.map_err(|e| Error::io_named("cannot read", name, e))?);
            }
        }
        Ok(std::borrow::Cow::Owned(doc))
    }
}

impl std::fmt::Debug for PdfPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfPage")
            .field("objects", &self.doc.objects.len())
            .field("page", &self.page)
            .field("media", &self.media)
            .finish()
    }
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
        Artwork::of_raster(name.to_string(), raster, media)
    }

    /// Image artwork of `raster` whose page is `media`, its streams not made yet.
    fn of_raster(name: String, raster: Raster, media: Rect<Pdf>) -> Artwork {
        Artwork {
            name,
            content: Content::Image(Arc::new(SharedImage {
                raster,
                made: Mutex::new(Vec::new()),
            })),
            media,
            trim: None,
            bleed: None,
            covers: Vec::new(),
        }
    }

    /// A part of the page: `media` becomes its MediaBox (and clips it), `trim` its TrimBox and
    /// `media` its BleedBox. Used to take the panels out of a whole cover.
    pub(crate) fn part(&self, name: &str, media: Rect<Pdf>, trim: Rect<Pdf>) -> Artwork {
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
    pub(crate) fn covered(mut self, rect: Rect<Pdf>, paint: Paint) -> Artwork {
        self.covers.push((rect, paint));
        self
    }

    /// The mean colour the artwork shows at `points` (in the page's coordinates), read from
    /// its own paint: a PDF's filled rectangles and decoded images, or its flat colour. `None`
    /// when none of the points could be read; an error when the PDF's file cannot be.
    pub(crate) fn colour_at(&self, points: &[(f64, f64)]) -> Result<Option<Paint>> {
        match &self.content {
            Content::Pdf(p) => Ok(sample::page_colour(
                &*p.whole(&self.name)?,
                p.page,
                &self.name,
                points,
            )),
            Content::Color(c) => Ok(Some(Paint::Cmyk([c.c, c.m, c.y, c.k].map(f64::from)))),
            Content::Image(_) => Ok(None),
        }
    }

    /// The image's width and height in pixels, for a JPEG or PNG, as it is seen (a JPEG whose
    /// EXIF orientation turns it a quarter has its stored width and height swapped).
    pub fn pixels(&self) -> Option<(u32, u32)> {
        match &self.content {
            Content::Image(r) => Some(r.raster.header.shown_pixels()),
            _ => None,
        }
    }

    /// The resolution the image file records, across and down as it is seen, in pixels per
    /// inch.
    pub fn recorded_ppi(&self) -> Option<(f64, f64)> {
        match &self.content {
            Content::Image(r) => r.raster.header.shown_density(),
            _ => None,
        }
    }

    /// The PDF, every stream's content in it, and its page, for artwork read from a PDF.
    pub(crate) fn pdf_page(&self) -> Result<Option<(std::borrow::Cow<'_, Document>, ObjectId)>> {
        match &self.content {
            Content::Pdf(p) => Ok(Some((p.whole(&self.name)?, p.page))),
            _ => Ok(None),
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
            Content::Pdf(_) => "PDF".into(),
            Content::Image(r) => r.raster.describe(),
            Content::Color(c) => format!("colour {},{},{},{}", c.c, c.m, c.y, c.k),
        }
    }

    /// Reads the first page of a PDF. `name` is used in messages only.
    ///
    /// Encrypted, malformed and rotated pages give an error.
    pub fn from_pdf(name: &str, bytes: &[u8]) -> Result<Artwork> {
        Artwork::read_pdf(name, bytes.to_vec())
    }

    /// Reads a PDF, a JPEG or a PNG as [`Artwork::from_bytes`] does, keeping `bytes`: a PDF's
    /// images and other streams are not copied out of them but written from them into the
    /// cover it is placed on, so a large cover is held in memory once.
    pub fn from_vec(name: &str, bytes: Vec<u8>) -> Result<Artwork> {
        match Format::sniff(&bytes) {
            Some(Format::Pdf) => Artwork::read_pdf(name, bytes),
            _ => Artwork::from_bytes(name, &bytes),
        }
    }

    /// Reads a PDF's first page, its streams' contents left in `bytes` where the file allows.
    fn read_pdf(name: &str, bytes: Vec<u8>) -> Result<Artwork> {
        let (doc, lazily) = pdf::load_lazily(name, &bytes)?;
        let source = lazily.then(|| Arc::new(Source::memory(bytes)));
        Artwork::pdf_read(name, doc, source)
    }

    /// Reads the first page of the PDF in `file` (`len` bytes long), reading from it no more
    /// than its structure where the file allows: its images are read when needed, and copied
    /// from the file into another by the system when the cover goes to a file.
    pub(crate) fn from_pdf_file(name: &str, file: std::fs::File, len: usize) -> Result<Artwork> {
        let (doc, source) = pdf::load_file(name, file, len)?;
        Artwork::pdf_read(name, doc, source.map(Arc::new))
    }

    /// The artwork of a PDF's first page, from the document read.
    fn pdf_read(name: &str, doc: Document, source: Option<Arc<Source>>) -> Result<Artwork> {
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
            content: Content::Pdf(PdfPage {
                doc: Arc::new(doc),
                page,
                media,
                source,
            }),
            media,
            trim,
            bleed,
            covers: Vec::new(),
        })
    }

    /// The same artwork under another name (for messages), sharing what was read.
    pub(crate) fn named(&self, name: &str) -> Artwork {
        Artwork {
            name: name.to_string(),
            ..self.clone()
        }
    }

    /// Whether two artworks share what was read (one is a copy of the other).
    #[cfg(test)]
    pub(crate) fn shares_read(&self, other: &Artwork) -> bool {
        match (&self.content, &other.content) {
            (Content::Image(a), Content::Image(b)) => Arc::ptr_eq(a, b),
            (Content::Pdf(a), Content::Pdf(b)) => Arc::ptr_eq(&a.doc, &b.doc),
            _ => false,
        }
    }

    /// The name given when it was read.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The page's MediaBox, in PDF's space ([`Pdf`]: from the page's lower-left corner, `y`
    /// upwards), as the file gives it (an image's: its size, from the origin).
    pub fn media_box(&self) -> Rect<Pdf> {
        self.media
    }

    /// The finished size: the TrimBox, or the MediaBox when there is none, in PDF's space
    /// ([`Pdf`]).
    pub fn trim_box(&self) -> Rect<Pdf> {
        self.trim.unwrap_or(self.media)
    }

    /// The artwork's own bleed: the BleedBox (or MediaBox) beyond the TrimBox, zero without a
    /// TrimBox; in PDF's space ([`Pdf`]).
    pub fn bleed_box(&self) -> Rect<Pdf> {
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
            Content::Image(image) => Ok(Some((
                image.raster.proof_pixels(&self.name, color)?,
                image.raster.header.orientation.place(self.media),
            ))),
            Content::Pdf(_) | Content::Color(_) => Ok(None),
        }
    }

    /// Puts the page (or the image, in `color`) into `dst` as a Form XObject and returns its id
    /// and what was done to an image's colour. A PDF's streams are borrowed, not copied: `dst`
    /// writes them from this artwork; its colour is not changed. A PDF's page goes into `dst`
    /// once, however many parts of it are placed: a part is a small form that draws the page's
    /// form within its own box.
    pub(crate) fn import<'a>(
        &'a self,
        dst: &mut Assembly<'a>,
        color: &ImageColor,
    ) -> Result<(ObjectId, Conversion)> {
        let (id, conversion) = self.import_placed(dst, color)?;
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

    /// The page (or a part of it, or the image) as a Form XObject, before any rectangles are
    /// painted over it.
    fn import_placed<'a>(
        &'a self,
        dst: &mut Assembly<'a>,
        color: &ImageColor,
    ) -> Result<(ObjectId, Conversion)> {
        let pdf = match &self.content {
            Content::Pdf(pdf) => pdf,
            Content::Image(image) => return self.import_image(image, dst, color),
            Content::Color(_) => {
                return Err(fail(
                    &self.name,
                    PdfProblem::Unsupported,
                    "a colour is filled, not imported",
                ))
            }
        };
        let key = (Arc::as_ptr(&pdf.doc) as usize, pdf.page);
        let page = match dst.pages.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.import_page(pdf, dst)?;
                dst.pages.insert(key, id);
                id
            }
        };
        if self.media == pdf.media {
            return Ok((page, Conversion::None));
        }
        let part = dst
            .doc
            .add_object(form_drawing(self.media, b"Whole", page, Matrix::IDENTITY));
        Ok((part, Conversion::None))
    }

    /// The whole page as a Form XObject, its resources copied into `dst` and its streams
    /// borrowed.
    fn import_page<'a>(&'a self, pdf: &'a PdfPage, dst: &mut Assembly<'a>) -> Result<ObjectId> {
        let name = self.name.as_str();
        let (doc, page_id) = (&*pdf.doc, pdf.page);
        let page = doc
            .get_dictionary(page_id)
            .map_err(|e| fail(name, PdfProblem::Malformed, e))?;
        if dst.pdfx
            && let Some(refused) = refused_in_pdfx(name, page)
        {
            return Err(refused);
        }
        let mut copier = Copier {
            src: pdf,
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
            ("BBox", rect_array(pdf.media)),
            ("Resources", resources),
        ]);
        if let Some(group) = group {
            dict.set("Group", group);
        }
        Ok(match self.page_content(pdf, dict)? {
            PageContent::Borrowed(dict, content) => dst.borrow_stream(dict, content),
            PageContent::Joined(stream) => dst.doc.add_object(stream),
        })
    }

    /// Parts of an image made of its pixels ([`Raster::picked`]): for each of `picks`, the
    /// columns and rows of the image as seen, and the rectangle the part spans in this
    /// artwork's space (one pixel across and down there as in this artwork). `None` for
    /// artwork that is not an image.
    ///
    /// # Errors
    /// A JPEG that fails to decode again.
    pub(crate) fn image_parts(
        &self,
        picks: Vec<(Vec<u32>, Vec<u32>, Rect<Pdf>)>,
    ) -> Result<Option<Vec<Artwork>>> {
        let Content::Image(image) = &self.content else {
            return Ok(None);
        };
        let (rects, picks): (Vec<Rect<Pdf>>, Vec<Pick>) =
            picks.into_iter().map(|(c, r, rect)| (rect, (c, r))).unzip();
        let rasters = image.raster.picked(&self.name, &picks)?;
        Ok(Some(
            rasters
                .into_iter()
                .zip(rects)
                .map(|(raster, media)| Artwork::of_raster(self.name.clone(), raster, media))
                .collect(),
        ))
    }

    /// Puts image artwork into `dst` as [`Artwork::import`] does; it borrows nothing from it.
    /// Other artwork is refused.
    pub(crate) fn import_image_part(
        &self,
        dst: &mut Assembly<'_>,
        color: &ImageColor,
    ) -> Result<ObjectId> {
        match &self.content {
            Content::Image(image) => Ok(self.import_image(image, dst, color)?.0),
            _ => Err(fail(
                &self.name,
                PdfProblem::Unsupported,
                "only an image's part is imported this way",
            )),
        }
    }

    /// The image as an image XObject (with its soft mask), drawn by a Form XObject that spans
    /// the media box, turned and mirrored as its EXIF orientation says.
    fn import_image<'a>(
        &self,
        image: &SharedImage,
        dst: &mut Assembly<'a>,
        color: &ImageColor,
    ) -> Result<(ObjectId, Conversion)> {
        let made = image.made(&self.name, color)?;
        if dst.pdfx && made.mask.is_some() {
            return Err(not_pdfx(format!(
                "{} has transparency (an alpha channel), which PDF/X-1a does not allow; flatten \
                 it onto its background and give it again",
                self.name
            )));
        }
        let conversion = made.conversion;
        let mut dict = made.image.dict.clone();
        if made.mask.is_some() {
            let mask = dst.share_stream(
                made.mask
                    .as_ref()
                    .map_or_else(Dictionary::new, |m| m.dict.clone()),
                &made,
                true,
            );
            dict.set("SMask", Object::Reference(mask));
        }
        let xobject = dst.share_stream(dict, &made, false);
        let m = self.media;
        let placed = image.raster.header.orientation.place(m);
        let form = dst.doc.add_object(form_drawing(m, b"Im0", xobject, placed));
        Ok((form, conversion))
    }

    /// The page's content as one stream: a single stream is carried over as it is (still
    /// compressed); several are decoded and joined.
    fn page_content<'a>(&self, pdf: &'a PdfPage, mut dict: Dictionary) -> Result<PageContent<'a>> {
        let name = self.name.as_str();
        let (doc, page) = (&*pdf.doc, pdf.page);
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
            return Ok(PageContent::Borrowed(dict, pdf.content(s)));
        }
        let mut content = Vec::new();
        for id in ids {
            let remaining = pdf::MAX_DECOMPRESSED.saturating_sub(content.len());
            let s = stream(id)?;
            let s = &Stream::new(s.dict.clone(), pdf.bytes(name, s)?.to_vec());
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
    Borrowed(Dictionary, Piece<'a>),
    Joined(Stream),
}

/// Deep copy of objects from one document into another, each object once; streams are
/// borrowed.
struct Copier<'a, 'd> {
    src: &'a PdfPage,
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
                match self.src.doc.get_object(*id) {
                    Ok(Object::Stream(s)) => {
                        let dict = self.dict(&s.dict, depth + 1)?;
                        self.dst.insert_borrowed(new, dict, self.src.content(s));
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

/// A Form XObject spanning `bbox` that draws one XObject, `xobject` under the resource name
/// `name`, with `matrix`.
fn form_drawing(bbox: Rect<Pdf>, name: &[u8], xobject: ObjectId, matrix: Matrix) -> Stream {
    let mut content = content::Content::with_capacity(64);
    content.draw_xobject(name, matrix, None);
    let dict = Dictionary::from_iter(vec![
        ("Type", pdf::name("XObject")),
        ("Subtype", pdf::name("Form")),
        ("BBox", rect_array(bbox)),
        (
            "Resources",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "XObject",
                Object::Dictionary(Dictionary::from_iter(vec![(
                    name.to_vec(),
                    Object::Reference(xobject),
                )])),
            )])),
        ),
    ]);
    Stream::new(dict, content.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of `width` x `height` RGB pixels.
    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = ::png::Encoder::new(&mut out, width, height);
        encoder.set_color(::png::ColorType::Rgb);
        let mut writer = encoder.write_header().unwrap();
        let pixels: Vec<u8> = (0..width * height * 3).map(|i| (i % 251) as u8).collect();
        writer.write_image_data(&pixels).unwrap();
        writer.finish().unwrap();
        out
    }

    #[test]
    fn an_image_is_made_once_per_colour_and_shared_by_its_copies() {
        let art = Artwork::from_vec("a.png", png(40, 30)).unwrap();
        let copy = art.named("b.png");
        assert_eq!(copy.name(), "b.png");
        let (Content::Image(a), Content::Image(b)) = (&art.content, &copy.content) else {
            panic!("not images")
        };
        assert!(Arc::ptr_eq(a, b));
        let first = a.made("a.png", &ImageColor::AsIs).unwrap();
        let again = b.made("b.png", &ImageColor::AsIs).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(
            first.image.dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"FlateDecode"
        );
        assert_eq!(a.made.lock().unwrap().len(), 1);
        // Two covers placing it write the same streams, made once.
        let mut one = Assembly::new();
        let mut two = Assembly::new();
        art.import(&mut one, &ImageColor::AsIs).unwrap();
        copy.import(&mut two, &ImageColor::AsIs).unwrap();
        assert_eq!(a.made.lock().unwrap().len(), 1);
        // Held by the image, `first`, `again` and each cover.
        assert_eq!(Arc::strong_count(&first), 5);
    }
}
