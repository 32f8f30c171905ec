//! RGB to CMYK for print, CMYK to sRGB for proofs, and grey, which is not converted.

use std::fmt;
use std::sync::Arc;

use moxcms::{Layout, RenderingIntent, Transform8BitExecutor, TransformOptions};

use crate::color::{OutputProfile, SourceProfile};
#[cfg(doc)]
use crate::error::ErrorKind;
use crate::error::{Error, Result};

/// How colours the printing condition cannot reach are brought into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Intent {
    /// The whole of sRGB is compressed into what the press prints, keeping the relations
    /// between colours (the profile's perceptual table, gamut-mapped from sRGB when it was
    /// built). The default: photographs and painted art keep their gradations.
    #[default]
    Perceptual,
    /// Colours the press can print are kept as they are, relative to the paper's white; the
    /// others are clipped to the nearest it can. Keeps logos' and brand colours where they are
    /// in gamut.
    RelativeColorimetric,
}

impl Intent {
    fn options(self) -> TransformOptions {
        TransformOptions {
            rendering_intent: match self {
                Intent::Perceptual => RenderingIntent::Perceptual,
                Intent::RelativeColorimetric => RenderingIntent::RelativeColorimetric,
            },
            ..TransformOptions::default()
        }
    }
}

/// Converts 8-bit RGB art to the 8-bit CMYK of an [`OutputProfile`], colour-managed.
///
/// Build one per source profile and reuse it: building costs a few milliseconds, converting
/// is a table look-up per pixel. It can be shared between threads.
///
/// ```
/// use podcover::color::{CmykConverter, Intent, OutputProfile, SourceProfile, TotalInk};
///
/// let output = OutputProfile::swop_grade3();
/// let to_cmyk = CmykConverter::new(&SourceProfile::srgb(), &output, Intent::Perceptual)?;
/// let cmyk = to_cmyk.convert(&[[0, 0, 0], [255, 255, 255], [255, 0, 0]]);
/// assert_eq!(cmyk[1], [0, 0, 0, 0]); // white is paper
/// assert!(cmyk.iter().all(|&p| TotalInk::of(p) <= TotalInk::from_percent(240)));
/// # Ok::<(), podcover::Error>(())
/// ```
#[derive(Clone)]
pub struct CmykConverter {
    transform: Arc<Transform8BitExecutor>,
    intent: Intent,
}

impl CmykConverter {
    /// A converter from `source` (sRGB, or the profile embedded in the art) to `output`.
    ///
    /// # Errors
    /// An error of kind [`ErrorKind::ColorProfile`] if moxcms cannot convert from
    /// the art's embedded profile (an RGB profile of a kind it does not support).
    pub fn new(
        source: &SourceProfile,
        output: &OutputProfile,
        intent: Intent,
    ) -> Result<CmykConverter> {
        // moxcms takes 4-channel CMYK in its 4-channel layout.
        let transform = source
            .parsed()
            .create_transform_8bit(
                Layout::Rgb,
                &output.parsed(),
                Layout::Rgba,
                intent.options(),
            )
            .map_err(|_| {
                Error::color_profile(
                    source.art_name().unwrap_or("sRGB art"),
                    format!(
                    "its embedded colour profile cannot be used to convert to CMYK for {}; save \
                     the image again with an sRGB profile, or without one",
                    output.identifier()
                ),
                )
            })?;
        Ok(CmykConverter { transform, intent })
    }

    /// The intent it converts with.
    pub fn intent(&self) -> Intent {
        self.intent
    }

    /// The CMYK of each RGB pixel, in the same order.
    pub fn convert(&self, rgb: &[[u8; 3]]) -> Vec<[u8; 4]> {
        let mut cmyk = Vec::with_capacity(rgb.len());
        self.convert_into(rgb, &mut cmyk);
        cmyk
    }

