//! Artwork: the first page of a PDF, ready to be placed on a cover as a Form XObject.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::error::Result;
use crate::pdf::{self, fail, rect_array};
use crate::units::Rect;

/// Objects copied from one artwork file at most (a guard against hostile files).
const MAX_OBJECTS: usize = 1_000_000;
/// Nesting of arrays and dictionaries followed at most.
const MAX_DEPTH: usize = 64;

/// The first page of an artwork PDF: a front or back cover, a spine, or a whole cover.
///
/// Its images and fonts are carried over as they are (never re-encoded) when it is placed.
#[derive(Debug, Clone)]
pub struct Artwork {
    name: String,
    doc: Document,
    page: ObjectId,
    media: Rect,
    trim: Option<Rect>,
    bleed: Option<Rect>,
}

impl Artwork {
    /// Reads the first page of a PDF. `name` is used in messages only.
    ///
    /// Encrypted, malformed and rotated pages give an error.
    pub fn from_pdf(name: &str, bytes: &[u8]) -> Result<Artwork> {
        let doc = pdf::load(name, bytes)?;
        let page = pdf::first_page(name, &doc)?;
        let dict = doc.get_dictionary(page).map_err(|e| fail(name, e))?;
        let rotate = pdf::inherited(&doc, dict, b"Rotate")
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(0);
        if rotate.rem_euclid(360) != 0 {
            return Err(fail(
                name,
                format!("page 1 is rotated by {rotate} degrees; save it unrotated"),
            ));
        }
        let media = pdf::page_box(&doc, dict, b"MediaBox")
            .ok_or_else(|| fail(name, "page 1 has no valid MediaBox"))?;
        let trim = pdf::page_box(&doc, dict, b"TrimBox");
        let bleed = pdf::page_box(&doc, dict, b"BleedBox");
        Ok(Artwork {
            name: name.to_string(),
            doc,
            page,
            media,
            trim,
            bleed,
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

    /// Copies the page into `dst` as a Form XObject and returns its id.
    pub(crate) fn import(&self, dst: &mut Document) -> Result<ObjectId> {
        let name = self.name.as_str();
        let page = self
            .doc
            .get_dictionary(self.page)
            .map_err(|e| fail(name, e))?;
        let mut copier = Copier {
            src: &self.doc,
            dst,
            map: HashMap::new(),
            name,
        };
        let resources = match pdf::inherited(&self.doc, page, b"Resources") {
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
        let stream = self.content(dict)?;
        Ok(dst.add_object(stream))
    }

    /// The page's content as one stream: a single stream is carried over as it is (still
    /// compressed); several are decoded and joined.
    fn content(&self, mut dict: Dictionary) -> Result<Stream> {
        let name = self.name.as_str();
        let ids = self.doc.get_page_contents(self.page);
        let stream = |id: ObjectId| {
            self.doc
                .get_object(id)
                .and_then(Object::as_stream)
                .map_err(|e| fail(name, format!("page content: {e}")))
        };
        if let [id] = ids.as_slice() {
            let s = stream(*id)?;
            for key in [&b"Filter"[..], b"DecodeParms"] {
                if let Ok(v) = s.dict.get(key) {
                    dict.set(key.to_vec(), v.clone());
                }
            }
            return Ok(Stream::new(dict, s.content.clone()).with_compression(false));
        }
        let mut content = Vec::new();
        for id in ids {
            let remaining = pdf::MAX_DECOMPRESSED.saturating_sub(content.len());
            let s = stream(id)?;
            let bytes = if s.dict.get(b"Filter").is_ok() {
                s.decompressed_content_with_limit(remaining)
                    .map_err(|e| fail(name, format!("page content: {e}")))?
            } else {
                s.content.clone()
            };
            content.extend_from_slice(&bytes);
            content.push(b'\n');
        }
        Ok(Stream::new(dict, content))
    }
}

/// Deep copy of objects from one document into another, each object once.
struct Copier<'a> {
    src: &'a Document,
    dst: &'a mut Document,
    map: HashMap<ObjectId, ObjectId>,
    name: &'a str,
}

impl Copier<'_> {
    fn copy(&mut self, object: &Object, depth: usize) -> Result<Object> {
        if depth > MAX_DEPTH {
            return Err(fail(self.name, "objects are nested too deeply"));
        }
        Ok(match object {
            Object::Reference(id) => {
                if let Some(new) = self.map.get(id) {
                    return Ok(Object::Reference(*new));
                }
                if self.map.len() >= MAX_OBJECTS {
                    return Err(fail(self.name, "the page uses too many objects"));
                }
                let new = self.dst.new_object_id();
                self.map.insert(*id, new);
                let copied = match self.src.get_object(*id) {
                    Ok(o) => self.copy(o, depth + 1)?,
                    Err(_) => Object::Null,
                };
                self.dst.objects.insert(new, copied);
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

    /// Copies a dictionary, leaving out links back into the source's page tree.
    fn dict(&mut self, d: &Dictionary, depth: usize) -> Result<Dictionary> {
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
