//! The import graph of `src/` is the pipeline (see `docs/architecture.md`):
//! every top-level module imports only modules of earlier stages, and the
//! files of one module import each other without a cycle.
//!
//! Imports are read from the source text: every `crate::<module>` and
//! `super::<file>` outside comments.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The stages, earliest first. A module may import modules of earlier
/// stages only; modules of one stage may not import each other.
const STAGES: &[&[&str]] = &[
    &["problem", "messages"],
    &["json"],
    &["snapshot"],
    &["index"],
    &["validate", "compile"],
    &["decide"],
    &["load"],
    &["slice"],
    &["wasm"],
    // The command line (`src/bin/`): a user of the library's public API.
    &["bin"],
];

fn stage(module: &str) -> Option<usize> {
    STAGES.iter().position(|s| s.contains(&module))
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text of a file without its comments (line comments, doc comments).
fn code(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string literal is rare in this crate and would
            // only hide an import, never invent one.
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The identifiers that follow `prefix` in `code` (`crate::json` -> `json`),
/// including those inside a braced `use crate::{a, b::c}` list.
fn after(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let tail = &rest[i + prefix.len()..];
        let boundary_ok = i == 0 || {
            let c = rest.as_bytes()[i - 1];
            !(c.is_ascii_alphanumeric() || c == b'_')
        };
        if boundary_ok {
            if let Some(list) = tail.strip_prefix('{') {
                let end = list.find('}').unwrap_or(list.len());
                for item in list[..end].split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        out.insert(name);
                    }
                }
            } else {
                let name: String = tail
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
        rest = &rest[i + prefix.len()..];
    }
    out
}

/// `src/a/b.rs` -> ("a", "b"); `src/a/mod.rs` -> ("a", "mod"); `src/a.rs` -> ("a", "mod").
fn place(src: &Path, file: &Path) -> (String, String) {
    let rel = file.strip_prefix(src).expect("under src/");
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    match parts.as_slice() {
        [one] => (one.clone(), "mod".to_owned()),
        [module, file, ..] => (module.clone(), file.clone()),
        [] => unreachable!(),
    }
}

fn files() -> Vec<(PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut list = Vec::new();
    sources(&src, &mut list);
    list.sort();
    list.into_iter()
        .map(|f| {
            let text = fs::read_to_string(&f).expect("readable");
            (f, code(&text))
        })
        .collect()
}

#[test]
fn modules_import_only_earlier_stages() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (file, code) in files() {
        let (module, _) = place(&src, &file);
        if module == "lib" {
            continue;
        }
        let Some(mine) = stage(&module) else {
            wrong.push(format!(
                "{}: module `{module}` is in no stage",
                file.display()
            ));
            continue;
        };
        for used in after(&code, "crate::") {
            if used == module {
                continue;
            }
            match stage(&used) {
                Some(theirs) if theirs < mine => {}
                Some(_) => wrong.push(format!(
                    "{}: `{module}` imports `{used}`, a later or parallel stage",
                    file.display()
                )),
                // Items re-exported at the crate root (`crate::Engine`) are
                // named by the module that defines them.
                None => {}
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the pipeline:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn crate_root_items_are_named_by_their_module() {
    // `crate::Engine` from inside `src/` would hide which stage is imported.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (file, code) in files() {
        for used in after(&code, "crate::") {
            if stage(&used).is_none() {
                wrong.push(format!("{}: `crate::{used}`", file.display()));
            }
        }
        let _ = place(&src, &file);
    }
    assert!(
        wrong.is_empty(),
        "imports through the crate root:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn files_of_a_module_import_each_other_without_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // module -> file -> files of the same module it imports
    let mut graph: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (file, code) in files() {
        let (module, name) = place(&src, &file);
        let depth = file.strip_prefix(&src).map_or(0, |r| r.iter().count());
        // In a deeper file (`src/a/b/c.rs`), `super::` is a sibling inside `b`.
        let mut deps = if depth == 2 {
            after(&code, "super::")
        } else {
            BTreeSet::new()
        };
        deps.extend(
            after(&code, &format!("crate::{module}::"))
                .into_iter()
                .filter(|d| d != &name),
        );
        deps.remove(&name);
        graph.entry(module).or_default().insert(name, deps);
    }
    let mut cycles = Vec::new();
    for (module, files) in &graph {
        // Depth-first search for a back edge among the module's own files
        // (`mod.rs` re-exports its files, so edges into it are not followed).
        fn visit(
            at: &str,
            files: &BTreeMap<String, BTreeSet<String>>,
            stack: &mut Vec<String>,
            done: &mut BTreeSet<String>,
            found: &mut Vec<String>,
        ) {
            if done.contains(at) {
                return;
            }
            if let Some(i) = stack.iter().position(|s| s == at) {
                found.push(format!("{} -> {at}", stack[i..].join(" -> ")));
                return;
            }
            stack.push(at.to_owned());
            for next in files.get(at).into_iter().flatten() {
                if next != "mod" && files.contains_key(next) {
                    visit(next, files, stack, done, found);
                }
            }
            stack.pop();
            done.insert(at.to_owned());
        }
        let mut done = BTreeSet::new();
        let mut found = Vec::new();
        for f in files.keys() {
            visit(f, files, &mut Vec::new(), &mut done, &mut found);
        }
        cycles.extend(found.into_iter().map(|c| format!("{module}: {c}")));
    }
    assert!(
        cycles.is_empty(),
        "import cycles between files:\n{}",
        cycles.join("\n")
    );
}

/// Whether a line opens a function (`fn name(` after optional qualifiers).
fn opens_fn(line: &str) -> Option<String> {
    let code = line.trim_start();
    let rest = [
        "pub(crate) ",
        "pub(super) ",
        "pub ",
        "const ",
        "unsafe ",
        "async ",
    ]
    .iter()
    .fold(code, |s, p| s.strip_prefix(p).unwrap_or(s));
    let name = rest.strip_prefix("fn ")?;
    let name: String = name
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty() && !code.ends_with(';')).then_some(name)
}

#[test]
fn no_function_is_longer_than_80_lines() {
    const MAX: usize = 80;
    let mut long = Vec::new();
    for (file, code) in files() {
        let lines: Vec<&str> = code.lines().collect();
        for (start, line) in lines.iter().enumerate() {
            let Some(name) = opens_fn(line) else { continue };
            // Count braces from the signature to the matching close.
            let (mut depth, mut opened, mut end) = (0i32, false, start);
            for (i, l) in lines.iter().enumerate().skip(start) {
                depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
                opened |= l.contains('{');
                end = i;
                if opened && depth <= 0 {
                    break;
                }
            }
            let n = end - start + 1;
            if n > MAX {
                long.push(format!(
                    "{}:{} `{name}`: {n} lines",
                    file.display(),
                    start + 1
                ));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX} lines:\n{}",
        long.join("\n")
    );
}
