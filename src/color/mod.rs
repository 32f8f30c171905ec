//! Colour management for print: 8-bit RGB art to the CMYK of a printing condition, the total ink
//! of what results, and CMYK back to screen colours for a proof.
//!
//! - [`OutputProfile`]: the printing condition CMYK art is made for, as an ICC profile embedded
//!   in the crate with what a PDF/X output intent says of it.
//! - [`SourceProfile`]: what the RGB numbers of art mean: sRGB when the art carries no profile,
//!   else the ICC profile embedded in it.
//! - [`CmykConverter`]: RGB to CMYK through both profiles (moxcms does the colour maths).
//! - [`ProofConverter`]: CMYK back to sRGB, to look at before printing.
//! - [`TotalInk`] and [`max_ink`]: the sum of the four inks, and where an image has the most;
//!   [`within_ink`] and [`limit_ink`] bring a colour or pixels within a limit.
//!
//! Grey art is not converted: it stays grey and prints on the black plate alone, as
//! [`gray_to_cmyk`] gives it.
//!
//! Pure: no files, no PDF. The converters take and give whole pixels, so a buffer cannot end in
//! part of one.

mod convert;
mod ink;
mod profile;

pub use convert::{gray_to_cmyk, is_gray, CmykConverter, Intent, ProofConverter};
pub use ink::{limit_ink, max_ink, max_ink_gray, within_ink, InkPeak, TotalInk};
pub use profile::{OutputProfile, SourceProfile};
