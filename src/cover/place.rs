//! Placing one panel's artwork: which of the sizes designers export it is, where its trim goes,
//! its resolution, and how the bleed or wrap it lacks is filled.

use crate::cover::options::{ComposeOptions, Extend};
use crate::cover::sheet::{
    edges_text, refuse, short_edges, size_text, too_little_bleed, Sheet, SIZE_TOLERANCE,
};
use crate::error::{ComposeProblem, Error, Result};
use crate::pdf::Artwork;
use crate::units::{
    number_apart, stretch, Judgement, Length, Matrix, Pdf, Rect, Resolution, Sides, Size, Unit,
    MAX_STRETCH, PRINT_PPI,
};

/// How far a filled strip overlaps the artwork it extends.
const SEAM: Length = Length::pt(0.25);

/// How far an image's edge strips run over the image, with its own pixels: a whole pixel at
/// screen resolution (72 ppi), so that renderers that smooth edges do not let the paper show
/// through where the two meet.
const EDGE_OVERLAP: Length = Length::pt(1.0);

/// The bleed most vendors and design tools use, for art made for another binding.
const USUAL_BLEED: Length = Length::inches(0.125);

/// Which side of a panel is the outer edge (away from the spine).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outer {
    Left,
    Right,
}

/// One panel to fill: a cover panel or a flap.
pub(crate) struct Panel<'a> {
    /// e.g. `front artwork`.
    pub(crate) what: &'static str,
    /// e.g. `front panel`.
    pub(crate) called: &'static str,
    pub(crate) art: &'a Artwork,
    /// Where the artwork's trim goes.
    pub(crate) rect: Rect<Pdf>,
    /// The book's trim, for art made for another binding (a paperback's panel), when it
    /// differs from `rect`.
    pub(crate) trim: Option<Size>,
    /// The layout's bleed (or a case's wrap) beyond the panel.
    pub(crate) bleed: Length,
    pub(crate) outer: Outer,
    /// The part of the sheet the artwork must cover.
    pub(crate) clip: Rect<Pdf>,
    pub(crate) slot: &'static str,
}

/// A size artwork may have for a panel.
struct Candidate {
    /// The artwork's trim, in sheet units.
    trim: Size,
    /// What lies beyond the trim in this export.
    sides: Sides,
    /// e.g. `at the trim`.
    label: &'static str,
    /// Whether the trim is the panel's own (not the book's trim for another binding).
    own: bool,
}

impl Candidate {
    fn size(&self) -> Size {
        Size::new(
            self.trim.width + self.sides.left + self.sides.right,
            self.trim.height + self.sides.top + self.sides.bottom,
        )
    }
}

fn candidates(p: &Panel) -> Vec<Candidate> {
    candidates_for(p.rect.size(), p.bleed, p.outer, p.trim)
}

/// The sizes artwork may have for a panel of size `panel` with `bleed` beyond it, `outer` its
/// edge away from the spine, and `book_trim` the book's trim where art made for another binding
/// is taken too.
fn candidates_for(
    panel: Size,
    panel_bleed: Length,
    outer_edge: Outer,
    book_trim: Option<Size>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut add = |trim: Size, bleed: Length, own: bool| {
        let outer = match outer_edge {
            Outer::Left => Sides {
                left: bleed,
                top: bleed,
                bottom: bleed,
                right: Length::ZERO,
            },
            Outer::Right => Sides {
                right: bleed,
                top: bleed,
                bottom: bleed,
                left: Length::ZERO,
            },
        };
        for (sides, label) in [
            (Sides::default(), "at the trim"),
            (outer, "with bleed on the outer edges"),
            (Sides::uniform(bleed), "with bleed all round"),
        ] {
            let c = Candidate {
                trim,
                sides,
                label,
                own,
            };
            if !out
                .iter()
                .any(|o: &Candidate| o.size().approx_eq_within(c.size(), SIZE_TOLERANCE))
            {
                out.push(c);
            }
        }
    };
    add(panel, panel_bleed, true);
    if let Some(trim) = book_trim {
        add(trim, USUAL_BLEED, false);
    }
    out
}

