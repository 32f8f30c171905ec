//! The colour a page shows around a place on it, read from its own paint: the decoded pixels of
//! the image drawn there, or the colour of the filled rectangle. Nothing is rendered.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::pdf::raster;
use crate::pdf::{self, MAX_DECOMPRESSED};
use crate::units::{Length, Matrix, Pdf, Rect};

/// Forms followed inside one another at most.
const MAX_DEPTH: usize = 8;
/// Points sampled along each side of the ring around the place.
const PER_SIDE: usize = 16;

/// A colour in the space the page paints it in, each component from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Paint {
    Gray(f64),
    Rgb([f64; 3]),
    Cmyk([f64; 4]),
}

impl Paint {
    /// The fill operator that sets this colour (`0.1 0.2 0.3 rg`).
    pub(crate) fn operator(self) -> String {
        let n = |v: f64| format!("{:.4}", v.clamp(0.0, 1.0));
        match self {
            Paint::Gray(g) => format!("{} g", n(g)),
            Paint::Rgb([r, g, b]) => format!("{} {} {} rg", n(r), n(g), n(b)),
            Paint::Cmyk([c, m, y, k]) => format!("{} {} {} {} k", n(c), n(m), n(y), n(k)),
        }
    }

    /// In words, for reports: `RGB 12% 40% 55%`, `CMYK 80/10/45/5`, `grey 20%`.
    pub(crate) fn describe(self) -> String {
        let pc = |v: f64| format!("{:.0}", v.clamp(0.0, 1.0) * 100.0);
        match self {
            Paint::Gray(g) => format!("grey {}%", pc(g)),
            Paint::Rgb([r, g, b]) => format!("RGB {}% {}% {}%", pc(r), pc(g), pc(b)),
            Paint::Cmyk([c, m, y, k]) => format!("CMYK {}/{}/{}/{}", pc(c), pc(m), pc(y), pc(k)),
        }
    }

    fn kind(self) -> usize {
        match self {
            Paint::Gray(_) => 0,
            Paint::Rgb(_) => 1,
            Paint::Cmyk(_) => 2,
        }
    }

    fn components(self) -> Vec<f64> {
        match self {
            Paint::Gray(g) => vec![g],
            Paint::Rgb(c) => c.to_vec(),
            Paint::Cmyk(c) => c.to_vec(),
        }
    }

    fn from_components(c: &[f64]) -> Option<Paint> {
        match *c {
            [g] => Some(Paint::Gray(g)),
            [r, g, b] => Some(Paint::Rgb([r, g, b])),
            [c, m, y, k] => Some(Paint::Cmyk([c, m, y, k])),
            _ => None,
        }
    }

    /// The mean of `samples` in the space most of them are in.
    pub(crate) fn mean(samples: &[Paint]) -> Option<Paint> {
        let mut counts = [0usize; 3];
        for s in samples {
            counts[s.kind()] += 1;
        }
        let kind = (0..3)
            .max_by_key(|k| counts[*k])
            .filter(|k| counts[*k] > 0)?;
        let same: Vec<Vec<f64>> = samples
            .iter()
            .filter(|s| s.kind() == kind)
            .map(|s| s.components())
            .collect();
        let n = same.len() as f64;
        let sums = same.iter().fold(vec![0.0; same[0].len()], |acc, c| {
            acc.iter().zip(c).map(|(a, b)| a + b).collect()
        });
        Paint::from_components(&sums.iter().map(|s| s / n).collect::<Vec<_>>())
    }
}

/// Points on the ring `gap` outside `r` (in the page's coordinates), [`PER_SIDE`] a side.
pub(crate) fn ring(r: Rect<Pdf>, gap: Length) -> Vec<(f64, f64)> {
    let (x0, y0) = ((r.x - gap).to_pt(), (r.y - gap).to_pt());
    let (x1, y1) = (
        (r.x + r.width + gap).to_pt(),
        (r.y + r.height + gap).to_pt(),
    );
    let mut points = Vec::with_capacity(PER_SIDE * 4);
    for i in 0..PER_SIDE {
        let t = (i as f64 + 0.5) / PER_SIDE as f64;
        let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
        points.extend([(x, y0), (x, y1), (x0, y), (x1, y)]);
    }
    points
}

/// What a page paints, in order, with the clip it shows in (page coordinates).
enum Painted<'a> {
    Fill(Rect<Pdf>, Paint),
    Image(Matrix, &'a Stream),
}

/// Reads a page's content for its filled rectangles and images.
struct Walk<'a> {
    doc: &'a Document,
    name: &'a str,
    paints: Vec<(Option<Rect<Pdf>>, Painted<'a>)>,
    /// Content bytes that may still be read.
    budget: usize,
}

