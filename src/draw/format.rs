//! The formats a template or a barcode is written in: their names, file extensions and media
//! types, listed once for the command-line tool, the web page and the library.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::Serialize;

use crate::error::Error;

/// A file format a [`Template`](crate::draw::Template) or a [`Bookland`](crate::draw::Bookland)
/// barcode is written in, chosen at run time (`Template::write`, `Bookland::write`).
///
/// [`TemplateFormat::ALL`] lists them in the order they are offered: the command-line tool's
/// `--format` and the web page's download buttons take their names from it. PDF and PNG need
/// the `pdf` feature to be written; SVG is written by every build ([`Template::to_svg`]).
///
/// ```
/// use podcover::draw::TemplateFormat;
///
/// let svg: TemplateFormat = "svg".parse()?;
/// assert_eq!(svg.extension(), "svg");
/// assert_eq!(svg.mime_type(), "image/svg+xml");
/// assert_eq!(TemplateFormat::from_extension("PNG"), Some(TemplateFormat::Png));
/// assert_eq!(
///     "eps".parse::<TemplateFormat>().unwrap_err().to_string(),
///     "invalid template format \"eps\": expected one of: pdf, svg, png"
/// );
/// # Ok::<(), podcover::Error>(())
/// ```
///
/// [`Template::to_svg`]: crate::draw::Template::to_svg
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "&'static str")]
#[non_exhaustive]
pub enum TemplateFormat {
    /// PDF: the guides on a layer that does not print, the barcode in 100% black.
    Pdf,
    /// SVG, for Inkscape, Affinity and Figma: the guides in a locked layer.
    Svg,
    /// PNG at a resolution the caller chooses, for Canva, Photoshop and Procreate.
    Png,
}

impl TemplateFormat {
    /// Every format, in the order they are offered (the default, PDF, first).
    pub const ALL: &'static [TemplateFormat] = &[
        TemplateFormat::Pdf,
        TemplateFormat::Svg,
        TemplateFormat::Png,
    ];

    /// The format's name, as `--format` takes it: `pdf`, `svg`, `png`.
    pub fn name(self) -> &'static str {
        match self {
            TemplateFormat::Pdf => "pdf",
            TemplateFormat::Svg => "svg",
            TemplateFormat::Png => "png",
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        self.name()
    }

    /// The media (MIME) type, e.g. `application/pdf`.
    pub fn mime_type(self) -> &'static str {
        match self {
            TemplateFormat::Pdf => "application/pdf",
            TemplateFormat::Svg => "image/svg+xml",
            TemplateFormat::Png => "image/png",
        }
    }

    /// The format whose extension is `extension` (without the dot, any case), if any.
    pub fn from_extension(extension: &str) -> Option<TemplateFormat> {
        TemplateFormat::ALL
            .iter()
            .copied()
            .find(|f| f.extension().eq_ignore_ascii_case(extension))
    }

    /// The format a file's name says: its extension's, or `None` (no extension, or one of no
    /// format).
    pub fn from_path(path: &Path) -> Option<TemplateFormat> {
        TemplateFormat::from_extension(path.extension()?.to_str()?)
    }

    /// The extensions as a person reads them: `.pdf, .svg or .png`.
    pub fn extensions_text() -> String {
        let names: Vec<String> = TemplateFormat::ALL
            .iter()
            .map(|f| format!(".{}", f.extension()))
            .collect();
        match names.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

impl fmt::Display for TemplateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl From<TemplateFormat> for &'static str {
    fn from(format: TemplateFormat) -> &'static str {
        format.name()
    }
}

impl FromStr for TemplateFormat {
    type Err = Error;

    /// A format by its name (any case): `pdf`, `svg` or `png`.
    fn from_str(text: &str) -> Result<TemplateFormat, Error> {
        TemplateFormat::ALL
            .iter()
            .copied()
            .find(|f| f.name().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = TemplateFormat::ALL.iter().map(|f| f.name()).collect();
                Error::invalid(
                    "template format",
                    text,
                    format_args!("one of: {}", names.join(", ")),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_parses_from_its_name_and_extension() {
        for &format in TemplateFormat::ALL {
            assert_eq!(format.name().parse::<TemplateFormat>().unwrap(), format);
            assert_eq!(
                format
                    .name()
                    .to_uppercase()
                    .parse::<TemplateFormat>()
                    .unwrap(),
                format
            );
            assert_eq!(
                TemplateFormat::from_extension(format.extension()),
                Some(format)
            );
            let file = format!("cover.{}", format.extension().to_uppercase());
            assert_eq!(TemplateFormat::from_path(Path::new(&file)), Some(format));
            assert_eq!(format.to_string(), format.name());
        }
        assert_eq!(TemplateFormat::from_path(Path::new("cover")), None);
        assert_eq!(TemplateFormat::from_path(Path::new("cover.eps")), None);
        assert_eq!(TemplateFormat::extensions_text(), ".pdf, .svg or .png");
    }

    #[test]
    fn formats_serialize_as_their_names() {
        assert_eq!(
            serde_json::to_string(TemplateFormat::ALL).unwrap(),
            r#"["pdf","svg","png"]"#
        );
    }
}
