//! A parsed JSON document: a tree stored flat, in document order.
//!
//! Every value is one small [`Node`] of a single list; an array or object is
//! followed by its members and records where they end, so walking the tree
//! is walking the list. Strings are ranges of the input (or, when they held
//! escapes, of one buffer of unescaped text), so a whole document costs a
//! handful of allocations however many values it holds.

/// A parsed document (see [`super::parse()`]).
#[derive(Debug)]
pub(crate) struct Document<'a> {
    /// The input.
    pub(super) input: &'a str,
    /// The text of every string that held escapes, unescaped, end to end.
    pub(super) unescaped: String,
    /// Every number, in document order (kept aside: nodes stay 24 bytes).
    pub(super) numbers: Vec<f64>,
    /// The root first, then depth-first in document order.
    pub(super) nodes: Vec<Node>,
}

/// Where the text of a string is: a range `start..end` of the input as
/// written, or, past the input's end, of the unescaped text (position
/// `input.len() + i` is `unescaped[i]`), packed as `start | end << 32` so
/// that the parser passes it in one register. The default is the empty
/// string, the key of a value that is not in an object.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Text(u64);

impl Text {
    /// Positions below 2^32 (the parser refuses larger documents).
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn new(start: usize, end: usize) -> Text {
        Text(start as u64 | (end as u64) << 32)
    }

    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn range(self) -> std::ops::Range<usize> {
        (self.0 & 0xffff_ffff) as usize..(self.0 >> 32) as usize
    }
}

/// One value, with the key it has in its object (empty elsewhere).
#[derive(Debug)]
pub(super) struct Node {
    pub key: Text,
    pub kind: Kind,
}

#[derive(Debug)]
pub(super) enum Kind {
    Null,
    Bool(bool),
    /// The value (an index into `numbers`), and where its text starts in
    /// the input (for messages).
    Num(u32, u32),
    Str(Text),
    /// `len` members, in `nodes[index + 1..end]`.
    Array {
        len: u32,
        end: u32,
    },
    Object {
        len: u32,
        end: u32,
    },
}

/// A value of a [`Document`], to match on.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Value<'d> {
    Null,
    Bool(bool),
    /// A finite number, with its text as written.
    Num(f64, &'d str),
    Str(&'d str),
    Array(Items<'d>),
    Object(Members<'d>),
}

impl<'a> Document<'a> {
    /// The top-level value.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn root(&self) -> Value<'_> {
        self.value(0)
    }

    /// The text of a string.
    #[inline(always)]
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub(super) fn text(&self, text: Text) -> &str {
        let range = text.range();
        match range.start.checked_sub(self.input.len()) {
            None => self.input.get(range),
            Some(start) => self
                .unescaped
                .get(start..range.end.saturating_sub(self.input.len())),
        }
        .unwrap_or_default()
    }

    /// The value of `nodes[index]` (`null` past the end, which a parsed
    /// document never reaches).
    #[inline(always)]
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn value(&self, index: usize) -> Value<'_> {
        let Some(node) = self.nodes.get(index) else {
            return Value::Null;
        };
        match node.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(b),
            Kind::Num(i, start) => Value::Num(
                self.numbers.get(i as usize).copied().unwrap_or_default(),
                self.number_text(start),
            ),
            Kind::Str(text) => Value::Str(self.text(text)),
            Kind::Array { len, end } => Value::Array(Items(Children::new(self, index, len, end))),
            Kind::Object { len, end } => {
                Value::Object(Members(Children::new(self, index, len, end)))
            }
        }
    }

    /// The text of the number that starts at position `start` (of the
    /// input, or past its end of the unescaped text, as [`Text`]).
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn number_text(&self, start: u32) -> &str {
        let start = start as usize;
        let rest = match start.checked_sub(self.input.len()) {
            None => self.input.get(start..),
            Some(at) => self.unescaped.get(at..),
        }
        .unwrap_or_default();
        let len = rest
            .bytes()
            .position(|b| !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
            .unwrap_or(rest.len());
        rest.get(..len).unwrap_or_default()
    }
}

/// The members of one array or object, in order.
#[derive(Debug, Clone, Copy)]
struct Children<'d> {
    doc: &'d Document<'d>,
    next: usize,
    end: usize,
    left: usize,
}

