//! Templates as SVG, for Inkscape, Affinity and Figma.

use std::fmt::Write;

use crate::draw::{Cmyk, Direction, Mark, Stroke, Template};
use crate::units::{Length, Rect, Unit};

/// Points with at most three decimals.
fn n(length: Length) -> String {
    let v = (length.to_pt() * 1000.0).round() / 1000.0;
    if v == 0.0 {
        "0".into()
    } else {
        format!("{v}")
    }
}

fn rgb(c: Cmyk) -> String {
    let [r, g, b] = c.to_rgb();
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn stroke_attrs(stroke: &Stroke) -> String {
    let mut s = format!(
        " stroke=\"{}\" stroke-width=\"{}\"",
        rgb(stroke.color),
        n(stroke.width)
    );
    if let Some((on, off)) = stroke.dash {
        let _ = write!(s, " stroke-dasharray=\"{} {}\"", n(on), n(off));
    }
    s
}

impl Template {
    /// The template as SVG, in points, with the same marks as the PDF: the barcode in a group
    /// `artwork`, everything else in a group `guides` (an Inkscape layer named "Guides").
    /// Colours are converted naively from CMYK to RGB; the page boxes are given in a
    /// `<metadata>` element.
    ///
    /// ```
    /// use podcover::{BookSpec, Catalog, Template, TemplateOptions};
    ///
    /// let spec = BookSpec::new("lulu", "paperback", "white", "6x9".parse()?, 210);
    /// let layout = Catalog::builtin().layout(&spec)?;
    /// let svg = Template::new(&layout, &TemplateOptions::new())?.to_svg();
    /// assert!(svg.contains("width=\"12.78297in\""));
    /// # Ok::<(), podcover::Error>(())
    /// ```
    pub fn to_svg(&self) -> String {
        let layout = &self.layout;
        let (w, h) = (layout.sheet.width, layout.sheet.height);
        // SVG's y axis points down: flip every y.
        let y = |v: Length| h - v;
        let box_attr = |r: Rect| {
            format!(
                "{} {} {} {}",
                n(r.x),
                n(y(r.top())),
                n(r.width),
                n(r.height)
            )
        };
        let mut out = String::with_capacity(16 * 1024);
        let _ = writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" \
             xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" \
             width=\"{}in\" height=\"{}in\" viewBox=\"0 0 {} {}\">",
            w.rounded(Unit::In, 5),
            h.rounded(Unit::In, 5),
            n(w),
            n(h)
        );
        let _ = writeln!(
            out,
            "<title>Cover template: {}</title>",
            escape(&self.title)
        );
        let _ = writeln!(
            out,
            "<metadata>trim-box: {}; bleed-box: {}; units: pt from the top-left corner</metadata>",
            box_attr(layout.trim_box),
            box_attr(layout.bleed_box)
        );
        for (id, label, marks) in [
            ("artwork", "Artwork", &self.artwork),
            ("guides", "Guides", &self.guides),
        ] {
            let _ = writeln!(
                out,
                "<g id=\"{id}\" inkscape:groupmode=\"layer\" inkscape:label=\"{label}\">"
            );
            for mark in marks.iter() {
                write_mark(&mut out, mark, &y);
            }
            let _ = writeln!(out, "</g>");
        }
        out.push_str("</svg>\n");
        out
    }
}

pub(super) fn write_mark(out: &mut String, mark: &Mark, y: &impl Fn(Length) -> Length) {
    match mark {
        Mark::Rect {
            rect,
            fill,
            opacity,
            stroke,
        } => {
            let fill = match fill {
                Some(c) if *opacity < 1.0 => {
                    format!(" fill=\"{}\" fill-opacity=\"{opacity}\"", rgb(*c))
                }
                Some(c) => format!(" fill=\"{}\"", rgb(*c)),
                None => " fill=\"none\"".into(),
            };
            let stroke = stroke.as_ref().map(stroke_attrs).unwrap_or_default();
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{fill}{stroke}/>",
                n(rect.x),
                n(y(rect.top())),
                n(rect.width),
                n(rect.height)
            );
        }
        Mark::Path { lines, stroke } => {
            for line in lines {
                let points: Vec<String> = line
                    .iter()
                    .map(|(x, py)| format!("{},{}", n(*x), n(y(*py))))
                    .collect();
                let _ = writeln!(
                    out,
                    "<polyline points=\"{}\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\"{}/>",
                    points.join(" "),
                    stroke_attrs(stroke)
                );
            }
        }
        Mark::Line { from, to, stroke } => {
            let _ = writeln!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}/>",
                n(from.0),
                n(y(from.1)),
                n(to.0),
                n(y(to.1)),
                stroke_attrs(stroke)
            );
        }
        Mark::Text {
            text,
            center,
            size,
            color,
            direction,
        } => {
            let (cx, cy) = (n(center.0), n(y(center.1)));
            let rotate = match direction {
                Direction::Horizontal => String::new(),
                Direction::Down => format!(" transform=\"rotate(90 {cx} {cy})\""),
                Direction::Up => format!(" transform=\"rotate(-90 {cx} {cy})\""),
            };
            let _ = writeln!(
                out,
                "<text x=\"{cx}\" y=\"{cy}\" font-family=\"Helvetica, Arial, sans-serif\" \
                 font-size=\"{}\" text-anchor=\"middle\" fill=\"{}\"{rotate}>{}</text>",
                n(*size),
                rgb(*color),
                escape(text)
            );
        }
    }
}
