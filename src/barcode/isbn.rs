//! ISBNs and price add-ons: parsed from what people type, checked, and printed back.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use crate::error::{BarcodeProblem, Error};

/// A validated ISBN-13 in the Bookland range (prefix 978 or 979).
///
/// Parsed with [`FromStr`] from an ISBN-13 or an ISBN-10, with hyphens or
/// spaces anywhere (surrounding whitespace is ignored); the check digit is
/// verified. An ISBN-10 (check character `0`–`9`, `X` or `x`) is converted by
/// prefixing 978 and recomputing the check digit.
///
/// The separators the user typed are kept for [`Isbn::display_text`] when
/// they form the five ISBN-13 groups (prefix, group, registrant, publication,
/// check digit) with one kind of separator, or the four ISBN-10 groups (which
/// become `978-` plus the same groups). Equality and hashing use the digits
/// only.
#[derive(Debug, Clone)]
pub struct Isbn {
    digits: [u8; 13],
    plain: String,
    grouped: Option<String>,
}

impl Isbn {
    /// The 13 digits, each `0..=9`.
    pub fn digits(&self) -> [u8; 13] {
        self.digits
    }

    /// The 13 digits as text, without separators, e.g. `9780306406157`.
    pub fn as_str(&self) -> &str {
        &self.plain
    }

    /// The line printed above the barcode: `ISBN ` followed by the user's
    /// grouping when one was kept (e.g. `ISBN 978-0-306-40615-7`), otherwise
    /// by the 13 plain digits (e.g. `ISBN 9780306406157`). No range tables are
    /// used, so ungrouped input is never hyphenated here.
    pub fn display_text(&self) -> String {
        format!("ISBN {}", self.grouped.as_deref().unwrap_or(&self.plain))
    }
}

impl PartialEq for Isbn {
    fn eq(&self, other: &Self) -> bool {
        self.digits == other.digits
    }
}

impl Eq for Isbn {}

impl Hash for Isbn {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.digits.hash(state);
    }
}

impl fmt::Display for Isbn {
    /// Prints the 13 digits without separators.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain)
    }
}

impl FromStr for Isbn {
    type Err = Error;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let not_an_isbn = || {
            Error::barcode(
                BarcodeProblem::NotAnIsbn,
                input,
                format!(
                    "{input:?} is not an ISBN: expected 13 digits (978 or 979 prefix) or 10 \
                     digits, hyphens and spaces allowed"
                ),
            )
        };
        let text = input.trim();
        // Digit values; an ISBN-10 check `X` is stored as 10.
        let mut values: Vec<u8> = Vec::with_capacity(13);
        for byte in text.bytes() {
            match byte {
                b'0'..=b'9' if values.len() < 13 && values.last() != Some(&10) => {
                    values.push(byte - b'0');
                }
                b'X' | b'x' if values.len() == 9 => values.push(10),
                b'-' | b' ' => {}
                _ => return Err(not_an_isbn()),
            }
        }

        if let Ok(digits) = <[u8; 13]>::try_from(values.as_slice()) {
            let [p0, p1, p2, body @ .., found] = digits;
            if [p0, p1, p2] != [9, 7, 8] && [p0, p1, p2] != [9, 7, 9] {
                let prefix: String = [p0, p1, p2].iter().map(|&d| digit_char(d)).collect();
                return Err(Error::barcode(
                    BarcodeProblem::NotBookland,
                    input,
                    format!(
                        "{input:?} is not a book ISBN: an ISBN-13 must start with 978 or 979, \
                         found {prefix}"
                    ),
                ));
            }
            let expected = ean_check_digit(&concat3(p0, p1, p2, body));
            if expected != found {
                return Err(check_digit(input, digit_char(expected), digit_char(found)));
            }
            let grouped = groups(text, 5)
                .filter(|g| {
                    g.first().is_some_and(|p| *p == "978" || *p == "979")
                        && g.last().is_some_and(|c| c.len() == 1)
                })
                .map(|g| g.join(separator(text)));
            return Ok(Self::from_digits(digits, grouped));
        }

        if let Ok(isbn10) = <[u8; 10]>::try_from(values.as_slice()) {
            let [body @ .., found] = isbn10;
            let expected = isbn10_check_value(&body);
            if expected != found {
                return Err(check_digit(
                    input,
                    isbn10_check_char(expected),
                    isbn10_check_char(found),
                ));
            }
            let first12 = concat3(9, 7, 8, body);
            let check = ean_check_digit(&first12);
            let mut digits = [0u8; 13];
            for (slot, d) in digits.iter_mut().zip(first12.iter().chain([&check])) {
                *slot = *d;
            }
            let grouped = groups(text, 4)
                .filter(|g| g.last().is_some_and(|c| c.len() == 1))
                .and_then(|g| {
                    let sep = separator(text);
                    let (_, head) = g.split_last()?;
                    Some(format!(
                        "978{sep}{}{sep}{}",
                        head.join(sep),
                        digit_char(check)
                    ))
                });
            return Ok(Self::from_digits(digits, grouped));
        }

