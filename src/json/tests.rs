//! The parser and writer against serde_json: same values, same accepted
//! texts, same written text.

use super::parse::{parse, Error, MAX_NESTING};
use super::{document_positions, ToJson, Value};
use crate::problem::Problem;
use proptest::prelude::*;
use serde_json::Value as Serde;

/// Our value as a serde_json value (numbers as `f64`, repeated keys: last).
fn to_serde(v: Value<'_>) -> Serde {
    match v {
        Value::Null => Serde::Null,
        Value::Bool(b) => Serde::Bool(b),
        Value::Num(n, _) => serde_json::Number::from_f64(n).map_or(Serde::Null, Serde::Number),
        Value::Str(s) => Serde::String(s.to_owned()),
        Value::Array(items) => Serde::Array(items.map(to_serde).collect()),
        Value::Object(members) => {
            Serde::Object(members.map(|(k, v)| (k.to_owned(), to_serde(v))).collect())
        }
    }
}

/// serde_json's value with every number as an `f64`, as ours holds them.
fn floats(v: Serde) -> Serde {
    match v {
        Serde::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Serde::Null, Serde::Number),
        Serde::Array(items) => Serde::Array(items.into_iter().map(floats).collect()),
        Serde::Object(map) => Serde::Object(map.into_iter().map(|(k, v)| (k, floats(v))).collect()),
        other => other,
    }
}

/// Ours and serde_json agree on `text`: both reject it, or both read the
/// same value.
fn agree(text: &str) {
    let ours = parse(text).map(|doc| to_serde(doc.root()));
    let theirs = serde_json::from_str::<Serde>(text).map(floats);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{text:?}"),
        (Err(_), Err(_)) => {}
        _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
}

#[test]
fn values_are_read_as_serde_json_reads_them() {
    for text in [
        "null",
        " true ",
        "false",
        "0",
        "-0",
        "-12.5e-3",
        "1E+2",
        "123456789012345678901234567890",
        "1.7976931348623157e308",
        "5e-324",
        r#""""#,
        r#""plain""#,
        r#""a\"b\\c\/d\be\ff\ng\rh\ti""#,
        r#""\u0041\u00e9\u4e2d\ud83d\ude00\u0000""#,
        r#""é中😀""#,
        "[]",
        "{}",
        "[1,[2,[3,{}]],{\"a\":[]}]",
        r#"{"a":1,"b":{"c":[true,false,null]},"a":2}"#,
        r#"{"\u0061b":"x","key with spaces":"y","":"z"}"#,
        " \t\r\n[ 1 , 2 ]\n ",
    ] {
        agree(text);
        assert!(parse(text).is_ok(), "{text}");
    }
}

/// Texts both ours and serde_json reject.
const INVALID_TEXTS: &[&str] = &[
    // Nothing but whitespace, or a byte-order mark before the value.
    "",
    " ",
    "\u{feff}{}",
    // Words and numbers JSON does not have.
    "nul",
    "truex",
    "01",
    "1.",
    ".5",
    "-",
    "1e",
    "1e+",
    "+1",
    "NaN",
    "Infinity",
    "0x10",
    // Arrays and objects: stray or missing commas, colons, quotes, ends.
    "[1,]",
    "[,1]",
    "[1 2]",
    "{\"a\":1,}",
    "{\"a\" 1}",
    "{a:1}",
    "{'a':1}",
    "{\"a\":1",
    "[1",
    // Strings: unterminated, control characters, bad escapes, lone surrogates.
    "\"abc",
    "\"a\u{1}b\"",
    "\"tab\there\"",
    r#""\x41""#,
    r#""\u12""#,
    r#""\u12G4""#,
    r#""\ud800""#,
    r#""\ud800\u0041""#,
    r#""\udc00""#,
    r#""\ud800x""#,
    // Trailing text after the value.
    "1 2",
    "{} {}",
    "[] x",
    // Numbers out of the range of `f64`.
    "1e400",
    "-1e400",
    "[1e999]",
];

#[test]
fn invalid_texts_are_rejected_as_serde_json_rejects_them() {
    for &text in INVALID_TEXTS {
        agree(text);
        assert!(parse(text).is_err(), "{text:?}");
    }
}

