//! Images measured for ink once however many covers place them: an image stream's samples are
//! decoded once, with the most ink of each stretch of each row noted, so that whatever part of
//! the image a cover shows is measured by reading a few numbers a row.
//!
//! A batch checks every cover it writes, and its covers share their art: the same image streams
//! (the same bytes, decoded the same way) in thousands of files. [`ImageMeasures`] keeps each
//! one's decoded samples for the run, keyed by a hash of the stream's bytes and how they decode;
//! each cover's findings are still its own, from where its file places and clips the image.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};

use crate::color::gray_to_cmyk;

/// Pixels of a row whose most ink is noted together.
const STRETCH: usize = 32;

/// An image's 8-bit samples (CMYK or grey), decoded, with the most ink of each [`STRETCH`] of
/// each row.
pub(super) struct Measured {
    width: usize,
    /// 4 for CMYK, 1 for grey.
    components: usize,
    /// `width * height * components` samples, rows from the top.
    samples: Vec<u8>,
    /// For each row, the highest [`score`](Measured::score) of each stretch of it.
    stretches: Vec<u16>,
    /// The peaks of the parts measured so far (covers of one trim show the same part), up to
    /// [`KEPT_PEAKS`].
    peaks: Mutex<Vec<(Part, Option<Peak>)>>,
}

/// Columns and rows of an image.
type Part = (Range<usize>, Range<usize>);

/// A pixel's column, row and inks.
type Peak = (usize, usize, [u8; 4]);

/// Parts of an image whose peaks are kept.
const KEPT_PEAKS: usize = 16;

impl Measured {
    /// The image of `samples` (at least `width * height * components` of them; any beyond are
    /// dropped), `components` 4 (CMYK) or 1 (grey).
    pub(super) fn new(
        width: usize,
        height: usize,
        components: usize,
        mut samples: Vec<u8>,
    ) -> Self {
        samples.truncate(width * height * components);
        samples.shrink_to_fit();
        let per_row = width.div_ceil(STRETCH);
        let mut measured = Measured {
            width,
            components,
            samples,
            stretches: Vec::with_capacity(per_row * height),
            peaks: Mutex::new(Vec::new()),
        };
        for row in 0..height {
            for start in (0..width).step_by(STRETCH) {
                let end = (start + STRETCH).min(width);
                let first = row * width;
                let most = (first + start..first + end)
                    .map(|i| measured.score(i))
                    .max()
                    .unwrap_or(0);
                measured.stretches.push(most);
            }
        }
        measured
    }

    /// The bytes it holds.
    pub(super) fn bytes(&self) -> u64 {
        (self.samples.len() + 2 * self.stretches.len()) as u64
    }

    /// The ink of the `index`th pixel as a number that orders pixels as their total ink does:
    /// the sum of a CMYK pixel's inks, or how far a grey pixel is from white.
    fn score(&self, index: usize) -> u16 {
        if self.components == 4 {
            let p = &self.samples[index * 4..index * 4 + 4];
            p.iter().map(|&v| u16::from(v)).sum()
        } else {
            255 - u16::from(self.samples[index])
        }
    }

    /// The inks of the `index`th pixel (a grey one as the black it prints with).
    fn inks(&self, index: usize) -> [u8; 4] {
        if self.components == 4 {
            let p = &self.samples[index * 4..index * 4 + 4];
            [p[0], p[1], p[2], p[3]]
        } else {
            gray_to_cmyk(self.samples[index])
        }
    }

    /// The highest score among `cols` of `row`.
    fn row_most(&self, row: usize, cols: &Range<usize>) -> u16 {
        let first = row * self.width;
        let stretches = &self.stretches[row * self.width.div_ceil(STRETCH)..];
        let mut most = 0;
        let mut col = cols.start;
        while col < cols.end {
            let stretch = col / STRETCH;
            let stretch_end = ((stretch + 1) * STRETCH).min(self.width);
            if col.is_multiple_of(STRETCH) && stretch_end <= cols.end {
                most = most.max(stretches[stretch]);
                col = stretch_end;
            } else {
                let end = stretch_end.min(cols.end);
                for i in col..end {
                    most = most.max(self.score(first + i));
                }
                col = end;
            }
        }
        most
    }

