//! How a cover is made: the colour it is made in, how missing bleed and wrap are filled, and the
//! vendor's rules it is made to (resolution, ink, PDF/X).

use std::fmt;
use std::str::FromStr;

use crate::catalog::{Binding, ColorMode};
use crate::color::{Intent, OutputProfile, TotalInk};
use crate::draw::Cmyk;
use crate::error::{Error, Result};
use crate::pdf::raster::ImageColor;
use crate::pdf::PdfX;

/// The colour a cover is made in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum CoverColor {
    /// As the artwork is (the default): RGB stays RGB, transparency stays live. For vendors
    /// that take any colour (KDP), and for templates.
    #[default]
    AsIs,
    /// CMYK for print through an output profile: RGB raster art separated (perceptual
    /// intent), its transparency flattened onto the paper; grey art kept grey (black ink
    /// alone); CMYK raster art taken as separated for the profile already; PDF art refused
    /// unless it is CMYK and grey only, without shadings, patterns or transparency.
    Cmyk(OutputProfile),
    /// sRGB, for a vendor that prints in it (Lulu): CMYK raster art turned into sRGB as it
    /// would print through the profile; RGB and grey as they are.
    Srgb(OutputProfile),
}

impl CoverColor {
    /// What a binding's stock file asks for: CMYK through [`OutputProfile::swop_grade3`] where
    /// it wants CMYK, sRGB where the vendor prints sRGB, the art as it is otherwise.
    pub fn for_binding(binding: &Binding) -> CoverColor {
        match binding.color.as_ref().map(|c| c.value) {
            Some(ColorMode::Cmyk) => CoverColor::Cmyk(OutputProfile::swop_grade3()),
            Some(ColorMode::Srgb) => CoverColor::Srgb(OutputProfile::swop_grade3()),
            Some(ColorMode::Any) | None => CoverColor::AsIs,
        }
    }

    /// How images are written for this colour, each pixel within `limit`.
    pub(crate) fn images(self, limit: Option<TotalInk>) -> ImageColor {
        match self {
            CoverColor::AsIs => ImageColor::AsIs,
            CoverColor::Cmyk(output) => ImageColor::Cmyk {
                output,
                intent: Intent::Perceptual,
                // Without a vendor's limit, the profile's separation is the only one.
                limit: limit.unwrap_or(TotalInk::from_percent(400)),
            },
            CoverColor::Srgb(output) => ImageColor::Srgb { output },
        }
    }
}

/// How the bleed, wrap or fold strip that artwork does not reach is filled.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Extend {
    /// The artwork's outer strip, mirrored across its edge (the default): the picture runs on
    /// without a seam.
    #[default]
    Mirror,
    /// The artwork's outermost pixels (or a hairline of a PDF) stretched to the edge.
    Edge,
    /// A flat colour.
    Color(Cmyk),
    /// Nothing: the strip stays blank, with a warning.
    None,
}

impl FromStr for Extend {
    type Err = Error;

    /// `mirror`, `edge`, `none`, or `color` (no ink) / `color:C,M,Y,K`.
    fn from_str(text: &str) -> Result<Extend> {
        let bad = || {
            Error::invalid(
                "extend",
                text,
                "mirror, edge, none, color or color:C,M,Y,K with inks from 0 to 1",
            )
        };
        match text.trim() {
            "mirror" => Ok(Extend::Mirror),
            "edge" => Ok(Extend::Edge),
            "none" => Ok(Extend::None),
            "color" | "colour" => Ok(Extend::Color(Cmyk::WHITE)),
            t => {
                let inks = t
                    .strip_prefix("color:")
                    .or_else(|| t.strip_prefix("colour:"))
                    .ok_or_else(bad)?;
                Ok(Extend::Color(inks.parse().map_err(|_| bad())?))
            }
        }
    }
}

impl fmt::Display for Extend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Extend::Mirror => f.write_str("mirror"),
            Extend::Edge => f.write_str("edge"),
            Extend::None => f.write_str("none"),
            Extend::Color(c) => write!(f, "color:{},{},{},{}", c.c, c.m, c.y, c.k),
        }
    }
}