/// Which export of a front panel an image of `px` pixels (recording `recorded` ppi, if it
/// does) is, by the same rules compose places it with: the panel's size (a case's board, a
/// jacket's panel) at its trim, with bleed on the outer edges or all round, or the book's trim
/// with the usual bleed. Returns the export's trim, what lies beyond it, and whether the trim
/// is the panel's own; `None` where no export fits.
pub(crate) fn front_image_trim(
    panel: Size,
    bleed: Length,
    book_trim: Size,
    px: (u32, u32),
    recorded: Option<(f64, f64)>,
) -> Option<(Size, Sides, bool)> {
    let book = (!panel.approx_eq_within(book_trim, SIZE_TOLERANCE)).then_some(book_trim);
    let cands = candidates_for(panel, bleed, Outer::Right, book);
    let c = &cands[match_image(px, recorded, &cands)?];
    Some((c.trim, c.sides, c.own))
}

/// The sizes [`front_image_trim`] takes, for a message: `6.125 x 9.25 in (...) with bleed all
/// round`.
pub(crate) fn front_image_sizes(panel: Size, bleed: Length, book_trim: Size) -> Vec<String> {
    let book = (!panel.approx_eq_within(book_trim, SIZE_TOLERANCE)).then_some(book_trim);
    candidates_for(panel, bleed, Outer::Right, book)
        .iter()
        .map(|c| format!("{} {}", size_text(c.size()), c.label))
        .collect()
}

/// Where artwork goes: the matrix from its own space to the sheet, and what was decided.
struct Fit {
    matrix: Matrix,
    /// The artwork's whole extent on the sheet.
    placed: Rect<Pdf>,
    label: &'static str,
    /// Uniform scale applied to art made for the book's trim, 1 otherwise.
    scale: Option<f64>,
}

/// Which candidate an image's pixels match: by the resolution it records, else by proportion.
fn match_image(px: (u32, u32), recorded: Option<(f64, f64)>, cands: &[Candidate]) -> Option<usize> {
    let (w, h) = (f64::from(px.0), f64::from(px.1));
    if let Some((rx, ry)) = recorded {
        let size = Size::new(Length::inches(w / rx), Length::inches(h / ry));
        let tol = Length::inches(1.5 / rx.min(ry)).max(SIZE_TOLERANCE);
        if let Some(i) = cands
            .iter()
            .position(|c| c.size().approx_eq_within(size, tol))
        {
            return Some(i);
        }
    }
    // By proportion: the height the width implies, within a pixel and a half.
    let fits: Vec<usize> = (0..cands.len())
        .filter(|&i| {
            let s = cands[i].size();
            (w * (s.height / s.width) - h).abs() <= 1.5_f64.max(h * 0.001)
        })
        .collect();
    // Where proportions cannot tell (a square book), prefer a whole number of pixels per inch.
    fits.into_iter().min_by(|&a, &b| {
        let off = |i: usize| {
            let ppi = w / cands[i].size().width.to_inches();
            (ppi - ppi.round()).abs()
        };
        off(a).total_cmp(&off(b))
    })
}

fn fit(p: &Panel) -> Result<Fit> {
    let art = p.art;
    let cands = candidates(p);
    let (trim, extent, chosen) = if art.pixels().is_none() && art.trim_box() != art.media_box() {
        by_trim_box(p, &cands)?
    } else {
        by_size(p, &cands)?
    };
    let c = &cands[chosen];
    let (matrix, scale) = matrix_for(p, c, trim);
    Ok(Fit {
        matrix,
        placed: matrix.rect(extent),
        label: c.label,
        scale,
    })
}

