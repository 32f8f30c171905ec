//! Vendor, binding, paper and digital product ids: short names parsed once, then copied freely.
//!
//! An id is 1 to 31 lowercase ASCII letters, digits and hyphens, kept inline (no
//! heap), so ids, [`BookSpec`](crate::BookSpec) and the catalog's lookups copy and compare a few
//! bytes. The three kinds are separate types, so a paper id cannot be passed as a binding.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// The longest id, in bytes.
pub(crate) const MAX_ID_LEN: usize = 31;

/// The text of an id: its bytes, zeros up to the last byte, then its length. Ids hold no zero
/// byte, so the text decides equality and order, which are those of the text; 32 bytes compare
/// in a couple of instructions.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Name([u8; MAX_ID_LEN + 1]);

impl Name {
    fn parse(what: &'static str, text: &str) -> Result<Name> {
        let ok = !text.is_empty()
            && text.len() <= MAX_ID_LEN
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            return Err(Error::invalid(
                what,
                text,
                format_args!(
                    "1 to {MAX_ID_LEN} lowercase letters, digits and hyphens, e.g. kdp, \
                     paperback, premium-color"
                ),
            ));
        }
        let mut bytes = [0; MAX_ID_LEN + 1];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        bytes[MAX_ID_LEN] = text.len() as u8;
        Ok(Name(bytes))
    }

    fn as_str(&self) -> &str {
        // Always ASCII: checked in `parse`.
        let len = usize::from(self.0[MAX_ID_LEN]);
        std::str::from_utf8(&self.0[..len]).unwrap_or_default()
    }
}

macro_rules! id {
    ($(#[$doc:meta])* $name:ident, $what:literal, $example:literal) => {
        $(#[$doc])*
        #[doc = concat!("let id: podcover::catalog::", stringify!($name), " = \"", $example, "\".parse()?;")]
        #[doc = concat!("assert_eq!(id, \"", $example, "\");")]
        #[doc = concat!("assert_eq!(id.to_string(), \"", $example, "\");")]
        #[doc = concat!("assert!(\"Not An Id\".parse::<podcover::catalog::", stringify!($name), ">().is_err());")]
        /// # Ok::<(), podcover::Error>(())
        /// ```
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Name);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl FromStr for $name {
            type Err = Error;

            fn from_str(text: &str) -> Result<$name> {
                Name::parse($what, text).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self.as_str(), f)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.as_str()
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.as_str()
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                deserializer.deserialize_str(IdVisitor($what)).map($name)
            }
        }
    };
}

id!(
    /// A vendor's id, e.g. `kdp` (or one of its other names, e.g. `lsi` for IngramSpark).
    ///
    /// ```
    VendorId,
    "vendor id",
    "ingramspark"
);

id!(
    /// A binding's id, e.g. `paperback`.
    ///
    /// ```
    BindingId,
    "binding id",
    "hardcover"
);

id!(
    /// A paper's id, e.g. `cream`.
    ///
    /// ```
    PaperId,
    "paper id",
    "premium-color"
);

id!(
    /// A digital product's id, e.g. `ebook` or `audiobook`.
    ///
    /// ```
    DigitalId,
    "product id",
    "audiobook"
);

/// Reads an id from a string in any serde format.
struct IdVisitor(&'static str);

impl serde::de::Visitor<'_> for IdVisitor {
    type Value = Name;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {}", self.0)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Name, E> {
        Name::parse(self.0, text).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lowercase_letters_digits_and_hyphens() {
        let id: PaperId = "standard-color-70".parse().unwrap();
        assert_eq!(id.as_str(), "standard-color-70");
        assert_eq!(format!("{id:?}"), "\"standard-color-70\"");
        assert_eq!(format!("[{id:>20}]"), "[   standard-color-70]");
        let longest = "a".repeat(MAX_ID_LEN);
        assert_eq!(longest.parse::<VendorId>().unwrap(), longest.as_str());
    }

    #[test]
    fn refuses_other_text_naming_it() {
        let expected = "expected 1 to 31 lowercase letters, digits and hyphens, e.g. kdp, \
                        paperback, premium-color";
        for (text, what) in [
            ("", "vendor id"),
            ("KDP", "vendor id"),
            ("paper back", "vendor id"),
            ("kdp_2", "vendor id"),
            ("crème", "vendor id"),
        ] {
            let err = text.parse::<VendorId>().unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("invalid {what} {text:?}: {expected}")
            );
        }
        let long = "a".repeat(MAX_ID_LEN + 1);
        let err = long.parse::<BindingId>().unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("invalid binding id {long:?}: {expected}")
        );
    }

    #[test]
    fn order_and_equality_are_the_texts() {
        let ids: Vec<PaperId> = ["white", "cream", "cream-2", "c", "premium-color"]
            .iter()
            .map(|t| t.parse().unwrap())
            .collect();
        let mut by_id = ids.clone();
        by_id.sort();
        let mut by_text: Vec<&str> = ids.iter().map(PaperId::as_str).collect();
        by_text.sort();
        assert_eq!(
            by_id.iter().map(PaperId::as_str).collect::<Vec<_>>(),
            by_text
        );
        assert_eq!(ids[1], "cream");
        assert_eq!("cream", ids[1]);
        assert_ne!(ids[1], ids[2]);
    }

    #[test]
    fn serde_as_plain_strings() {
        let id: VendorId = serde_json::from_str("\"lulu\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"lulu\"");
        let err = serde_json::from_str::<BindingId>("\"Hard Cover\"").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("invalid binding id \"Hard Cover\": expected 1 to 31"),
            "{err}"
        );
    }

    proptest::proptest! {
        #[test]
        fn every_valid_text_round_trips(text in "[a-z0-9-]{1,31}") {
            let id: VendorId = text.parse().unwrap();
            proptest::prop_assert_eq!(id.as_str(), text.as_str());
            proptest::prop_assert_eq!(id.to_string(), text);
        }

        #[test]
        fn order_follows_the_text(a in "[a-z0-9-]{1,31}", b in "[a-z0-9-]{1,31}") {
            let (x, y): (PaperId, PaperId) = (a.parse().unwrap(), b.parse().unwrap());
            proptest::prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            proptest::prop_assert_eq!(x == y, a == b);
        }

        #[test]
        fn other_text_is_refused(text in "[a-z0-9-]{0,10}[^a-z0-9-][a-z0-9-]{0,10}") {
            proptest::prop_assert!(text.parse::<BindingId>().is_err());
        }
    }

    #[test]
    fn small_copyable_and_shareable() {
        fn send_sync<T: Send + Sync + Copy>() {}
        send_sync::<VendorId>();
        send_sync::<BindingId>();
        send_sync::<PaperId>();
        assert_eq!(std::mem::size_of::<VendorId>(), MAX_ID_LEN + 1);
    }
}
