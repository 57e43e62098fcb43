//! JSON text to a [`Document`]: strict RFC 8259, without recursion.
//!
//! Open arrays and objects are kept on an explicit stack, so a document
//! nested deeper than [`MAX_NESTING`] is refused with an error, never a stack
//! overflow. Numbers are `f64` and must be finite. Escapes are decoded
//! exactly (`\uXXXX` surrogate pairs joined; a lone surrogate is an error, as
//! in serde_json).

use super::path::{render, Step};
use super::tree::{Document, Kind, Node, Text};

/// Deepest nesting of arrays and objects a document may have. The deepest
/// valid snapshot is about 75 levels: a condition nests 32 levels, each
/// `all` / `any` level two JSON levels, about 7 levels down the snapshot.
pub(crate) const MAX_NESTING: usize = 128;

/// The syntax error of a lone surrogate, made an [`Error::LoneSurrogate`]
/// with its path once the string is read.
const LONE: &str = "unpaired surrogate in a \\u escape";

/// Why a text is not a JSON document we read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Error {
    /// Not JSON: what is wrong, at a 1-based line and column (in characters).
    Syntax {
        what: &'static str,
        line: usize,
        column: usize,
    },
    /// A number too large for an `f64`, with the JSON path of its value
    /// (as [`crate::Problem::path`] writes it).
    OutOfRange {
        path: String,
        line: usize,
        column: usize,
    },
    /// A `\\uXXXX` escape of half a surrogate pair, which is not a
    /// character (`JSON.stringify` writes one for a JS string that is not
    /// well-formed UTF-16), with the JSON path of its string (or, for an
    /// object key, of the object).
    LoneSurrogate {
        path: String,
        line: usize,
        column: usize,
    },
    /// Arrays and objects nested deeper than [`MAX_NESTING`].
    TooDeep,
}

impl std::fmt::Display for Error {
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Syntax { what, line, column } => {
                write!(f, "not valid JSON: {what} at line {line} column {column}")
            }
            Error::OutOfRange { line, column, .. } => write!(
                f,
                "not valid JSON: number out of range at line {line} column {column}"
            ),
            Error::LoneSurrogate { line, column, .. } => write!(
                f,
                "not Unicode text: a string holds a lone surrogate (half of a `\\uD800\\uDC00` \\
                 pair) at line {line} column {column}; replace it, for example with U+FFFD"
            ),
            Error::TooDeep => write!(f, "the document nests deeper than {MAX_NESTING} levels"),
        }
    }
}

impl Error {
    /// The JSON path the error concerns: the value's for a number out of
    /// range or a lone surrogate, else the whole document (`$`).
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn path(&self) -> &str {
        match self {
            Error::OutOfRange { path, .. } | Error::LoneSurrogate { path, .. } => path,
            _ => "$",
        }
    }
}

/// Parses one JSON value, with nothing but whitespace around it.
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
pub(crate) fn parse(input: &str) -> Result<Document<'_>, Error> {
    let mut p = Parser {
        doc: Document {
            input,
            unescaped: String::new(),
            numbers: Vec::new(),
            // About one value per 8 bytes of a typical snapshot.
            nodes: Vec::with_capacity(input.len() / 8 + 1),
        },
        bytes: input.as_bytes(),
        pos: 0,
        open: Vec::new(),
    };
    // Text positions run on past the input into its unescaped strings
    // (never longer than the input): both fit in 32 bits.
    if input.len() > (u32::MAX / 2) as usize {
        return Err(*p.syntax("the document is larger than 2 GiB"));
    }
    p.document().map_err(|e| *e)?;
    Ok(p.doc)
}

/// What the parser's steps return. Errors are boxed so that a result stays
/// small: a string's [`Text`] is one `u64` and comes back in a register (a
/// result read back from memory stalled every string, a third of the parse).
type Parsed<T> = Result<T, Box<Error>>;

struct Parser<'a> {
    doc: Document<'a>,
    bytes: &'a [u8],
    /// The next byte to read.
    pos: usize,
    /// The arrays and objects not yet closed, outermost first.
    open: Vec<Open>,
}

/// An array or object being parsed.
struct Open {
    /// Its node.
    index: usize,
    /// Its members so far.
    len: u32,
    object: bool,
}

