//! Messages in the product's language: every explanation and every
//! validation message is a template of the [`catalogue`], keyed by a stable
//! id ([`Msg`]) with named placeholders (`{permission}`), in English and
//! French; a model picks its [`Locale`] and may override any template per
//! locale (`model.messages`). [`Words`] speaks one locale; [`fill`] is the
//! whole formatter.
//!
//! A new message is one line of the catalogue and one call:
//! `w.say(Msg::OutOfScope, &[("permission", label), ("scope", &scope)])`.

mod catalogue;

pub(crate) use catalogue::Msg;

/// A language the engine speaks: explanations and validation messages
/// come in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    /// English (`"en"`), the default.
    #[default]
    En,
    /// French (`"fr"`).
    Fr,
}

impl Locale {
    /// Every built-in locale.
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fr];

    /// Its code, as `model.locale` writes it.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
        }
    }

    /// The locale of a code (`"en"`, `"fr"`), if built in.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn parse(code: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.as_str() == code)
    }

    /// Whether a count of `n` takes the singular ("1 role"; in French
    /// 0 and 1 do).
    #[cfg_attr(rolegate_size, optimize(size))]
    fn singular(self, n: u32) -> bool {
        match self {
            Locale::En => n == 1,
            Locale::Fr => n <= 1,
        }
    }
}

/// The templates of one engine: its locale and the model's overrides.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Messages {
    /// The model's locale (English when none or unknown).
    pub locale: Locale,
    /// Templates the model overrides, by locale and id.
    overrides: Vec<(Locale, Msg, String)>,
}

impl Messages {
    /// English or the locale `code` names, without overrides.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn new(code: Option<&str>) -> Messages {
        Messages {
            locale: code.and_then(Locale::parse).unwrap_or_default(),
            overrides: Vec::new(),
        }
    }

    /// Overrides template `id` of locale `code` with `text`, when both are
    /// known and `text` uses only the template's placeholders (validation
    /// reports the others, which are left out).
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn override_with(&mut self, code: &str, id: &str, text: &str) {
        let (Some(l), Some(m)) = (Locale::parse(code), Msg::of_id(id)) else {
            return;
        };
        if unknown_placeholder(m, text).is_none() {
            self.overrides.retain(|(x, y, _)| (*x, *y) != (l, m));
            self.overrides.push((l, m, text.to_owned()));
        }
    }

    /// The model's overrides: locale, template id, text.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn overrides(&self) -> impl Iterator<Item = (&'static str, &'static str, &str)> {
        self.overrides
            .iter()
            .map(|(l, m, t)| (l.as_str(), m.id(), t.as_str()))
    }

    /// Words in the model's locale.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn words(&self) -> Words<'_> {
        self.words_in(self.locale)
    }

    /// Words in locale `l`, with the model's overrides for it.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn words_in(&self, l: Locale) -> Words<'_> {
        Words {
            messages: self,
            locale: l,
        }
    }
}

/// A placeholder of `text` that template `m` does not have, if any.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn unknown_placeholder(m: Msg, text: &str) -> Option<&str> {
    let known: Vec<&str> = placeholders(m.builtin(Locale::En)).collect();
    placeholders(text).find(|p| !known.contains(p))
}

/// The braces around a placeholder (written as escapes: a brace in a
/// character literal would unbalance the braces `tests/architecture.rs`
/// counts).
const OPEN: char = '\u{7b}';
const CLOSE: char = '\u{7d}';

/// The placeholders of a template, in order: each `{name}` with a name of
/// lowercase letters and `_`.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template.split(OPEN).skip(1).filter_map(|part| {
        let name = part.split(CLOSE).next()?;
        let ok = part.contains(CLOSE)
            && !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        ok.then_some(name)
    })
}

