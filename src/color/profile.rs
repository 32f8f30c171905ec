//! The profiles at both ends of a conversion: the printing condition (an [`OutputProfile`]
//! embedded in the crate) and what art's RGB means (a [`SourceProfile`]).

use std::fmt;

use moxcms::{ColorProfile, DataColorSpace};

use crate::color::TotalInk;
#[cfg(doc)]
use crate::error::ErrorKind;
use crate::error::{Error, Result};

/// A CMYK printing condition: its ICC profile, and the names a PDF/X output intent gives it.
///
/// The crate embeds one, [`OutputProfile::swop_grade3`]; `assets/icc/README.md` says where it
/// comes from, why it was chosen and how to rebuild it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct OutputProfile {
    icc: &'static [u8],
    identifier: &'static str,
    condition: &'static str,
    registry: &'static str,
    ink_limit: TotalInk,
}

/// Built with Argyll's `colprof` from CGATS TR 003 data by `assets/icc/build.sh`.
static SWOP_GRADE3_ICC: &[u8] = include_bytes!("../../assets/icc/tr003-ink236.icc");

impl OutputProfile {
    /// SWOP printing on grade 3 coated paper (the characterization data of ANSI CGATS/SWOP
    /// TR 003-2007), separated with at most 236% total ink and 96% black, so that no 8-bit pixel
    /// converted through it goes over 240%.
    ///
    /// Its output condition identifier is `CGATS TR 003`, in the ICC's registry
    /// (`http://www.color.org`).
    pub const fn swop_grade3() -> OutputProfile {
        OutputProfile {
            icc: SWOP_GRADE3_ICC,
            identifier: "CGATS TR 003",
            condition: "SWOP (publication) printing on grade 3 coated paper",
            registry: "http://www.color.org",
            // 236%, as in `colprof -l236`: 236 x 255 / 100 of an 8-bit channel's 255.
            ink_limit: TotalInk::from_percent(236),
        }
    }

    /// The ICC profile's bytes, for a PDF/X output intent's `DestOutputProfile`.
    pub fn icc(&self) -> &'static [u8] {
        self.icc
    }

    /// The output intent's `OutputConditionIdentifier`: the printing condition's name in
    /// [`registry`](Self::registry).
    pub fn identifier(&self) -> &'static str {
        self.identifier
    }

    /// The output intent's `OutputCondition`: the printing condition in words.
    pub fn condition(&self) -> &'static str {
        self.condition
    }

    /// The output intent's `RegistryName`: where [`identifier`](Self::identifier) is
    /// registered.
    pub fn registry(&self) -> &'static str {
        self.registry
    }

    /// The total ink the profile's separation was built to: conversions through it stay
    /// within this plus the rounding of each ink to 8 bits.
    pub fn ink_limit(&self) -> TotalInk {
        self.ink_limit
    }

    /// The profile parsed for moxcms. The embedded profile is checked by the tests, so this
    /// cannot fail.
    pub(super) fn parsed(&self) -> ColorProfile {
        ColorProfile::new_from_slice(self.icc).expect("the embedded output profile parses")
    }
}

impl fmt::Debug for OutputProfile {
    /// The identifier and size, not the profile's bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutputProfile")
            .field("identifier", &self.identifier)
            .field("icc_bytes", &self.icc.len())
            .field("ink_limit", &self.ink_limit)
            .finish()
    }
}

/// What the RGB numbers of a piece of art mean.
#[derive(Clone)]
pub struct SourceProfile {
    profile: ColorProfile,
    name: Option<String>,
}

impl SourceProfile {
    /// sRGB, which RGB art without an embedded profile is taken to be.
    pub fn srgb() -> SourceProfile {
        SourceProfile {
            profile: ColorProfile::new_srgb(),
            name: None,
        }
    }

    /// The ICC profile embedded in art (a PNG's iCCP chunk, a JPEG's APP2 markers), from its
    /// bytes; `name` is the art's file name, for the error.
    ///
    /// # Errors
    /// An error of kind [`ErrorKind::ColorProfile`] if the bytes are not an ICC
    /// profile moxcms reads, or describe colours other than RGB.
    pub fn from_icc(name: &str, icc: &[u8]) -> Result<SourceProfile> {
        let problem = |message: String| Error::color_profile(name, message);
        let profile = ColorProfile::new_from_slice(icc).map_err(|_| {
            problem(
                "its embedded colour profile is not a valid ICC profile; save the image again \
                 with an sRGB profile, or without one"
                    .to_string(),
            )
        })?;
        if profile.color_space != DataColorSpace::Rgb {
            return Err(problem(format!(
                "its embedded colour profile is for {} colours, not RGB; save the image again \
                 as RGB with an sRGB profile, or without one",
                space_name(profile.color_space)
            )));
        }
        Ok(SourceProfile {
            profile,
            name: Some(name.to_string()),
        })
    }

    pub(super) fn parsed(&self) -> &ColorProfile {
        &self.profile
    }

    /// The art's name for an embedded profile; `None` for sRGB.
    pub(super) fn art_name(&self) -> Option<&str> {
        self.name.as_deref()
    }
}

