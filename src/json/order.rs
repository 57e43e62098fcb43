//! Problems in document order: where each problem's path is in the
//! document as written, found by one walk of the parts of the document that
//! hold a problem (the loader sorts the problems by it). Only a load that
//! fails does this.

use super::parse::parse;
use super::path::{render, step_text, Step};
use super::tree::Value;
use crate::problem::Problem;
use std::collections::HashMap;

/// Where each of `problems` is in the document `text`, as a number that
/// orders them: a path that is not there (a missing field, say) is where
/// its nearest ancestor that is there is. `None` when the text does not
/// parse. Work: O(n) for the walk (the document is parsed again) plus
/// O(length of the paths).
#[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
pub(crate) fn document_positions(text: &str, problems: &[Problem]) -> Option<Vec<usize>> {
    let doc = parse(text).ok()?;
    let mut wanted = Wanted::default();
    for p in problems {
        wanted.add(&p.path);
    }
    wanted.walk(doc.root());
    Some(problems.iter().map(|p| wanted.position(&p.path)).collect())
}

/// The paths of the problems and every path above them, as a tree: each
/// path an id (the document's root is 0), each step from a path to the
/// next the text the step adds (`.users`, `[3]`, `["a.b"]`, or a top-level
/// `org`), and once walked, where in the document each path is.
#[derive(Default)]
struct Wanted<'p> {
    ids: HashMap<&'p str, usize>,
    steps: HashMap<(usize, &'p str), usize>,
    /// The position of each id's value in the document (`usize::MAX`: not
    /// there). Index 0 is the root.
    at: Vec<usize>,
}

impl<'p> Wanted<'p> {
    /// Adds `path` and the paths above it. Work: O(length of `path`).
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn add(&mut self, path: &'p str) {
        if self.at.is_empty() {
            self.at.push(0);
            self.ids.insert("$", 0);
        }
        let mut chain: Vec<&str> = super::ancestors(path).collect();
        chain.reverse();
        chain.push(path);
        let (mut parent, mut before) = (0, 0);
        for prefix in chain {
            if prefix == "$" {
                before = 1;
                continue;
            }
            let id = match self.ids.get(prefix) {
                Some(&id) => id,
                None => {
                    let id = self.at.len();
                    self.at.push(usize::MAX);
                    self.ids.insert(prefix, id);
                    // A top-level path starting with `$` (`$[0]`) adds `[0]`.
                    let from = if before == 0 && prefix.starts_with('$') {
                        1
                    } else {
                        before
                    };
                    let step = prefix.get(from..).unwrap_or_default();
                    self.steps.insert((parent, step), id);
                    id
                }
            };
            (parent, before) = (id, prefix.len());
        }
    }

    /// Numbers the values of the document in document order, going down
    /// only into the values whose path is wanted, and records where each
    /// wanted path is (its first occurrence). No recursion: the open values
    /// are on a stack, at most as deep as the document. Work: O(the text of
    /// the steps to every member of a wanted value).
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn walk(&mut self, root: Value<'_>) {
        let mut count = 0;
        let mut open = vec![(0usize, root, 0usize)];
        let mut text = String::new();
        while let Some((id, value, next)) = open.last_mut() {
            let member = match value {
                Value::Object(members) => members.next().map(|(k, v)| (Step::Key(k), v)),
                Value::Array(items) => items.next().map(|v| (Step::Index(*next), v)),
                _ => None,
            };
            let Some((step, value)) = member else {
                open.pop();
                continue;
            };
            *next += 1;
            count += 1;
            text.clear();
            if *id == 0 {
                let top = render([step]);
                text.push_str(top.strip_prefix('$').unwrap_or(&top));
            } else {
                step_text(&mut text, step);
            }
            let Some(&child) = self.steps.get(&(*id, text.as_str())) else {
                continue;
            };
            if let Some(at) = self.at.get_mut(child) {
                if *at == usize::MAX {
                    *at = count;
                }
            }
            if matches!(value, Value::Array(_) | Value::Object(_)) {
                open.push((child, value, 0));
            }
        }
    }

    /// Where `path` is, or else the nearest path above it that is there.
    #[cfg_attr(all(rolegate_size, feature = "client"), optimize(size))]
    fn position(&self, path: &str) -> usize {
        std::iter::once(path)
            .chain(super::ancestors(path))
            .filter_map(|p| self.ids.get(p).and_then(|&id| self.at.get(id)))
            .copied()
            .find(|&n| n != usize::MAX)
            .unwrap_or(0)
    }
}
