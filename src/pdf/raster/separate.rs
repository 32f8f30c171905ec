//! Raster art in the colour a cover is printed in: RGB separated into the CMYK of an output
//! profile (its transparency flattened onto the paper), or CMYK turned into sRGB, before it
//! becomes an image XObject.

use std::borrow::Cow;
use std::num::NonZeroU32;

use lopdf::Stream;

use crate::color::{
    is_gray, limit_ink, max_ink, CmykConverter, Intent, OutputProfile, ProofConverter,
    SourceProfile, TotalInk,
};
use crate::error::Result;
use crate::pdf::raster::predict::predicted_stream;
use crate::pdf::raster::{decode, Data, Raster, Space};

/// The colour images are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum ImageColor {
    /// As the file has them: RGB, grey or CMYK, transparency kept as a soft mask.
    #[default]
    AsIs,
    /// CMYK for print through `output`: RGB separated with `intent`, every pixel within
    /// `limit`; grey kept as grey (the black plate alone); CMYK taken as already separated for
    /// `output`; transparency flattened onto the paper (no ink).
    Cmyk {
        output: OutputProfile,
        intent: Intent,
        limit: TotalInk,
    },
    /// sRGB: CMYK art (taken as separated for `output`) turned into sRGB as it would print;
    /// RGB and grey as they are.
    Srgb { output: OutputProfile },
}

/// What became of an image's colour, for the notes compose gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Conversion {
    /// Nothing was done to it.
    None,
    /// RGB separated into CMYK, from its embedded profile (`true`) or as sRGB; whether its
    /// transparency was flattened.
    ToCmyk { embedded: bool, flattened: bool },
    /// RGB whose pixels are all neutral, kept as grey; whether its transparency was
    /// flattened.
    ToGray { flattened: bool },
    /// Grey whose transparency was flattened.
    Flattened,
    /// CMYK kept as it is, with the most ink it has.
    KeptCmyk { most: TotalInk },
    /// CMYK turned into sRGB.
    ToSrgb,
}

impl Raster {
    /// The image as a PDF image XObject in `color`, with its soft mask where it keeps one
    /// (only [`ImageColor::AsIs`] and [`ImageColor::Srgb`] do), and what was done to its
    /// colour. Converted images are 8-bit samples, row-predicted and Flate-compressed; a JPEG kept
    /// as it is stays DCT.
    ///
    /// # Errors
    /// The art's embedded ICC profile cannot be read or converted from, or a JPEG decoded again
    /// fails.
    pub(crate) fn to_streams_in(
        &self,
        file: &str,
        color: &ImageColor,
    ) -> Result<(Stream, Option<Stream>, Conversion)> {
        let alpha = match &self.data {
            Data::Samples { alpha, .. } => alpha.as_deref(),
            Data::Jpeg(_) => None,
        };
        let kept = |conversion| {
            let (image, mask) = self.to_streams();
            Ok((image, mask, conversion))
        };
        let space = self.header.space;
        match *color {
            ImageColor::AsIs => kept(Conversion::None),
            ImageColor::Srgb { .. } if space != Space::Cmyk => kept(Conversion::None),
            ImageColor::Srgb { output } => {
                let samples = self.samples(file)?;
                let proof = ProofConverter::new(&output, Intent::RelativeColorimetric);
                let mut rgb = Vec::with_capacity(samples.len() / 4);
                for band in samples.as_chunks::<4>().0.chunks(BAND) {
                    proof.convert_into(band, &mut rgb);
                }
                let image = self.samples_stream(Space::Rgb, rgb.into_flattened());
                Ok((image, None, Conversion::ToSrgb))
            }
            ImageColor::Cmyk { .. } if space == Space::Cmyk => {
                let samples = self.samples(file)?;
                let most = NonZeroU32::new(self.header.width)
                    .and_then(|w| max_ink(samples.as_chunks::<4>().0, w))
                    .map_or(TotalInk::ZERO, |peak| peak.ink);
                kept(Conversion::KeptCmyk { most })
            }
            ImageColor::Cmyk { .. } if space == Space::Grey && alpha.is_none() => {
                kept(Conversion::None)
            }
            ImageColor::Cmyk {
                output,
                intent,
                limit,
            } => {
                let samples = self.samples(file)?;
                let flattened = alpha.is_some();
                if space == Space::Grey || (!self.never_gray && is_gray(samples.as_chunks::<3>().0))
                {
                    let conversion = match space {
                        Space::Grey => Conversion::Flattened,
                        _ => Conversion::ToGray { flattened },
                    };
                    let gray: Vec<u8> = match space {
                        Space::Grey => samples.into_owned(),
                        _ => samples.iter().step_by(3).copied().collect(),
                    };
                    let image = self.samples_stream(Space::Grey, flatten_gray(gray, alpha));
                    return Ok((image, None, conversion));
                }
                let source = match &self.icc {
                    Some(icc) => SourceProfile::from_icc(file, icc)?,
                    None => SourceProfile::srgb(),
                };
                let to_cmyk = CmykConverter::new(&source, &output, intent)?;
                let rgb = samples.as_chunks::<3>().0;
                let mut cmyk = Vec::with_capacity(rgb.len());
                for (i, band) in rgb.chunks(BAND).enumerate() {
                    let start = cmyk.len();
                    to_cmyk.convert_into(band, &mut cmyk);
                    if let Some(alpha) = alpha {
                        flatten_cmyk(&mut cmyk[start..], &alpha[i * BAND..]);
                    }
                    limit_ink(&mut cmyk[start..], limit);
                }
                let image = self.samples_stream(Space::Cmyk, cmyk.into_flattened());
                let conversion = Conversion::ToCmyk {
                    embedded: self.icc.is_some(),
                    flattened,
                };
                Ok((image, None, conversion))
            }
        }
    }