/// A PDF with a TrimBox says where its trim is: it must be one the panel takes. Returns the
/// artwork's trim, its extent (the BleedBox) and the candidate chosen.
fn by_trim_box(p: &Panel, cands: &[Candidate]) -> Result<(Rect<Pdf>, Rect<Pdf>, usize)> {
    let art = p.art;
    let trim = art.trim_box();
    let chosen = cands.iter().position(|c| {
        c.sides == Sides::default() && c.trim.approx_eq_within(trim.size(), SIZE_TOLERANCE)
    });
    match chosen {
        Some(i) => Ok((trim, art.bleed_box(), i)),
        None => Err(refuse(
            ComposeProblem::WrongSize,
            format!(
                "{} {} has a TrimBox of {}, but the {} is {}{}",
                p.what,
                art.name(),
                size_text(trim.size()),
                p.called,
                size_text(p.rect.size()),
                match p.trim {
                    Some(t) => format!(" (the book's trim is {})", size_text(t)),
                    None => String::new(),
                }
            ),
        )),
    }
}

/// An image, or a PDF without a TrimBox: its size (or an image's proportions) says which
/// candidate it is, and so where its trim lies. Returns the artwork's trim, its extent (the
/// MediaBox) and the candidate chosen.
fn by_size(p: &Panel, cands: &[Candidate]) -> Result<(Rect<Pdf>, Rect<Pdf>, usize)> {
    let art = p.art;
    let media = art.media_box();
    let chosen = match art.pixels() {
        Some(px) => match_image(px, art.recorded_ppi(), cands),
        None => cands
            .iter()
            .position(|c| c.size().approx_eq_within(media.size(), SIZE_TOLERANCE)),
    };
    let Some(i) = chosen else {
        let accepted: Vec<String> = cands
            .iter()
            .map(|c| {
                let whose = if c.own {
                    ""
                } else {
                    " (made for the book's trim)"
                };
                format!("{} {}{whose}", size_text(c.size()), c.label)
            })
            .collect();
        let is = match art.pixels() {
            Some((w, h)) => format!("{}, whose proportions fit", art_text(art, w, h)),
            None => format!("{} without a TrimBox, which fits", size_text(media.size())),
        };
        return Err(refuse(
            ComposeProblem::WrongSize,
            format!(
                "{} {} is {} none of the sizes the {} takes: {}",
                p.what,
                art.name(),
                is,
                p.called,
                accepted.join("; ")
            ),
        ));
    };
    let c = &cands[i];
    let (sx, sy) = (media.width / c.size().width, media.height / c.size().height);
    let trim = Rect::new(
        media.x + c.sides.left * sx,
        media.y + c.sides.bottom * sy,
        c.trim.width * sx,
        c.trim.height * sy,
    );
    Ok((trim, media, i))
}

/// The matrix that puts the artwork's `trim` on the panel, and the uniform scale applied to art
/// made for the book's trim.
fn matrix_for(p: &Panel, c: &Candidate, trim: Rect<Pdf>) -> (Matrix, Option<f64>) {
    if c.own {
        if p.art.pixels().is_some() {
            (Matrix::fit(trim, p.rect), None)
        } else {
            (Matrix::shift(trim, p.rect), None)
        }
    } else {
        // Art made for the book's trim on a hardcover board or jacket panel: scaled uniformly
        // until its trim is the panel's height, so that nothing at its top or bottom is lost.
        // Wider than the panel, it is centred (the sides run into the wrap or hinge); narrower,
        // it keeps to the spine side and the outer edge is filled as extend says.
        let k = p.rect.height / c.trim.height;
        let w = c.trim.width * k;
        let x = if w >= p.rect.width {
            p.rect.x + (p.rect.width - w) / 2.0
        } else {
            match p.outer {
                Outer::Left => p.rect.right() - w,
                Outer::Right => p.rect.x,
            }
        };
        let target = Rect::new(x, p.rect.y, w, p.rect.height);
        (Matrix::fit(trim, target), Some(k))
    }
}

fn art_text(art: &Artwork, _w: u32, _h: u32) -> String {
    format!("a {}", art.describe())
}

