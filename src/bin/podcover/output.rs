//! Formatting for people and for JSON: lengths in the chosen unit, trims, confidences.

use podcover::{Length, Rect, TrimSize, Unit};
use serde_json::{json, Value};

/// Writes to standard output; a closed pipe (`podcover ... | head`) is not worth a panic.
pub(crate) fn emit(text: &str) {
    let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
}

/// A length as a JSON number in `unit`, rounded one place past the unit's display precision.
pub(crate) fn num(length: Length, unit: Unit) -> Value {
    json!(length.rounded(unit, unit.precision() as i32 + 1))
}

pub(crate) fn rect_json(r: &Rect, unit: Unit) -> Value {
    json!({
        "x": num(r.x, unit),
        "y": num(r.y, unit),
        "width": num(r.width, unit),
        "height": num(r.height, unit),
    })
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

/// A length in the chosen unit, with millimetres or inches beside it.
pub(crate) fn both(length: Length, unit: Unit) -> String {
    let other = if unit == Unit::Mm { Unit::In } else { Unit::Mm };
    format!("{} ({})", length.display(unit), length.display(other))
}

pub(crate) fn describe_confidence(c: podcover::Confidence) -> &'static str {
    match c {
        podcover::Confidence::Published => "the vendor's published figures",
        podcover::Confidence::Calculator => {
            "readings of the vendor's calculator or templates, or a credible record of them"
        }
        podcover::Confidence::Estimate => "an estimate: check against the vendor's own template",
        podcover::Confidence::Reading => "a reading of the vendor's template for this page count",
    }
}

/// Warns on stderr where the vendor computes the cover for another page count than asked.
pub(crate) fn warn_rounded(layout: &podcover::CoverLayout) {
    if let Some(asked) = layout.rounded_from {
        eprintln!(
            "podcover: warning: {asked} pages is computed as {}: {} rounds the page count up, as its template generator does",
            layout.spec.pages, layout.spec.vendor
        );
    }
}

pub(crate) fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
