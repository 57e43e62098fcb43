//! The limits that bound the work and the memory of loading a snapshot,
//! whatever its shape. Validation checks each against the plain snapshot,
//! before anything is compiled or allocated, and reports the one exceeded
//! as a problem with its path; compilation relies on them.

/// Most roles x permissions: the compiled grant table has one cell per pair.
pub(crate) const MAX_ROLE_PERMISSION_PAIRS: usize = 1_000_000;

/// Steps of resolving role includes: each (role, included role) pair, each
/// role counted as including itself, and each include followed. A chain of
/// `n` roles each including the next takes about `n * n` steps. A model
/// may take [`INCLUDE_STEPS_PER_ITEM`] per role and per include it states,
/// at least [`MIN_INCLUDE_STEPS`] and at most [`MAX_INCLUDE_STEPS`], so the
/// work stays a fixed multiple of the snapshot's size.
pub(crate) const INCLUDE_STEPS_PER_ITEM: usize = 16;
pub(crate) const MIN_INCLUDE_STEPS: usize = 250_000;
pub(crate) const MAX_INCLUDE_STEPS: usize = 2_000_000;

/// The include steps a model of `roles` roles stating `includes` includes
/// may take (see [`MAX_INCLUDE_STEPS`]).
pub(crate) fn include_budget(roles: usize, includes: usize) -> usize {
    roles
        .saturating_add(includes)
        .saturating_mul(INCLUDE_STEPS_PER_ITEM)
        .clamp(MIN_INCLUDE_STEPS, MAX_INCLUDE_STEPS)
}

/// Most compiled entries: each grant once per permission it matches and per
/// role that includes its role (or per user holding its toggle or its own
/// grant), each restriction once per permission it binds, and each role
/// named in `assigns` once per role that includes it.
pub(crate) const MAX_COMPILED_GRANTS: usize = 2_000_000;

/// Most restrictions: a check evaluates every restriction on its permission.
pub(crate) const MAX_RESTRICTIONS: usize = 1_000;

/// Most reporting rules: each is checked against every user at load.
pub(crate) const MAX_REPORTING_RULES: usize = 16;