/// Places one panel's artwork (or colour) and fills what it does not reach.
pub(crate) fn place_panel<'a>(
    sheet: &mut Sheet<'a>,
    p: &Panel<'a>,
    options: &ComposeOptions,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    if let Some(color) = p.art.flat_color() {
        sheet.fill(p.clip, color);
        return Ok(());
    }
    let f = fit(p)?;
    let name = format!("{} {}", p.what, p.art.name());
    if let (Some(k), Some(trim)) = (f.scale, p.trim) {
        let over = (trim.width * k - p.rect.width) / 2.0;
        let sides = if over > Length::inches(0.0005) {
            format!(
                "; {} in of each side runs past it",
                over.rounded(Unit::In, 3)
            )
        } else {
            String::new()
        };
        notes.push(format!(
            "{name} is made for the book's {} x {} in trim: {} to {:.1}% to the height of the \
             {} x {} in {}{sides}",
            trim.width.rounded(Unit::In, 3),
            trim.height.rounded(Unit::In, 3),
            if k >= 1.0 { "enlarged" } else { "shrunk" },
            k * 100.0,
            p.rect.width.rounded(Unit::In, 3),
            p.rect.height.rounded(Unit::In, 3),
            p.called
        ));
    }
    if let Some(px) = p.art.pixels() {
        let placed = Resolution::placed(px, f.placed.size());
        // Art sharp at the trim it was made for, under the line only because it was enlarged.
        let by_scaling = f.scale.filter(|&k| {
            let min = options.min_image_ppi;
            placed.judge(min) != Judgement::Sharp && placed.scaled(k).judge(min) == Judgement::Sharp
        });
        match by_scaling {
            Some(k) => enlarged(&name, placed, k, p.called, options, warnings)?,
            None => resolution(&name, placed, f.label, options, notes, warnings)?,
        }
    }
    sheet.place(p.slot, p.art, f.matrix, p.clip)?;
    extend(sheet, p, &f, options.extend, &name, notes, warnings)
}

/// Reports an image's placed resolution, judged by the one rule ([`Resolution::judge`]): under
/// the vendor's minimum an error, under the resolution print needs a warning, a note otherwise.
pub(crate) fn resolution(
    name: &str,
    placed: Resolution,
    label: &str,
    options: &ComposeOptions,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    match placed.judge(options.min_image_ppi) {
        Judgement::Refused(min) => {
            return Err(refuse(
                ComposeProblem::LowResolution,
                format!(
                    "{name} is {placed} where placed; the vendor requires at least {min} ppi: \
                     export it larger"
                ),
            ))
        }
        Judgement::Soft => warnings.push(format!(
            "{name} is {placed} where placed, under the {PRINT_PPI} ppi print needs; it may \
             print soft"
        )),
        Judgement::Sharp => notes.push(format!("{name} placed {label} at {placed}")),
    }
    Ok(())
}

/// Reports the resolution of art made for the book's trim, sharp there, that is under the line
/// only because it was enlarged `k` times to fill a board or jacket panel (`called`): by the one
/// rule, with the numbers (what it has at the trim it was made for, what is left where placed).
/// Under the vendor's published minimum it is refused; under the resolution print needs, a
/// warning.
fn enlarged(
    name: &str,
    placed: Resolution,
    k: f64,
    called: &str,
    options: &ComposeOptions,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let own = placed.scaled(k);
    let why = format!(
        "{name} is {placed} where placed: {own} at the book's trim it is made for, enlarged to \
         {:.1}% for the {called}",
        k * 100.0
    );
    match placed.judge(options.min_image_ppi) {
        Judgement::Refused(min) => {
            return Err(refuse(
                ComposeProblem::LowResolution,
                format!(
                    "{why}; the vendor requires at least {min} ppi: export it at {:.0} ppi or \
                     more",
                    (f64::from(min) * k).ceil()
                ),
            ))
        }
        Judgement::Soft => warnings.push(format!(
            "{why}, under the {PRINT_PPI} ppi print needs; it may print soft (export it at \
             {:.0} ppi or more to keep {PRINT_PPI})",
            (f64::from(PRINT_PPI) * k).ceil()
        )),
        Judgement::Sharp => {}
    }
    Ok(())
}

