//! Decimal numbers written straight into a byte buffer: integers, and fixed decimals to a
//! thousandth with no trailing zeros, as the PDF and SVG writers print lengths in points.

/// Writes an integer.
#[inline]
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub(crate) fn int(out: &mut Vec<u8>, v: i64) {
    let mut buf = [0u8; 24];
    let i = digits(&mut buf, v.unsigned_abs(), v < 0);
    out.extend_from_slice(&buf[i..]);
}

/// Writes `n` (with a minus sign if `negative`) at the end of `buf`; returns where it starts.
#[inline]
fn digits(buf: &mut [u8; 24], mut n: u64, negative: bool) -> usize {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if negative {
        i -= 1;
        buf[i] = b'-';
    }
    i
}

/// Writes `thousandths / 1000` with no trailing zeros (`12.5`, `3`, `-0.125`).
#[inline]
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub(crate) fn fixed(out: &mut Vec<u8>, thousandths: i64) {
    decimal(out, thousandths, 3);
}

/// Writes `value / 10^places` with no trailing zeros, `places` at most 8.
#[inline]
fn decimal(out: &mut Vec<u8>, value: i64, places: u32) {
    // The number is written backwards, ending at `END`; `buf` has room for a 16-byte copy
    // from wherever it starts.
    const END: usize = 32;
    let mut buf = [0u8; END + 16];
    let n = value.unsigned_abs();
    let one = 10u64.pow(places);
    let mut whole = n / one;
    let mut frac = n % one;
    let mut i = END;
    if frac != 0 {
        let mut places = places;
        while frac.is_multiple_of(10) {
            frac /= 10;
            places -= 1;
        }
        for _ in 0..places {
            i -= 1;
            buf[i] = b'0' + (frac % 10) as u8;
            frac /= 10;
        }
        i -= 1;
        buf[i] = b'.';
    }
    loop {
        i -= 1;
        buf[i] = b'0' + (whole % 10) as u8;
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    if value < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    let len = END - i;
    if len <= 16 {
        // A copy of a constant 16 bytes, cut back to the number, is cheaper than a copy of a
        // few bytes of varying length.
        let at = out.len();
        out.extend_from_slice(&buf[i..i + 16]);
        out.truncate(at + len);
    } else {
        out.extend_from_slice(&buf[i..END]);
    }
}

/// `v * scale` rounded half away from zero, within +-1e15 (non-finite values as 0). Written
/// out rather than with `f64::round`, which is a library call on most x86-64 targets.
#[inline]
fn scaled(v: f64, scale: f64) -> i64 {
    let t = v * scale;
    if !t.is_finite() {
        return 0;
    }
    let t = t.clamp(-1e15, 1e15);
    (t + if t < 0.0 { -0.5 } else { 0.5 }) as i64
}

/// Writes a number to three decimals (non-finite values as 0).
#[inline]
pub(crate) fn num(out: &mut Vec<u8>, v: f64) {
    decimal(out, scaled(v, 1e3), 3);
}

/// Writes a number to five decimals (non-finite values as 0): scale factors, where a
/// thousandth would be too coarse.
#[inline]
pub(crate) fn fine(out: &mut Vec<u8>, v: f64) {
    decimal(out, scaled(v, 1e5), 5);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(f: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        f(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_fixed_decimals_without_trailing_zeros() {
        assert_eq!(text(|o| num(o, 0.0)), "0");
        assert_eq!(text(|o| num(o, -0.0001)), "0");
        assert_eq!(text(|o| num(o, 612.0)), "612");
        assert_eq!(text(|o| num(o, 12.5)), "12.5");
        assert_eq!(text(|o| num(o, -0.125)), "-0.125");
        assert_eq!(text(|o| num(o, 0.85)), "0.85");
        assert_eq!(text(|o| num(o, 1.0005)), "1.001");
        assert_eq!(text(|o| num(o, 907.2004999)), "907.2");
        assert_eq!(text(|o| num(o, f64::NAN)), "0");
        assert_eq!(text(|o| int(o, -1234567)), "-1234567");
        assert_eq!(text(|o| num(o, -1e300)), "-1000000000000");
        assert_eq!(text(|o| num(o, 0.4999)), "0.5");
        assert_eq!(text(|o| num(o, -2.0006)), "-2.001");
        assert_eq!(text(|o| fine(o, 0.909_376)), "0.90938");
        assert_eq!(text(|o| fine(o, 1.5)), "1.5");
    }
}
