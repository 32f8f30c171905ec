//! `podcover compose`: a print-ready cover from front, back and spine artwork.

use std::path::PathBuf;

use clap::Args;
use podcover::barcode::{Isbn, Price};
use podcover::{Catalog, CoverArt, SpineArt, SpineLabel, Unit};

use crate::input::{parse_cmyk, read_artwork, resolve, write_output};
use crate::output::both;
use crate::ProductArgs;

#[derive(Args)]
pub(crate) struct ComposeArgs {
    #[command(flatten)]
    product: ProductArgs,
    /// Front cover artwork (PDF, page 1), the size of the front panel.
    #[arg(long)]
    front: PathBuf,
    /// Back cover artwork (PDF, page 1).
    #[arg(long)]
    back: PathBuf,
    /// Spine artwork (PDF, page 1), stretched to the spine width.
    #[arg(long, group = "spine_art")]
    spine: Option<PathBuf>,
    /// Spine text: the title (with --author, --imprint).
    #[arg(long, group = "spine_art")]
    spine_text: Option<String>,
    /// Author on the spine.
    #[arg(long, requires = "spine_text")]
    author: Option<String>,
    /// Imprint on the spine.
    #[arg(long, requires = "spine_text")]
    imprint: Option<String>,
    /// Spine text reads bottom to top.
    #[arg(long, requires = "spine_text")]
    bottom_to_top: bool,
    /// Spine text colour as C,M,Y,K (default 0,0,0,1).
    #[arg(long, requires = "spine_text")]
    text_color: Option<String>,
    /// TrueType or OpenType font for the spine text, embedded (default: Helvetica, not embedded).
    #[arg(long, requires = "spine_text", value_name = "TTF")]
    font: Option<PathBuf>,
    /// Spine colour as C,M,Y,K from 0 to 1, e.g. 0,0,0,1 (behind --spine-text, if given).
    #[arg(long, conflicts_with = "spine")]
    spine_color: Option<String>,
    /// ISBN for the barcode.
    #[arg(long)]
    isbn: Option<String>,
    /// EAN-5 price add-on.
    #[arg(long, default_value = "90000")]
    price: String,
    /// Output PDF.
    #[arg(short = 'o', long)]
    output: PathBuf,
    /// Replace an existing file.
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(catalog: &Catalog, args: &ComposeArgs) -> Result<String, String> {
    let (product, trim, pages) = resolve(catalog, &args.product)?;
    let trim = trim.ok_or("--trim is required (or --interior to read it)")?;
    let layout = product.layout(&trim, pages).map_err(|e| e.to_string())?;
    crate::output::warn_rounded(&layout);
    let color = args
        .spine_color
        .as_deref()
        .map(|t| parse_cmyk("--spine-color", t))
        .transpose()?;
    let spine = match (&args.spine, &args.spine_text, color) {
        (Some(path), _, _) => SpineArt::Artwork(Box::new(read_artwork(path)?)),
        (_, Some(title), background) => {
            let mut label = SpineLabel::new(title.clone());
            label.author = args.author.clone();
            label.imprint = args.imprint.clone();
            label.background = background;
            if let Some(text) = &args.text_color {
                label.color = parse_cmyk("--text-color", text)?;
            }
            if args.bottom_to_top {
                label.direction = podcover::Direction::Up;
            }
            if let Some(path) = &args.font {
                label.font = Some(
                    std::fs::read(path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
                );
            }
            SpineArt::Label(label)
        }
        (_, _, Some(color)) => SpineArt::Color(color),
        _ => SpineArt::Blank,
    };
    let barcode = match &args.isbn {
        Some(isbn) => Some((
            isbn.parse::<Isbn>().map_err(|e| e.to_string())?,
            args.price.parse::<Price>().map_err(|e| e.to_string())?,
        )),
        None => None,
    };
    let art = CoverArt {
        front: read_artwork(&args.front)?,
        back: read_artwork(&args.back)?,
        spine,
        barcode,
    };
    let cover = podcover::compose(&layout, &art).map_err(|e| e.to_string())?;
    write_output(&args.output, &cover.pdf, args.force)?;
    let mut out = format!(
        "wrote {} ({} {} {}, spine {}, {} x {})\n",
        args.output.display(),
        layout.spec.vendor,
        layout.spec.binding,
        layout.spec.paper,
        both(layout.spine_width, Unit::In),
        layout.sheet.width.display(Unit::In),
        layout.sheet.height.display(Unit::In)
    );
    for w in &cover.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    Ok(out)
}
