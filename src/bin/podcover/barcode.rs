//! `podcover barcode`: the Bookland EAN-13 and its price add-on on their own.

use std::path::PathBuf;

use clap::Args;
use podcover::barcode::{Isbn, Price};
use podcover::draw::{Bookland, TemplateFormat};

use crate::error::CliError;
use crate::input::{refuse_input, write_output, Inputs};
use crate::template::{format_of, format_parser};

#[derive(Args)]
pub(crate) struct BarcodeArgs {
    /// ISBN-13 or ISBN-10, hyphens allowed.
    isbn: String,
    /// EAN-5 price add-on: 51699 is USD 16.99, 90000 no price.
    #[arg(long, default_value = "90000")]
    price: String,
    /// Size in percent of the standard's (80 to 100).
    #[arg(long, default_value_t = 100)]
    scale: u32,
    /// Output file; its extension sets the format (see --format).
    #[arg(short = 'o', long)]
    output: PathBuf,
    /// The file format (default: from the output file's extension, else pdf).
    #[arg(long, value_parser = format_parser())]
    format: Option<TemplateFormat>,
    /// Resolution of a PNG, in pixels per inch, up to 1200: at least 150 at 100%, more as
    /// --scale makes the bars thinner (188 at 80%), or they do not scan.
    #[arg(long, default_value_t = 1200)]
    ppi: u32,
    /// Replace an existing file.
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(args: &BarcodeArgs, inputs: &Inputs) -> Result<String, CliError> {
    refuse_input(&args.output, inputs)?;
    let isbn: Isbn = args.isbn.parse()?;
    let price: Price = args.price.parse()?;
    let format = match args.format {
        Some(f) => f,
        None => format_of(&args.output)?,
    };
    let barcode = Bookland::new(&isbn, price, args.scale)?;
    let bytes = barcode.write(format, args.ppi)?;
    write_output(&args.output, &bytes, args.force)?;
    Ok(format!(
        "wrote {} ({}, price {}, {}%: {:.2} x {:.2} mm)\n",
        args.output.display(),
        isbn.display_text(),
        price,
        barcode.scale,
        barcode.size.width.to_mm(),
        barcode.size.height.to_mm()
    ))
}
