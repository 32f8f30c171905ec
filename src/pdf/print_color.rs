//! What a PDF page holds that a CMYK cover file made to PDF/X-1a cannot carry: RGB and other
//! colour that is neither CMYK nor grey, spot colour, shadings, patterns and transparency.
//!
//! The page's resources are walked whole (its forms, images, graphics states and Type 3 fonts),
//! and its content streams are read for colour set without a resource (`rg`, `/DeviceRGB cs`,
//! an inline image's `/CS /RGB`). A resource the content never uses counts as well: art made
//! for print has none.

use std::collections::{BTreeSet, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::error::{PdfProblem, Result};
use crate::pdf::{self, fail};

/// Objects and streams followed at most this deep.
const MAX_DEPTH: usize = 32;

/// What a page holds that CMYK-only print files cannot carry, each named as messages say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Unprintable {
    /// DeviceRGB, CalRGB or an ICC-based RGB space.
    Rgb,
    /// Lab, or an ICC-based space of other than 1, 3 or 4 channels.
    OtherColor,
    /// Separation or DeviceN.
    Spot,
    /// A shading (smooth shade or gradient).
    Shading,
    /// A pattern.
    Pattern,
    /// A soft mask, a transparency group, an opacity below 1 or a blend mode.
    Transparency,
}

impl Unprintable {
    /// In words, e.g. `RGB colour`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Unprintable::Rgb => "RGB colour",
            Unprintable::OtherColor => "colour that is neither CMYK nor grey (Lab or ICC-based)",
            Unprintable::Spot => "spot colour (Separation or DeviceN)",
            Unprintable::Shading => "shadings",
            Unprintable::Pattern => "patterns",
            Unprintable::Transparency => "transparency",
        }
    }
}

/// What page `page` of `doc` holds that a CMYK PDF/X-1a cover cannot carry; empty if nothing.
/// `name` is the file's, for errors.
///
/// # Errors
/// A content stream that cannot be decompressed, or a reader panic.
pub(crate) fn unprintable(
    name: &str,
    doc: &Document,
    page: ObjectId,
) -> Result<BTreeSet<Unprintable>> {
    let mut walk = Walk {
        name,
        doc,
        seen: HashSet::new(),
        found: BTreeSet::new(),
    };
    let dict = doc
        .get_dictionary(page)
        .map_err(|e| fail(name, PdfProblem::Malformed, e))?;
    walk.group(dict);
    if let Some(resources) = pdf::inherited(doc, dict, b"Resources") {
        walk.resources(resources, 0)?;
    }
    let ids = pdf::untrusted(name, "the PDF parser", || doc.get_page_contents(page))?;
    for id in ids {
        if let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) {
            walk.content(stream)?;
        }
    }
    Ok(walk.found)
}

struct Walk<'a> {
    name: &'a str,
    doc: &'a Document,
    /// Objects already walked.
    seen: HashSet<ObjectId>,
    found: BTreeSet<Unprintable>,
}

