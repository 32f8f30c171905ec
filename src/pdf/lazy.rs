//! Reading a PDF's objects without copying its streams: the cross-reference sections (tables or
//! streams, newest first) locate every object, each is parsed where it lies, and a stream keeps
//! only its dictionary and where its content starts in the file. A cover's images then go into
//! a new file straight from the bytes read, never copied, decoded or compressed again.
//!
//! Only what a well-formed file holds is read: anything else (damage, encryption, a stream
//! whose /Length does not end at `endstream`) gives `None`, and the full parser reads the file
//! (with its repairs and its error messages).

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::ops::Range;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// Nesting of arrays and dictionaries read at most.
const MAX_DEPTH: usize = 64;
/// Cross-reference sections followed at most (through /Prev and /XRefStm).
const MAX_SECTIONS: usize = 256;

/// Where an object is: at an offset in the file, or the `index`th in an object stream.
#[derive(Clone, Copy)]
enum Entry {
    At(usize),
    InStream(u32),
}

/// The bytes of the file being read: all of them in memory, or the file itself, read in
/// part as the reader needs them.
pub(crate) trait Window {
    /// The file's length.
    fn len(&self) -> usize;

    /// The file from its start to at least the end of `range` (or the file's), with `range`
    /// read; `None` if it cannot be read.
    fn window(&mut self, range: Range<usize>) -> Option<&[u8]>;

    /// Called with the bytes of each object parsed (and each object stream's content): `None`
    /// to stop reading.
    fn parsed(&mut self, _bytes: Range<usize>, _decoded: Option<&[u8]>) -> Option<()> {
        Some(())
    }
}

impl Window for &[u8] {
    fn len(&self) -> usize {
        <[u8]>::len(self)
    }

    fn window(&mut self, _range: Range<usize>) -> Option<&[u8]> {
        Some(self)
    }
}

/// A file read in part: its structure, never its large streams' contents.
pub(crate) struct Partial<'f> {
    file: &'f File,
    /// As long as the file; zeros where not read. (Allocated zeroed: pages never written take
    /// no memory.)
    pub(crate) bytes: Vec<u8>,
    /// The parts read, in order, none touching another.
    pub(crate) read: Vec<Range<usize>>,
    /// Tokens parsed so far, counted as the input screen counts them.
    tokens: usize,
}

impl<'f> Partial<'f> {
    pub(crate) fn new(file: &'f File, len: usize) -> Partial<'f> {
        Partial {
            file,
            bytes: vec![0; len],
            read: Vec::new(),
            tokens: 0,
        }
    }

    /// Reads what of `range` is not read yet.
    fn read(&mut self, range: Range<usize>) -> Option<()> {
        use std::io::{Read, Seek, SeekFrom};
        let range = range.start.min(self.bytes.len())..range.end.min(self.bytes.len());
        // Read in pages, whole.
        let range = range.start & !4095..range.end.next_multiple_of(4096).min(self.bytes.len());
        let mut at = range.start;
        let mut file = self.file;
        while at < range.end {
            let i = self.read.partition_point(|p| p.end <= at);
            let gap_end = match self.read.get(i) {
                Some(p) if p.start <= at => {
                    at = p.end;
                    continue;
                }
                Some(p) => p.start.min(range.end),
                None => range.end,
            };
            file.seek(SeekFrom::Start(at as u64)).ok()?;
            file.read_exact(&mut self.bytes[at..gap_end]).ok()?;
            self.mark(at..gap_end);
            at = gap_end;
        }
        Some(())
    }

    /// Notes `range` as read, joining it with the parts it touches.
    fn mark(&mut self, range: Range<usize>) {
        let first = self.read.partition_point(|p| p.end < range.start);
        let last = self.read.partition_point(|p| p.start <= range.end);
        let joined = match self.read.get(first..last) {
            Some([]) | None => range,
            Some(parts) => {
                parts[0].start.min(range.start)..parts[parts.len() - 1].end.max(range.end)
            }
        };
        self.read.splice(first..last, [joined]);
    }

    /// The parts read, one after another.
    pub(crate) fn structure(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.read.iter().map(|r| r.len()).sum());
        for r in &self.read {
            out.extend_from_slice(&self.bytes[r.clone()]);
        }
        out
    }
}

