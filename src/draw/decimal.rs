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
pub(crate) fn fixed(out: &mut Vec<u8>, thousandths: i64) {
    let n = thousandths.unsigned_abs();
    let mut whole = n / 1000;
    let frac = (n % 1000) as u32;
    let mut buf = [0u8; 32];
    let mut i = 0;
    if thousandths < 0 {
        buf[0] = b'-';
        i = 1;
    }
    let mut width = 1;
    let mut w = whole;
    while w >= 10 {
        w /= 10;
        width += 1;
    }
    for k in (0..width).rev() {
        buf[i + k] = b'0' + (whole % 10) as u8;
        whole /= 10;
    }
    i += width;
    if frac != 0 {
        let places = if frac.is_multiple_of(100) {
            1
        } else if frac.is_multiple_of(10) {
            2
        } else {
            3
        };
        buf[i] = b'.';
        buf[i + 1] = b'0' + (frac / 100) as u8;
        buf[i + 2] = b'0' + (frac / 10 % 10) as u8;
        buf[i + 3] = b'0' + (frac % 10) as u8;
        i += 1 + places;
    }
    // A few pushes into reserved room are cheaper than a call to copy a few bytes.
    out.reserve(i);
    for &b in &buf[..i] {
        out.push(b);
    }
}

/// Writes a number to three decimals (non-finite values as 0).
#[inline]
pub(crate) fn num(out: &mut Vec<u8>, v: f64) {
    let t = (v * 1000.0).round();
    let t = if t.is_finite() {
        t.clamp(-1e15, 1e15) as i64
    } else {
        0
    };
    fixed(out, t);
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
    }
}