impl<'a> Walk<'a> {
    /// The object a reference points to (or the object itself), and whether it was walked
    /// before.
    fn follow(&mut self, object: &'a Object) -> Option<&'a Object> {
        match object {
            Object::Reference(id) => {
                if !self.seen.insert(*id) {
                    return None;
                }
                self.doc.get_object(*id).ok()
            }
            other => Some(other),
        }
    }

    /// The object a reference points to, without marking it walked.
    fn deref(&self, object: &'a Object) -> &'a Object {
        deref(self.doc, object)
    }

    fn dict(&self, object: &'a Object) -> Option<&'a Dictionary> {
        dict(self.doc, object)
    }

    fn name_of(&self, object: &'a Object) -> Option<&'a [u8]> {
        self.deref(object).as_name().ok()
    }

    /// A transparency group on a page or form.
    fn group(&mut self, dict: &'a Dictionary) {
        let transparency = dict
            .get(b"Group")
            .ok()
            .and_then(|g| self.dict(g))
            .and_then(|g| g.get(b"S").ok())
            .and_then(|s| self.name_of(s))
            == Some(b"Transparency");
        if transparency {
            self.found.insert(Unprintable::Transparency);
        }
    }

    fn resources(&mut self, resources: &'a Object, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(fail(
                self.name,
                PdfProblem::TooLarge,
                "objects are nested too deeply",
            ));
        }
        let Some(resources) = self.follow(resources).and_then(|o| self.dict(o)) else {
            return Ok(());
        };
        let doc = self.doc;
        let entries = |key: &[u8]| -> Vec<&'a Object> {
            resources
                .get(key)
                .ok()
                .and_then(|o| dict(doc, o))
                .map(|d| d.iter().map(|(_, v)| v).collect())
                .unwrap_or_default()
        };
        for space in entries(b"ColorSpace") {
            self.space(space, 0);
        }
        if !entries(b"Pattern").is_empty() {
            self.found.insert(Unprintable::Pattern);
        }
        if !entries(b"Shading").is_empty() {
            self.found.insert(Unprintable::Shading);
        }
        for state in entries(b"ExtGState") {
            if let Some(state) = self.dict(state) {
                self.graphics_state(state);
            }
        }
        for object in entries(b"XObject") {
            let Some(Object::Stream(stream)) = self.follow(object) else {
                continue;
            };
            match stream
                .dict
                .get(b"Subtype")
                .ok()
                .and_then(|s| self.name_of(s))
            {
                Some(b"Image") => self.image(&stream.dict),
                Some(b"Form") => {
                    self.group(&stream.dict);
                    if let Ok(r) = stream.dict.get(b"Resources") {
                        self.resources(r, depth + 1)?;
                    }
                    self.content(stream)?;
                }
                _ => {}
            }
        }
        for font in entries(b"Font") {
            if let Some(r) = self.dict(font).and_then(|f| f.get(b"Resources").ok()) {
                self.resources(r, depth + 1)?;
            }
        }
        Ok(())
    }

    fn graphics_state(&mut self, state: &'a Dictionary) {
        let below_one = |key: &[u8]| {
            state
                .get(key)
                .ok()
                .and_then(|v| self.deref(v).as_float().ok())
                .is_some_and(|v| v < 1.0)
        };
        let soft_mask = state
            .get(b"SMask")
            .is_ok_and(|m| self.name_of(m) != Some(b"None"));
        let blend = state
            .get(b"BM")
            .is_ok_and(|m| !matches!(self.name_of(m), Some(b"Normal" | b"Compatible")));
        if soft_mask || blend || below_one(b"CA") || below_one(b"ca") {
            self.found.insert(Unprintable::Transparency);
        }
    }

    fn image(&mut self, dict: &'a Dictionary) {
        if dict.get(b"SMask").is_ok()
            || dict
                .get(b"SMaskInData")
                .ok()
                .and_then(|v| self.deref(v).as_i64().ok())
                .is_some_and(|v| v > 0)
        {
            self.found.insert(Unprintable::Transparency);
        }
        if let Ok(space) = dict.get(b"ColorSpace") {
            self.space(space, 0);
        }
    }

    /// Notes what a colour space is, if CMYK print cannot carry it.
    fn space(&mut self, space: &'a Object, depth: usize) {
        if depth > 4 {
            return;
        }
        let space = self.deref(space);
        let (family, rest): (&[u8], &[Object]) = match space {
            Object::Name(n) => (n, &[]),
            Object::Array(items) => match items.split_first() {
                Some((first, rest)) => (self.name_of(first).unwrap_or(b""), rest),
                None => return,
            },
            _ => return,
        };
        let found = match family {
            b"DeviceRGB" | b"RGB" | b"CalRGB" => Unprintable::Rgb,
            b"Lab" => Unprintable::OtherColor,
            b"Separation" | b"DeviceN" => Unprintable::Spot,
            b"Pattern" => Unprintable::Pattern,
            b"ICCBased" => {
                let channels = rest
                    .first()
                    .and_then(|s| self.dict(s))
                    .and_then(|d| d.get(b"N").ok())
                    .and_then(|n| self.deref(n).as_i64().ok());
                match channels {
                    Some(1 | 4) => return,
                    Some(3) => Unprintable::Rgb,
                    _ => Unprintable::OtherColor,
                }
            }
            b"Indexed" | b"I" => {
                if let Some(base) = rest.first() {
                    self.space(base, depth + 1);
                }
                return;
            }
            _ => return,
        };
        self.found.insert(found);
    }