impl Window for Partial<'_> {
    fn len(&self) -> usize {
        self.bytes.len()
    }

    fn window(&mut self, range: Range<usize>) -> Option<&[u8]> {
        self.read(range.clone())?;
        let i = self
            .read
            .partition_point(|p| p.end < range.start.min(self.bytes.len()));
        let end = self.read.get(i).map_or(0, |p| p.end);
        Some(&self.bytes[..end])
    }

    fn parsed(&mut self, bytes: Range<usize>, decoded: Option<&[u8]>) -> Option<()> {
        self.tokens += match decoded {
            Some(decoded) => super::count_tokens(decoded),
            None => super::count_tokens(self.bytes.get(bytes)?),
        };
        (self.tokens <= super::screen::MAX_OBJECTS).then_some(())
    }
}

/// Bytes read at first for an object, and after it at least (unless the file ends), so that
/// an object cut short by the end of what was read is never taken for a whole one.
const FIRST_READ: usize = 4096;
const MARGIN: usize = 64;

/// What `f` parses at `at`, reading more of the file until it parses whole (or the file is
/// read to its end); the bytes parsed are passed to [`Window::parsed`].
fn parse_at<T>(
    src: &mut impl Window,
    at: usize,
    f: impl Fn(&mut Parser<'_>) -> Option<T>,
) -> Option<T> {
    let total = src.len();
    let mut want = FIRST_READ;
    loop {
        let b = src.window(at..at.saturating_add(want).min(total))?;
        let whole = b.len() >= total;
        let mut p = Parser::new(b, at);
        match f(&mut p) {
            Some(t) if whole || p.at + MARGIN <= b.len() => {
                let end = p.at;
                src.parsed(at..end, None)?;
                return Some(t);
            }
            _ if whole => return None,
            _ => want = want.saturating_mul(4),
        }
    }
}

/// The file's objects, each stream with no content and `start_position` where its content
/// starts in `bytes` (its /Length, a direct integer, says how long it is); `None` for a file
/// this reader does not take.
pub(crate) fn load(name: &str, bytes: &[u8]) -> Option<Document> {
    read(name, &mut { bytes })
}

/// [`load`], reading from `src` only what it needs: each stream's content lies in the file,
/// unread unless it is an object or cross-reference stream.
pub(crate) fn read(name: &str, src: &mut impl Window) -> Option<Document> {
    let len = src.len();
    let tail_at = len.saturating_sub(1024);
    let bytes = src.window(tail_at..len)?;
    let tail = bytes.get(tail_at..len)?;
    let at = memchr::memmem::rfind(tail, b"startxref")? + tail_at;
    let mut p = Parser::new(bytes, at + 9);
    let mut next = Some(usize::try_from(p.integer()?).ok()?);
    // A file cut short is left to the full parser, which says so.
    let rest = &bytes[p.at..];
    let eof = rest.iter().position(|&c| !is_space(c))?;
    rest[eof..].starts_with(b"%%EOF").then_some(())?;
    let mut entries: BTreeMap<u32, Entry> = BTreeMap::new();
    let mut trailer: Option<Dictionary> = None;
    let mut seen = HashSet::new();
    let mut pending = Vec::new();
    while let Some(offset) = next.take().or_else(|| pending.pop()) {
        if !seen.insert(offset) || seen.len() > MAX_SECTIONS {
            return None;
        }
        let dict = section(name, src, offset, &mut entries)?;
        if let Ok(stm) = dict.get(b"XRefStm").and_then(Object::as_i64) {
            pending.push(usize::try_from(stm).ok()?);
        }
        next = match dict.get(b"Prev") {
            Ok(prev) => Some(usize::try_from(prev.as_i64().ok()?).ok()?),
            Err(_) => None,
        };
        if trailer.is_none() {
            trailer = Some(dict);
        }
    }
    let mut trailer = trailer?;
    if trailer.has(b"Encrypt") {
        return None;
    }
    for key in [
        &b"Prev"[..],
        b"XRefStm",
        b"W",
        b"Index",
        b"Filter",
        b"DecodeParms",
    ] {
        trailer.remove(key);
    }
    let mut doc = Document::new();
    // Objects in object streams, read per stream.
    let mut packed: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (&n, entry) in &entries {
        match *entry {
            Entry::At(offset) => {
                let object = parse_at(src, offset, |p| indirect(p, n))?;
                doc.objects.insert((n, 0), object);
            }
            Entry::InStream(container) => packed.entry(container).or_default().push(n),
        }
    }
    for (container, wanted) in packed {
        let stream = doc.objects.get(&(container, 0))?.as_stream().ok()?;
        let content = decoded(name, src, stream)?;
        src.parsed(0..0, Some(&content))?;
        let count = usize::try_from(stream.dict.get(b"N").ok()?.as_i64().ok()?).ok()?;
        let first = usize::try_from(stream.dict.get(b"First").ok()?.as_i64().ok()?).ok()?;
        let mut header = Parser::new(&content, 0);
        let mut offsets = BTreeMap::new();
        for _ in 0..count.min(content.len()) {
            let n = u32::try_from(header.integer()?).ok()?;
            let at = usize::try_from(header.integer()?).ok()?;
            offsets.insert(n, first.checked_add(at)?);
        }
        for n in wanted {
            let mut p = Parser::new(&content, *offsets.get(&n)?);
            let object = p.object(0)?;
            doc.objects.insert((n, 0), object);
        }
    }
    doc.objects
        .retain(|_, o| !matches!(o, Object::Stream(s) if s.dict.has_type(b"ObjStm") || s.dict.has_type(b"XRef")));
    // A stream's length given by reference is read now, so that its range is known.
    let lengths: Vec<(ObjectId, i64)> = doc
        .objects
        .iter()
        .filter_map(
            |(&id, o)| match o.as_stream().ok()?.dict.get(b"Length").ok()? {
                Object::Reference(r) => Some(
                    doc.objects
                        .get(r)
                        .and_then(|l| l.as_i64().ok())
                        .map(|l| (id, l)),
                ),
                _ => None,
            },
        )
        .collect::<Option<_>>()?;
    for (id, length) in lengths {
        if let Some(Object::Stream(s)) = doc.objects.get_mut(&id) {
            s.dict.set("Length", Object::Integer(length));
        }
    }
    for object in doc.objects.values() {
        if let Object::Stream(s) = object {
            let end = s.start_position?.checked_add(length(s)?)?;
            range(src.window(end..end.saturating_add(MARGIN))?, s)?;
        }
    }
    doc.max_id = doc.objects.keys().last().map_or(0, |&(n, _)| n);
    doc.trailer = trailer;
    Some(doc)
}

/// A stream's /Length, as [`read`] leaves it: a direct integer.
fn length(stream: &Stream) -> Option<usize> {
    usize::try_from(stream.dict.get(b"Length").ok()?.as_i64().ok()?).ok()
}

/// Where a stream's content lies in `bytes` (read by [`load`]), checked to end at `endstream`.
pub(crate) fn range(bytes: &[u8], stream: &Stream) -> Option<Range<usize>> {
    let start = stream.start_position?;
    let end = start.checked_add(length(stream)?)?;
    let mut p = Parser::new(bytes, end);
    p.space();
    p.keyword(b"endstream")?;
    Some(start..end)
}

/// A stream's content decoded (an object or cross-reference stream: small, and bounded).
fn decoded(name: &str, src: &mut impl Window, stream: &Stream) -> Option<Vec<u8>> {
    let start = stream.start_position?;
    let end = start.checked_add(length(stream)?)?;
    let bytes = src.window(start..end.saturating_add(MARGIN))?;
    let range = range(bytes, stream)?;
    super::screen::plausible_parms(&stream.dict)?;
    let whole = Stream::new(stream.dict.clone(), bytes[range].to_vec());
    let content = super::untrusted(name, "the PDF stream decoder", || {
        whole.decompressed_content_with_limit(super::MAX_DECOMPRESSED)
    });
    match content {
        Ok(Ok(content)) => Some(content),
        // Not compressed at all.
        Ok(Err(_)) if whole.dict.get(b"Filter").is_err() => Some(whole.content),
        _ => None,
    }
}

/// A cross-reference table's entries, and the trailer after it.
type Table = (Vec<(u32, Entry)>, Dictionary);

/// Reads one cross-reference section at `offset` into `entries` (older sections do not replace
/// what newer ones said) and returns its trailer dictionary.
fn section(
    name: &str,
    src: &mut impl Window,
    offset: usize,
    entries: &mut BTreeMap<u32, Entry>,
) -> Option<Dictionary> {
    let len = src.len();
    let table = parse_at(src, offset, |p| -> Option<Option<Table>> {
        p.space();
        if p.keyword(b"xref").is_none() {
            return Some(None);
        }
        let mut found = Vec::new();
        loop {
            p.space();
            if p.keyword(b"trailer").is_some() {
                p.space();
                return Some(Some((found, p.object(0)?.as_dict().ok().cloned()?)));
            }
            let first = u32::try_from(p.integer()?).ok()?;
            let count = u32::try_from(p.integer()?).ok()?;
            if count as usize > len / 18 {
                return None;
            }
            for i in 0..count {
                let at = p.integer()?;
                let generation = p.integer()?;
                p.space();
                let kind = *p.b.get(p.at)?;
                p.at += 1;
                let n = first.checked_add(i)?;
                match kind {
                    b'n' if at > 0 && generation == 0 => {
                        found.push((n, Entry::At(usize::try_from(at).ok()?)));
                    }
                    b'f' => {}
                    // Objects of later generations are left to the full parser.
                    _ => return None,
                }
            }
        }
    })?;
    if let Some((found, trailer)) = table {
        for (n, entry) in found {
            entries.entry(n).or_insert(entry);
        }
        return Some(trailer);
    }
    // A cross-reference stream.
    let Object::Stream(stream) = parse_at(src, offset, object_at)?.1 else {
        return None;
    };
    if !stream.dict.has_type(b"XRef") {
        return None;
    }
    let dict = &stream.dict;
    let widths: Vec<usize> = dict
        .get(b"W")
        .ok()?
        .as_array()
        .ok()?
        .iter()
        .map(|w| {
            w.as_i64()
                .ok()
                .and_then(|w| usize::try_from(w).ok())
                .filter(|&w| w <= 8)
        })
        .collect::<Option<_>>()?;
    let [w0, w1, w2] = widths.as_slice() else {
        return None;
    };
    let size = dict.get(b"Size").ok()?.as_i64().ok()?;
    let index: Vec<i64> = match dict.get(b"Index") {
        Ok(index) => index
            .as_array()
            .ok()?
            .iter()
            .map(|i| i.as_i64().ok())
            .collect::<Option<_>>()?,
        Err(_) => vec![0, size],
    };
    let data = decoded(name, src, &stream)?;
    let row = w0 + w1 + w2;
    if row == 0 {
        return None;
    }
    let field = |b: &[u8]| b.iter().fold(0u64, |v, &d| v << 8 | u64::from(d));
    let mut rows = data.chunks_exact(row);
    for pair in index.chunks(2) {
        let [first, count] = pair else { return None };
        let first = u32::try_from(*first).ok()?;
        for i in 0..u32::try_from(*count).ok()? {
            let r = rows.next()?;
            let kind = if *w0 == 0 { 1 } else { field(&r[..*w0]) };
            let a = field(&r[*w0..w0 + w1]);
            let n = first.checked_add(i)?;
            match kind {
                0 => {}
                1 => {
                    entries
                        .entry(n)
                        .or_insert(Entry::At(usize::try_from(a).ok()?));
                }
                2 => {
                    entries
                        .entry(n)
                        .or_insert(Entry::InStream(u32::try_from(a).ok()?));
                }
                _ => return None,
            }
        }
    }
    Some(stream.dict)
}

/// The object numbered `n`, at the parser.
fn indirect(p: &mut Parser<'_>, n: u32) -> Option<Object> {
    let (id, object) = object_at(p)?;
    (id == (n, 0)).then_some(object)
}

/// `n g obj ... endobj` at the parser, a stream's content left where it is.
fn object_at(p: &mut Parser<'_>) -> Option<(ObjectId, Object)> {
    let n = u32::try_from(p.integer()?).ok()?;
    let generation = u16::try_from(p.integer()?).ok()?;
    p.space();
    p.keyword(b"obj")?;
    let object = p.object(0)?;
    p.space();
    if let Object::Dictionary(dict) = &object
        && p.keyword(b"stream").is_some()
    {
        while matches!(p.b.get(p.at), Some(b' ' | b'\t')) {
            p.at += 1;
        }
        match (p.b.get(p.at), p.b.get(p.at + 1)) {
            (Some(b'\r'), Some(b'\n')) => p.at += 2,
            (Some(b'\n' | b'\r'), _) => p.at += 1,
            _ => return None,
        }
        // Not `Stream::new`, which would set /Length to the empty content's.
        let stream = Stream {
            dict: dict.clone(),
            content: Vec::new(),
            allows_compression: false,
            start_position: Some(p.at),
        };
        return Some(((n, generation), Object::Stream(stream)));
    }
    Some(((n, generation), object))
}

/// A cursor over PDF syntax.
struct Parser<'b> {
    b: &'b [u8],
    at: usize,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'\0')
}