    /// The image's pixels as they go into the PDF in `color` (converted, flattened, or as they
    /// are), for a proof to draw, with the RGB they were converted from where they were
    /// separated into CMYK. Converts the image again.
    ///
    /// # Errors
    /// As [`Raster::to_streams_in`].
    pub(crate) fn proof_pixels(&self, file: &str, color: &ImageColor) -> Result<ProofPixels> {
        let (image, _, conversion) = self.to_streams_in(file, color)?;
        let space = match image.dict.get(b"ColorSpace").and_then(|s| s.as_name()) {
            Ok(b"DeviceCMYK") => Space::Cmyk,
            Ok(b"DeviceGray") => Space::Grey,
            _ => Space::Rgb,
        };
        let samples = if image.dict.get(b"DecodeParms").is_ok() {
            // Ours: predicted and compressed just now, so it decodes.
            image
                .decompressed_content()
                .expect("an image podcover compressed decodes")
        } else {
            // As the file has it (a JPEG, or samples still to be compressed).
            self.samples(file)?.into_owned()
        };
        let source = match conversion {
            Conversion::ToCmyk { .. } => Some(self.samples(file)?.into_owned()),
            _ => None,
        };
        Ok(ProofPixels {
            width: self.header.width,
            height: self.header.height,
            space,
            samples,
            source,
        })
    }

    /// The colour samples, decoded again for a JPEG.
    pub(super) fn samples(&self, file: &str) -> Result<Cow<'_, [u8]>> {
        match &self.data {
            Data::Samples { color, .. } => Ok(Cow::Borrowed(color)),
            Data::Jpeg(bytes) => Ok(Cow::Owned(decode(file, bytes)?.1.samples)),
        }
    }

    /// An image XObject of 8-bit `samples` in `space`, the image's size, row-predicted and
    /// Flate-compressed ([`predicted_stream`]).
    fn samples_stream(&self, space: Space, samples: Vec<u8>) -> Stream {
        predicted_stream(
            self.header.image_dict(space),
            &samples,
            space.components(),
            self.header.width,
        )
    }
}

/// An image's pixels as a cover prints them, rows from the top as stored.
pub(crate) struct ProofPixels {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) space: Space,
    /// `width * height * space.components()` samples.
    pub(crate) samples: Vec<u8>,
    /// The RGB samples separated into `samples`, where they were.
    pub(crate) source: Option<Vec<u8>>,
}

/// Pixels converted at a time: a band of rows' worth, so that the converter's output stays in
/// the cache while it is flattened and limited.
const BAND: usize = 1 << 16;

/// Grey samples flattened onto white paper by their alpha: what shows is the grey where the
/// image is opaque and the paper where it is clear.
fn flatten_gray(mut gray: Vec<u8>, alpha: Option<&[u8]>) -> Vec<u8> {
    if let Some(alpha) = alpha {
        for (g, &a) in gray.iter_mut().zip(alpha) {
            let (g16, a16) = (u16::from(*g), u16::from(a));
            *g = ((g16 * a16 + 255 * (255 - a16) + 127) / 255) as u8;
        }
    }
    gray
}

/// CMYK pixels flattened onto white paper by their alpha: each ink scaled by the pixel's
/// opacity, so no pixel gains ink.
fn flatten_cmyk(cmyk: &mut [[u8; 4]], alpha: &[u8]) {
    for (pixel, &a) in cmyk.iter_mut().zip(alpha) {
        if a == 255 {
            continue;
        }
        let a = u16::from(a);
        *pixel = pixel.map(|v| ((u16::from(v) * a + 127) / 255) as u8);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattening_shows_the_paper_where_the_art_is_clear() {
        assert_eq!(
            flatten_gray(vec![0, 0, 0, 100], Some(&[255, 0, 128, 255])),
            [0, 255, 127, 100]
        );
        let mut cmyk = [[200, 100, 50, 255], [200, 100, 50, 255], [255; 4]];
        flatten_cmyk(&mut cmyk, &[255, 0, 51]);
        assert_eq!(cmyk, [[200, 100, 50, 255], [0; 4], [51; 4]]);
    }
}
