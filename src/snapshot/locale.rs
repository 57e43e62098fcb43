//! The language of a snapshot's messages: its model's `locale` and
//! `messages`, from the typed model or, before the rest is read, from the
//! parsed document (so that the reader's own problems are in that locale).

use super::Model;
use crate::json::Value;
use crate::messages::Messages;

impl Model {
    /// The templates its messages are made with.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(crate) fn messages(&self) -> Messages {
        let mut m = Messages::new(self.locale.as_deref());
        for (locale, templates) in &self.messages {
            for (id, text) in templates {
                m.override_with(locale, id, text);
            }
        }
        m
    }
}

/// The value of `key` in object `v`.
#[cfg_attr(rolegate_size, optimize(size))]
fn member<'d>(v: Value<'d>, key: &str) -> Option<Value<'d>> {
    match v {
        Value::Object(mut members) => members.find(|(k, _)| *k == key).map(|(_, v)| v),
        _ => None,
    }
}

/// The templates of the document `root`, read leniently from its
/// `model.locale` and `model.messages` (what is malformed there is left out
/// here and reported by the typed reader): English when unreadable.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn peek(root: Value<'_>) -> Messages {
    let Some(model) = member(root, "model") else {
        return Messages::default();
    };
    let locale = match member(model, "locale") {
        Some(Value::Str(code)) => Some(code),
        _ => None,
    };
    let mut m = Messages::new(locale);
    if let Some(Value::Object(locales)) = member(model, "messages") {
        for (code, templates) in locales {
            let Value::Object(templates) = templates else {
                continue;
            };
            for (id, text) in templates {
                if let Value::Str(text) = text {
                    m.override_with(code, id, text);
                }
            }
        }
    }
    m
}
