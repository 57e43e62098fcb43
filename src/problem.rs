//! Problems found in a snapshot, each with the JSON path it concerns: what
//! reading, validation and the organisation's rules report, and the error
//! a load that finds any returns; and [`Suggestions`], the "did you mean"
//! of a problem that names something unknown.

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
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A snapshot that cannot be loaded, with every problem found at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotError {
    /// Every problem: in document order when loaded from JSON text
    /// ([`crate::Engine::from_json`]), stage by stage from a [`crate::Snapshot`].
    pub problems: Vec<Problem>,
}

impl fmt::Display for SnapshotError {
    #[cfg_attr(rolegate_size, optimize(size))]
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

/// Problems of one reader or checker that may get a "did you mean": each
/// compares its name with at most [`MAX_CANDIDATES`] names, so a snapshot of
/// 100,000 unknown names costs a bounded amount of work on top of reporting
/// them.
pub(crate) const MAX_SUGGESTED: usize = 64;

/// Names compared with one unknown name, at most.
pub(crate) const MAX_CANDIDATES: usize = 1000;

/// Longer names (in bytes) get no suggestion: a comparison costs the product
/// of the two lengths.
const MAX_NAME: usize = 40;

/// The "did you mean" of problems that name something unknown, within the
/// budget of [`MAX_SUGGESTED`] problems.
#[derive(Debug, Default)]
pub(crate) struct Suggestions {
    /// Problems that looked for a suggestion so far.
    tried: usize,
    /// The distance table, kept between comparisons.
    table: Vec<usize>,
}

impl Suggestions {
    /// The name of `candidates` nearest to `name`, when it is close enough
    /// to be a slip (an edit distance, with swapped neighbours as one edit,
    /// of at most a third of `name`'s length, and at least 1): what a
    /// problem suggests ("did you mean `x`?"). The first of equally near
    /// names wins.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn did_you_mean<'c>(
        &mut self,
        name: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Option<&'c str> {
        if name.is_empty() || name.len() > MAX_NAME || self.tried >= MAX_SUGGESTED {
            return None;
        }
        self.tried += 1;
        let wanted: Vec<char> = name.chars().collect();
        let most = (wanted.len() / 3).max(1);
        let mut best: Option<(usize, &str)> = None;
        let mut chars = Vec::new();
        let near = candidates
            .into_iter()
            // A character is at most 4 bytes: a name whose length differs
            // by more than that cannot be near enough.
            .filter(|c| c.len() <= MAX_NAME && c.len().abs_diff(name.len()) <= 4 * most)
            .take(MAX_CANDIDATES);
        for candidate in near {
            chars.clear();
            chars.extend(candidate.chars());
            if chars.len().abs_diff(wanted.len()) > most || candidate == name {
                continue;
            }
            let d = distance(&wanted, &chars, &mut self.table);
            if d <= most && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, candidate));
            }
        }
        best.map(|(_, c)| c)
    }
}

/// The edit distance of `a` and `b`: insertions, deletions, substitutions
/// and swaps of neighbours, each one edit (optimal string alignment).
/// Work: O(|a| x |b|), in `table`.
#[cfg_attr(rolegate_size, optimize(size))]
fn distance(a: &[char], b: &[char], table: &mut Vec<usize>) -> usize {
    let width = b.len() + 1;
    table.clear();
    table.resize((a.len() + 1) * width, 0);
    let at =
        |t: &[usize], i: usize, j: usize| t.get(i * width + j).copied().unwrap_or(usize::MAX / 2);
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            let d = if i == 0 || j == 0 {
                i + j
            } else {
                let (x, y) = (a.get(i - 1), b.get(j - 1));
                let mut d = (at(table, i - 1, j) + 1)
                    .min(at(table, i, j - 1) + 1)
                    .min(at(table, i - 1, j - 1) + usize::from(x != y));
                if i > 1 && j > 1 && x == b.get(j - 2) && a.get(i - 2) == y {
                    d = d.min(at(table, i - 2, j - 2) + 1);
                }
                d
            };
            if let Some(cell) = table.get_mut(i * width + j) {
                *cell = d;
            }
        }
    }
    at(table, a.len(), b.len())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[cfg_attr(rolegate_size, optimize(size))]
    fn dist(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        distance(&a, &b, &mut Vec::new())
    }

    #[test]
    #[cfg_attr(rolegate_size, optimize(size))]
    fn distances_count_swaps_as_one_edit() {
        assert_eq!(dist("", "abc"), 3);
        assert_eq!(dist("mangaer", "manager"), 1);
        assert_eq!(dist("scop", "scope"), 1);
        assert_eq!(dist("kitten", "sitting"), 3);
        assert_eq!(dist("équipe", "equipe"), 1);
    }

    #[test]
    #[cfg_attr(rolegate_size, optimize(size))]
    fn suggestions_are_near_names_within_a_budget() {
        let mut s = Suggestions::default();
        let names = ["admin", "manager", "user"];
        assert_eq!(s.did_you_mean("mangaer", names), Some("manager"));
        assert_eq!(s.did_you_mean("usr", names), Some("user"));
        assert_eq!(s.did_you_mean("xyz", names), None);
        assert_eq!(s.did_you_mean("owner", names), None);
        for _ in 0..MAX_SUGGESTED {
            s.did_you_mean("admn", names);
        }
        assert_eq!(s.did_you_mean("admn", names), None);
    }
}
