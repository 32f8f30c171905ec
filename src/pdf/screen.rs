//! The input screen: refuses, before lopdf parses a file, what would make the parser allocate
//! without bound or loop for ever.

/// Refuses what would make the PDF parser allocate without bound or loop for ever, before it
/// reads the file: cross-reference stream field widths (`/W`) over 8 bytes or all zero, entry
/// counts (`/Index`, and `/Size` in files with field widths) beyond one per byte of the file,
/// and predictor or image parameters
/// (`/Columns`, `/Colors`, `/BitsPerComponent`) beyond what any real file uses. Near an `/XRef`
/// the widths must be at most 8 bytes; elsewhere (a CID font's `/W` is something else) only
/// absurd values are refused.
pub(crate) fn screen(bytes: &[u8]) -> std::result::Result<(), String> {
    let limit = bytes.len() as f64 + 16.0;
    // A /Size without /Index sets an xref stream's entry count, so it is checked in files that
    // have field widths (/W) at all.
    let mut names = Vec::new();
    let mut at = 0;
    while let Some(offset) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|b| *b == b'/'))
    {
        let start = at + offset + 1;
        let (name, name_end) = read_name(bytes, start);
        at = name_end.max(start);
        if matches!(
            name.as_slice(),
            b"W" | b"Index" | b"Size" | b"Columns" | b"Colors" | b"BitsPerComponent"
        ) {
            names.push((name, start, name_end));
        }
    }
    let has_widths = names.iter().any(|(n, _, _)| n == b"W");
    for (name, start, name_end) in &names {
        let near_xref = || {
            let from = start.saturating_sub(512);
            let to = (start + 512).min(bytes.len());
            bytes
                .get(from..to)
                .is_some_and(|w| w.windows(5).any(|x| x == b"/XRef"))
        };
        let check: fn(&[f64], f64) -> bool = match name.as_slice() {
            // Field widths of a megabyte are absurd anywhere (a CID font's /W holds widths and
            // character codes, all far smaller); all-zero widths only matter in an xref stream.
            b"W" if near_xref() => {
                |v, _| v.iter().all(|w| (0.0..=8.0).contains(w)) && v.iter().any(|w| *w > 0.0)
            }
            b"W" => |v, _| v.iter().all(|w| w.abs() <= 1e6),
            b"Index" => |v, limit| {
                v.len() < MAX_NUMBERS && v.iter().map(|n| n.abs()).sum::<f64>() <= 2.0 * limit
            },
            b"Size" if has_widths => |v, limit| v.len() != 1 || v[0].abs() <= limit,
            b"Columns" => |v, _| v.iter().all(|c| c.abs() <= f64::from(1u32 << 20)),
            b"Colors" => |v, _| v.iter().all(|c| c.abs() <= 32.0),
            b"BitsPerComponent" => |v, _| v.iter().all(|b| [1.0, 2.0, 4.0, 8.0, 16.0].contains(b)),
            _ => continue,
        };
        let values = numbers_after(bytes, *name_end);
        if !values.is_empty() && !check(&values, limit) {
            let shown: Vec<f64> = values.iter().take(8).copied().collect();
            return Err(format!(
                "/{} {:?} is not plausible; the file is malformed or hostile",
                String::from_utf8_lossy(name),
                shown
            ));
        }
    }
    Ok(())
}

/// Numbers read from one array at most; an /Index with more is refused.
const MAX_NUMBERS: usize = 4096;

/// PDF white space: NUL, tab, line feed, form feed, carriage return and space.
fn is_space(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A name's bytes from `start` (after its `/`), with `#hh` escapes decoded, and where it ends.
fn read_name(bytes: &[u8], start: usize) -> (Vec<u8>, usize) {
    let mut name = Vec::new();
    let mut at = start;
    while let Some(&b) = bytes.get(at) {
        if is_space(b) || is_delimiter(b) {
            break;
        }
        let hex = |i: usize| bytes.get(i).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(at + 1), hex(at + 2)) {
            (b'#', Some(h), Some(l)) => {
                name.push((h * 16 + l) as u8);
                at += 3;
            }
            _ => {
                name.push(b);
                at += 1;
            }
        }
        if name.len() > 64 {
            break;
        }
    }
    (name, at)
}

/// Skips white space and comments from `at`.
fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while let Some(&b) = bytes.get(at) {
        if is_space(b) {
            at += 1;
        } else if b == b'%' {
            while bytes.get(at).is_some_and(|c| *c != b'\n' && *c != b'\r') {
                at += 1;
            }
        } else {
            break;
        }
    }
    at
}

/// The number, or the numbers of the array, that follow a name (up to [`MAX_NUMBERS`]).
fn numbers_after(bytes: &[u8], at: usize) -> Vec<f64> {
    let mut at = skip_space(bytes, at);
    let array = bytes.get(at) == Some(&b'[');
    if array {
        at += 1;
    }
    let mut values = Vec::new();
    loop {
        at = skip_space(bytes, at);
        let end = bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|b| is_space(*b) || is_delimiter(*b)))
            .map_or(bytes.len(), |n| at + n);
        let Some(v) = bytes
            .get(at..end)
            .and_then(|t| std::str::from_utf8(t).ok())
            .and_then(|t| t.parse::<f64>().ok())
        else {
            break;
        };
        values.push(v);
        at = end;
        if !array || values.len() >= MAX_NUMBERS {
            break;
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screens_implausible_parser_inputs() {
        // Found by fuzzing: an xref stream (its /Type given by reference) whose second field
        // width, behind NUL bytes, is 3883139815726120959 bytes.
        let width = b"<< /Type 18 0 R /W[0 \0\0\x0003883139815726120959\0\n1 0 2] /Index [1 19] >>";
        assert!(screen(width)
            .unwrap_err()
            .starts_with("/W [0.0, 3.883139815726121e18"));
        assert!(screen(b"<< /Type /XRef /W [0 0 0] /Index [0 4000000000] >>").is_err());
        assert!(screen(b"<< /DecodeParms << /Predictor 12 /Columns 1000000000 >> >>").is_err());
        assert!(screen(b"<< /BitsPerComponent 7 >>").is_err());
        // What real files hold passes: an xref stream, a CID font's widths, an image.
        assert!(screen(b"<< /Type /XRef /W [1 2 1] /Index [0 12] /Size 12 >>").is_ok());
        assert!(screen(b"<< /Type /Font /W [3 [278 278] 10 20 500] >>").is_ok());
        assert!(screen(
            b"<< /Subtype /Image /BitsPerComponent 8 /DecodeParms << /Colors 3 /Columns 2400 >> >>"
        )
        .is_ok());
    }
}