    /// The first pixel, row by row from the top, with the most ink among `cols` of `rows`: its
    /// column, its row and its inks. `None` where they hold no pixel.
    pub(super) fn peak(&self, cols: Range<usize>, rows: Range<usize>) -> Option<Peak> {
        let part = (cols, rows);
        let lock = || self.peaks.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, peak)) = lock().iter().find(|(p, _)| *p == part) {
            return *peak;
        }
        let peak = self.find_peak(part.0.clone(), part.1.clone());
        let mut peaks = lock();
        if peaks.len() < KEPT_PEAKS {
            peaks.push((part, peak));
        }
        peak
    }

    fn find_peak(&self, cols: Range<usize>, rows: Range<usize>) -> Option<Peak> {
        if cols.is_empty() {
            return None;
        }
        let mut best: Option<(u16, usize)> = None;
        for row in rows {
            let most = self.row_most(row, &cols);
            if best.is_none_or(|(b, _)| most > b) {
                best = Some((most, row));
            }
        }
        let (most, row) = best?;
        let first = row * self.width;
        let col = cols.clone().find(|&c| self.score(first + c) == most)?;
        Some((col, row, self.inks(first + col)))
    }
}

/// What makes two image streams measure alike: the same bytes, decoded the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Key {
    /// A hash of the stream's bytes as stored, and their length.
    pub(super) content: [u8; 16],
    pub(super) length: usize,
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) components: u32,
    /// Flate-compressed, and PNG-predicted.
    pub(super) compressed: bool,
    pub(super) predicted: bool,
}

/// Images measured for ink, kept for as long as it lives: each distinct image stream decoded
/// once for every check given it ([`check_with`](super::check_with)).
///
/// What it keeps is asked of `reserve` first (the bytes it would hold); an image refused is
/// measured for the check at hand and not kept.
pub(crate) struct ImageMeasures<'r> {
    measured: Mutex<HashMap<Key, Arc<Measured>>>,
    reserve: Box<dyn Fn(u64) -> bool + Send + Sync + 'r>,
}

