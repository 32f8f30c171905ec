//! The input screen: refuses, before lopdf parses a file, what would make the parser allocate
//! without bound or loop for ever.

use crate::error::PdfProblem;

/// What the screen refused, if anything: the kind of problem and what it is.
type Screened = std::result::Result<(), (PdfProblem, String)>;

/// Refuses what would make the PDF parser allocate without bound or loop for ever, before it
/// reads the file: cross-reference stream field widths (`/W`) over 8 bytes or all zero, entry
/// counts (`/Index`, and `/Size` in files with field widths) beyond one per byte of the file,
/// and predictor or image parameters
/// (`/Columns`, `/Colors`, `/BitsPerComponent`) beyond what any real file uses. Near an `/XRef`
/// the widths must be at most 8 bytes; elsewhere (a CID font's `/W` is something else) only
/// absurd values are refused.
pub(crate) fn screen(bytes: &[u8]) -> Screened {
    let limit = bytes.len() as f64 + 16.0;
    // A /Size without /Index sets an xref stream's entry count, so it is checked in files that
    // have field widths (/W) at all.
    let mut names = Vec::new();
    let mut at = 0;
    while let Some(offset) = bytes.get(at..).and_then(|rest| memchr::memchr(b'/', rest)) {
        let start = at + offset + 1;
        // Only names that could be one of those below (or escaped) are read: in image data a
        // `/` is mostly followed by anything else.
        if !matches!(
            bytes.get(start),
            Some(b'W' | b'I' | b'S' | b'C' | b'B' | b'O' | b'#')
        ) {
            at = start;
            continue;
        }
        let (name, name_end) = read_name(bytes, start);
        at = name_end.max(start);
        if matches!(
            name.as_slice(),
            b"W" | b"Index" | b"Size" | b"Columns" | b"Colors" | b"BitsPerComponent" | b"ObjStm"
        ) {
            names.push((name, start, name_end));
        }
    }
    let object_streams: Vec<usize> = names
        .iter()
        .filter(|(n, _, _)| n == b"ObjStm")
        .map(|(_, start, _)| *start)
        .collect();
    screen_objects(bytes, &object_streams)?;
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
            b"Columns" => |v, _| v.iter().all(|c| plausible_parameter(b"Columns", *c)),
            b"Colors" => |v, _| v.iter().all(|c| plausible_parameter(b"Colors", *c)),
            b"BitsPerComponent" => |v, _| {
                v.iter()
                    .all(|b| plausible_parameter(b"BitsPerComponent", *b))
            },
            _ => continue,
        };
        let values = numbers_after(bytes, *name_end);
        if !values.is_empty() && !check(&values, limit) {
            let shown: Vec<f64> = values.iter().take(8).copied().collect();
            return Err((
                PdfProblem::Malformed,
                format!(
                    "/{} {:?} is not plausible; the file is malformed or hostile",
                    String::from_utf8_lossy(name),
                    shown
                ),
            ));
        }
    }
    Ok(())
}

/// Whether a predictor or image parameter (`/Columns`, `/Colors`, `/BitsPerComponent`) is
/// one a real file uses; any other name is.
fn plausible_parameter(name: &[u8], value: f64) -> bool {
    match name {
        b"Columns" => value.abs() <= f64::from(1u32 << 20),
        b"Colors" => value.abs() <= 32.0,
        b"BitsPerComponent" => [1.0, 2.0, 4.0, 8.0, 16.0].contains(&value),
        _ => true,
    }
}

/// Whether a stream's decoding parameters are ones the screen lets through, for a stream
/// decoded before the file is screened (an object or cross-reference stream read in part).
pub(crate) fn plausible_parms(dict: &lopdf::Dictionary) -> Option<()> {
    let parms: Vec<&lopdf::Dictionary> = match dict.get(b"DecodeParms") {
        Ok(lopdf::Object::Dictionary(d)) => vec![d],
        Ok(lopdf::Object::Array(items)) => items.iter().filter_map(|o| o.as_dict().ok()).collect(),
        _ => Vec::new(),
    };
    for d in parms {
        for (key, value) in d.iter() {
            let plausible = match value {
                lopdf::Object::Integer(i) => plausible_parameter(key, *i as f64),
                lopdf::Object::Real(r) => plausible_parameter(key, f64::from(*r)),
                _ => true,
            };
            plausible.then_some(())?;
        }
    }
    Some(())
}

/// Objects (numbers, names, strings, arrays, dictionaries) that a file may hold, outside streams
/// and inside object streams together. lopdf builds each as a value of about 100 bytes, in
/// vectors that may double as they grow, so this bounds its memory to about 1.5 GiB. A
/// 2,000-page tagged book holds a few million.
pub(crate) const MAX_OBJECTS: usize = 8 << 20;

