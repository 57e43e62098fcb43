//! The image's frame (magic, version, fingerprint, length, CRC-32) and the
//! primitives of its body: LEB128 integers, length-prefixed strings and
//! lists, each read with its bounds checked, so that no input makes the
//! reader panic or allocate more than the image's own size.

use std::fmt;

/// The first four bytes of every slice image.
const MAGIC: &[u8; 4] = b"RGSL";

/// The format version this build writes and reads.
pub const SLICE_VERSION: u8 = 1;

/// Magic, version, flags, fingerprint (8), body length (4).
const HEADER: usize = 4 + 1 + 1 + 8 + 4;

/// CRC-32 (ISO-HDLC, as zlib and PNG), one table.
const CRC: crc::Crc<u32, crc::Table<1>> =
    crc::Crc::<u32, crc::Table<1>>::new(&crc::CRC_32_ISO_HDLC);

/// Deepest nesting of conditions a reader follows.
pub(crate) const MAX_DEPTH: u32 = 64;

/// Why bytes are not a slice this build can read, or a slice cannot be cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SliceError {
    /// The bytes do not start with a slice's magic number.
    NotASlice,
    /// A slice of another format version.
    Version {
        /// The image's version.
        found: u8,
        /// The version this build reads.
        supported: u8,
    },
    /// Fewer bytes than the image says it has (a download cut short).
    Truncated {
        /// The bytes the image needs.
        expected: usize,
        /// The bytes given.
        found: usize,
    },
    /// The checksum does not match: the bytes were changed on the way.
    Corrupt,
    /// The checksum matches but the content does not hold together (a bug,
    /// or bytes made to look like a slice).
    Malformed(&'static str),
    /// [`crate::Engine::slice`] of a user the snapshot does not have.
    UnknownUser(String),
}

impl fmt::Display for SliceError {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SliceError::NotASlice => f.write_str("not a rolegate slice (no `RGSL` magic number)"),
            SliceError::Version { found, supported } => write!(
                f,
                "a slice of format version {found}; this rolegate reads version {supported} (cut the slice with the same rolegate version)"
            ),
            SliceError::Truncated { expected, found } => write!(
                f,
                "truncated slice: {found} bytes of {expected} (was the download cut short?)"
            ),
            SliceError::Corrupt => f.write_str("corrupt slice: its checksum does not match its bytes"),
            SliceError::Malformed(what) => write!(f, "malformed slice: {what}"),
            SliceError::UnknownUser(u) => write!(f, "no user `{u}` in the snapshot: no slice to cut"),
        }
    }
}

impl std::error::Error for SliceError {}

