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
