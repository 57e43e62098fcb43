//! The model's language: a built-in `locale`, and `messages` that override
//! templates of known locales by known ids with the template's own
//! placeholders.

use super::Checker;
use crate::json::member;
use crate::json::read::one_of;
use crate::messages::{placeholders, unknown_placeholder, Locale, Msg};

impl Checker<'_> {
    /// `model.locale` and `model.messages`, each problem at its path.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(super) fn locale_and_messages(&mut self) {
        let m = &self.s.model;
        if let Some(code) = &m.locale {
            self.locale(code, "model.locale".to_owned());
        }
        for (code, templates) in &m.messages {
            let path = member("model.messages", code);
            if Locale::parse(code).is_none() {
                self.locale(code, path);
                continue;
            }
            for (id, text) in templates {
                self.template(id, text, member(&path, id));
            }
        }
    }

    /// A locale code at `path`: a built-in one.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn locale(&mut self, code: &str, path: String) {
        if Locale::parse(code).is_some() {
            return;
        }
        let codes = Locale::ALL.map(Locale::as_str);
        let near = self.suggestions.did_you_mean(code, codes);
        let w = self.w;
        let message = w.say(
            Msg::UnknownLocale,
            &[
                ("locale", code),
                ("near", &w.near(near)),
                ("locales", &one_of(w, &codes)),
            ],
        );
        self.push(path, message);
    }

    /// An override at `path`: a known message id, only its placeholders.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn template(&mut self, id: &str, text: &str, path: String) {
        let w = self.w;
        let Some(m) = Msg::of_id(id) else {
            let near = self
                .suggestions
                .did_you_mean(id, Msg::ALL.iter().map(|m| m.id()));
            let message = w.say(Msg::UnknownMessage, &[("id", id), ("near", &w.near(near))]);
            self.push(path, message);
            return;
        };
        let Some(wrong) = unknown_placeholder(m, text) else {
            return;
        };
        let names: Vec<String> = placeholders(m.builtin(Locale::En))
            .map(|p| format!("{{{p}}}"))
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let known = match names.as_slice() {
            [] => w.template(Msg::NoPlaceholders).to_owned(),
            _ => w.say(Msg::PlaceholdersAre, &[("names", &one_of(w, &names))]),
        };
        let placeholder = format!("{{{wrong}}}");
        let message = w.say(
            Msg::UnknownPlaceholder,
            &[("placeholder", &placeholder), ("id", id), ("known", &known)],
        );
        self.push(path, message);
    }
}
