//! The colour a cover is made in. For print in CMYK: RGB raster art separated through an
//! output profile (its transparency flattened onto the paper), grey kept grey, PDF art taken
//! only when it is CMYK and grey already, and the colours given for the cover kept within the
//! vendor's ink limit. For a vendor that prints sRGB: CMYK raster art turned into sRGB.

use std::fmt;

use crate::color::{within_ink, TotalInk};
use crate::cover::art::{CoverArt, SpineArt};
use crate::cover::options::{ComposeOptions, CoverColor, Extend};
use crate::draw::Cmyk;
use crate::error::{ComposeProblem, Error, Result};
use crate::pdf::print_color::{unprintable, Unprintable};
use crate::pdf::raster::{Conversion, ImageColor};
use crate::pdf::Artwork;

/// Checks a cover's art and colours against `options` before anything is placed: PDF art a
/// CMYK cover cannot carry is refused; a colour over the ink limit is refused when
/// `strict_color` is set, else a warning says how it is reduced (the sheet reduces it where
/// it is drawn, with [`within_ink`]).
pub(crate) fn check_art(
    art: &CoverArt,
    options: &ComposeOptions,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let mut arts = vec![("front", &art.front), ("back", &art.back)];
    if let SpineArt::Artwork(spine) = &art.spine {
        arts.push(("spine", spine));
    }
    arts.extend(art.back_flap.as_ref().map(|a| ("back flap", a)));
    arts.extend(art.front_flap.as_ref().map(|a| ("front flap", a)));
    for (slot, artwork) in &arts {
        check_pdf(slot, &format!("{slot} artwork"), artwork, options.color)?;
    }
    let mut colors: Vec<(&str, Cmyk)> = Vec::new();
    for (slot, artwork) in &arts {
        if let Some(color) = artwork.flat_color() {
            colors.push((color_name(slot), color));
        }
    }
    match &art.spine {
        SpineArt::Color(color) => colors.push(("spine colour", *color)),
        SpineArt::Label(label) => {
            colors.push(("spine text colour", label.color));
            colors.extend(label.background.map(|c| ("spine colour", c)));
        }
        SpineArt::Blank | SpineArt::Artwork(_) => {}
    }
    if let Extend::Color(color) = options.extend {
        colors.push(("extend colour", color));
    }
    check_colors(&colors, options, warnings)
}

/// The name of a slot's flat colour in messages.
fn color_name(slot: &str) -> &'static str {
    match slot {
        "back" => "back colour",
        "back flap" => "back flap colour",
        "front flap" => "front flap colour",
        "spine" => "spine colour",
        _ => "front colour",
    }
}

/// Refuses PDF art a CMYK cover cannot carry; `what` names it (`front artwork`), `slot`
/// says which part to export again (`front`).
pub(crate) fn check_pdf(slot: &str, what: &str, art: &Artwork, color: CoverColor) -> Result<()> {
    let CoverColor::Cmyk(output) = color else {
        return Ok(());
    };
    let Some((doc, page)) = art.pdf_page()? else {
        return Ok(());
    };
    let found = unprintable(art.name(), &doc, page)?;
    if found.is_empty() {
        return Ok(());
    }
    let found: Vec<&str> = found.iter().map(|u| Unprintable::as_str(*u)).collect();
    Err(Error::compose(
        ComposeProblem::NotCmyk,
        format!(
            "{what} {} has {}, which a CMYK cover for {} cannot carry; export the {slot} as \
             PDF/X-1a from your layout program (CMYK, transparency flattened), or give it as a \
             PNG or JPEG to be converted",
            art.name(),
            list(&found),
            output.identifier()
        ),
    ))
}

/// Checks the colours given for a cover against the ink limit.
pub(crate) fn check_colors(
    colors: &[(&str, Cmyk)],
    options: &ComposeOptions,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let Some(limit) = options.ink_limit else {
        return Ok(());
    };
    let mut told: Vec<(&str, Inks)> = Vec::new();
    for &(what, color) in colors {
        let ink = TotalInk::of_color(color);
        if ink <= limit || told.contains(&(what, Inks(color))) {
            continue;
        }
        told.push((what, Inks(color)));
        let over = format!(
            "{what} {} is {ink} total ink, over the {} the vendor allows",
            Inks(color),
            Whole(limit)
        );
        if options.strict_color {
            return Err(Error::compose(
                ComposeProblem::InkLimit,
                format!("{over}; give a colour within {}", Whole(limit)),
            ));
        }
        let reduced = within_ink(color, limit);
        warnings.push(format!(
            "{over}: reduced to {} ({})",
            Inks(reduced),
            TotalInk::of_color(reduced)
        ));
    }
    Ok(())
}

/// What was done to an image's colour, as a note or (for CMYK art over the ink limit) a
/// warning; `what` names the art (`front artwork front.png`).
pub(crate) fn conversion_message(
    what: &str,
    conversion: Conversion,
    color: &ImageColor,
) -> Option<(bool, String)> {
    let flattened = |f: bool| {
        if f {
            "; its transparency flattened onto the paper"
        } else {
            ""
        }
    };
    let (output, limit) = match *color {
        ImageColor::Cmyk { output, limit, .. } => (output, Some(limit)),
        ImageColor::Srgb { output } => (output, None),
        ImageColor::AsIs => return None,
    };
    let id = output.identifier();
    Some(match conversion {
        Conversion::None => return None,
        Conversion::ToCmyk {
            embedded,
            flattened: f,
        } => (
            false,
            format!(
                "{what}: RGB separated to CMYK for {id} from {}{}",
                if embedded {
                    "its embedded ICC profile"
                } else {
                    "sRGB (it has no profile)"
                },
                flattened(f)
            ),
        ),
        Conversion::ToGray { flattened: f } => (
            false,
            format!(
                "{what}: neutral RGB kept as grey, printed with black ink alone{}",
                flattened(f)
            ),
        ),
        Conversion::Flattened => (
            false,
            format!("{what}: grey, its transparency flattened onto the paper"),
        ),
        Conversion::KeptCmyk { most } => match limit {
            Some(limit) if most > limit => (
                true,
                format!(
                    "{what} is CMYK with up to {most} total ink, over the {} the vendor \
                     allows; it is placed as it is: separate it again within {}",
                    Whole(limit),
                    Whole(limit)
                ),
            ),
            _ => (
                false,
                format!("{what}: CMYK, taken as separated for {id} (at most {most} ink)"),
            ),
        },
        Conversion::ToSrgb => (
            false,
            format!(
                "{what}: CMYK turned into sRGB as it prints on {id}, for a vendor that prints sRGB"
            ),
        ),
    })
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A colour's inks as given on the command line, `C,M,Y,K`.
#[derive(Clone, Copy, PartialEq)]
struct Inks(Cmyk);

impl fmt::Display for Inks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        write!(f, "{},{},{},{}", c.c, c.m, c.y, c.k)
    }
}

/// A limit in whole percents, e.g. `240%`.
struct Whole(TotalInk);

impl fmt::Display for Whole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0.percent().round())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_sentences() {
        assert_eq!(list(&["a"]), "a");
        assert_eq!(list(&["a", "b"]), "a and b");
        assert_eq!(list(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn inks_show_as_given() {
        assert_eq!(
            Inks(Cmyk::new(0.466, 0.5, 0.0, 1.0)).to_string(),
            "0.466,0.5,0,1"
        );
        assert_eq!(Whole(TotalInk::from_percent(240)).to_string(), "240%");
    }
}
