//! The limits that bound the work and the memory of loading a snapshot,
//! whatever its shape. Validation checks each against the plain snapshot,
//! before anything is compiled or allocated, and reports the one exceeded
//! as a problem with its path; compilation relies on them.

/// Most roles x permissions: the compiled grant table has one cell per pair.
pub(crate) const MAX_ROLE_PERMISSION_PAIRS: usize = 1_000_000;

/// Most steps of resolving role includes: each (role, included role) pair,
/// each role counted as including itself, and each include followed. A chain
/// of `n` roles each including the next takes about `n * n` steps.
pub(crate) const MAX_INCLUDE_STEPS: usize = 2_000_000;

/// Most compiled entries: each grant once per permission it matches and per
/// role that includes its role (or per user holding its toggle or its own
/// grant), each restriction once per permission it binds, and each role
/// named in `assigns` once per role that includes it.
pub(crate) const MAX_COMPILED_GRANTS: usize = 2_000_000;

/// Most restrictions: a check evaluates every restriction on its permission.
pub(crate) const MAX_RESTRICTIONS: usize = 1_000;