/// Frames `body`: header, body, CRC-32 of both.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn frame(fingerprint: u64, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + body.len() + 4);
    out.extend_from_slice(MAGIC);
    out.push(SLICE_VERSION);
    out.push(0);
    out.extend_from_slice(&fingerprint.to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(body);
    let crc = CRC.checksum(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

/// The fingerprint and the body of a framed image, checked.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn unframe(bytes: &[u8]) -> Result<(u64, &[u8]), SliceError> {
    let truncated = |expected: usize| SliceError::Truncated {
        expected,
        found: bytes.len(),
    };
    match bytes.get(..4) {
        Some(m) if m == MAGIC => {}
        Some(_) => return Err(SliceError::NotASlice),
        None if MAGIC.starts_with(bytes) && !bytes.is_empty() => return Err(truncated(HEADER + 4)),
        None => return Err(SliceError::NotASlice),
    }
    let version = bytes.get(4).copied().ok_or_else(|| truncated(HEADER + 4))?;
    if version != SLICE_VERSION {
        return Err(SliceError::Version {
            found: version,
            supported: SLICE_VERSION,
        });
    }
    let header = bytes.get(..HEADER).ok_or_else(|| truncated(HEADER + 4))?;
    let word = |at: usize, n: usize| header.get(at..at + n).unwrap_or_default();
    let fingerprint = u64::from_le_bytes(word(6, 8).try_into().unwrap_or_default());
    let len = u32::from_le_bytes(word(14, 4).try_into().unwrap_or_default()) as usize;
    let total = HEADER.saturating_add(len).saturating_add(4);
    if bytes.len() < total {
        return Err(truncated(total));
    }
    let (framed, rest) = bytes.split_at(total - 4);
    let crc = rest.get(..4).and_then(|c| <[u8; 4]>::try_from(c).ok());
    if crc.map(u32::from_le_bytes) != Some(CRC.checksum(framed)) {
        return Err(SliceError::Corrupt);
    }
    if rest.len() > 4 {
        return Err(SliceError::Malformed("bytes after the checksum"));
    }
    Ok((fingerprint, framed.get(HEADER..).unwrap_or_default()))
}

/// A body being written.
#[derive(Default)]
pub(crate) struct Writer {
    pub out: Vec<u8>,
}

impl Writer {
    /// An unsigned integer, LEB128.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn var(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.out.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.out.push(v as u8);
    }
    /// A length-prefixed UTF-8 string.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn str(&mut self, s: &str) {
        self.var(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn f64(&mut self, v: f64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
}

/// A body being read: every read checks its bounds (`None` past the end or
/// on a value out of range).
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Conditions being read, nested.
    pub depth: u32,
}

impl<'a> Reader<'a> {
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader {
            bytes,
            at: 0,
            depth: 0,
        }
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn done(&self) -> bool {
        self.at == self.bytes.len()
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn u8(&mut self) -> Option<u8> {
        let b = self.bytes.get(self.at).copied()?;
        self.at += 1;
        Some(b)
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn var(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.var()?).ok()
    }
    /// A count of items that take at least one byte each: never more than
    /// the bytes left (what a list may allocate is bounded by the image).
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.var()?).ok()?;
        (n <= self.bytes.len() - self.at).then_some(n)
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok().map(str::to_owned)
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn f64(&mut self) -> Option<f64> {
        Some(f64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// A value with a place in the image.
pub(crate) trait Bin: Sized {
    fn put(&self, w: &mut Writer);
    fn get(r: &mut Reader<'_>) -> Option<Self>;
}

impl Bin for u32 {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        w.var(u64::from(*self));
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.u32()
    }
}

impl Bin for u64 {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        w.var(*self);
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.var()
    }
}

impl Bin for usize {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        w.var(*self as u64);
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        usize::try_from(r.var()?).ok()
    }
}

impl Bin for u8 {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        w.out.push(*self);
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.u8()
    }
}

impl Bin for bool {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        w.out.push(u8::from(*self));
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Bin for f64 {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        w.f64(*self);
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.f64()
    }
}

impl Bin for String {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        w.str(self);
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.str()
    }
}

impl<T: Bin> Bin for Option<T> {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.out.push(0),
            Some(v) => {
                w.out.push(1);
                v.put(w);
            }
        }
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.u8()? {
            0 => Some(None),
            1 => Some(Some(T::get(r)?)),
            _ => None,
        }
    }
}

impl<T: Bin> Bin for Vec<T> {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        w.var(self.len() as u64);
        for v in self {
            v.put(w);
        }
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(T::get(r)?);
        }
        Some(out)
    }
}

impl<T: Bin> Bin for Box<T> {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        (**self).put(w);
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        T::get(r).map(Box::new)
    }
}

/// `Bin` for a struct, field by field in the order given: every field
/// (`exact`), or some, the others being their `Default`.
macro_rules! bin_struct {
    ($ty:ty { $($field:ident),* $(,)? } exact) => {
        impl $crate::slice::image::Bin for $ty {
            #[cfg_attr(rolegate_size, optimize(size))]
            fn put(&self, w: &mut $crate::slice::image::Writer) {
                $(self.$field.put(w);)*
            }
            #[cfg_attr(rolegate_size, optimize(size))]
            fn get(r: &mut $crate::slice::image::Reader<'_>) -> Option<Self> {
                Some(Self { $($field: Bin::get(r)?,)* })
            }
        }
    };
    ($ty:ty { $($field:ident),* $(,)? }) => {
        impl $crate::slice::image::Bin for $ty {
            #[cfg_attr(rolegate_size, optimize(size))]
            fn put(&self, w: &mut $crate::slice::image::Writer) {
                $(self.$field.put(w);)*
            }
            #[cfg_attr(rolegate_size, optimize(size))]
            fn get(r: &mut $crate::slice::image::Reader<'_>) -> Option<Self> {
                #[allow(clippy::needless_update)]
                Some(Self { $($field: Bin::get(r)?,)* ..Default::default() })
            }
        }
    };
}
pub(crate) use bin_struct;
