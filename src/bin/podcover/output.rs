//! Formatting for people and for JSON: lengths in the chosen unit, trims, confidences.

use crate::error::CliError;
use podcover::{units::Rect, Length, TrimSize, Unit};
use serde::Serialize;

/// Writes to standard output and flushes it. An error (a full disk, `> /dev/full`) is the
/// command's error: exit status 1 with a message. A closed pipe (`podcover ... | head`) is one
/// too, but without a message, as other tools end quietly when their reader has gone.
pub(crate) fn emit(text: &str) -> Result<(), CliError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(CliError::Quiet),
        Err(e) => Err(format!("cannot write to standard output: {e}").into()),
    }
}

/// Writes a line to standard error, ignoring errors: with stderr closed or full there is no
/// one to tell, and the work (a batch's covers and report) must go on.
pub(crate) fn note(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Like [`note`], without the line end (for a progress bar).
pub(crate) fn note_inline(text: &str) {
    use std::io::Write;
    let mut err = std::io::stderr();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// A length as a JSON number in `unit`, rounded one place past the unit's display precision.
pub(crate) fn num(length: Length, unit: Unit) -> f64 {
    length.rounded(unit, unit.precision() as i32 + 1)
}

/// A rectangle in the output's unit, as the layout measures it: from the sheet's top-left
/// corner, `x` to the right, `y` downwards (`y` is the top edge).
#[derive(Serialize)]
pub(crate) struct RectView {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

impl RectView {
    pub(crate) fn new(r: &Rect, unit: Unit) -> RectView {
        RectView {
            x: num(r.x, unit),
            y: num(r.y, unit),
            width: num(r.width, unit),
            height: num(r.height, unit),
        }
    }
}

/// A width and height in the output's unit.
#[derive(Serialize)]
pub(crate) struct SizeView {
    width: f64,
    height: f64,
}

impl SizeView {
    pub(crate) fn new(width: Length, height: Length, unit: Unit) -> SizeView {
        SizeView {
            width: num(width, unit),
            height: num(height, unit),
        }
    }
}

pub(crate) fn trim_text(trim: &TrimSize, unit: Unit) -> String {
    match unit {
        Unit::In => trim.to_string(),
        _ => format!(
            "{}x{}{unit}",
            trim.width.rounded(unit, 2),
            trim.height.rounded(unit, 2)
        ),
    }
}

/// The unit's name, spelled out for headings.
pub(crate) fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::In => "inches",
        Unit::Mm => "millimetres",
        Unit::Pt => "points",
    }
}

/// A length for people, as the library shows it: `0.795 in`, `20.19 mm`.
pub(crate) fn human(length: Length, unit: Unit) -> String {
    length.display(unit).to_string()
}

/// A length in the chosen unit, with millimetres or inches beside it.
pub(crate) fn both(length: Length, unit: Unit) -> String {
    let other = if unit == Unit::Mm { Unit::In } else { Unit::Mm };
    format!("{} ({})", human(length, unit), human(length, other))
}

pub(crate) fn describe_confidence(c: podcover::catalog::Confidence) -> &'static str {
    match c {
        podcover::catalog::Confidence::Published => "the vendor's published figures",
        podcover::catalog::Confidence::Calculator => {
            "readings of the vendor's calculator or templates, or a credible record of them"
        }
        podcover::catalog::Confidence::Estimate => {
            "an estimate: check against the vendor's own template"
        }
        podcover::catalog::Confidence::Reading => {
            "a reading of the vendor's template for this page count"
        }
    }
}

/// Warns on stderr where the vendor computes the cover for another page count than asked,
/// where it will not print the page count its calculator covers, and where the spine width is
/// a reading far from the spine rule.
pub(crate) fn warn_layout(layout: &podcover::CoverLayout) {
    if let Some(asked) = layout.rounded_from {
        note(&format!(
            "podcover: warning: {asked} pages is computed as {}: {} rounds the page count up, as its template generator does",
            layout.spec.pages, layout.spec.vendor
        ));
    }
    if let Some(beyond) = &layout.beyond_print_range {
        note(&format!("podcover: warning: {beyond}"));
    }
    warn_reading(layout);
}

/// Warns on stderr where the spine width is a reading far from the spine rule.
pub(crate) fn warn_reading(layout: &podcover::CoverLayout) {
    if let Some(warning) = layout.reading_warning() {
        note(&format!(
            "podcover: warning: {warning} (podcover reading list)"
        ));
    }
}

/// Pretty JSON of any of the library's serde types or a view of them, with a final line end.
pub(crate) fn pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