fn numbers(operands: &[Object]) -> Vec<f64> {
    operands
        .iter()
        .filter_map(|o| o.as_float().ok().map(f64::from))
        .collect()
}

fn inside(clip: Option<Rect<Pdf>>, (x, y): (f64, f64)) -> bool {
    clip.is_none_or(|c| {
        x >= c.x.to_pt()
            && x <= (c.x + c.width).to_pt()
            && y >= c.y.to_pt()
            && y <= (c.y + c.height).to_pt()
    })
}

/// The box around `points`.
fn bounds(points: &[(f64, f64)]) -> Rect<Pdf> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in points {
        (x0, y0, x1, y1) = (x0.min(*x), y0.min(*y), x1.max(*x), y1.max(*y));
    }
    Rect::new(
        Length::pt(x0),
        Length::pt(y0),
        Length::pt(x1 - x0),
        Length::pt(y1 - y0),
    )
}

fn meet(a: Option<Rect<Pdf>>, b: Rect<Pdf>) -> Option<Rect<Pdf>> {
    let nothing = Rect::new(Length::ZERO, Length::ZERO, Length::ZERO, Length::ZERO);
    Some(match a {
        Some(a) => a.intersection(&b).unwrap_or(nothing),
        None => b,
    })
}

impl<'a> Walk<'a> {
    fn resource(&self, resources: &'a Dictionary, name: &[u8]) -> Option<&'a Stream> {
        let xobjects = resources.get(b"XObject").ok()?;
        let xobjects = self.doc.dereference(xobjects).ok()?.1.as_dict().ok()?;
        let object = xobjects.get(name).ok()?;
        self.doc.dereference(object).ok()?.1.as_stream().ok()
    }

    fn run(
        &mut self,
        bytes: &[u8],
        resources: &'a Dictionary,
        ctm: Matrix,
        clip: Option<Rect<Pdf>>,
        depth: usize,
    ) {
        if bytes.len() > self.budget {
            return;
        }
        self.budget -= bytes.len();
        let Ok(Ok(content)) = pdf::untrusted(self.name, "the PDF content parser", || {
            Content::decode(bytes)
        }) else {
            return;
        };
        let (mut ctm, mut clip) = (ctm, clip);
        let mut fill: Option<Paint> = Some(Paint::Gray(0.0));
        let mut stack = Vec::new();
        let mut path: Vec<Rect<Pdf>> = Vec::new();
        let mut clipping = false;
        for op in &content.operations {
            let args = numbers(&op.operands);
            match (op.operator.as_str(), args.as_slice()) {
                ("q", _) if stack.len() < 64 => stack.push((ctm, clip, fill)),
                ("Q", _) => {
                    if let Some(saved) = stack.pop() {
                        (ctm, clip, fill) = saved;
                    }
                }
                ("cm", [a, b, c, d, e, f]) => ctm = Matrix([*a, *b, *c, *d, *e, *f]).then(ctm),
                ("g", [g]) => fill = Some(Paint::Gray(*g)),
                ("rg", [r, g, b]) => fill = Some(Paint::Rgb([*r, *g, *b])),
                ("k", [c, m, y, k]) => fill = Some(Paint::Cmyk([*c, *m, *y, *k])),
                ("sc" | "scn", _) => fill = Paint::from_components(&args),
                ("cs", _) => fill = None,
                ("re", [x, y, w, h]) => {
                    let corners = [(*x, *y), (x + w, *y), (*x, y + h), (x + w, y + h)];
                    path.push(bounds(&corners.map(|(x, y)| ctm.apply(x, y))));
                }
                ("W" | "W*", _) => clipping = true,
                (o @ ("f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "n" | "S" | "s"), _) => {
                    if !matches!(o, "n" | "S" | "s")
                        && let Some(paint) = fill
                    {
                        let fills = path.iter().map(|r| (clip, Painted::Fill(*r, paint)));
                        self.paints.extend(fills);
                    }
                    if clipping && !path.is_empty() {
                        let all: Vec<(f64, f64)> = path
                            .iter()
                            .flat_map(|r| {
                                [
                                    (r.x.to_pt(), r.y.to_pt()),
                                    ((r.x + r.width).to_pt(), (r.y + r.height).to_pt()),
                                ]
                            })
                            .collect();
                        clip = meet(clip, bounds(&all));
                    }
                    path.clear();
                    clipping = false;
                }
                ("Do", _) => {
                    let name = op.operands.first().and_then(|n| n.as_name().ok());
                    if let Some(stream) = name.and_then(|n| self.resource(resources, n)) {
                        self.draw(stream, resources, ctm, clip, depth);
                    }
                }
                _ => {}
            }
        }
    }

    fn draw(
        &mut self,
        stream: &'a Stream,
        resources: &'a Dictionary,
        ctm: Matrix,
        clip: Option<Rect<Pdf>>,
        depth: usize,
    ) {
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.paints.push((clip, Painted::Image(ctm, stream))),
            Ok(b"Form") if depth < MAX_DEPTH => {
                let m = stream
                    .dict
                    .get(b"Matrix")
                    .and_then(Object::as_array)
                    .map(|m| numbers(m))
                    .ok()
                    .and_then(|m| <[f64; 6]>::try_from(m).ok())
                    .map_or(Matrix::IDENTITY, Matrix);
                let ctm = m.then(ctm);
                let clip = match stream.dict.get(b"BBox").and_then(Object::as_array) {
                    Ok(b) => match numbers(b).as_slice() {
                        [x0, y0, x1, y1] => {
                            let corners = [(*x0, *y0), (*x1, *y0), (*x0, *y1), (*x1, *y1)];
                            meet(clip, bounds(&corners.map(|(x, y)| ctm.apply(x, y))))
                        }
                        _ => clip,
                    },
                    Err(_) => clip,
                };
                let inner = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|r| self.doc.dereference(r).ok())
                    .and_then(|(_, r)| r.as_dict().ok())
                    .unwrap_or(resources);
                let bytes = match stream.decompressed_content_with_limit(self.budget) {
                    Ok(b) => b,
                    Err(_) if stream.dict.get(b"Filter").is_err() => stream.content.clone(),
                    Err(_) => return,
                };
                self.run(&bytes, inner, ctm, clip, depth + 1);
            }
            _ => {}
        }
    }
}