/// Where spine artwork goes: the matrix from its own space to the sheet, its whole extent there,
/// and how much it is scaled across and down.
pub(crate) struct SpineFit {
    pub(crate) matrix: Matrix,
    pub(crate) placed: Rect<Pdf>,
    pub(crate) label: &'static str,
    pub(crate) across: f64,
    pub(crate) down: f64,
}

/// Fits spine artwork onto `spine` (in PDF's coordinates), whose bleed or wrap above and below
/// is `bleed`; `book` is the book's trim where the spine is taller than it (a hardcover's).
///
/// A PDF with a TrimBox says where its trim is. An image, or a PDF without one, is taken as
/// exported at the spine's height or with bleed top and bottom (or at the book's trim, or with
/// the usual bleed, for a hardcover spine made from paperback art), whichever its height is
/// nearest, so that its bleed lands in the bleed. Its trim then fills the spine: scaled evenly,
/// as an image exported at any resolution is, but out of its proportions by at most
/// [`MAX_STRETCH`].
pub(crate) fn fit_spine(
    art: &Artwork,
    spine: Rect<Pdf>,
    bleed: Length,
    book: Option<Size>,
) -> Result<SpineFit> {
    let media = art.media_box();
    let (trim, extent, label) = if art.pixels().is_none() && art.trim_box() != media {
        (art.trim_box(), art.bleed_box(), "by its TrimBox")
    } else {
        let mut heights = vec![
            (spine.height, Length::ZERO, "at the spine's height"),
            (spine.height, bleed, "with bleed top and bottom"),
        ];
        if let Some(book) = book {
            heights.push((book.height, Length::ZERO, "at the book's trim height"));
            heights.push((
                book.height,
                USUAL_BLEED,
                "at the book's trim height with bleed top and bottom",
            ));
        }
        let off = |(h, b, _): &(Length, Length, &str)| (media.height / (*h + *b * 2.0)).ln().abs();
        let chosen = heights
            .iter()
            .filter(|c| off(c).is_finite())
            .min_by(|a, b| off(a).total_cmp(&off(b)));
        let (height, above, label) = *chosen.unwrap_or(&heights[0]);
        let k = media.height / (height + above * 2.0);
        let trim = Rect::new(media.x, media.y + above * k, media.width, height * k);
        (trim, media, label)
    };
    let (across, down) = (spine.width / trim.width, spine.height / trim.height);
    let s = stretch(across, down);
    if s > MAX_STRETCH {
        let is = match art.pixels() {
            Some(_) => format!("a {}", art.describe()),
            None => format!(
                "{} x {} in",
                trim.width.rounded(Unit::In, 4),
                trim.height.rounded(Unit::In, 4)
            ),
        };
        let limits = [100.0 / MAX_STRETCH, MAX_STRETCH * 100.0];
        let how = |k: f64| format!("{}%", number_apart(k * 100.0, &limits, 0));
        let with_bleed = if bleed > Length::ZERO {
            let tall = Size::new(spine.width, spine.height + bleed * 2.0);
            format!(", or {} with bleed top and bottom", size_text(tall))
        } else {
            String::new()
        };
        return Err(Error::compose(
            ComposeProblem::SpineArtStretched,
            format!(
                "spine artwork {} is {is}; the spine is {} x {} in: fitting it would scale it {} \
                 across and {} down, out of its proportions past the {:.0}% to {:.0}% that \
                 keeps it usable; make spine art {}{with_bleed}",
                art.name(),
                spine.width.rounded(Unit::In, 4),
                spine.height.rounded(Unit::In, 4),
                how(across),
                how(down),
                100.0 / MAX_STRETCH,
                MAX_STRETCH * 100.0,
                size_text(spine.size()),
            ),
        ));
    }
    let matrix = Matrix::fit(trim, spine);
    Ok(SpineFit {
        matrix,
        placed: matrix.rect(extent),
        label,
        across,
        down,
    })
}

