//! Validation: the structural problems of a snapshot, each with its JSON
//! path, found before anything is compiled: unique ids, references that
//! resolve, acyclic trees, well-formed conditions, features the plan has,
//! and the limits that bound the work of compiling.
//!
//! Type errors are found earlier, while reading ([`crate::snapshot::read`]);
//! the organisation's rules (how many hold a role, required roles, roles per
//! user, seats) are checked on the compiled organisation
//! ([`crate::compile`]). [`crate::load`] runs the three and merges their
//! problems.

mod structure;

pub(crate) use structure::{structure, MAX_ROLE_PERMISSION_PAIRS};
