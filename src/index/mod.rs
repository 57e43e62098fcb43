//! What both validation and compilation need to know about a snapshot's
//! references, computed from the plain snapshot: a dense id for every name
//! ([`Names`]), which roles each role includes ([`role_closure`]), which
//! cycles a parent-pointer tree has ([`cycles`]) and what an
//! attribute path of a condition reads ([`AttrPath`]).
//!
//! Nothing here reports problems or compiles anything; it sits below
//! [`crate::validate`] and [`crate::compile`] so that neither imports the other.

mod attr;
mod closure;
mod cycles;
pub(crate) mod hashing;
mod ids;
pub(crate) mod limits;
mod patterns;
mod sorted;

pub(crate) use attr::{AttrPath, Source};
pub(crate) use closure::{role_closure, Closure};
pub(crate) use cycles::cycles;
pub(crate) use ids::{Ids, Names};
pub(crate) use patterns::{covers, merge_sort, sort_by_index_key, sort_ids, Patterns};
#[cfg(feature = "client")]
pub(crate) use sorted::SortedNames;

/// Marks "no such thing" in dense id arrays: no parent, no unit, no team.
pub(crate) const NONE: u32 = u32::MAX;
