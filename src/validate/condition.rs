//! Conditions: exactly one form (`all`, `any`, `not`, `attr`) per level,
//! exactly one comparison per `attr`, attribute paths over the sources the
//! place allows, and a bounded nesting depth.

use super::Checker;
use crate::index::AttrPath;
use crate::messages::Msg;
use crate::snapshot::Condition;

/// Deepest condition nesting accepted.
const MAX_DEPTH: usize = 32;

impl Checker<'_> {
    /// A condition at nesting `depth`: one form, well-formed comparisons,
    /// attribute paths of `sources`; then its sub-conditions, in order.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(super) fn condition(&mut self, c: &Condition, path: &str, sources: &[&str], depth: usize) {
        if depth > MAX_DEPTH {
            let message = self
                .w
                .say(Msg::ConditionTooDeep, &[("max", &MAX_DEPTH.to_string())]);
            self.push(path.into(), message);
            return;
        }
        let forms = [
            c.all.is_some(),
            c.any.is_some(),
            c.not.is_some(),
            c.attr.is_some(),
        ];
        let n = forms.iter().filter(|x| **x).count();
        if n != 1 {
            let message = self.w.template(Msg::ConditionOneForm).to_owned();
            self.push(path.into(), message);
            return;
        }
        for (key, list) in [("all", &c.all), ("any", &c.any)] {
            for (i, sub) in list.iter().flatten().enumerate() {
                self.condition(sub, &format!("{path}.{key}[{i}]"), sources, depth + 1);
            }
        }
        if let Some(sub) = &c.not {
            self.condition(sub, &format!("{path}.not"), sources, depth + 1);
        }
        let Some(attr) = &c.attr else {
            if c.eq.is_some()
                || c.one_of.is_some()
                || c.present.is_some()
                || c.eq_attr.is_some()
                || c.in_attr.is_some()
            {
                let message = self.w.template(Msg::ComparisonNeedsAttr).to_owned();
                self.push(path.into(), message);
            }
            return;
        };
        self.attr_path(attr, &format!("{path}.attr"), sources);
        let ops = [
            c.eq.is_some(),
            c.one_of.is_some(),
            c.present.is_some(),
            c.eq_attr.is_some(),
            c.in_attr.is_some(),
        ];
        if ops.iter().filter(|x| **x).count() != 1 {
            let message = self.w.say(Msg::AttrOneComparison, &[("attr", attr)]);
            self.push(path.into(), message);
        }
        if let Some(other) = &c.eq_attr {
            self.attr_path(other, &format!("{path}.eqAttr"), sources);
        }
        if let Some(other) = &c.in_attr {
            self.attr_path(other, &format!("{path}.inAttr"), sources);
        }
    }

    /// An attribute path: well-formed and starting with one of `sources`
    /// (`user.<key>`, `record.<key>`, ...).
    #[cfg_attr(rolegate_size, optimize(size))]
    fn attr_path(&mut self, text: &str, path: &str, sources: &[&str]) {
        let ok = AttrPath::parse(text).is_some()
            && sources
                .iter()
                .any(|s| text.strip_prefix(s).is_some_and(|r| r.starts_with('.')));
        if !ok {
            let allowed: Vec<String> = sources.iter().map(|s| format!("`{s}.<key>`")).collect();
            let message = self.w.say(
                Msg::AttrPath,
                &[("path", text), ("allowed", &allowed.join(", "))],
            );
            self.push(path.into(), message);
        }
    }
}