/// How [`compose_with`](crate::cover::compose_with) places artwork.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[non_exhaustive]
pub struct ComposeOptions {
    /// How bleed, wrap and fold strips the artwork does not reach are filled (default: mirror).
    pub extend: Extend,
    /// The vendor's minimum image resolution, if it has one: an image placed below it is an
    /// error rather than a warning (e.g. `Some(300)` from the binding's `min_image_ppi`).
    pub min_image_ppi: Option<u32>,
    /// Write the cover as PDF/X-1a:2001 (default: no, a plain PDF 1.6), as vendors whose
    /// binding lists it in `pdfx` want (IngramSpark).
    pub pdfx: Option<PdfX>,
    /// The colour the cover is made in (default: as the artwork is).
    pub color: CoverColor,
    /// The most total ink the vendor allows (default: none known). Colours given for the cover
    /// over it are reduced with a warning, or refused with `strict_color`; converted images
    /// keep every pixel within it.
    pub ink_limit: Option<TotalInk>,
    /// Refuse a colour over `ink_limit` instead of reducing it (default: reduce).
    pub strict_color: bool,
}

impl ComposeOptions {
    /// The defaults: missing bleed and wrap mirrored, no minimum resolution, the art's colour
    /// as it is, no ink limit.
    pub fn new() -> ComposeOptions {
        ComposeOptions::default()
    }

    /// The defaults with a binding's rules from its stock file: the minimum image resolution the
    /// vendor publishes ([`Binding::enforced_min_image_ppi`]),
    /// the colour it wants ([`CoverColor::for_binding`]), its recommended ink limit, and
    /// PDF/X-1a:2001 where it asks for it ([`PdfX::for_binding`]), dated as [`dated`] says
    /// (until then, 1970-01-01).
    ///
    /// [`dated`]: ComposeOptions::dated
    pub fn for_binding(binding: &Binding) -> ComposeOptions {
        ComposeOptions {
            min_image_ppi: binding.enforced_min_image_ppi(),
            color: CoverColor::for_binding(binding),
            ink_limit: binding
                .ink_limit
                .as_ref()
                .map(|l| TotalInk::from_percent(l.value.recommended)),
            pdfx: PdfX::for_binding(binding, std::time::SystemTime::UNIX_EPOCH),
            ..ComposeOptions::default()
        }
    }

    /// When a PDF/X cover was made (its CreationDate and ModDate): for the same bytes from the
    /// same inputs, their date ([`files::source_date`](crate::files::source_date)), not the
    /// clock. No effect on a cover that is not PDF/X.
    pub fn dated(mut self, date: std::time::SystemTime) -> ComposeOptions {
        if let Some(pdfx) = &mut self.pdfx {
            pdfx.date = date;
        }
        self
    }

    /// The colour the cover is made in.
    pub fn color(mut self, color: CoverColor) -> ComposeOptions {
        self.color = color;
        self
    }

    /// The most total ink the vendor allows.
    pub fn ink_limit(mut self, limit: Option<TotalInk>) -> ComposeOptions {
        self.ink_limit = limit;
        self
    }

    /// Refuse a colour over the ink limit instead of reducing it.
    pub fn strict_color(mut self, strict: bool) -> ComposeOptions {
        self.strict_color = strict;
        self
    }

    /// How bleed, wrap and fold strips the artwork does not reach are filled.
    pub fn extend(mut self, extend: Extend) -> ComposeOptions {
        self.extend = extend;
        self
    }

    /// The vendor's minimum image resolution, if it has one.
    pub fn min_image_ppi(mut self, ppi: Option<u32>) -> ComposeOptions {
        self.min_image_ppi = ppi;
        self
    }

    /// Write the cover as PDF/X-1a:2001, or not.
    pub fn pdfx(mut self, pdfx: Option<PdfX>) -> ComposeOptions {
        self.pdfx = pdfx;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extend_parses_its_four_forms() {
        assert_eq!("mirror".parse::<Extend>().unwrap(), Extend::Mirror);
        assert_eq!("edge".parse::<Extend>().unwrap(), Extend::Edge);
        assert_eq!("none".parse::<Extend>().unwrap(), Extend::None);
        assert_eq!(
            "color:0,0.5,1,0".parse::<Extend>().unwrap(),
            Extend::Color(Cmyk::new(0.0, 0.5, 1.0, 0.0))
        );
        assert_eq!(
            "stretch".parse::<Extend>().unwrap_err().to_string(),
            "invalid extend \"stretch\": expected mirror, edge, none, color or color:C,M,Y,K with inks from 0 to 1"
        );
        assert!("color:2,0,0,0".parse::<Extend>().is_err());
    }
}