/// An image's decoded samples: width, height, components per pixel, 8-bit samples from the
/// top row down (an uncompressed image's own, not copied).
struct Decoded<'a> {
    width: usize,
    height: usize,
    components: usize,
    samples: std::borrow::Cow<'a, [u8]>,
}

impl Decoded<'_> {
    /// The pixel at (`u`, `v`) of the unit square the image is drawn in (`v` upwards).
    fn at(&self, u: f64, v: f64) -> Option<Paint> {
        if !(0.0..=1.0).contains(&u) || !(0.0..=1.0).contains(&v) {
            return None;
        }
        let col = ((u * self.width as f64) as usize).min(self.width - 1);
        let row = (((1.0 - v) * self.height as f64) as usize).min(self.height - 1);
        let i = (row * self.width + col) * self.components;
        let px: Vec<f64> = self
            .samples
            .get(i..i + self.components)?
            .iter()
            .map(|s| f64::from(*s) / 255.0)
            .collect();
        Paint::from_components(&px)
    }
}

/// Decodes an image XObject of 8-bit grey, RGB or CMYK samples, uncompressed, Flate or JPEG.
fn decode<'a>(doc: &Document, name: &str, stream: &'a Stream) -> Option<Decoded<'a>> {
    let dict = &stream.dict;
    let int = |k: &[u8]| dict.get(k).ok().and_then(|v| v.as_i64().ok());
    let (width, height) = (
        usize::try_from(int(b"Width")?).ok()?,
        usize::try_from(int(b"Height")?).ok()?,
    );
    if width == 0 || height == 0 || (width * height) as u64 > raster::MAX_PIXELS {
        return None;
    }
    let filter = match dict.get(b"Filter").ok().map(|f| doc.dereference(f)) {
        None => None,
        Some(Ok((_, Object::Name(n)))) => Some(n.clone()),
        Some(Ok((_, Object::Array(a)))) if a.len() == 1 => Some(a[0].as_name().ok()?.to_vec()),
        Some(_) => return None,
    };
    if filter.as_deref() == Some(b"DCTDecode") {
        let (_, pixels) = raster::decode(name, &stream.content).ok()?;
        let components = pixels.space.components();
        if (pixels.width as usize, pixels.height as usize) != (width, height) {
            return None;
        }
        return Some(Decoded {
            width,
            height,
            components,
            samples: pixels.samples.into(),
        });
    }
    if int(b"BitsPerComponent") != Some(8) || dict.has(b"Decode") {
        return None;
    }
    let space = doc.dereference(dict.get(b"ColorSpace").ok()?).ok()?.1;
    let components = match space {
        Object::Name(n) if n == b"DeviceGray" => 1,
        Object::Name(n) if n == b"DeviceRGB" => 3,
        Object::Name(n) if n == b"DeviceCMYK" => 4,
        Object::Array(a) if a.first().and_then(|n| n.as_name().ok()) == Some(b"ICCBased") => {
            let profile = doc.dereference(a.get(1)?).ok()?.1.as_stream().ok()?;
            match profile.dict.get(b"N").ok()?.as_i64().ok()? {
                n @ (1 | 3 | 4) => n as usize,
                _ => return None,
            }
        }
        _ => return None,
    };
    let samples: std::borrow::Cow<'_, [u8]> = match filter.as_deref() {
        None => stream.content.as_slice().into(),
        Some(b"FlateDecode") => pdf::untrusted(name, "the PDF stream decoder", || {
            stream.decompressed_content_with_limit(MAX_DECOMPRESSED)
        })
        .ok()?
        .ok()?
        .into(),
        Some(_) => return None,
    };
    (samples.len() >= width * height * components).then_some(Decoded {
        width,
        height,
        components,
        samples,
    })
}