/// The strips of `clip` outside `placed`, as (horizontal side, vertical side, rect): -1 for
/// left or bottom, 0 along the artwork, 1 for right or top.
fn gaps(placed: Rect<Pdf>, clip: Rect<Pdf>) -> Vec<(i8, i8, Rect<Pdf>)> {
    let tiny = Length::inches(0.001);
    let span = |lo: Length, hi: Length, clo: Length, chi: Length| {
        [
            (-1i8, clo, lo.min(chi)),
            (0, lo.max(clo), hi.min(chi)),
            (1, hi.max(clo), chi),
        ]
    };
    let mut out = Vec::new();
    for (dx, x0, x1) in span(placed.x, placed.right(), clip.x, clip.right()) {
        for (dy, y0, y1) in span(placed.y, placed.top(), clip.y, clip.top()) {
            if (dx, dy) == (0, 0) || x1 - x0 <= tiny || y1 - y0 <= tiny {
                continue;
            }
            // Each strip reaches a hair over the artwork's edge, so that no seam shows where
            // screens smooth the two edges.
            let (x0, x1) = match dx {
                -1 => (x0, x1 + SEAM),
                1 => (x0 - SEAM, x1),
                _ => (x0, x1),
            };
            let (y0, y1) = match dy {
                -1 => (y0, y1 + SEAM),
                1 => (y0 - SEAM, y1),
                _ => (y0, y1),
            };
            out.push((dx, dy, Rect::new(x0, y0, x1 - x0, y1 - y0)));
        }
    }
    out
}

/// Fills what spine artwork placed with `matrix` does not reach of `clip` (a hardcover's wrap
/// above and below the spine), as `options.extend` says.
pub(crate) fn extend_spine<'a>(
    sheet: &mut Sheet<'a>,
    art: &'a Artwork,
    matrix: Matrix,
    clip: Rect<Pdf>,
    options: &ComposeOptions,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let panel = Panel {
        what: "spine artwork",
        called: "spine",
        art,
        rect: clip,
        trim: None,
        bleed: Length::ZERO,
        outer: Outer::Left,
        clip,
        slot: "spine",
    };
    let fit = Fit {
        matrix,
        placed: matrix.rect(art.bleed_box()),
        label: "across the spine",
        scale: None,
    };
    let name = format!("spine artwork {}", art.name());
    extend(sheet, &panel, &fit, options.extend, &name, notes, warnings)
}

/// Artwork as placed on a sheet: in which slot, with which matrix, and its whole extent there.
pub(crate) struct Placed<'a> {
    pub(crate) art: &'a Artwork,
    pub(crate) slot: &'static str,
    pub(crate) matrix: Matrix,
    pub(crate) extent: Rect<Pdf>,
}

/// Fills what placed artwork does not reach of `clip`, as `how` says: the bleed a whole cover
/// lacks, moved onto a new spine. The fills reuse the placed artwork's copy.
pub(crate) fn extend_placed<'a>(
    sheet: &mut Sheet<'a>,
    placed: Placed<'a>,
    clip: Rect<Pdf>,
    how: Extend,
    name: &str,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let Placed {
        art,
        slot,
        matrix,
        extent,
    } = placed;
    let panel = Panel {
        what: "cover",
        called: "cover",
        art,
        rect: clip,
        trim: None,
        bleed: Length::ZERO,
        outer: Outer::Left,
        clip,
        slot,
    };
    let fit = Fit {
        matrix,
        placed: extent,
        label: "as it was",
        scale: None,
    };
    extend(sheet, &panel, &fit, how, name, notes, warnings)
}

fn extend<'a>(
    sheet: &mut Sheet<'a>,
    p: &Panel<'a>,
    f: &Fit,
    how: Extend,
    name: &str,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let (placed, clip) = (f.placed, p.clip);
    let strips = gaps(placed, clip);
    if strips.is_empty() {
        return Ok(());
    }
    let sides = short_edges(placed, clip);
    let listed = edges_text(&sides);
    draw_strips(sheet, p, f, how, strips)?;
    match how {
        Extend::None => warnings.push(too_little_bleed(name, &sides)),
        Extend::Mirror => {
            if sides.iter().any(|(s, g)| {
                let size = if *s == "left" || *s == "right" {
                    placed.width
                } else {
                    placed.height
                };
                *g > size
            }) {
                warnings.push(format!(
                    "{name} is smaller than the strip it must fill; part of it stays blank"
                ));
            }
            notes.push(format!("{name}: filled {listed} by mirroring its edge"));
        }
        Extend::Edge => notes.push(format!("{name}: filled {listed} by repeating its edge")),
        Extend::Color(c) => notes.push(format!(
            "{name}: filled {listed} with colour {},{},{},{}",
            c.c, c.m, c.y, c.k
        )),
    }
    Ok(())
}