impl<'r> ImageMeasures<'r> {
    /// Measures kept while `reserve` grants the bytes they hold.
    pub(crate) fn new(reserve: impl Fn(u64) -> bool + Send + Sync + 'r) -> ImageMeasures<'r> {
        ImageMeasures {
            measured: Mutex::new(HashMap::new()),
            reserve: Box::new(reserve),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Arc<Measured>>> {
        self.measured.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The image measured for `key`, if it was.
    pub(super) fn get(&self, key: &Key) -> Option<Arc<Measured>> {
        self.lock().get(key).cloned()
    }

    /// Keeps `measured` for `key` if its bytes are granted; the one kept first wins.
    pub(super) fn keep(&self, key: Key, measured: &Arc<Measured>) {
        let mut all = self.lock();
        if !all.contains_key(&key) && (self.reserve)(measured.bytes()) {
            all.insert(key, Arc::clone(measured));
        }
    }

    /// Images kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::{max_ink, max_ink_gray};
    use std::num::NonZeroU32;

    /// The peak as the scan found it before: row by row with `max_ink`, a later row only where
    /// it has more.
    fn direct(
        samples: &[u8],
        width: usize,
        components: usize,
        cols: Range<usize>,
        rows: Range<usize>,
    ) -> Option<Peak> {
        let w = NonZeroU32::new(cols.len() as u32)?;
        let mut best: Option<(crate::color::InkPeak, usize)> = None;
        for row in rows {
            let (start, end) = (row * width + cols.start, row * width + cols.end);
            let peak = if components == 4 {
                max_ink(samples[start * 4..end * 4].as_chunks::<4>().0, w)
            } else {
                max_ink_gray(&samples[start..end], w)
            };
            if let Some(peak) = peak
                && best.is_none_or(|(b, _)| peak.ink > b.ink)
            {
                best = Some((peak, row));
            }
        }
        best.map(|(p, row)| (cols.start + p.x as usize, row, p.cmyk))
    }

    #[test]
    fn any_part_peaks_where_every_pixel_read_does() {
        // Pseudo-random samples with few distinct values, so that ties are many.
        let mut state = 0x2545_f491_u32;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state % 5) as u8 * 60
        };
        for components in [4, 1] {
            let (width, height) = (101, 37);
            let samples: Vec<u8> = (0..width * height * components).map(|_| next()).collect();
            let measured = Measured::new(width, height, components, samples.clone());
            for (cols, rows) in [
                (0..width, 0..height),
                (3..97, 2..30),
                (31..33, 5..6),
                (32..64, 0..height),
                (64..101, 36..37),
                (10..10, 0..height),
                (0..width, 7..7),
            ] {
                let expected = direct(&samples, width, components, cols.clone(), rows.clone());
                // Found, then as it was kept.
                for _ in 0..2 {
                    assert_eq!(
                        measured.peak(cols.clone(), rows.clone()),
                        expected,
                        "{components} components, columns {cols:?}, rows {rows:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn only_granted_measures_are_kept() {
        let key = |n: u8| Key {
            content: [n; 16],
            length: 1,
            width: 2,
            height: 1,
            components: 1,
            compressed: false,
            predicted: false,
        };
        let granted = std::sync::atomic::AtomicU64::new(10);
        let measures = ImageMeasures::new(|bytes| {
            granted
                .fetch_update(
                    std::sync::atomic::Ordering::Relaxed,
                    std::sync::atomic::Ordering::Relaxed,
                    |left| left.checked_sub(bytes),
                )
                .is_ok()
        });
        // Two samples and one stretch: 4 bytes each.
        let image = Arc::new(Measured::new(2, 1, 1, vec![0, 255]));
        assert_eq!(image.bytes(), 4);
        measures.keep(key(1), &image);
        measures.keep(key(1), &image);
        measures.keep(key(2), &image);
        measures.keep(key(3), &image);
        assert_eq!(measures.len(), 2);
        assert!(measures.get(&key(3)).is_none());
        assert_eq!(
            measures.get(&key(1)).unwrap().peak(0..2, 0..1),
            Some((0, 0, [0, 0, 0, 255]))
        );
    }

    /// A one-page cover the size of `layout`'s sheet with `cmyk` (an image 40 x 30 px) drawn
    /// twice: over the whole sheet, and again clipped to a square at its lower left.
    fn cover(layout: &crate::layout::CoverLayout, cmyk: Vec<u8>) -> Vec<u8> {
        use lopdf::{dictionary, Document, Object, Stream};
        let (w, h) = (layout.sheet.width.to_pt(), layout.sheet.height.to_pt());
        let mut doc = Document::with_version("1.6");
        let image = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Image",
                "Width" => 40,
                "Height" => 30,
                "ColorSpace" => "DeviceCMYK",
                "BitsPerComponent" => 8,
            },
            cmyk,
        ));
        let content = format!(
            "q {w} 0 0 {h} 0 0 cm /Im1 Do Q q 0 0 100 100 re W n {w} 0 0 {h} 0 0 cm /Im1 Do Q"
        );
        let content = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(w as f32), Object::Real(h as f32)],
            "Contents" => content,
            "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image } },
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    /// 40 x 30 CMYK pixels of 10% cyan, but `(x, y)` with `inks`.
    fn pixels(x: usize, y: usize, inks: [u8; 4]) -> Vec<u8> {
        let mut samples = [26, 0, 0, 0].repeat(40 * 30);
        samples[(y * 40 + x) * 4..][..4].copy_from_slice(&inks);
        samples
    }

    #[test]
    fn a_check_with_images_measured_before_finds_what_a_check_alone_does() {
        use crate::layout::BookSpec;
        use crate::preflight::{check, check_with};
        let catalog = crate::Catalog::builtin();
        let spec = BookSpec::parse("ingramspark", "paperback", "cream", "6x9", 300).unwrap();
        let layout = catalog.layout(&spec).unwrap();
        // The most ink near the top right (outside the clipped square), then the same image
        // with more ink elsewhere.
        let first = cover(&layout, pixels(35, 2, [255, 255, 40, 0]));
        let changed = cover(&layout, pixels(3, 27, [255, 255, 255, 100]));
        let measures = ImageMeasures::new(|_| true);
        let mut inks = Vec::new();
        for pdf in [&first, &first, &changed, &first] {
            let alone = check(catalog, &layout, "cover.pdf", pdf).unwrap();
            let with = check_with(catalog, &layout, "cover.pdf", pdf, Some(&measures)).unwrap();
            assert_eq!(with, alone);
            let ink = alone.findings.iter().find(|f| f.check == "ink").unwrap();
            inks.push(ink.measured.clone().unwrap());
        }
        assert_eq!(inks, ["215.7%", "215.7%", "339.2%", "215.7%"]);
        // The changed image was measured anew, and kept beside the first.
        assert_eq!(measures.len(), 2);
    }
}