    /// Reads a content stream for colour set without a resource.
    fn content(&mut self, stream: &'a Stream) -> Result<()> {
        let name = self.name;
        let bytes = if stream.dict.get(b"Filter").is_ok() {
            pdf::untrusted(name, "the PDF stream decoder", || {
                stream.decompressed_content_with_limit(pdf::MAX_DECOMPRESSED)
            })?
            .map_err(|e| fail(name, PdfProblem::Malformed, format!("page content: {e}")))?
        } else {
            stream.content.clone()
        };
        if content_sets_rgb(&bytes) {
            self.found.insert(Unprintable::Rgb);
        }
        Ok(())
    }
}

/// The object a reference points to (an object that is not one, itself).
fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(&Object::Null),
        other => other,
    }
}

/// A dictionary, or a stream's dictionary, where the object (or what it points to) is one.
fn dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, object) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// Whether content sets RGB colour without a resource: `rg` or `RG`, a `/DeviceRGB` or
/// `/CalRGB` colour space named in place, or an inline image in RGB.
fn content_sets_rgb(bytes: &[u8]) -> bool {
    let regular = |b: u8| !is_space(b) && !b"()<>[]{}/%".contains(&b);
    let mut inline = false;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        match b {
            b if is_space(b) => at += 1,
            b'%' => {
                while bytes.get(at).is_some_and(|&b| b != b'\n' && b != b'\r') {
                    at += 1;
                }
            }
            b'(' => at = skip_string(bytes, at),
            b'<' if bytes.get(at + 1) == Some(&b'<') => at += 2,
            b'<' => {
                while bytes.get(at).is_some_and(|&b| b != b'>') {
                    at += 1;
                }
                at += 1;
            }
            b'/' => {
                let start = at + 1;
                at = start;
                while bytes.get(at).is_some_and(|&b| regular(b)) {
                    at += 1;
                }
                let name = &bytes[start..at];
                if name == b"DeviceRGB" || name == b"CalRGB" || (inline && name == b"RGB") {
                    return true;
                }
            }
            b if !regular(b) => at += 1,
            _ => {
                let start = at;
                while bytes.get(at).is_some_and(|&b| regular(b)) {
                    at += 1;
                }
                match &bytes[start..at] {
                    b"rg" | b"RG" => return true,
                    b"BI" => inline = true,
                    b"ID" if inline => {
                        inline = false;
                        at = skip_inline_data(bytes, at + 1);
                    }
                    _ => {}
                }
            }
        }
    }
    false
}

/// PDF white space.
fn is_space(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

/// Where a literal string starting at `at` (its `(`) ends: after its balancing `)`.
fn skip_string(bytes: &[u8], mut at: usize) -> usize {
    let mut depth = 0usize;
    while let Some(&b) = bytes.get(at) {
        at += 1;
        match b {
            b'\\' => at += 1,
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    at
}

/// Where an inline image's data starting at `at` ends: after the `EI` that follows white space
/// and is followed by white space or the end.
fn skip_inline_data(bytes: &[u8], mut at: usize) -> usize {
    while at + 2 <= bytes.len() {
        if &bytes[at..at + 2] == b"EI"
            && at > 0
            && is_space(bytes[at - 1])
            && bytes.get(at + 2).is_none_or(|&b| is_space(b))
        {
            return at + 2;
        }
        at += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rgb_set_in_content_is_found() {
        assert!(content_sets_rgb(b"q 1 0 0 rg 0 0 10 10 re f Q"));
        assert!(content_sets_rgb(b"0.2 0.3 0.4 RG"));
        assert!(content_sets_rgb(b"/DeviceRGB cs 1 0 0 sc"));
        assert!(content_sets_rgb(
            b"BI /W 1 /H 1 /CS /RGB /BPC 8 ID \x00\x01\x02 EI"
        ));
        // CMYK, grey, and the same letters in strings, names and inline data are not.
        assert!(!content_sets_rgb(b"0 0 0 1 k 0.5 g 0 0 0 1 K"));
        assert!(!content_sets_rgb(b"BT (rg RG /DeviceRGB) Tj ET /rg gs"));
        assert!(!content_sets_rgb(b"% 1 0 0 rg\n0 g"));
        assert!(!content_sets_rgb(
            b"BI /W 2 /H 1 /CS /G /BPC 8 ID rg EI 0 g"
        ));
        assert!(!content_sets_rgb(b"/RGB cs"));
        assert!(!content_sets_rgb(b"<</Tag (x)>> BDC <0a0b> Tj EMC"));
    }
}