impl<'d> Children<'d> {
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn new(doc: &'d Document<'_>, parent: usize, len: u32, end: u32) -> Self {
        Children {
            doc: shorten(doc),
            next: parent + 1,
            end: end as usize,
            left: len as usize,
        }
    }

    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn next_member(&mut self) -> Option<(&'d str, Value<'d>)> {
        if self.next >= self.end {
            return None;
        }
        let index = self.next;
        let node = self.doc.nodes.get(index)?;
        self.next = match node.kind {
            Kind::Array { end, .. } | Kind::Object { end, .. } => end as usize,
            _ => index + 1,
        };
        self.left = self.left.saturating_sub(1);
        Some((self.doc.text(node.key), self.doc.value(index)))
    }
}

/// The document borrowed for no longer than its input lives.
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
fn shorten<'d>(doc: &'d Document<'_>) -> &'d Document<'d> {
    doc
}

/// The items of an array.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Items<'d>(Children<'d>);

impl<'d> Iterator for Items<'d> {
    type Item = Value<'d>;
    #[inline(always)]
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn next(&mut self) -> Option<Value<'d>> {
        self.0.next_member().map(|(_, v)| v)
    }
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.0.left, Some(self.0.left))
    }
}

impl ExactSizeIterator for Items<'_> {}

/// The members of an object, `(key, value)` in document order (a repeated
/// key appears each time; the snapshot's readers report it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Members<'d>(Children<'d>);

impl<'d> Iterator for Members<'d> {
    type Item = (&'d str, Value<'d>);
    #[inline(always)]
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn next(&mut self) -> Option<(&'d str, Value<'d>)> {
        self.0.next_member()
    }
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.0.left, Some(self.0.left))
    }
}

impl ExactSizeIterator for Members<'_> {}

/// Builds a [`Document`] value by value, for a value that is not JSON text
/// (a JavaScript value the binding walks): the same tree, read by the same
/// readers, without text to parse. Every string and number text goes to the
/// document's own text (its input is empty).
#[derive(Debug, Default)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the binding's
pub(crate) struct Builder {
    text: String,
    numbers: Vec<f64>,
    nodes: Vec<Node>,
    /// The arrays and objects not yet closed, innermost last.
    open: Vec<usize>,
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the binding's
impl Builder {
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn text_of(&mut self, s: &str) -> Text {
        let start = self.text.len();
        self.text.push_str(s);
        Text::new(start, self.text.len())
    }

    /// Adds a value with `key` (`""` in an array) to the open array or object.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn push(&mut self, key: &str, kind: Kind) {
        let key = self.text_of(key);
        self.nodes.push(Node { key, kind });
        let parent = self.open.last().and_then(|&p| self.nodes.get_mut(p));
        if let Some(Node {
            kind: Kind::Array { len, .. } | Kind::Object { len, .. },
            ..
        }) = parent
        {
            *len += 1;
        }
    }

    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn null(&mut self, key: &str) {
        self.push(key, Kind::Null);
    }

    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn bool(&mut self, key: &str, b: bool) {
        self.push(key, Kind::Bool(b));
    }

    /// A finite number, with the text it reads as in messages.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn number(&mut self, key: &str, n: f64, text: &str) {
        let start = self.text.len() as u32;
        self.text.push_str(text);
        // Not part of any number: where its text ends.
        self.text.push(' ');
        self.numbers.push(n);
        self.push(key, Kind::Num(self.numbers.len() as u32 - 1, start));
    }

    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn string(&mut self, key: &str, s: &str) {
        let text = self.text_of(s);
        self.push(key, Kind::Str(text));
    }

    /// Opens an array (`object`: an object); its members follow, then [`Builder::close`].
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn open(&mut self, key: &str, object: bool) {
        let kind = match object {
            true => Kind::Object { len: 0, end: 0 },
            false => Kind::Array { len: 0, end: 0 },
        };
        self.push(key, kind);
        self.open.push(self.nodes.len() - 1);
    }

    /// Closes the innermost open array or object.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn close(&mut self) {
        let end = self.nodes.len() as u32;
        let node = self.open.pop().and_then(|p| self.nodes.get_mut(p));
        if let Some(Node {
            kind: Kind::Array { end: e, .. } | Kind::Object { end: e, .. },
            ..
        }) = node
        {
            *e = end;
        }
    }

    /// The document (every array and object closed by then).
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    pub fn finish(self) -> Document<'static> {
        Document {
            input: "",
            unescaped: self.text,
            numbers: self.numbers,
            nodes: self.nodes,
        }
    }
}