impl fmt::Debug for SourceProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            None => f.write_str("SourceProfile(sRGB)"),
            Some(name) => write!(f, "SourceProfile(embedded in {name:?})"),
        }
    }
}

/// A colour space in words, for messages.
fn space_name(space: DataColorSpace) -> &'static str {
    match space {
        DataColorSpace::Xyz => "XYZ",
        DataColorSpace::Lab => "Lab",
        DataColorSpace::Luv => "Luv",
        DataColorSpace::YCbr => "YCbCr",
        DataColorSpace::Yxy => "Yxy",
        DataColorSpace::Rgb => "RGB",
        DataColorSpace::Gray => "grey",
        DataColorSpace::Hsv => "HSV",
        DataColorSpace::Hls => "HLS",
        DataColorSpace::Cmyk => "CMYK",
        DataColorSpace::Cmy => "CMY",
        _ => "multi-ink",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::{CmykConverter, Intent};
    use crate::error::ErrorKind;

    /// The sRGB profile moxcms writes, as an image would embed it.
    fn srgb_icc() -> Vec<u8> {
        ColorProfile::new_srgb().encode().unwrap()
    }

    #[test]
    fn the_embedded_output_profile_is_cmyk_for_print() {
        let output = OutputProfile::swop_grade3();
        let parsed = output.parsed();
        assert_eq!(parsed.color_space, DataColorSpace::Cmyk);
        assert_eq!(parsed.pcs, DataColorSpace::Lab);
        // The size assets/icc/README.md gives.
        assert_eq!(output.icc().len(), 131_060);
        assert_eq!(output.identifier(), "CGATS TR 003");
        assert_eq!(output.registry(), "http://www.color.org");
        assert_eq!(output.ink_limit(), TotalInk::from_percent(236));
        assert_eq!(
            format!("{output:?}"),
            "OutputProfile { identifier: \"CGATS TR 003\", icc_bytes: 131060, \
             ink_limit: TotalInk(236.0%) }"
        );
    }

    #[test]
    fn an_embedded_srgb_profile_converts_as_untagged_art_does() {
        let output = OutputProfile::swop_grade3();
        let tagged = SourceProfile::from_icc("front.png", &srgb_icc()).unwrap();
        assert_eq!(
            format!("{tagged:?}"),
            "SourceProfile(embedded in \"front.png\")"
        );
        let rgb = [[200, 30, 40], [20, 120, 60], [90, 90, 200], [128, 128, 128]];
        let a = CmykConverter::new(&tagged, &output, Intent::Perceptual)
            .unwrap()
            .convert(&rgb);
        let b = CmykConverter::new(&SourceProfile::srgb(), &output, Intent::Perceptual)
            .unwrap()
            .convert(&rgb);
        for (p, q) in a.iter().zip(&b) {
            assert!(
                p.iter().zip(q).all(|(x, y)| x.abs_diff(*y) <= 2),
                "{p:?} {q:?}"
            );
        }
    }

    #[test]
    fn a_wide_gamut_profile_is_honoured() {
        // Display P3's primaries are more saturated than sRGB's: read through its profile,
        // the same numbers are a purer green than sRGB's reading of them.
        let output = OutputProfile::swop_grade3();
        let p3 = ColorProfile::new_display_p3().encode().unwrap();
        let p3 = SourceProfile::from_icc("front.jpg", &p3).unwrap();
        let rgb = [[60, 160, 60]];
        let as_p3 = CmykConverter::new(&p3, &output, Intent::RelativeColorimetric)
            .unwrap()
            .convert(&rgb)[0];
        let as_srgb = CmykConverter::new(
            &SourceProfile::srgb(),
            &output,
            Intent::RelativeColorimetric,
        )
        .unwrap()
        .convert(&rgb)[0];
        // More cyan and less black.
        assert!(
            as_p3[0] > as_srgb[0] + 10 && as_p3[3] + 10 < as_srgb[3],
            "P3 {as_p3:?}, sRGB {as_srgb:?}"
        );
    }

    #[test]
    fn a_profile_that_is_not_icc_is_refused() {
        let err = SourceProfile::from_icc("front.png", b"not a profile").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ColorProfile);
        assert_eq!(err.file(), Some("front.png"));
        assert_eq!(
            err.to_string(),
            "cannot read artwork front.png: its embedded colour profile is not a valid ICC \
             profile; save the image again with an sRGB profile, or without one"
        );
        // Cut short.
        let mut icc = srgb_icc();
        icc.truncate(200);
        let err = SourceProfile::from_icc("front.png", &icc).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ColorProfile);
    }

    #[test]
    fn a_profile_for_other_colours_than_rgb_is_refused() {
        let cmyk = OutputProfile::swop_grade3().icc();
        let err = SourceProfile::from_icc("back.jpg", cmyk).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot read artwork back.jpg: its embedded colour profile is for CMYK colours, not \
             RGB; save the image again as RGB with an sRGB profile, or without one"
        );
        let gray = ColorProfile::new_gray_with_gamma(2.2).encode().unwrap();
        let err = SourceProfile::from_icc("back.png", &gray).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot read artwork back.png: its embedded colour profile is for grey colours, not \
             RGB; save the image again as RGB with an sRGB profile, or without one"
        );
    }
}