        Err(not_an_isbn())
    }
}

impl Isbn {
    fn from_digits(digits: [u8; 13], grouped: Option<String>) -> Self {
        Self {
            digits,
            plain: digits.iter().map(|&d| digit_char(d)).collect(),
            grouped,
        }
    }
}

/// A validated EAN-5 price add-on: exactly five digits.
///
/// By the book-trade convention the first digit names the currency (`5` for
/// US dollars, so `51699` is USD 16.99) and `90000` means "no suggested
/// price". [`Price::default`] is `90000`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Price {
    digits: [u8; 5],
}

impl Price {
    /// The five digits, each `0..=9`.
    pub fn digits(&self) -> [u8; 5] {
        self.digits
    }
}

impl Default for Price {
    /// `90000`: no suggested retail price.
    fn default() -> Self {
        Self {
            digits: [9, 0, 0, 0, 0],
        }
    }
}

impl fmt::Display for Price {
    /// Prints the five digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.digits
            .iter()
            .try_for_each(|&d| fmt::Write::write_char(f, digit_char(d)))
    }
}

impl FromStr for Price {
    type Err = Error;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let invalid = || {
            Error::barcode(
                BarcodeProblem::InvalidPrice,
                input,
                format!(
                    "price add-on {input:?} must be exactly 5 digits, e.g. 51699 for USD 16.99 \
                     or 90000 for no price"
                ),
            )
        };
        let bytes = <[u8; 5]>::try_from(input.trim().as_bytes()).map_err(|_| invalid())?;
        let mut digits = [0u8; 5];
        for (slot, byte) in digits.iter_mut().zip(bytes) {
            if !byte.is_ascii_digit() {
                return Err(invalid());
            }
            *slot = byte - b'0';
        }
        Ok(Self { digits })
    }
}

/// The character of a digit `0..=9`.
/// A check digit that is not the one computed (`expected`).
fn check_digit(input: &str, expected: char, found: char) -> Error {
    Error::barcode(
        BarcodeProblem::CheckDigit,
        input,
        format!("invalid ISBN check digit in {input:?}: expected {expected}, found {found}"),
    )
}

pub(super) fn digit_char(digit: u8) -> char {
    char::from(b'0' + digit % 10)
}

fn isbn10_check_char(value: u8) -> char {
    if value == 10 {
        'X'
    } else {
        digit_char(value)
    }
}

fn concat3(a: u8, b: u8, c: u8, rest: [u8; 9]) -> [u8; 12] {
    let mut out = [a, b, c, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    for (slot, d) in out.iter_mut().skip(3).zip(rest) {
        *slot = d;
    }
    out
}

/// EAN/ISBN-13 check digit: weights 1, 3, 1, 3, … from the left, mod 10.
fn ean_check_digit(first12: &[u8; 12]) -> u8 {
    let sum: u32 = first12
        .iter()
        .zip([1u32, 3].into_iter().cycle())
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    // The remainder is below 10, so the cast is lossless.
    ((10 - sum % 10) % 10) as u8
}

/// ISBN-10 check value (10 means `X`): weights 10 down to 2, mod 11.
fn isbn10_check_value(first9: &[u8; 9]) -> u8 {
    let sum: u32 = first9
        .iter()
        .zip((2u32..=10).rev())
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    // The remainder is below 11, so the cast is lossless.
    ((11 - sum % 11) % 11) as u8
}

/// The separator used for grouping: a hyphen unless the text has spaces and
/// no hyphens.
fn separator(text: &str) -> &'static str {
    if text.contains(' ') && !text.contains('-') {
        " "
    } else {
        "-"
    }
}

