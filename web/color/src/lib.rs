//! podcover's colour conversion for the browser, as a module of its own that the page loads
//! when it is first used: RGB pixels separated into the CMYK of the printing condition within
//! an ink limit, the most ink any pixel takes and where, and a proof of the result in screen
//! colours as a PNG.
//!
//! The page decodes the image (any format the browser reads) and passes its RGBA pixels; nothing
//! leaves the machine. Transparency is flattened onto the paper, as compose does.

#![forbid(unsafe_code)]

use std::num::NonZeroU32;

use podcover::color::{
    limit_ink, max_ink, CmykConverter, Intent, OutputProfile, ProofConverter, SourceProfile,
    TotalInk,
};
use wasm_bindgen::prelude::*;

/// Pixels converted at most (a 6.125 x 9.25 in panel at 600 ppi is 20 million): the page's
/// memory holds the image in four forms at once.
const MAX_PIXELS: u64 = 24_000_000;

/// Pixels converted at a time, so that the buffers stay small.
const BAND: usize = 1 << 16;

/// What separating an image gave.
#[wasm_bindgen]
pub struct Separation {
    proof: Vec<u8>,
    max_ink: f64,
    peak_x: u32,
    peak_y: u32,
    limited: u32,
    identifier: String,
}

#[wasm_bindgen]
impl Separation {
    /// The separated image as it will print, in sRGB, as a PNG.
    pub fn proof_png(&self) -> Vec<u8> {
        self.proof.clone()
    }

    /// The most total ink any pixel takes, in percent (e.g. 231.4).
    pub fn max_ink(&self) -> f64 {
        self.max_ink
    }

    /// The column of the pixel with the most ink, from the left.
    pub fn peak_x(&self) -> u32 {
        self.peak_x
    }

    /// The row of the pixel with the most ink, from the top.
    pub fn peak_y(&self) -> u32 {
        self.peak_y
    }

    /// How many pixels came out of the profile over the limit and were brought within it.
    pub fn limited(&self) -> u32 {
        self.limited
    }

    /// The printing condition separated for, e.g. `CGATS TR 003`.
    pub fn condition(&self) -> String {
        self.identifier.clone()
    }
}

fn error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// Separates `width` x `height` RGBA pixels (sRGB, straight alpha, rows from the top) into the
/// CMYK of the embedded printing condition, every pixel within `limit_percent` total ink, and
/// draws the result back in screen colours.
pub fn separate_pixels(
    rgba: &[u8],
    width: u32,
    height: u32,
    limit_percent: u16,
) -> Result<Separation, String> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels == 0 || pixels > MAX_PIXELS {
        return Err(format!(
            "cannot separate an image of {width} x {height} px: expected 1 to {} million pixels",
            MAX_PIXELS / 1_000_000
        ));
    }
    if rgba.len() as u64 != pixels * 4 {
        return Err(format!(
            "an image of {width} x {height} px needs {} bytes of RGBA, not {}",
            pixels * 4,
            rgba.len()
        ));
    }
    if !(100..=400).contains(&limit_percent) {
        return Err(format!(
            "invalid ink limit {limit_percent}%: expected 100% to 400%"
        ));
    }
    let limit = TotalInk::from_percent(limit_percent);
    let output = OutputProfile::swop_grade3();
    let to_cmyk = CmykConverter::new(&SourceProfile::srgb(), &output, Intent::Perceptual)
        .map_err(|e| e.to_string())?;
    let proof = ProofConverter::new(&output, Intent::RelativeColorimetric);
    let width_nz = NonZeroU32::new(width).expect("width is not zero");
    let mut shown: Vec<[u8; 3]> = Vec::with_capacity(pixels as usize);
    let mut peak: Option<(TotalInk, u64)> = None;
    let mut limited = 0;
    let (quads, _) = rgba.as_chunks::<4>();
    let mut rgb = Vec::with_capacity(BAND);
    let mut cmyk = Vec::with_capacity(BAND);
    for (i, band) in quads.chunks(BAND).enumerate() {
        rgb.clear();
        rgb.extend(band.iter().map(|&[r, g, b, _]| [r, g, b]));
        cmyk.clear();
        to_cmyk.convert_into(&rgb, &mut cmyk);
        // Flattened onto the paper: each ink scaled by the pixel's opacity.
        for (ink, &[.., a]) in cmyk.iter_mut().zip(band) {
            if a < 255 {
                *ink = ink.map(|v| ((u16::from(v) * u16::from(a) + 127) / 255) as u8);
            }
        }
        limited += limit_ink(&mut cmyk, limit);
        let start = (i * BAND) as u64;
        if let Some(p) = max_ink(
            &cmyk,
            NonZeroU32::new(cmyk.len() as u32).unwrap_or(width_nz),
        ) && peak.is_none_or(|(ink, _)| p.ink > ink)
        {
            peak = Some((p.ink, start + u64::from(p.x)));
        }
        proof.convert_into(&cmyk, &mut shown);
    }
    let (ink, at) = peak.unwrap_or((TotalInk::ZERO, 0));
    Ok(Separation {
        proof: encode_png(shown.as_flattened(), width, height)?,
        max_ink: (ink.percent() * 10.0).round() / 10.0,
        peak_x: (at % u64::from(width)) as u32,
        peak_y: (at / u64::from(width)) as u32,
        limited: limited as u32,
        identifier: output.identifier().to_string(),
    })
}

/// [`separate_pixels`] for the page.
#[wasm_bindgen]
pub fn separate(
    rgba: &[u8],
    width: u32,
    height: u32,
    limit_percent: u16,
) -> Result<Separation, JsError> {
    separate_pixels(rgba, width, height, limit_percent).map_err(error)
}

/// 8-bit RGB samples as a PNG.
fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let fail = |e: png::EncodingError| format!("cannot write the proof: {e}");
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(rgb).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_within_the_limit_and_finds_the_richest_pixel() {
        // White, transparent black, opaque black, sRGB green: 2 x 2.
        let rgba = [255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 255, 0, 255, 0, 255];
        let s = separate_pixels(&rgba, 2, 2, 240).unwrap();
        // The rich black at (0, 1) takes the most ink, within 240%.
        assert_eq!((s.peak_x, s.peak_y), (0, 1));
        assert!(s.max_ink > 200.0 && s.max_ink <= 240.0, "{}", s.max_ink);
        assert_eq!(s.condition(), "CGATS TR 003");
        assert!(s.proof_png().starts_with(b"\x89PNG"));
        // A lower limit is kept too, by reducing the pixels over it.
        let s = separate_pixels(&rgba, 2, 2, 200).unwrap();
        assert!(s.max_ink <= 200.0 && s.limited >= 1, "{}", s.max_ink);
    }

    #[test]
    fn refuses_sizes_and_limits_out_of_range() {
        assert_eq!(
            separate_pixels(&[0; 16], 2, 2, 500).err().unwrap(),
            "invalid ink limit 500%: expected 100% to 400%"
        );
        assert_eq!(
            separate_pixels(&[0; 12], 2, 2, 240).err().unwrap(),
            "an image of 2 x 2 px needs 16 bytes of RGBA, not 12"
        );
        assert_eq!(
            separate_pixels(&[], 0, 5, 240).err().unwrap(),
            "cannot separate an image of 0 x 5 px: expected 1 to 24 million pixels"
        );
    }
}
