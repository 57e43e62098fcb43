//! Slices: one user's decisions, cut from a full [`Engine`] on the server
//! ([`Engine::slice`]) and decided by a [`ClientGate`] without the rest of
//! the organisation and without the parser, validator or compiler.
//!
//! A slice holds the model (permissions, roles, toggles, restrictions,
//! labels, messages: every decision can reach them), the user's own
//! assignments, toggles, direct grants and the attributes conditions read,
//! the org and team settings conditions read, and only the users, teams and
//! units the user's scopes and restrictions can tell apart from anyone else
//! (`cut`): a rep's peers, a manager's subtree, nobody for a scope of `all`.
//! Everything else stands behind one stand-in per kind (a user, a team, a
//! unit "elsewhere"), so a record owned by someone outside the slice is
//! decided as the full engine decides it.
//!
//! The image (`image`): the magic `RGSL`, a format version, the snapshot's
//! fingerprint, the body's length, the body (`codec`: the compiled parts a
//! decision reads) and a CRC-32 of everything before it. A reader of version
//! `n` reads images of version `n` only ([`SliceError`] otherwise): a slice
//! is cut by the server for the client it serves, both from one package.

mod client;
mod codec;
#[cfg(not(feature = "client"))]
mod cut;
mod image;

pub use client::ClientGate;
pub use image::{SliceError, SLICE_VERSION};
