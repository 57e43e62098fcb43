//! The model's settings of the organisation's rules: roles per user in
//! total, reporting rules and team managers name what exists.

use super::Checker;
use crate::messages::Msg;
use crate::snapshot::Holding;

impl Checker<'_> {
    /// `rolesPerUserInTotal`, `reporting` and `teamManagers`: counts whose
    /// `min` is at most their `max`, known plans, roles and toggles, and
    /// rules that say something.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(super) fn org_rule_settings(&mut self) {
        let m = &self.s.model;
        if let Some(c) = m.roles_per_user_in_total {
            self.count(c, "model.rolesPerUserInTotal");
        }
        for (i, rule) in m.reporting.iter().enumerate() {
            let path = format!("model.reporting[{i}]");
            for (j, p) in rule.plans.iter().enumerate() {
                self.known(
                    self.names.plans.get(p),
                    p,
                    || format!("{path}.plans[{j}]"),
                    "plan",
                );
            }
            if rule.managers.is_none() && rule.report_to.is_none() {
                let message = self.w.template(Msg::EmptyReportingRule).to_owned();
                self.push(path.clone(), message);
            }
            if let Some(h) = &rule.managers {
                self.holding(h, &format!("{path}.managers"));
            }
            if let Some(h) = &rule.report_to {
                self.holding(h, &format!("{path}.reportTo"));
            }
        }
        if let Some(role) = m.team_managers.as_ref().and_then(|t| t.role.as_ref()) {
            self.known(
                self.names.roles.get(role),
                role,
                || "model.teamManagers.role".into(),
                "role",
            );
        }
    }

    /// A [`Holding`] at `path`: known roles and toggles, at least one.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn holding(&mut self, h: &Holding, path: &str) {
        if h.roles.is_empty() && h.toggles.is_empty() {
            let message = self.w.template(Msg::EmptyHolding).to_owned();
            self.push(path.into(), message);
        }
        for (j, r) in h.roles.iter().enumerate() {
            self.known(
                self.names.roles.get(r),
                r,
                || format!("{path}.roles[{j}]"),
                "role",
            );
        }
        for (j, t) in h.toggles.iter().enumerate() {
            self.known(
                self.names.toggles.get(t),
                t,
                || format!("{path}.toggles[{j}]"),
                "toggle",
            );
        }
    }
}
