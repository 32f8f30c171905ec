//! Where things are on a cover, in the words of its layout ("the front image", "a vector fill
//! on the spine"), and findings that repeat told once with their count.

use crate::layout::CoverLayout;
use crate::units::{Length, Rect};

/// The layout's panels, each with its short name, left to right.
fn panels(layout: &CoverLayout) -> Vec<(&'static str, Rect)> {
    let mut panels = Vec::new();
    if let Some(j) = layout.jacket() {
        panels.push(("back flap", j.flaps[0]));
        panels.push(("back flap fold", j.flap_folds[0]));
    }
    panels.push(("back", layout.back));
    if let Some(c) = layout.case() {
        panels.push(("back hinge", c.hinges[0]));
    }
    panels.push(("spine", layout.spine));
    if let Some(c) = layout.case() {
        panels.push(("front hinge", c.hinges[1]));
    }
    panels.push(("front", layout.front));
    if let Some(j) = layout.jacket() {
        panels.push(("front flap fold", j.flap_folds[1]));
        panels.push(("front flap", j.flaps[1]));
    }
    panels
}

/// What lies around the panels: a case's wrap, or the bleed.
fn margin(layout: &CoverLayout) -> &'static str {
    if layout.case().is_some() {
        "wrap"
    } else {
        "bleed"
    }
}

/// The panel a point (from the sheet's top-left) lies on, e.g. `the back cover`, `the spine`,
/// `the front flap`, `the wrap`.
pub(super) fn panel_at(layout: &CoverLayout, (x, y): (Length, Length)) -> String {
    let point = Rect::new(x, y, Length::ZERO, Length::ZERO);
    match panels(layout).into_iter().find(|(_, r)| r.contains(&point)) {
        Some(("back" | "front", _)) | None => {}
        Some((name, _)) => return format!("the {name}"),
    }
    if layout.front.contains(&point) {
        "the front cover".into()
    } else if layout.back.contains(&point) {
        "the back cover".into()
    } else {
        format!("the {}", margin(layout))
    }
}

fn area(r: &Rect) -> f64 {
    r.width.to_pt() * r.height.to_pt()
}

/// The panels an area of the sheet shows on, left to right: those holding at least 5% of it
/// (so that an image's bleed or a hairline over a fold does not count).
pub(super) fn panels_under(layout: &CoverLayout, shown: Rect) -> Vec<&'static str> {
    let whole = area(&shown);
    panels(layout)
        .into_iter()
        .filter(|(_, r)| {
            r.intersection(&shown)
                .is_some_and(|i| whole > 0.0 && area(&i) >= whole * 0.05)
        })
        .map(|(name, _)| name)
        .collect()
}

/// Names like `back, spine and front`.
fn listed(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// An image by where it shows: `the front image`, `the image across the back, spine and
/// front`, `an image in the bleed`.
pub(super) fn image_name(layout: &CoverLayout, shown: Option<Rect>) -> String {
    let Some(shown) = shown else {
        return "an image that does not show".into();
    };
    match panels_under(layout, shown).as_slice() {
        [] => format!("an image in the {}", margin(layout)),
        [one] => format!("the {one} image"),
        many => format!("the image across the {}", listed(many)),
    }
}

/// A form (a placed page or group) by where it shows, like [`image_name`].
pub(super) fn form_name(layout: &CoverLayout, shown: Option<Rect>) -> String {
    let Some(shown) = shown else {
        return "placed art that does not show".into();
    };
    match panels_under(layout, shown).as_slice() {
        [] => format!("placed art in the {}", margin(layout)),
        [one] => format!("the placed art on the {one}"),
        many => format!("the placed art across the {}", listed(many)),
    }
}

/// Things found, each told once with how often it was found, in the order first found.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Places(Vec<(String, usize)>);

impl Places {
    /// Counts one more `place`.
    pub(super) fn add(&mut self, place: impl Into<String>) {
        let place = place.into();
        match self.0.iter_mut().find(|(p, _)| *p == place) {
            Some((_, n)) => *n += 1,
            None => self.0.push((place, 1)),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each place with its count where it repeats: `the front image, a vector fill on the
    /// spine (5 places)`, at most `max` of them and how many more.
    pub(super) fn told(&self, max: usize) -> String {
        let mut parts: Vec<String> = self
            .0
            .iter()
            .take(max)
            .map(|(p, n)| match n {
                1 => p.clone(),
                n => format!("{p} ({n} places)"),
            })
            .collect();
        let more = self.0.len().saturating_sub(max);
        if more > 0 {
            parts.push(format!("and {more} more"));
        }
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_told_once_with_their_count() {
        let mut places = Places::default();
        for p in ["a", "b", "a", "a", "c"] {
            places.add(p);
        }
        assert_eq!(places.told(5), "a (3 places), b, c");
        assert_eq!(places.told(2), "a (3 places), b, and 1 more");
        assert!(Places::default().is_empty());
    }

    #[test]
    fn lists_read_as_words() {
        assert_eq!(listed(&["back"]), "back");
        assert_eq!(listed(&["back", "front"]), "back and front");
        assert_eq!(listed(&["back", "spine", "front"]), "back, spine and front");
    }
}