impl Parser<'_> {
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn document(&mut self) -> Parsed<()> {
        // The key of the next value (within an object).
        let mut key = Text::default();
        loop {
            // A value starts here.
            self.skip_whitespace();
            let Some(&b) = self.bytes.get(self.pos) else {
                return Err(self.syntax("unexpected end of input, expected a value"));
            };
            let kind = match b {
                b'{' | b'[' => {
                    if self.open.len() >= MAX_NESTING {
                        return Err(Box::new(Error::TooDeep));
                    }
                    self.pos += 1;
                    let object = b == b'{';
                    let kind = if object {
                        Kind::Object { len: 0, end: 0 }
                    } else {
                        Kind::Array { len: 0, end: 0 }
                    };
                    self.push(key, kind);
                    self.open.push(Open {
                        index: self.doc.nodes.len() - 1,
                        len: 0,
                        object,
                    });
                    self.skip_whitespace();
                    let close = if object { b'}' } else { b']' };
                    if self.bytes.get(self.pos) != Some(&close) {
                        key = if object { self.key()? } else { Text::default() };
                        continue;
                    }
                    self.pos += 1;
                    self.close();
                    None
                }
                b'"' => Some(Kind::Str(
                    self.string().map_err(|e| self.locate(e, Some(key)))?,
                )),
                b't' => Some(self.literal("true", Kind::Bool(true))?),
                b'f' => Some(self.literal("false", Kind::Bool(false))?),
                b'n' => Some(self.literal("null", Kind::Null)?),
                b'-' | b'0'..=b'9' => Some(self.number(key)?),
                _ => return Err(self.syntax("expected a value")),
            };
            if let Some(kind) = kind {
                self.push(key, kind);
            }
            // A value ended: what follows it in its array or object?
            key = loop {
                let Some(object) = self.open.last().map(|o| o.object) else {
                    self.skip_whitespace();
                    if self.pos < self.bytes.len() {
                        return Err(self.syntax("trailing characters"));
                    }
                    return Ok(());
                };
                self.skip_whitespace();
                match (self.bytes.get(self.pos), object) {
                    (Some(b','), true) => {
                        self.pos += 1;
                        break self.key()?;
                    }
                    (Some(b','), false) => {
                        self.pos += 1;
                        break Text::default();
                    }
                    (Some(b'}'), true) | (Some(b']'), false) => {
                        self.pos += 1;
                        self.close();
                    }
                    (None, _) => return Err(self.syntax("unexpected end of input")),
                    (_, true) => return Err(self.syntax("expected `,` or `}`")),
                    (_, false) => return Err(self.syntax("expected `,` or `]`")),
                }
            };
        }
    }

    /// Adds a value, counting it in its array or object.
    #[inline(always)]
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn push(&mut self, key: Text, kind: Kind) {
        if let Some(parent) = self.open.last_mut() {
            parent.len += 1;
        }
        self.doc.nodes.push(Node { key, kind });
    }

    /// Closes the innermost array or object: its members end here.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn close(&mut self) {
        let end = self.doc.nodes.len() as u32;
        let Some(open) = self.open.pop() else { return };
        if let Some(node) = self.doc.nodes.get_mut(open.index) {
            if let Kind::Array { len, end: e } | Kind::Object { len, end: e } = &mut node.kind {
                (*len, *e) = (open.len, end);
            }
        }
    }

    #[inline(always)]
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// An object key and its colon.
    #[inline(always)]
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn key(&mut self) -> Parsed<Text> {
        self.skip_whitespace();
        match self.bytes.get(self.pos) {
            Some(b'"') => {}
            Some(_) => return Err(self.syntax("expected a string key")),
            None => return Err(self.syntax("unexpected end of input")),
        }
        let key = self.string().map_err(|e| self.locate(e, None))?;
        self.skip_whitespace();
        match self.bytes.get(self.pos) {
            Some(b':') => self.pos += 1,
            Some(_) => return Err(self.syntax("expected `:`")),
            None => return Err(self.syntax("unexpected end of input")),
        }
        Ok(key)
    }

    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn literal(&mut self, word: &str, kind: Kind) -> Parsed<Kind> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        if rest.starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(kind)
        } else {
            Err(self.syntax("expected a value"))
        }
    }

    /// A string, at its opening quote.
    #[inline(always)]
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn string(&mut self) -> Parsed<Text> {
        self.pos += 1;
        let start = self.pos;
        // The common case: no escape, a range of the input.
        let plain = self.scan();
        if self.bytes.get(plain) == Some(&b'"') {
            self.pos += 1;
            return Ok(Text::new(start, plain));
        }
        self.escaped_string(start, plain)
    }

    /// The rest of a string that is not plain: `input[start..plain]` has no
    /// escape, `plain` is not its closing quote.
    #[cold]
    #[inline(never)]
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn escaped_string(&mut self, start: usize, plain: usize) -> Parsed<Text> {
        match self.bytes.get(self.pos) {
            Some(b'\\') => {}
            Some(_) => return Err(self.syntax("control character in a string")),
            None => return Err(self.syntax("unexpected end of input in a string")),
        }
        let from = self.doc.unescaped.len();
        self.copy(start, plain)?;
        loop {
            // At a backslash.
            self.pos += 1;
            let Some(&e) = self.bytes.get(self.pos) else {
                return Err(self.syntax("unexpected end of input in a string"));
            };
            self.pos += 1;
            let c = match e {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => self.unicode_escape()?,
                _ => {
                    self.pos -= 1;
                    return Err(self.syntax("invalid escape"));
                }
            };
            self.doc.unescaped.push(c);
            let run = self.pos;
            let to = self.scan();
            self.copy(run, to)?;
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    let past = self.doc.input.len();
                    return Ok(Text::new(past + from, past + self.doc.unescaped.len()));
                }
                Some(b'\\') => {}
                Some(_) => return Err(self.syntax("control character in a string")),
                None => return Err(self.syntax("unexpected end of input in a string")),
            }
        }
    }

    /// Moves to the next quote, backslash or control character (or the end);
    /// returns that position.
    #[inline(always)]
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn scan(&mut self) -> usize {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        self.pos += rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(rest.len());
        self.pos
    }

    /// Appends `input[from..to]` to the unescaped text; both ends are next
    /// to ASCII bytes, so on character boundaries.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn copy(&mut self, from: usize, to: usize) -> Parsed<()> {
        let run = self.doc.input.get(from..to);
        let run = run.ok_or_else(|| self.syntax("invalid UTF-8"))?;
        self.doc.unescaped.push_str(run);
        Ok(())
    }

    /// The character of a `\uXXXX` escape (after the `u`), joining a
    /// surrogate pair.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn unicode_escape(&mut self) -> Parsed<char> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                let rest = self.bytes.get(self.pos..).unwrap_or_default();
                if !rest.starts_with(b"\\u") {
                    return Err(self.syntax(LONE));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.syntax(LONE));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.syntax(LONE)),
            _ => first,
        };
        char::from_u32(code).ok_or_else(|| self.syntax("invalid \\u escape"))
    }

    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn hex4(&mut self) -> Parsed<u32> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .bytes
                .get(self.pos)
                .and_then(|&b| char::from(b).to_digit(16))
                .ok_or_else(|| self.syntax("invalid \\u escape"))?;
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`,
    /// finite as an `f64`. `key` is its key, for the path of an error.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn number(&mut self, key: Text) -> Parsed<Kind> {
        let start = self.pos;
        self.eat(b'-');
        match self.bytes.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.syntax("invalid number")),
        }
        if self.eat(b'.') {
            self.required_digits()?;
        }
        if self.eat(b'e') || self.eat(b'E') {
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            self.required_digits()?;
        }
        let text = self.doc.input.get(start..self.pos).unwrap_or_default();
        match text.parse::<f64>() {
            Ok(n) if n.is_finite() => {
                self.doc.numbers.push(n);
                Ok(Kind::Num(self.doc.numbers.len() as u32 - 1, start as u32))
            }
            Ok(_) => {
                let (line, column) = self.line_column(start);
                Err(Box::new(Error::OutOfRange {
                    path: self.path(key),
                    line,
                    column,
                }))
            }
            Err(_) => Err(self.syntax("invalid number")),
        }
    }

    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn eat(&mut self, b: u8) -> bool {
        let found = self.bytes.get(self.pos) == Some(&b);
        if found {
            self.pos += 1;
        }
        found
    }

    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn required_digits(&mut self) -> Parsed<()> {
        let start = self.pos;
        self.digits();
        if self.pos == start {
            return Err(self.syntax("invalid number"));
        }
        Ok(())
    }

    /// The JSON path of the value being parsed, whose key (in an object) is
    /// `key`.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn path(&self, key: Text) -> String {
        render(self.steps(key))
    }

    /// The steps of [`Parser::path`].
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn steps(&self, key: Text) -> Vec<Step<'_>> {
        let mut steps = Vec::with_capacity(self.open.len());
        for (depth, open) in self.open.iter().enumerate() {
            // The member being parsed: the next open container (already
            // counted in `len`), else the value itself (not yet counted).
            let child = self
                .open
                .get(depth + 1)
                .and_then(|c| self.doc.nodes.get(c.index));
            steps.push(if open.object {
                Step::Key(self.doc.text(child.map_or(key, |c| c.key)))
            } else {
                Step::Index((open.len as usize).saturating_sub(usize::from(child.is_some())))
            });
        }
        steps
    }

    /// A lone surrogate in the string just read (the value of `key`, or an
    /// object key when `None`) as [`Error::LoneSurrogate`] at the
    /// value's path (a key's object's); other errors as they are.
    #[cold]
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn locate(&self, error: Box<Error>, key: Option<Text>) -> Box<Error> {
        match *error {
            Error::Syntax {
                what: LONE,
                line,
                column,
            } => Box::new(Error::LoneSurrogate {
                path: match key {
                    Some(key) => self.path(key),
                    None => {
                        let mut steps = self.steps(Text::default());
                        steps.pop();
                        render(steps)
                    }
                },
                line,
                column,
            }),
            _ => error,
        }
    }

    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn syntax(&self, what: &'static str) -> Box<Error> {
        let (line, column) = self.line_column(self.pos);
        Box::new(Error::Syntax { what, line, column })
    }

    /// The 1-based line and column (in characters) of byte `pos`.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn line_column(&self, pos: usize) -> (usize, usize) {
        let before = self.bytes.get(..pos).unwrap_or(self.bytes);
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = 1 + self
            .doc
            .input
            .get(line_start..pos)
            .map_or(0, |s| s.chars().count());
        (line, column)
    }
}
