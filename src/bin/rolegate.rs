//! `rolegate`, the crate's command line: `check` and `explain` over the
//! same formats as the npm package's `rolegate` (js/cli.js), through the
//! library's public API only. Arguments are read by hand (no dependency).
//!
//! Exit codes: 0 done (a decision, allowed or denied, is done too), 1 an
//! invalid snapshot or a file that cannot be read, 2 a wrong command line.

use rolegate::{Context, Engine, Explanation, Locale, Problem, ToJson};
use std::process::ExitCode;

const USAGE: &str = "Usage:
  rolegate check SNAPSHOT [--json]
      validate a snapshot: every problem with its JSON path, and its warnings
  rolegate explain SNAPSHOT USER PERMISSION [--unit U] [--team T] [--owner U] [--record JSON] [--locale en|fr] [--json]
      may USER do PERMISSION (there, on that record)? and why
  rolegate help
      print this help

  (the npm package's `rolegate` also has diff, slice, matrix, test and types)
";

/// A wrong command line: its message, then the usage, on stderr (exit 2).
struct Usage(String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (name, rest) = match args.split_first() {
        Some((name, rest)) => (name.as_str(), rest),
        None => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let run = match name {
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        "check" => check(rest),
        "explain" => explain(rest),
        other => Err(Usage(format!("unknown command `{other}`"))),
    };
    match run {
        Ok(code) => ExitCode::from(code),
        Err(Usage(message)) => {
            eprint!("rolegate: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The options and positionals of a command line: `--name VALUE` (or
/// `--name=VALUE`) for the options in `valued`, `--name` for those in `flags`.
struct Args {
    positionals: Vec<String>,
    values: Vec<(String, String)>,
    flags: Vec<String>,
}

impl Args {
    fn parse(args: &[String], valued: &[&str], flags: &[&str]) -> Result<Args, Usage> {
        let mut out = Args {
            positionals: Vec::new(),
            values: Vec::new(),
            flags: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let Some(option) = arg.strip_prefix("--") else {
                out.positionals.push(arg.clone());
                continue;
            };
            let (name, inline) = match option.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (option, None),
            };
            if valued.contains(&name) {
                let value = match inline {
                    Some(v) => v,
                    None => it
                        .next()
                        .cloned()
                        .ok_or_else(|| Usage(format!("--{name} needs a value")))?,
                };
                out.values.push((name.to_string(), value));
            } else if flags.contains(&name) && inline.is_none() {
                out.flags.push(name.to_string());
            } else {
                return Err(Usage(format!("unknown option `{arg}`")));
            }
        }
        Ok(out)
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    /// Exactly the positionals `names`.
    fn exactly(&self, names: &[&str], command: &str) -> Result<&[String], Usage> {
        let all = names.join(" ");
        match self.positionals.len().cmp(&names.len()) {
            std::cmp::Ordering::Less => {
                let missing = names.get(self.positionals.len()..).unwrap_or_default();
                Err(Usage(format!(
                    "{} missing (rolegate {command} {all})",
                    missing.join(" ")
                )))
            }
            std::cmp::Ordering::Greater => Err(Usage(format!(
                "unexpected `{}` (rolegate {command} {all})",
                self.positionals.get(names.len()).map_or("", String::as_str)
            ))),
            std::cmp::Ordering::Equal => Ok(&self.positionals),
        }
    }
}

/// A file's text, without a leading BOM; `None` once the error is printed.
fn read(file: &str) -> Option<String> {
    match std::fs::read_to_string(file) {
        Ok(text) => Some(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        }),
        Err(e) => {
            eprintln!("rolegate: {file}: {e}");
            None
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn problem_lines(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  {p}\n")).collect()
}

fn check(args: &[String]) -> Result<u8, Usage> {
    let a = Args::parse(args, &[], &["json"])?;
    let [file] = a.exactly(&["SNAPSHOT"], "check")? else {
        return Err(Usage("which snapshot?".into()));
    };
    let Some(text) = read(file) else {
        return Ok(1);
    };
    let json = a.flag("json");
    match Engine::from_json(&text) {
        Err(err) => {
            if json {
                println!(
                    "{{\"file\":{},\"valid\":false,\"problems\":{},\"warnings\":[]}}",
                    file.to_json(),
                    err.problems.to_json()
                );
            } else {
                let n = err.problems.len();
                print!(
                    "{file}: invalid snapshot, {}:\n{}",
                    plural(n, "problem"),
                    problem_lines(&err.problems)
                );
            }
            Ok(1)
        }
        Ok(engine) => {
            let s = engine.snapshot();
            let (users, roles, permissions) = (
                s.org.users.len(),
                s.model.roles.len(),
                s.model.permissions.len(),
            );
            let warnings = engine.warnings();
            if json {
                println!(
                    "{{\"file\":{},\"valid\":true,\"problems\":[],\"warnings\":{},\"counts\":{{\"users\":{users},\"roles\":{roles},\"permissions\":{permissions}}}}}",
                    file.to_json(),
                    warnings.to_json()
                );
            } else {
                println!(
                    "{file}: valid: {}, {}, {}",
                    plural(users, "user"),
                    plural(roles, "role"),
                    plural(permissions, "permission")
                );
                if !warnings.is_empty() {
                    print!(
                        "{}:\n{}",
                        plural(warnings.len(), "warning"),
                        problem_lines(warnings)
                    );
                }
            }
            Ok(0)
        }
    }
}

fn explain(args: &[String]) -> Result<u8, Usage> {
    let a = Args::parse(
        args,
        &["unit", "team", "owner", "record", "locale"],
        &["json"],
    )?;
    let [file, user, permission] = a.exactly(&["SNAPSHOT", "USER", "PERMISSION"], "explain")?
    else {
        return Err(Usage("SNAPSHOT USER PERMISSION".into()));
    };
    let locale = match a.value("locale") {
        None => None,
        Some(code) => Some(
            Locale::parse(code)
                .ok_or_else(|| Usage(format!("--locale: `{code}` is not en or fr")))?,
        ),
    };
    let mut context = match a.value("record") {
        None => Context::default(),
        Some(record) => Context::from_json(&format!("{{\"record\":{record}}}"))
            .map_err(|e| Usage(format!("--record: {e}")))?,
    };
    context.unit = a.value("unit").map(str::to_string);
    context.team = a.value("team").map(str::to_string);
    if let Some(owner) = a.value("owner") {
        context.record.get_or_insert_with(Default::default).owner = Some(owner.to_string());
    }
    let Some(text) = read(file) else {
        return Ok(1);
    };
    let engine = match Engine::from_json(&text) {
        Ok(engine) => engine,
        Err(err) => {
            eprint!(
                "rolegate: {file}: invalid snapshot, {}:\n{}",
                plural(err.problems.len(), "problem"),
                problem_lines(&err.problems)
            );
            return Ok(1);
        }
    };
    let x = match locale {
        Some(l) => engine.explain_in(l, user, permission, &context),
        None => engine.explain(user, permission, &context),
    };
    if a.flag("json") {
        println!("{}", x.to_json());
    } else {
        print!("{}", explanation_lines(&x));
    }
    Ok(0)
}

/// An explanation for people, as the npm package's `rolegate explain` prints it.
fn explanation_lines(x: &Explanation) -> String {
    let mut out = format!(
        "{}: {}\n  code: {}\n",
        if x.allowed { "allowed" } else { "denied" },
        x.message,
        x.code.as_str()
    );
    let ids = [
        ("role", &x.role),
        ("wouldBeGrantedBy", &x.would_be_granted_by),
        ("unit", &x.unit),
        ("team", &x.team),
        ("toggle", &x.toggle),
        ("restriction", &x.restriction),
        ("seat", &x.seat),
        ("feature", &x.feature),
    ];
    for (key, value) in ids {
        if let Some(v) = value {
            out.push_str(&format!("  {key}: {v}\n"));
        }
    }
    if x.on_some_records == Some(true) {
        out.push_str("  onSomeRecords: true\n");
    }
    out
}