/// Fills `strips` (from [`gaps`]) around artwork placed as `f` places it, as `how` says.
fn draw_strips<'a>(
    sheet: &mut Sheet<'a>,
    p: &Panel<'a>,
    f: &Fit,
    how: Extend,
    strips: Vec<(i8, i8, Rect<Pdf>)>,
) -> Result<()> {
    let placed = f.placed;
    // A hairline of a PDF, or one pixel of an image, is what edge repeats.
    let hair = match p.art.pixels() {
        Some((w, h)) => (placed.width / f64::from(w), placed.height / f64::from(h)),
        None => (Length::pt(0.5), Length::pt(0.5)),
    };
    // An image's edge is repeated at its own resolution: a strip of its edge pixels for each
    // side, a block of its corner pixel for each corner.
    let parts = match how {
        Extend::Edge => edge_parts(p.art, f, &strips, hair)?,
        _ => None,
    };
    for (i, (dx, dy, strip)) in strips.into_iter().enumerate() {
        if let Some(parts) = &parts {
            let (part, clip) = &parts[i];
            sheet.place_part(part, f.matrix, *clip)?;
            continue;
        }
        let axis = |d: i8, lo: Length, hi: Length, glo: Length, ghi: Length, hair: Length| {
            // Returns (scale, offset) in points for one axis.
            match (how, d) {
                (_, 0) => (1.0, 0.0),
                (Extend::Mirror, -1) => (-1.0, 2.0 * lo.to_pt()),
                (Extend::Mirror, _) => (-1.0, 2.0 * hi.to_pt()),
                (_, -1) => {
                    let a = (lo - glo) / hair;
                    (a, glo.to_pt() - lo.to_pt() * a)
                }
                (_, _) => {
                    let a = (ghi - hi) / hair;
                    let from = hi - hair;
                    (a, hi.to_pt() - from.to_pt() * a)
                }
            }
        };
        match how {
            Extend::None => {}
            Extend::Color(c) => sheet.fill(strip, c),
            Extend::Mirror | Extend::Edge => {
                let (ax, ex) = axis(dx, placed.x, placed.right(), strip.x, strip.right(), hair.0);
                let (ay, ey) = axis(dy, placed.y, placed.top(), strip.y, strip.top(), hair.1);
                let m = f.matrix.then(Matrix([ax, 0.0, 0.0, ay, ex, ey]));
                sheet.place(p.slot, p.art, m, strip)?;
            }
        }
    }
    Ok(())
}

/// The most pixels an edge strip of an image has; past it (a strip far wider than the art at
/// its resolution), the edge is stretched instead.
const MAX_EDGE_PIXELS: usize = 64_000_000;

/// An edge strip's artwork and the clip it is drawn in.
type EdgePart = (Artwork, Rect<Pdf>);

