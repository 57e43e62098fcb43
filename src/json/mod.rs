//! JSON text in and out, without serde_json: the snapshot and the contexts
//! arrive as JSON text (from Rust, or stringified by the JavaScript binding)
//! and the answers leave as JSON text.
//!
//! [`parse()`] reads text into a document (a small tree of [`Value`]s);
//! the typed readers walk it with a [`Path`] in hand, so every problem is
//! reported at its JSON path ([`crate::validate::decode()`] for snapshots,
//! [`crate::ContextData::from_json`] for contexts). [`ToJson`] writes the
//! answer types as `serde_json::to_string` would. Keeping these hand-written
//! keeps the WebAssembly module small: serde_json's generic instantiations
//! for every snapshot type were most of its size.

mod order;
mod parse;
mod path;
pub(crate) mod read;
mod tree;
mod write;

pub(crate) use order::document_positions;
pub(crate) use parse::parse;
pub(crate) use path::{member, Path};
pub(crate) use read::{ancestors, next_index, Dropped, DroppedId, Reader};
#[cfg(target_arch = "wasm32")]
pub(crate) use tree::Builder;
pub(crate) use tree::{Document, Members, Value};
pub use write::ToJson;
pub(crate) use write::{string, Object, Raw};

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