/// `template` with each `{name}` of `args` replaced by its value (values
/// are not read again; an unknown `{name}` stays as written).
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find(OPEN) {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let arg = after.find(CLOSE).and_then(|end| {
            let name = after.get(1..end)?;
            let value = args.iter().find(|(k, _)| *k == name)?.1;
            Some((end, value))
        });
        match arg {
            Some((end, value)) => {
                out.push_str(value);
                rest = after.get(end + 1..).unwrap_or_default();
            }
            None => {
                out.push(OPEN);
                rest = after.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// The templates of one locale: what every message is made with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Words<'a> {
    messages: &'a Messages,
    /// The locale spoken.
    pub locale: Locale,
}

impl<'a> Words<'a> {
    /// The template of `m`: the model's override, else the built-in one.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn template(self, m: Msg) -> &'a str {
        let over = self.messages.overrides.iter();
        over.filter(|(l, x, _)| *l == self.locale && *x == m)
            .map(|(_, _, t)| t.as_str())
            .next()
            .unwrap_or(m.builtin(self.locale))
    }

    /// Message `m` with its placeholders filled in.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn say(self, m: Msg, args: &[(&str, &str)]) -> String {
        fill(self.template(m), args)
    }

    /// `n` things, in the singular (`one`) or the plural (`many`), with
    /// `{n}` filled in.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn count(self, one: Msg, many: Msg, n: u32) -> String {
        let m = if self.locale.singular(n) { one } else { many };
        self.say(m, &[("n", &n.to_string())])
    }

    /// "A", "A or B", "A, B or C".
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn or_list(self, items: &[String]) -> String {
        self.list(items, Msg::ListOr)
    }

    /// "A", "A and B", "A, B and C".
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn and_list(self, items: &[String]) -> String {
        self.list(items, Msg::ListAnd)
    }

    #[cfg_attr(rolegate_size, optimize(size))]
    fn list(self, items: &[String], last_two: Msg) -> String {
        match items.split_last() {
            None => String::new(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => self.say(last_two, &[("rest", &rest.join(", ")), ("last", last)]),
        }
    }

    /// ", did you mean `x`?" for a suggested name, else nothing.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn near(self, name: Option<&str>) -> String {
        name.map_or_else(String::new, |n| self.say(Msg::DidYouMean, &[("name", n)]))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    #[cfg_attr(rolegate_size, optimize(size))]
    fn fill_replaces_named_placeholders_once() {
        let args = [("a", "{b}"), ("b", "x")];
        assert_eq!(fill("{a} and {b}, {c} {", &args), "{b} and x, {c} {");
        assert_eq!(
            placeholders("{a} {B} {} {c_d} {e").collect::<Vec<_>>(),
            ["a", "c_d"]
        );
    }

    #[test]
    #[cfg_attr(rolegate_size, optimize(size))]
    fn every_template_has_the_placeholders_of_its_english_one() {
        for &m in Msg::ALL {
            for l in Locale::ALL {
                let text = m.builtin(l);
                assert_eq!(unknown_placeholder(m, text), None, "{} ({l:?})", m.id());
                let mut en: Vec<&str> = placeholders(m.builtin(Locale::En)).collect();
                let mut it: Vec<&str> = placeholders(text).collect();
                en.sort_unstable();
                it.sort_unstable();
                en.dedup();
                it.dedup();
                assert_eq!(en, it, "{} ({l:?})", m.id());
            }
            assert_eq!(Msg::of_id(m.id()), Some(m));
        }
    }

    #[test]
    #[cfg_attr(rolegate_size, optimize(size))]
    fn overrides_replace_one_template_of_one_locale() {
        let mut m = Messages::new(Some("fr"));
        m.override_with("fr", "list_or", "{rest} ou bien {last}");
        m.override_with("fr", "list_and", "{nope}");
        m.override_with("xx", "list_or", "{rest}");
        let items = ["a".to_owned(), "b".to_owned()];
        assert_eq!(m.words().or_list(&items), "a ou bien b");
        assert_eq!(m.words().and_list(&items), "a et b");
        assert_eq!(m.words_in(Locale::En).or_list(&items), "a or b");
    }
}