#[test]
fn syntax_errors_say_what_and_where() {
    let at = |text: &str| parse(text).err().map(|e| e.to_string());
    assert_eq!(
        at("{\n  \"a\": x}").as_deref(),
        Some("not valid JSON: expected a value at line 2 column 8")
    );
    assert_eq!(
        at("[1] x").as_deref(),
        Some("not valid JSON: trailing characters at line 1 column 5")
    );
    assert_eq!(
        at("{\"é\":1,}").as_deref(),
        Some("not valid JSON: expected a string key at line 1 column 8")
    );
    assert_eq!(
        at("[1").as_deref(),
        Some("not valid JSON: unexpected end of input at line 1 column 3")
    );
    assert_eq!(
        at(r#"["\q"]"#).as_deref(),
        Some("not valid JSON: invalid escape at line 1 column 4")
    );
}

#[test]
fn a_number_out_of_range_names_its_path() {
    for (text, path) in [
        ("1e400", "$"),
        ("[1e400]", "$[0]"),
        ("[1, [2, -1e400]]", "$[1][1]"),
        (r#"{"a": [1, {"b": 1e400}]}"#, "a[1].b"),
        (r#"{"a": {"x": [], "y": {}, "c d": 1e999}}"#, "a.c d"),
        (r#"{"a b": 1e400}"#, r#"$["a b"]"#),
        (
            r#"{"o": {"u\u0073ers": [{}, {"id": 1e400}]}}"#,
            "o.users[1].id",
        ),
    ] {
        match parse(text) {
            Err(e @ Error::OutOfRange { .. }) => {
                assert_eq!(e.path(), path, "{text}");
                assert!(e.to_string().contains("number out of range"), "{e}");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn nesting_is_limited_without_recursion() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(parse(&deep(MAX_NESTING)).is_ok());
    assert_eq!(parse(&deep(MAX_NESTING + 1)).err(), Some(Error::TooDeep));
    let objects = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    assert_eq!(parse(&objects).err(), Some(Error::TooDeep));
}

#[test]
fn members_and_items_come_in_document_order() {
    let doc = parse(r#"{"b": [1, [2, 3], {"x": 4}, 5], "a": {}, "b": "last"}"#);
    let Ok(doc) = doc else { panic!("parses") };
    let Value::Object(members) = doc.root() else {
        panic!("an object")
    };
    assert_eq!(members.len(), 3);
    let keys: Vec<&str> = members.map(|(k, _)| k).collect();
    assert_eq!(keys, ["b", "a", "b"]);
    let Some((_, Value::Array(items))) = members.clone().next() else {
        panic!("an array first")
    };
    assert_eq!(items.len(), 4);
    let kinds: Vec<String> = items
        .map(|v| match v {
            Value::Num(_, text) => text.to_owned(),
            Value::Array(a) => format!("array of {}", a.len()),
            Value::Object(o) => format!("object of {}", o.len()),
            _ => "other".to_owned(),
        })
        .collect();
    assert_eq!(kinds, ["1", "array of 2", "object of 1", "5"]);
}

#[test]
fn problems_are_sorted_by_where_their_paths_are() {
    let text = r#"{"b": {"x y": [1, {"k.1": 2}]}, "a": [{"c": 1}], "$": 0, "a": 5}"#;
    let problems: Vec<Problem> = [
        "a",
        "$[\"$\"]",
        "a[0].c",
        "b.x y[1][\"k.1\"]",
        "zz",
        "b.missing",
        "$",
    ]
    .iter()
    .map(|p| Problem::new(*p, ""))
    .collect();
    // Ordered as the loader does (stably, by position).
    let at = document_positions(text, &problems).unwrap();
    let mut order: Vec<usize> = (0..problems.len()).collect();
    order.sort_by_key(|&i| at[i]);
    let paths: Vec<&str> = order.iter().map(|&i| problems[i].path.as_str()).collect();
    // Not there: where the nearest path above it is (`zz`: the root);
    // a repeated key: its first occurrence.
    assert_eq!(
        paths,
        [
            "zz",
            "$",
            "b.missing",
            "b.x y[1][\"k.1\"]",
            "a",
            "a[0].c",
            "$[\"$\"]"
        ]
    );
}

#[test]
fn strings_are_written_as_serde_json_writes_them() {
    let all: String = (0u32..0x80).filter_map(char::from_u32).collect();
    for s in [all.as_str(), "", "é中😀\u{2028}\u{7f}", "a\"b\\c"] {
        assert_eq!(s.to_json(), serde_json::to_string(s).unwrap_or_default());
    }
}

/// Any JSON value, as serde_json holds it (numbers that round-trip as `f64`).
fn any_json() -> impl Strategy<Value = Serde> {
    let leaf = prop_oneof![
        Just(Serde::Null),
        any::<bool>().prop_map(Serde::Bool),
        any::<f64>()
            .prop_filter_map("finite", serde_json::Number::from_f64)
            .prop_map(Serde::Number),
        any::<i32>().prop_map(|n| Serde::Number(n.into())),
        any::<String>().prop_map(Serde::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Serde::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..8)
                .prop_map(|m| Serde::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_value_written_by_serde_json_is_read_back(v in any_json(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&v)
        } else {
            serde_json::to_string(&v)
        };
        let text = text.unwrap_or_default();
        let doc = parse(&text);
        prop_assert!(doc.is_ok(), "{text}: {doc:?}");
        if let Ok(doc) = doc {
            prop_assert_eq!(to_serde(doc.root()), floats(v));
        }
    }

    #[test]
    fn texts_near_json_are_accepted_exactly_when_serde_json_accepts_them(
        text in "[\\[\\]{}\",:0-9eE.+\\-tfrueanls \\\\u\n]{0,24}"
    ) {
        agree(&text);
    }

    #[test]
    fn any_string_is_written_as_serde_json_writes_it(s in any::<String>()) {
        prop_assert_eq!(s.to_json(), serde_json::to_string(&s).unwrap_or_default());
    }
}