/// The strips that extend an image `art` placed as `f` places it, made of its edge pixels at
/// its own resolution (`hair`, one pixel's size across and down on the sheet): one artwork per
/// strip of `strips`, in art's space, to be placed with `f.matrix`. Each runs a pixel or two
/// into the image with its real pixels, so that no seam shows where it overlaps the art.
/// Each is returned with its clip: its strip, run over the image by [`EDGE_OVERLAP`]. `None`
/// for a PDF, art not placed upright, or strips too large.
fn edge_parts(
    art: &Artwork,
    f: &Fit,
    strips: &[(i8, i8, Rect<Pdf>)],
    hair: (Length, Length),
) -> Result<Option<Vec<EdgePart>>> {
    let Some((w, h)) = art.pixels() else {
        return Ok(None);
    };
    let Matrix([a, b, c, d, _, _]) = f.matrix;
    if a <= 0.0 || d <= 0.0 || b != 0.0 || c != 0.0 {
        return Ok(None);
    }
    let m = art.media_box();
    let (pw, ph) = (m.width / f64::from(w), m.height / f64::from(h));
    let placed = f.placed;
    // Pixels of the image kept at its edge (as far as the strip overlaps it), and repeats
    // beyond it.
    let inner = |overlap: Length, hair: Length, most: u32| {
        ((overlap / hair).ceil().max(0.0) as u32 + 1).min(most)
    };
    let repeats = |gap: Length, hair: Length| (gap / hair).ceil().max(0.0) as u32 + 1;
    let mut picks = Vec::with_capacity(strips.len());
    let mut clips = Vec::with_capacity(strips.len());
    let more = EDGE_OVERLAP - SEAM;
    for &(dx, dy, strip) in strips {
        // Over the image by a whole screen pixel, with its own pixels there.
        let strip: Rect<Pdf> = Rect::new(
            strip.x - if dx == 1 { more } else { Length::ZERO },
            strip.y - if dy == 1 { more } else { Length::ZERO },
            strip.width + if dx != 0 { more } else { Length::ZERO },
            strip.height + if dy != 0 { more } else { Length::ZERO },
        );
        clips.push(strip);
        let (columns, x, width) = match dx {
            0 => ((0..w).collect(), m.x, m.width),
            -1 => {
                let k = inner(strip.right() - placed.x, hair.0, w);
                let n = repeats(placed.x - strip.x, hair.0);
                let mut cols = vec![0; n as usize];
                cols.extend(0..k);
                (cols, m.x - pw * f64::from(n), pw * f64::from(n + k))
            }
            _ => {
                let k = inner(placed.right() - strip.x, hair.0, w);
                let n = repeats(strip.right() - placed.right(), hair.0);
                let mut cols: Vec<u32> = (w - k..w).collect();
                cols.extend(std::iter::repeat_n(w - 1, n as usize));
                (cols, m.right() - pw * f64::from(k), pw * f64::from(n + k))
            }
        };
        // Rows run from the top of the image down; PDF's y runs up.
        let (rows, y, height) = match dy {
            0 => ((0..h).collect(), m.y, m.height),
            1 => {
                let k = inner(placed.top() - strip.y, hair.1, h);
                let n = repeats(strip.top() - placed.top(), hair.1);
                let mut rows = vec![0; n as usize];
                rows.extend(0..k);
                (rows, m.top() - ph * f64::from(k), ph * f64::from(n + k))
            }
            _ => {
                let k = inner(strip.top() - placed.y, hair.1, h);
                let n = repeats(placed.y - strip.y, hair.1);
                let mut rows: Vec<u32> = (h - k..h).collect();
                rows.extend(std::iter::repeat_n(h - 1, n as usize));
                (rows, m.y - ph * f64::from(n), ph * f64::from(n + k))
            }
        };
        if columns.len().saturating_mul(rows.len()) > MAX_EDGE_PIXELS {
            return Ok(None);
        }
        picks.push((columns, rows, Rect::new(x, y, width, height)));
    }
    Ok(art
        .image_parts(picks)?
        .map(|parts| parts.into_iter().zip(clips).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_cover_the_clip_around_the_art() {
        let r = |x: f64, y: f64, w: f64, h: f64| {
            Rect::new(Length::pt(x), Length::pt(y), Length::pt(w), Length::pt(h))
        };
        let strips = gaps(r(10.0, 10.0, 80.0, 80.0), r(0.0, 0.0, 90.0, 100.0));
        let area: f64 = strips
            .iter()
            .map(|(_, _, s)| s.width.to_pt() * s.height.to_pt())
            .sum();
        // The strips overlap the art by a hair along their inner edges.
        assert!((area - (90.0 * 100.0 - 80.0 * 80.0)).abs() < 80.0, "{area}");
        assert!(strips.iter().all(|(dx, _, _)| *dx != 1));
    }
}