fn is_delimiter(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl<'b> Parser<'b> {
    /// A cursor at `at` (at the end, for an offset past it).
    fn new(b: &'b [u8], at: usize) -> Parser<'b> {
        Parser {
            b,
            at: at.min(b.len()),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    /// Skips white space and comments.
    fn space(&mut self) {
        while let Some(c) = self.peek() {
            if is_space(c) {
                self.at += 1;
            } else if c == b'%' {
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    /// A run of regular characters.
    fn token(&mut self) -> &'b [u8] {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| !is_space(c) && !is_delimiter(c))
        {
            self.at += 1;
        }
        &self.b[start..self.at]
    }

    /// `word`, ending there.
    fn keyword(&mut self, word: &[u8]) -> Option<()> {
        let end = self.at.checked_add(word.len())?;
        if self.b.get(self.at..end)? != word
            || self
                .b
                .get(end)
                .is_some_and(|&c| !is_space(c) && !is_delimiter(c))
        {
            return None;
        }
        self.at = end;
        Some(())
    }

    /// An integer, after white space.
    fn integer(&mut self) -> Option<i64> {
        self.space();
        let token = self.token();
        if token.is_empty()
            || !token
                .iter()
                .all(|c| c.is_ascii_digit() || *c == b'-' || *c == b'+')
        {
            return None;
        }
        std::str::from_utf8(token).ok()?.parse().ok()
    }

    /// Any object, after white space.
    fn object(&mut self, depth: usize) -> Option<Object> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.space();
        match self.peek()? {
            b'/' => {
                self.at += 1;
                Some(Object::Name(self.name()?))
            }
            b'(' => {
                self.at += 1;
                Some(Object::String(self.literal()?, StringFormat::Literal))
            }
            b'<' if self.b.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                Some(Object::Dictionary(self.dictionary(depth)?))
            }
            b'<' => {
                self.at += 1;
                Some(Object::String(self.hex()?, StringFormat::Hexadecimal))
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.space();
                    if self.peek()? == b']' {
                        self.at += 1;
                        return Some(Object::Array(items));
                    }
                    items.push(self.object(depth + 1)?);
                }
            }
            _ => self.word(),
        }
    }

    /// A dictionary's entries, after `<<`.
    fn dictionary(&mut self, depth: usize) -> Option<Dictionary> {
        let mut dict = Dictionary::new();
        loop {
            self.space();
            match self.peek()? {
                b'>' if self.b.get(self.at + 1) == Some(&b'>') => {
                    self.at += 2;
                    return Some(dict);
                }
                b'/' => {
                    self.at += 1;
                    let key = self.name()?;
                    let value = self.object(depth + 1)?;
                    dict.set(key, value);
                }
                _ => return None,
            }
        }
    }

    /// A number, a reference, `true`, `false` or `null`.
    fn word(&mut self) -> Option<Object> {
        let token = self.token();
        match token {
            b"true" => return Some(Object::Boolean(true)),
            b"false" => return Some(Object::Boolean(false)),
            b"null" => return Some(Object::Null),
            _ => {}
        }
        let text = std::str::from_utf8(token).ok()?;
        if !text.is_empty() && text.bytes().all(|c| c.is_ascii_digit()) {
            let n: i64 = text.parse().ok()?;
            // `n g R`?
            let back = self.at;
            if let (Some(generation), Ok(n)) = (self.integer(), u32::try_from(n)) {
                self.space();
                if let (Ok(generation), Some(())) = (u16::try_from(generation), self.keyword(b"R"))
                {
                    return Some(Object::Reference((n, generation)));
                }
            }
            self.at = back;
            return Some(Object::Integer(n));
        }
        if text.contains('.') {
            let v: f64 = text.parse().ok()?;
            return v.is_finite().then_some(Object::Real(v as f32));
        }
        text.parse().ok().map(Object::Integer)
    }

    /// A name's bytes, after `/`, with `#xx` decoded.
    fn name(&mut self) -> Option<Vec<u8>> {
        let token = self.token();
        let mut out = Vec::with_capacity(token.len());
        let mut i = 0;
        while i < token.len() {
            if token[i] == b'#' {
                let hex = std::str::from_utf8(token.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            } else {
                out.push(token[i]);
                i += 1;
            }
        }
        Some(out)
    }

    /// A literal string's bytes, after `(`.
    fn literal(&mut self) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut open = 1usize;
        loop {
            let c = self.peek()?;
            self.at += 1;
            match c {
                b'(' => {
                    open += 1;
                    out.push(c);
                }
                b')' => {
                    open -= 1;
                    if open == 0 {
                        return Some(out);
                    }
                    out.push(c);
                }
                b'\\' => {
                    let e = self.peek()?;
                    self.at += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.at += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
    }

    /// A hex string's bytes, after `<`.
    fn hex(&mut self) -> Option<Vec<u8>> {
        let mut digits = Vec::new();
        loop {
            let c = self.peek()?;
            self.at += 1;
            match c {
                b'>' => break,
                c if is_space(c) => {}
                c => digits.push(char::from(c).to_digit(16)? as u8),
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(0);
        }
        Some(digits.chunks(2).map(|d| d[0] << 4 | d[1]).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn parse(text: &str) -> Option<Object> {
        Parser::new(text.as_bytes(), 0).object(0)
    }

    /// A document with a page, an image stream, a content stream whose /Length is a reference,
    /// strings, reals and names that need escapes.
    fn sample() -> Document {
        let mut doc = Document::with_version("1.6");
        let pixels: Vec<u8> = (0..3000u32).map(|i| (i * 7 % 251) as u8).collect();
        let image = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 10,
            "Height" => 100, "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8 },
            pixels,
        ));
        let length = doc.add_object(Object::Integer(27));
        let content = doc.add_object(Stream::new(
            dictionary! { "Length" => length },
            b"q 10 0 0 100 0 0 cm /I#20m Do Q".to_vec(),
        ));
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(612.5), 792.into()],
            "Resources" => dictionary! { "XObject" => dictionary! { "I m" => image } },
            "Note" => Object::string_literal("a (nested) \\ string"),
            "Hex" => Object::String(vec![0, 0xfe], StringFormat::Hexadecimal),
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        doc
    }

    /// Each object the full parser reads, read here the same (a stream's content where it
    /// lies in the file).
    #[track_caller]
    fn same_as_lopdf(bytes: &[u8]) {
        let full = Document::load_mem(bytes).unwrap();
        let lazy = load("sample.pdf", bytes).expect("read lazily");
        assert_eq!(
            lazy.trailer.get(b"Root").unwrap(),
            full.trailer.get(b"Root").unwrap()
        );
        let mut compared = 0;
        for (id, object) in &full.objects {
            match object {
                Object::Stream(s) if s.dict.has_type(b"ObjStm") || s.dict.has_type(b"XRef") => {}
                Object::Stream(s) => {
                    let l = lazy.objects[id].as_stream().unwrap();
                    assert_eq!(&bytes[range(bytes, l).unwrap()], s.content.as_slice());
                    let (mut a, mut b) = (l.dict.clone(), s.dict.clone());
                    a.remove(b"Length");
                    b.remove(b"Length");
                    assert_eq!(a, b);
                    compared += 1;
                }
                object => {
                    assert_eq!(&lazy.objects[id], object, "object {id:?}");
                    compared += 1;
                }
            }
        }
        assert_eq!(compared, 6);
    }

    /// The sample with a cross-reference table, and objects of its own.
    fn classic() -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut doc = sample();
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        doc.save_to(&mut bytes).unwrap();
        assert!(memchr::memmem::find(&bytes, b"\nxref").is_some());
        bytes
    }

    #[test]
    fn files_read_as_the_full_parser_reads_them() {
        same_as_lopdf(&classic());
        // A cross-reference stream.
        let mut stream = Vec::new();
        sample().save_to(&mut stream).unwrap();
        assert!(memchr::memmem::find(&stream, b"/XRef").is_some());
        same_as_lopdf(&stream);
        // Object streams, and a compressed cross-reference stream.
        let mut modern = Vec::new();
        sample().save_modern(&mut modern).unwrap();
        assert!(memchr::memmem::find(&modern, b"/ObjStm").is_some());
        same_as_lopdf(&modern);
    }

    #[test]
    fn files_read_in_part_read_their_structure_and_not_their_images() {
        let mut doc = sample();
        let noise: Vec<u8> = (0..1u32 << 20)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        let big = doc.add_object(Stream::new(dictionary! { "Subtype" => "Image" }, noise));
        doc.trailer.set("Big", big);
        for modern in [false, true] {
            let mut bytes = Vec::new();
            match modern {
                true => doc.clone().save_modern(&mut bytes).unwrap(),
                false => doc.clone().save_to(&mut bytes).map(drop).unwrap(),
            }
            let path = std::env::temp_dir()
                .join(format!("podcover-lazy-{}-{modern}.pdf", std::process::id()));
            std::fs::write(&path, &bytes).unwrap();
            let file = File::open(&path).unwrap();
            let mut partial = Partial::new(&file, bytes.len());
            let read = read("part.pdf", &mut partial).expect("read in part");
            let whole = load("whole.pdf", &bytes).unwrap();
            assert_eq!(read.objects, whole.objects);
            assert_eq!(read.trailer, whole.trailer);
            let image = range(&bytes, read.objects[&big].as_stream().unwrap()).unwrap();
            assert_eq!(image.len(), 1 << 20);
            let taken: usize = partial.read.iter().map(Range::len).sum();
            assert!(taken < 32 << 10, "{taken} bytes read of {}", bytes.len());
            // What was read is the file's.
            for r in &partial.read {
                assert_eq!(partial.bytes[r.clone()], bytes[r.clone()]);
            }
            std::fs::remove_file(&path).unwrap();
        }
    }

    #[test]
    fn what_is_not_well_formed_is_left_to_the_full_parser() {
        let bytes = classic();
        // A stream whose /Length does not reach its end.
        let at = memchr::memmem::find(&bytes, b"/Length 3000").unwrap();
        let mut short = bytes.clone();
        short[at..at + 12].copy_from_slice(b"/Length 2999");
        assert!(load("short.pdf", &short).is_none());
        // An offset in the table that points elsewhere.
        let table = memchr::memmem::rfind(&bytes, b"\nxref").unwrap();
        // The first entry after the free one (`0000000000 65535 f `), its last digit.
        assert_eq!(&bytes[table..table + 10], b"\nxref\n0 7\n");
        let digit = table + "\nxref\n0 7\n".len() + 20 + 9;
        let mut moved = bytes.clone();
        moved[digit] = if moved[digit] == b'1' { b'2' } else { b'1' };
        assert!(load("moved.pdf", &moved).is_none());
        // Cut short, and encrypted.
        assert!(load("cut.pdf", &bytes[..bytes.len() / 2]).is_none());
        let mut encrypted = sample();
        encrypted.trailer.set("Encrypt", Object::Reference((1, 0)));
        let mut bytes = Vec::new();
        encrypted.save_to(&mut bytes).unwrap();
        assert!(load("encrypted.pdf", &bytes).is_none());
    }

    #[test]
    fn objects_read_as_the_full_parser_reads_them() {
        let d = parse(
            "<< /A#20b (x\\(y\\) \\101\\\n) /H <0aF> /R 12 0 R /N [1 -2 +3 .5 -0.25 null true] >>",
        )
        .unwrap();
        let d = d.as_dict().unwrap();
        assert_eq!(d.get(b"A b").unwrap().as_str().unwrap(), b"x(y) A");
        assert_eq!(d.get(b"H").unwrap().as_str().unwrap(), &[0x0a, 0xf0]);
        assert_eq!(d.get(b"R").unwrap(), &Object::Reference((12, 0)));
        assert_eq!(
            d.get(b"N").unwrap(),
            &Object::Array(vec![
                Object::Integer(1),
                Object::Integer(-2),
                Object::Integer(3),
                Object::Real(0.5),
                Object::Real(-0.25),
                Object::Null,
                Object::Boolean(true),
            ])
        );
        // Numbers that are not a reference stay numbers.
        assert_eq!(
            parse("[1 2 3 R]").unwrap(),
            Object::Array(vec![Object::Integer(1), Object::Reference((2, 3))])
        );
        assert_eq!(parse("<< /A 1"), None);
        let deep = "[".repeat(100);
        assert_eq!(parse(&deep), None);
        // Offsets past the end read nothing.
        assert_eq!(Parser::new(b"12", 100).object(0), None);
        assert!(load("past.pdf", b"%PDF-1.4\nstartxref\n100484\n%%EOF").is_none());
    }
}
