//! What a cover is made from: front and back artwork, the spine, a barcode, a jacket's flaps.

use crate::barcode::{Isbn, Price};
use crate::draw::{Cmyk, Direction};
use crate::pdf::Artwork;

/// Spine text set along the spine.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SpineLabel {
    /// The book's title.
    pub title: String,
    /// The author, if shown.
    pub author: Option<String>,
    /// The imprint, if shown.
    pub imprint: Option<String>,
    /// Which way the text runs (default top to bottom).
    pub direction: Direction,
    /// Text colour (default 100% black).
    pub color: Cmyk,
    /// Spine background, if any.
    pub background: Option<Cmyk>,
    /// A TrueType or OpenType font to set the text in, embedded. Without one the text is set
    /// in DejaVu Sans (its Latin letters, built in; `assets/fonts/`), embedded too, so that
    /// vendors that require embedded fonts (and PDF/X) take the cover.
    pub font: Option<Vec<u8>>,
}

impl SpineLabel {
    /// A title alone, top to bottom, in black on no background.
    pub fn new(title: impl Into<String>) -> SpineLabel {
        SpineLabel {
            title: title.into(),
            author: None,
            imprint: None,
            direction: Direction::Down,
            color: Cmyk::BLACK,
            background: None,
            font: None,
        }
    }

    /// The words set on the spine, in order.
    pub(super) fn text(&self) -> String {
        let mut parts = vec![self.title.trim()];
        parts.extend(self.author.as_deref().map(str::trim));
        parts.extend(self.imprint.as_deref().map(str::trim));
        parts.retain(|p| !p.is_empty());
        parts.join("   ")
    }
}

/// What goes on the spine.
#[derive(Debug, Clone)]
pub enum SpineArt {
    /// Nothing (the spine stays blank).
    Blank,
    /// A solid colour, into the top and bottom bleed.
    Color(Cmyk),
    /// Text, fitted to the spine's safe area.
    Label(SpineLabel),
    /// Artwork exported at the spine's height or with bleed top and bottom, fitted to the
    /// spine: its proportions may change by at most a factor of two.
    Artwork(Box<Artwork>),
}

/// The artwork of a cover: front, back, spine, a dust jacket's flaps and an optional barcode.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CoverArt {
    /// Front cover artwork, sized to the front panel (with its own bleed if it has one), or to
    /// the book's trim for a hardcover or jacket made from paperback art.
    pub front: Artwork,
    /// Back cover artwork, sized like the front, or a flat colour ([`Artwork::color`]).
    pub back: Artwork,
    /// The spine.
    pub spine: SpineArt,
    /// An ISBN and price add-on to print as a barcode in the vendor's box.
    pub barcode: Option<(Isbn, Price)>,
    /// A dust jacket's back flap (the left one), artwork or a colour; required for a jacket,
    /// left out for other bindings (so one art set serves every binding).
    pub back_flap: Option<Artwork>,
    /// A dust jacket's front flap (the right one).
    pub front_flap: Option<Artwork>,
}

impl CoverArt {
    /// Front and back artwork, a blank spine, no barcode, no flaps.
    pub fn new(front: Artwork, back: Artwork) -> CoverArt {
        CoverArt {
            front,
            back,
            spine: SpineArt::Blank,
            barcode: None,
            back_flap: None,
            front_flap: None,
        }
    }

    /// The spine: blank, a colour, text or artwork.
    pub fn spine(mut self, spine: SpineArt) -> CoverArt {
        self.spine = spine;
        self
    }

    /// An ISBN and price add-on to print as a barcode in the vendor's box.
    pub fn barcode(mut self, isbn: Isbn, price: Price) -> CoverArt {
        self.barcode = Some((isbn, price));
        self
    }

    /// A dust jacket's flaps, back (left) then front (right).
    pub fn flaps(mut self, back: Artwork, front: Artwork) -> CoverArt {
        self.back_flap = Some(back);
        self.front_flap = Some(front);
        self
    }
}
