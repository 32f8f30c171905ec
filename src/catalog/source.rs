//! Where a vendor rule comes from, and how far to trust it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How sure podcover is of a vendor rule.
///
/// Ordered from least to most sure, so the weakest of several rules is their minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// A third party's claim, or a fit of our own with too few readings behind it.
    Estimate,
    /// Readings of the vendor's own calculator or templates, recorded by us or a third party,
    /// or a model that reproduces such readings from more than one source.
    Calculator,
    /// The vendor's own published text or formula.
    Published,
    /// A spine width read off the vendor's own template or calculator for exactly this page
    /// count.
    Reading,
}

impl Confidence {
    /// `published`, `calculator` or `estimate`.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Published => "published",
            Confidence::Calculator => "calculator",
            Confidence::Estimate => "estimate",
            Confidence::Reading => "reading",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document a rule was taken from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Source {
    /// The key the stock file gives the source.
    pub id: String,
    /// A title a person can search for.
    pub title: String,
    /// Where to read it, if it is online.
    pub url: Option<String>,
    /// When it was read or published, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.title, self.date)?;
        if let Some(url) = &self.url {
            write!(f, " <{url}>")?;
        }
        Ok(())
    }
}

/// A vendor rule with its source and confidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sourced<T> {
    /// The rule itself.
    pub value: T,
    /// Where it comes from.
    pub source: Source,
    /// How sure we are of it.
    pub confidence: Confidence,
    /// Conflicts between sources, and why this value was chosen.
    pub note: Option<String>,
}

impl<T> std::ops::Deref for Sourced<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// One rule a product's layout uses, with its provenance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RuleInfo<'a> {
    /// The rule's field name in the stock file, e.g. `spine` or `bleed`.
    pub rule: &'static str,
    /// How sure we are of it.
    pub confidence: Confidence,
    /// Where it comes from.
    pub source: &'a Source,
    /// Conflicts and choices, if any.
    pub note: Option<&'a str>,
    /// Whether the rule sets the spine width or the sheet size (rather than a limit, a margin
    /// or a position).
    pub sets_size: bool,
    /// For the spine rule: the vendor's readings for this binding and paper that stand behind
    /// it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support: Option<Support>,
}

/// How many readings, from how many sources, stand behind a spine rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Support {
    /// Readings of the vendor's templates or calculator.
    pub readings: usize,
    /// Distinct sources they come from.
    pub sources: usize,
}

impl std::fmt::Display for Support {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "{} reading{} from {} source{}",
            self.readings,
            plural(self.readings),
            self.sources,
            plural(self.sources)
        )
    }
}