    /// Appends the CMYK of each RGB pixel to `cmyk`: for converting an image a band of rows at
    /// a time into one buffer.
    pub fn convert_into(&self, rgb: &[[u8; 3]], cmyk: &mut Vec<[u8; 4]>) {
        let start = cmyk.len();
        cmyk.resize(start + rgb.len(), [0; 4]);
        run(
            &*self.transform,
            rgb.as_flattened(),
            cmyk[start..].as_flattened_mut(),
        );
    }
}

impl fmt::Debug for CmykConverter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CmykConverter")
            .field("intent", &self.intent)
            .finish_non_exhaustive()
    }
}

/// Converts the 8-bit CMYK of an [`OutputProfile`] to sRGB, to show on screen how a cover will
/// print (a soft proof).
///
/// Paper shows as white, and inks as they print on it: black ink alone, and the richest black
/// the ink limit allows, show as the dark greys they are, not as the screen's black.
///
/// ```
/// use podcover::color::{Intent, OutputProfile, ProofConverter};
///
/// let proof = ProofConverter::new(&OutputProfile::swop_grade3(), Intent::RelativeColorimetric);
/// let [paper, black] = proof.convert(&[[0, 0, 0, 0], [0, 0, 0, 255]])[..] else { unreachable!() };
/// assert_eq!(paper, [255, 255, 255]);
/// // Black ink alone prints a very dark grey (L* 18 in CGATS TR 003), and the proof shows it.
/// assert!(black.iter().all(|&v| (40..60).contains(&v)));
/// ```
#[derive(Clone)]
pub struct ProofConverter {
    transform: Arc<Transform8BitExecutor>,
}

impl ProofConverter {
    /// A converter from `output`'s CMYK to sRGB.
    pub fn new(output: &OutputProfile, intent: Intent) -> ProofConverter {
        let transform = output
            .parsed()
            .create_transform_8bit(
                Layout::Rgba,
                &moxcms::ColorProfile::new_srgb(),
                Layout::Rgb,
                intent.options(),
            )
            // The output profiles are embedded, and the tests convert through each of them.
            .expect("an embedded output profile converts to sRGB");
        ProofConverter { transform }
    }

    /// The sRGB of each CMYK pixel, in the same order.
    pub fn convert(&self, cmyk: &[[u8; 4]]) -> Vec<[u8; 3]> {
        let mut rgb = Vec::with_capacity(cmyk.len());
        self.convert_into(cmyk, &mut rgb);
        rgb
    }

    /// Appends the sRGB of each CMYK pixel to `rgb`.
    pub fn convert_into(&self, cmyk: &[[u8; 4]], rgb: &mut Vec<[u8; 3]>) {
        let start = rgb.len();
        rgb.resize(start + cmyk.len(), [0; 3]);
        run(
            &*self.transform,
            cmyk.as_flattened(),
            rgb[start..].as_flattened_mut(),
        );
    }
}

impl fmt::Debug for ProofConverter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProofConverter").finish_non_exhaustive()
    }
}

/// Runs a transform over whole pixels, as many in as out.
fn run(transform: &Transform8BitExecutor, src: &[u8], dst: &mut [u8]) {
    // moxcms only fails on buffers of different pixel counts or of part of a pixel, which the
    // callers' array slices of equal length rule out.
    transform
        .transform(src, dst)
        .expect("moxcms converts equal numbers of whole pixels");
}

/// The CMYK an 8-bit grey prints with: black ink alone, `255 - gray` of it, as PDF prints a
/// `DeviceGray` image.
///
/// Grey art is not colour-converted: its values are already the black plate's, and a CMYK
/// conversion would add cyan, magenta and yellow to every grey.
pub const fn gray_to_cmyk(gray: u8) -> [u8; 4] {
    [0, 0, 0, 255 - gray]
}