/// The mean colour a PDF page shows at `points` (in the page's coordinates): at each, the
/// last paint drawn there that shows, an image's pixel or a rectangle's fill. `None` when no
/// point could be read (shadings, patterns, images in other encodings).
pub(crate) fn page_colour(
    doc: &Document,
    page: ObjectId,
    name: &str,
    points: &[(f64, f64)],
) -> Option<Paint> {
    let page_dict = doc.get_dictionary(page).ok()?;
    let resources = pdf::inherited(doc, page_dict, b"Resources")
        .and_then(|r| doc.dereference(r).ok())
        .and_then(|(_, r)| r.as_dict().ok());
    let empty = Dictionary::new();
    let mut walk = Walk {
        doc,
        name,
        paints: Vec::new(),
        budget: MAX_DECOMPRESSED,
    };
    let content = pdf::untrusted(name, "the PDF parser", || doc.get_page_content(page)).ok()?;
    walk.run(
        &content,
        resources.unwrap_or(&empty),
        Matrix::IDENTITY,
        None,
        0,
    );
    let mut decoded: HashMap<usize, Option<Decoded>> = HashMap::new();
    let mut samples = Vec::new();
    for &point in points {
        for (clip, paint) in walk.paints.iter().rev() {
            if !inside(*clip, point) {
                continue;
            }
            let found = match paint {
                Painted::Fill(r, p) => inside(Some(*r), point).then_some(*p),
                Painted::Image(m, stream) => {
                    let Some((u, v)) = invert(*m, point) else {
                        continue;
                    };
                    let key = std::ptr::from_ref(*stream) as usize;
                    decoded
                        .entry(key)
                        .or_insert_with(|| decode(doc, name, stream))
                        .as_ref()
                        .and_then(|d| d.at(u, v))
                }
            };
            if let Some(p) = found {
                samples.push(p);
                break;
            }
        }
    }
    Paint::mean(&samples)
}

/// The point of the unit square that `m` maps onto `(x, y)`, if `m` can be inverted.
fn invert(m: Matrix, (x, y): (f64, f64)) -> Option<(f64, f64)> {
    let [a, b, c, d, e, f] = m.0;
    let det = a * d - b * c;
    if det.abs() < 1e-12 {
        return None;
    }
    let (x, y) = (x - e, y - f);
    Some(((d * x - c * y) / det, (a * y - b * x) / det))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mean_is_taken_in_the_space_most_samples_are_in() {
        let samples = [
            Paint::Rgb([0.2, 0.4, 0.6]),
            Paint::Rgb([0.4, 0.6, 0.8]),
            Paint::Gray(1.0),
        ];
        let Some(Paint::Rgb([r, g, b])) = Paint::mean(&samples) else {
            panic!("not RGB");
        };
        assert!((r - 0.3).abs() < 1e-9 && (g - 0.5).abs() < 1e-9 && (b - 0.7).abs() < 1e-9);
        assert_eq!(Paint::mean(&[]), None);
        assert_eq!(
            Paint::Cmyk([0.1, 0.2, 0.3, 0.0]).operator(),
            "0.1000 0.2000 0.3000 0.0000 k"
        );
    }

    #[test]
    fn a_point_maps_back_into_the_unit_square() {
        let m = Matrix([200.0, 0.0, 0.0, -100.0, 10.0, 120.0]);
        let (u, v) = invert(m, m.apply(0.25, 0.75)).unwrap();
        assert!((u - 0.25).abs() < 1e-12 && (v - 0.75).abs() < 1e-12);
    }
}