/// Refuses a file whose objects, counted as PDF tokens, are more than [`MAX_OBJECTS`]: outside
/// streams, and in each object stream (`/Type /ObjStm`, whose name is at each of
/// `object_streams`), decompressed as lopdf would. An object stream that is not Flate-compressed
/// or uncompressed is refused, since its size is not known before lopdf decodes it.
fn screen_objects(bytes: &[u8], object_streams: &[usize]) -> Screened {
    let too_many = || {
        (
            PdfProblem::TooLarge,
            format!(
                "the file holds more than {MAX_OBJECTS} objects (numbers, names, arrays, ...) \
                 outside its images and page content; it is malformed or hostile"
            ),
        )
    };
    let mut count = 0usize;
    // Outside streams.
    let mut at = 0;
    while at < bytes.len() {
        let (end, next) = match find(bytes, at, b"stream") {
            Some(kw) => (
                kw,
                find(bytes, kw + 6, b"endstream").map_or(bytes.len(), |e| e + 9),
            ),
            None => (bytes.len(), bytes.len()),
        };
        count += count_tokens(&bytes[at..end]);
        if count > MAX_OBJECTS {
            return Err(too_many());
        }
        at = next;
    }
    for &name_at in object_streams {
        let dict_start = name_at.saturating_sub(4096);
        let dict_start = bytes[dict_start..name_at]
            .windows(3)
            .rposition(|w| w == b"obj")
            .map_or(dict_start, |p| dict_start + p);
        let Some(keyword) = find(bytes, name_at, b"stream").filter(|k| k - name_at < 65536) else {
            continue;
        };
        let dict = &bytes[dict_start..keyword];
        let filters = filters(dict);
        let mut data = keyword + 6;
        if bytes.get(data) == Some(&b'\r') {
            data += 1;
        }
        if bytes.get(data) == Some(&b'\n') {
            data += 1;
        }
        let decoded = match filters.as_slice() {
            // Uncompressed: counted with the rest of the file.
            [] => continue,
            [f] if f == b"FlateDecode" || f == b"Fl" => {
                let params = dict.windows(11).any(|w| w == b"DecodeParms");
                count_inflated(&bytes[data..], MAX_OBJECTS - count, params)
            }
            _ => {
                let shown: Vec<String> = filters
                    .iter()
                    .map(|f| format!("/{}", String::from_utf8_lossy(f)))
                    .collect();
                return Err((
                    PdfProblem::Unsupported,
                    format!(
                        "an object stream compressed with {} is not supported; save the file \
                         with Flate-compressed object streams",
                        shown.join(" ")
                    ),
                ));
            }
        };
        count += decoded;
        if count > MAX_OBJECTS {
            return Err(too_many());
        }
    }
    Ok(())
}

/// Where `needle` next occurs in `bytes` from `at`.
fn find(bytes: &[u8], at: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(at..)?, needle).map(|p| at + p)
}

/// The names given as a dictionary's `/Filter`: one name or an array of them.
fn filters(dict: &[u8]) -> Vec<Vec<u8>> {
    let mut at = 0;
    while let Some(p) = dict
        .get(at..)
        .and_then(|d| d.iter().position(|b| *b == b'/'))
    {
        let (name, end) = read_name(dict, at + p + 1);
        at = end.max(at + p + 1);
        if name != b"Filter" {
            continue;
        }
        let mut at = skip_space(dict, at);
        let array = dict.get(at) == Some(&b'[');
        if array {
            at += 1;
        }
        let mut names = Vec::new();
        loop {
            at = skip_space(dict, at);
            if dict.get(at) != Some(&b'/') {
                break;
            }
            let (name, end) = read_name(dict, at + 1);
            names.push(name);
            at = end;
            if !array || names.len() > 8 {
                break;
            }
        }
        return names;
    }
    Vec::new()
}

/// Counts PDF tokens: each run of regular characters, and each delimiter. Overcounts strings
/// (each word of one), which errs on the safe side.
#[derive(Default)]
struct Tokens {
    count: usize,
    in_token: bool,
}

impl Tokens {
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if is_space(b) {
                self.in_token = false;
            } else if is_delimiter(b) {
                self.count += 1;
                self.in_token = false;
            } else if !self.in_token {
                self.count += 1;
                self.in_token = true;
            }
        }
    }
}

pub(crate) fn count_tokens(bytes: &[u8]) -> usize {
    let mut tokens = Tokens::default();
    tokens.feed(bytes);
    tokens.count
}

/// Tokens in a Flate stream's data (up to [`MAX_DECOMPRESSED`](super::MAX_DECOMPRESSED) bytes, as lopdf reads), or half
/// its bytes when a predictor changes them after inflating; stops counting past `limit`.
fn count_inflated(data: &[u8], limit: usize, predictor: bool) -> usize {
    use std::io::Read;
    let mut inflater = flate2::read::ZlibDecoder::new(data).take(super::MAX_DECOMPRESSED as u64);
    let mut buffer = vec![0u8; 64 << 10];
    let (mut tokens, mut bytes) = (Tokens::default(), 0usize);
    while let Ok(n) = inflater.read(&mut buffer) {
        if n == 0 {
            break;
        }
        bytes += n;
        tokens.feed(&buffer[..n]);
        let count = if predictor {
            bytes / 2 + 1
        } else {
            tokens.count
        };
        if count > limit {
            return count;
        }
    }
    if predictor {
        bytes / 2 + 1
    } else {
        tokens.count
    }
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
            .1
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