/// Whether every pixel of RGB art is neutral (red, green and blue equal), so the art can be
/// kept as grey and printed on black alone.
pub fn is_gray(rgb: &[[u8; 3]]) -> bool {
    rgb.iter().all(|&[r, g, b]| r == g && g == b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::{max_ink, TotalInk};
    use std::num::NonZeroU32;

    fn srgb_to_cmyk(intent: Intent) -> CmykConverter {
        CmykConverter::new(
            &SourceProfile::srgb(),
            &OutputProfile::swop_grade3(),
            intent,
        )
        .unwrap()
    }

    /// Every 8-bit sRGB colour.
    fn all_srgb() -> Vec<[u8; 3]> {
        let mut rgb = Vec::with_capacity(1 << 24);
        for r in 0..=255 {
            for g in 0..=255 {
                for b in 0..=255 {
                    rgb.push([r, g, b]);
                }
            }
        }
        rgb
    }

    /// The most ink any 8-bit sRGB colour converts to, with its colour.
    fn max_over_all_srgb(intent: Intent) -> (TotalInk, [u8; 3], [u8; 4]) {
        let rgb = all_srgb();
        let cmyk = srgb_to_cmyk(intent).convert(&rgb);
        let peak = max_ink(&cmyk, NonZeroU32::new(1 << 12).unwrap()).unwrap();
        let index = (peak.y as usize) << 12 | peak.x as usize;
        (peak.ink, rgb[index], peak.cmyk)
    }

    #[test]
    fn every_srgb_colour_stays_within_240_percent() {
        // Measured over all 16,777,216 colours with moxcms 0.9.2 (assets/icc/README.md):
        // perceptual peaks at 231.0%, relative colorimetric at 236.1%. The profile was built to
        // 236%; the 8-bit rounding of four inks adds up to 4 x 0.5/255.
        let limit = TotalInk::from_percent(240);
        for (intent, low, high) in [
            (Intent::Perceptual, 228, 234),
            (Intent::RelativeColorimetric, 233, 238),
        ] {
            let (ink, rgb, cmyk) = max_over_all_srgb(intent);
            assert!(
                ink <= limit,
                "{intent:?}: {rgb:?} converts to {cmyk:?}, {ink}"
            );
            // The limit is used, not just kept: dark saturated colours come close to it.
            assert!(
                TotalInk::from_percent(low) <= ink && ink <= TotalInk::from_percent(high),
                "{intent:?}: measured maximum {ink} at {rgb:?} -> {cmyk:?}"
            );
        }
    }

    #[test]
    fn white_is_paper_and_black_is_dark_and_limited() {
        for intent in [Intent::Perceptual, Intent::RelativeColorimetric] {
            let to_cmyk = srgb_to_cmyk(intent);
            let [white, black] = to_cmyk.convert(&[[255; 3], [0; 3]])[..] else {
                unreachable!()
            };
            assert_eq!(white, [0, 0, 0, 0], "{intent:?}");
            // Black is a rich black within the limit, with nearly all the black ink the
            // profile allows (96%).
            assert!(black[3] >= 235, "{intent:?}: {black:?}");
            assert!(black[..3].iter().all(|&v| v > 50), "{intent:?}: {black:?}");
            assert!(TotalInk::of(black) <= TotalInk::from_percent(240));
        }
    }

    #[test]
    fn primaries_separate_into_their_inks() {
        let to_cmyk = srgb_to_cmyk(Intent::RelativeColorimetric);
        let cmyk = to_cmyk.convert(&[
            [255, 0, 0],
            [0, 255, 0],
            [0, 0, 255],
            [0, 255, 255],
            [255, 0, 255],
            [255, 255, 0],
        ]);
        let [red, green, blue, cyan, magenta, yellow] = cmyk[..] else {
            unreachable!()
        };
        // Red is magenta and yellow, green cyan and yellow, blue cyan and magenta, each without
        // the third ink. sRGB's cyan and magenta are much lighter than SWOP's solid inks, so
        // they come out as tints of their own ink with a little of one other.
        assert!(red[1] > 200 && red[2] > 200 && red[0] < 20, "{red:?}");
        assert!(
            green[0] > 140 && green[2] > 200 && green[1] < 20,
            "{green:?}"
        );
        assert!(blue[0] > 200 && blue[1] > 150 && blue[2] < 20, "{blue:?}");
        assert!(
            cyan[0] > 80 && cyan[0] > 2 * cyan[2] && cyan[1] < 20,
            "{cyan:?}"
        );
        assert!(
            magenta[1] > 150 && magenta[1] > 2 * magenta[0] && magenta[2] < 20,
            "{magenta:?}"
        );
        assert!(
            yellow[2] > 200 && yellow[0] < 30 && yellow[1] < 30,
            "{yellow:?}"
        );
        for p in cmyk {
            assert!(TotalInk::of(p) <= TotalInk::from_percent(240), "{p:?}");
        }
    }

    #[test]
    fn rgb_greys_darken_steadily() {
        let to_cmyk = srgb_to_cmyk(Intent::Perceptual);
        let greys: Vec<[u8; 3]> = (0..=255).step_by(15).map(|v| [v; 3]).collect();
        let cmyk = to_cmyk.convert(&greys);
        // Lighter greys never take more ink than darker ones.
        for pair in cmyk.windows(2) {
            assert!(TotalInk::of(pair[1]) <= TotalInk::of(pair[0]), "{pair:?}");
        }
    }

    #[test]
    fn grey_prints_on_black_alone() {
        assert_eq!(gray_to_cmyk(255), [0, 0, 0, 0]);
        assert_eq!(gray_to_cmyk(0), [0, 0, 0, 255]);
        assert_eq!(gray_to_cmyk(100), [0, 0, 0, 155]);
        assert!(is_gray(&[[0; 3], [128; 3], [255; 3]]));
        assert!(!is_gray(&[[0; 3], [128, 128, 129]]));
        assert!(is_gray(&[]));
    }

    #[test]
    fn in_gamut_colours_come_back_close() {
        // Colours well inside what SWOP prints: muted, mid-light, skin and sky tones.
        let rgb = [
            [200, 150, 120],
            [120, 160, 200],
            [150, 180, 120],
            [180, 180, 180],
            [210, 190, 150],
            [160, 120, 140],
        ];
        let cmyk = srgb_to_cmyk(Intent::RelativeColorimetric).convert(&rgb);
        let back = ProofConverter::new(&OutputProfile::swop_grade3(), Intent::RelativeColorimetric)
            .convert(&cmyk);
        for ((a, b), c) in rgb.iter().zip(&back).zip(&cmyk) {
            let worst = a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max().unwrap();
            assert!(worst <= 6, "{a:?} -> {c:?} -> {b:?}");
        }
    }

    #[test]
    fn proof_of_paper_is_white_and_of_solid_inks_their_colour() {
        let proof = ProofConverter::new(&OutputProfile::swop_grade3(), Intent::Perceptual);
        let rgb = proof.convert(&[[0, 0, 0, 0], [255, 0, 0, 0], [0, 255, 0, 0], [0, 0, 255, 0]]);
        let [paper, cyan, magenta, yellow] = rgb[..] else {
            unreachable!()
        };
        assert_eq!(paper, [255, 255, 255]);
        assert!(cyan[0] < 60 && cyan[2] > 180, "{cyan:?}");
        assert!(magenta[1] < 60 && magenta[0] > 180, "{magenta:?}");
        assert!(
            yellow[2] < 60 && yellow[0] > 220 && yellow[1] > 200,
            "{yellow:?}"
        );
    }

    #[test]
    fn converting_in_bands_gives_the_same_pixels() {
        let to_cmyk = srgb_to_cmyk(Intent::Perceptual);
        let rgb: Vec<[u8; 3]> = (0..3000u32)
            .map(|i| [(i * 7) as u8, (i * 13) as u8, (i * 29) as u8])
            .collect();
        let whole = to_cmyk.convert(&rgb);
        let mut bands = Vec::new();
        for band in rgb.chunks(777) {
            to_cmyk.convert_into(band, &mut bands);
        }
        assert_eq!(whole, bands);
    }

    #[test]
    fn converters_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<CmykConverter>();
        check::<ProofConverter>();
        check::<SourceProfile>();
        check::<OutputProfile>();
    }
}