/// Splits `text` into exactly `count` non-empty groups separated by single
/// hyphens, or by single spaces, but not both.
fn groups(text: &str, count: usize) -> Option<Vec<&str>> {
    let sep = separator(text);
    let parts: Vec<&str> = text.split(sep).collect();
    let well_formed = parts.len() == count
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_digit() || b == b'X' || b == b'x')
        });
    well_formed.then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::barcode::{independent_ean_check, EAN13_MODULES};
    use proptest::prelude::*;

    fn price(s: &str) -> Price {
        s.parse().expect("valid price in test")
    }

    fn isbn(s: &str) -> Isbn {
        s.parse().expect("valid ISBN in test")
    }

    fn err(s: &str) -> String {
        s.parse::<Isbn>()
            .expect_err("invalid ISBN in test")
            .to_string()
    }

    // --- ISBN parsing -----------------------------------------------------

    #[test]
    fn textbook_isbn13() {
        // 9 7 8 0 3 0 6 4 0 6 1 5 weighted 1,3,1,3…:
        // 9+21+8+0+3+0+6+12+0+18+1+15 = 93; (10 - 3) % 10 = 7.
        let i = isbn("978-0-306-40615-7");
        assert_eq!(i.digits(), [9, 7, 8, 0, 3, 0, 6, 4, 0, 6, 1, 5, 7]);
        assert_eq!(i.to_string(), "9780306406157");
        assert_eq!(i.as_str(), "9780306406157");
        assert_eq!(i.display_text(), "ISBN 978-0-306-40615-7");
    }

    #[test]
    fn isbn10_converts() {
        // 0 3 0 6 4 0 6 1 5 weighted 10..2: 0+27+0+42+24+0+24+3+10 = 130;
        // 130 % 11 = 9; 11 - 9 = 2.
        let i = isbn("0-306-40615-2");
        assert_eq!(i, isbn("9780306406157"));
        assert_eq!(i.display_text(), "ISBN 978-0-306-40615-7");
        assert_eq!(isbn("0306406152").display_text(), "ISBN 9780306406157");
    }

    #[test]
    fn kernighan_ritchie() {
        // The C Programming Language, 2nd ed.: ISBN-10 0-13-110362-8.
        // 0+9+24+7+6+0+12+18+4 = 80; 80 % 11 = 3; 11 - 3 = 8.
        // ISBN-13: 9+21+8+0+1+9+1+3+0+9+6+6 = 73; (10 - 3) % 10 = 7.
        assert_eq!(isbn("0-13-110362-8").as_str(), "9780131103627");
        assert_eq!(isbn("978-0-13-110362-7").as_str(), "9780131103627");
    }

    #[test]
    fn isbn10_with_x() {
        // 0 8 0 4 4 2 9 5 7 weighted 10..2: 0+72+0+28+24+10+36+15+14 = 199;
        // 199 % 11 = 1; 11 - 1 = 10 = X.
        // ISBN-13: 9+21+8+0+8+0+4+12+2+27+5+21 = 117; (10 - 7) % 10 = 3.
        assert_eq!(isbn("0-8044-2957-X").as_str(), "9780804429573");
        assert_eq!(isbn("080442957x").as_str(), "9780804429573");
        assert_eq!(
            err("0-8044-2957-5"),
            "invalid ISBN check digit in \"0-8044-2957-5\": expected X, found 5"
        );
    }

    #[test]
    fn isbn_978_1_7390000() {
        // 9 7 8 1 7 3 9 0 0 0 0 0 weighted 1,3,1,3…:
        // 9+21+8+3+7+9+9+0+0+0+0+0 = 66; (10 - 6) % 10 = 4.
        assert_eq!(isbn("978-1-7390000-0-4").as_str(), "9781739000004");
        assert_eq!(
            err("978-1-7390000-0-5"),
            "invalid ISBN check digit in \"978-1-7390000-0-5\": expected 4, found 5"
        );
    }

    #[test]
    fn prefix_979() {
        // 9+21+9+3+0+27+0+18+3+18+0+21 = 129; (10 - 9) % 10 = 1.
        let i = isbn("979-10-90636-07-1");
        assert_eq!(i.as_str(), "9791090636071");
        assert_eq!(i.display_text(), "ISBN 979-10-90636-07-1");
    }

    #[test]
    fn separators_and_display() {
        assert_eq!(
            isbn("978 0 306 40615 7").display_text(),
            "ISBN 978 0 306 40615 7"
        );
        assert_eq!(
            isbn("  9780306406157\n").display_text(),
            "ISBN 9780306406157"
        );
        // Grouping that is not five groups is accepted but not kept.
        assert_eq!(isbn("978-0306406157").display_text(), "ISBN 9780306406157");
        assert_eq!(
            isbn("978--0-306-40615-7").display_text(),
            "ISBN 9780306406157"
        );
        assert_eq!(
            isbn("978-0 306-40615-7").display_text(),
            "ISBN 9780306406157"
        );
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            err("12345"),
            "\"12345\" is not an ISBN: expected 13 digits (978 or 979 prefix) or 10 digits, \
             hyphens and spaces allowed"
        );
        assert_eq!(
            err("9771234567003"),
            "\"9771234567003\" is not a book ISBN: an ISBN-13 must start with 978 or 979, found 977"
        );
        assert_eq!(
            err("978-0-306-40615-8"),
            "invalid ISBN check digit in \"978-0-306-40615-8\": expected 7, found 8"
        );
    }

    #[test]
    fn garbage_is_rejected() {
        for s in [
            "",
            " ",
            "-",
            "ISBN 9780306406157",
            "978030640615",
            "97803064061577",
            "978030640615X",
            "X306406152",
            "03064061X2",
            "0306406152X",
            "030640615XX",
            "9780306406157\u{0}",
            "９７８０３０６４０６１５７",
            "978_0_306_40615_7",
            "978.0.306.40615.7",
            "0-306-40615-2-0-000",
        ] {
            assert!(s.parse::<Isbn>().is_err(), "{s:?} should be rejected");
        }
    }

    #[test]
    fn equality_ignores_grouping() {
        assert_eq!(isbn("978-0-306-40615-7"), isbn("9780306406157"));
    }

    // --- Price parsing ----------------------------------------------------

    #[test]
    fn prices() {
        assert_eq!(price("51699").digits(), [5, 1, 6, 9, 9]);
        assert_eq!(price(" 00000 ").digits(), [0, 0, 0, 0, 0]);
        assert_eq!(Price::default(), price("90000"));
        assert_eq!(Price::default().to_string(), "90000");
        assert_eq!(
            "5169".parse::<Price>().unwrap_err().to_string(),
            "price add-on \"5169\" must be exactly 5 digits, e.g. 51699 for USD 16.99 \
             or 90000 for no price"
        );
        for s in ["", "516990", "5169a", "$16.99", "5 169", "５1699", "-1699"] {
            assert!(s.parse::<Price>().is_err(), "{s:?} should be rejected");
        }
    }

    fn input_chars() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => (b'0'..=b'9').prop_map(char::from),
            1 => Just('-'),
            1 => Just(' '),
            1 => Just('X'),
            1 => any::<char>(),
        ]
    }

    proptest! {
        #[test]
        fn valid_isbn13_parses(
            body in proptest::collection::vec(0u8..10, 9),
            prefix_979 in any::<bool>(),
            hyphen_after in proptest::collection::vec(any::<bool>(), 13),
        ) {
            let mut d = vec![9, 7, if prefix_979 { 9 } else { 8 }];
            d.extend(&body);
            d.push(independent_ean_check(&d));
            let mut text = String::new();
            for (x, h) in d.iter().zip(&hyphen_after) {
                text.push(char::from(b'0' + x));
                if *h {
                    text.push('-');
                }
            }
            let parsed: Isbn = text.parse().unwrap();
            prop_assert_eq!(parsed.digits().to_vec(), d);
            prop_assert_eq!(parsed.as_str().parse::<Isbn>().unwrap(), parsed.clone());
            prop_assert_eq!(parsed.ean13().modules().len(), 95);
            prop_assert_eq!(parsed.ean13().width(), EAN13_MODULES);
        }

        #[test]
        fn single_digit_error_is_detected(
            body in proptest::collection::vec(0u8..10, 9),
            pos in 3usize..13,
            delta in 1u8..10,
        ) {
            let mut d = vec![9, 7, 8];
            d.extend(&body);
            d.push(independent_ean_check(&d));
            d[pos] = (d[pos] + delta) % 10;
            let text: String = d.iter().map(|&x| char::from(b'0' + x)).collect();
            let is_check_error = matches!(
                text.parse::<Isbn>().map_err(|e| e.kind()),
                Err(crate::error::ErrorKind::Barcode(BarcodeProblem::CheckDigit))
            );
            prop_assert!(is_check_error);
        }

        #[test]
        fn valid_isbn10_converts(body in proptest::collection::vec(0u8..10, 9)) {
            let sum: u32 = body.iter().enumerate().map(|(i, &x)| (10 - i as u32) * u32::from(x)).sum();
            let check = (11 - sum % 11) % 11;
            let mut text: String = body.iter().map(|&x| char::from(b'0' + x)).collect();
            text.push(if check == 10 { 'X' } else { char::from(b'0' + check as u8) });
            let parsed: Isbn = text.parse().unwrap();
            let mut d = vec![9, 7, 8];
            d.extend(&body);
            d.push(independent_ean_check(&d));
            prop_assert_eq!(parsed.digits().to_vec(), d);
        }

        #[test]
        fn any_string_never_panics(s in any::<String>()) {
            let _ = s.parse::<Price>();
            if let Ok(i) = s.parse::<Isbn>() {
                prop_assert!(i.digits().iter().all(|&d| d < 10));
                prop_assert_eq!(i.ean13().width(), 95);
                let _ = i.display_text();
            }
        }

        #[test]
        fn isbn_like_strings_never_panic(
            chars in proptest::collection::vec(input_chars(), 0..20),
        ) {
            let s: String = chars.into_iter().collect();
            if let Ok(i) = s.parse::<Isbn>() {
                let d = i.digits();
                prop_assert_eq!(independent_ean_check(&d[..12]), d[12]);
                prop_assert!(i.display_text().starts_with("ISBN 97"));
                prop_assert_eq!(i.as_str().parse::<Isbn>().unwrap(), i);
            }
            if let Ok(p) = s.parse::<Price>() {
                prop_assert_eq!(p.to_string(), s.trim());
            }
        }
    }
}
