//! Problems found in a snapshot, each with the JSON path it concerns: what
//! reading, validation and the organisation's rules report, and the error
//! a load that finds any returns.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One problem in a snapshot: where (a JSON path such as
/// `org.users[3].roles[0].role`) and what, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
pub struct Problem {
    /// The JSON path of the offending value (`$` for the whole document).
    pub path: String,
    /// What is wrong, lowercase, user input in backticks.
    pub message: String,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A snapshot that cannot be loaded, with every problem found at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotError {
    /// Every problem, in document order.
    pub problems: Vec<Problem>,
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "invalid snapshot: {n} problem{}",
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SnapshotError {}
