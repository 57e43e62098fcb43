//! The model's rules on the reporting tree, checked on the compiled org:
//! who may be someone's manager, and whom everyone reports to (each rule on
//! some plans, or always).

use super::org_rules::holder;
use super::Engine;
use crate::index::{sort_ids, NONE};
use crate::problem::Problem;
use crate::snapshot::{Holding, ReportingRule};

/// A reporting rule that applies, with whether each user holds its
/// `reportTo` and its `managers`.
struct Applying<'a> {
    rule: &'a ReportingRule,
    report_to: Option<Vec<bool>>,
    managers: Option<Vec<bool>>,
}

impl Engine {
    /// The problems of the reporting rules that apply on the org's plan,
    /// user by user, each at the user's `manager`: first whom they must
    /// report to (`reportTo`), and only if that holds, who may be their
    /// manager (`managers`), rule by rule.
    pub(crate) fn reporting_problems(&self, errors: &mut Vec<Problem>) {
        let users = &self.snap.org.users;
        let rules: Vec<Applying<'_>> = self
            .snap
            .model
            .reporting
            .iter()
            .filter(|rule| self.rule_applies(rule))
            .map(|rule| Applying {
                rule,
                report_to: rule.report_to.as_ref().map(|h| self.holders_of(h)),
                managers: rule.managers.as_ref().map(|h| self.holders_of(h)),
            })
            .collect();
        if rules.is_empty() {
            return;
        }
        let holds = |q: &[bool], user: u32| q.get(user as usize).copied().unwrap_or(false);
        for (ui, (u, uc)) in users.iter().zip(&self.users).enumerate() {
            if u.manager.is_some() && uc.manager == NONE {
                // An unknown manager, reported as such.
                continue;
            }
            let boss = users.get(uc.manager as usize).map(|b| b.id.as_str());
            let at = || format!("org.users[{ui}].manager");
            let before = errors.len();
            for Applying {
                rule, report_to, ..
            } in &rules
            {
                let (Some(h), Some(q)) = (&rule.report_to, report_to) else {
                    continue;
                };
                if !holds(q, ui as u32) && !holds(q, uc.manager) {
                    let (who, on) = (holder(&u.id), plans_words(rule));
                    let message = report_to_message(&who, boss, &holding_words(h), &on);
                    errors.push(Problem::new(at(), message));
                }
            }
            let Some(boss) = boss.filter(|_| errors.len() == before) else {
                continue;
            };
            for Applying { rule, managers, .. } in &rules {
                let (Some(h), Some(q)) = (&rule.managers, managers) else {
                    continue;
                };
                if !holds(q, uc.manager) {
                    let message = not_a_manager_message(&holder(&u.id), boss, &holding_words(h));
                    errors.push(Problem::new(at(), message));
                }
            }
        }
    }

    /// Whether `rule` applies on the org's plan (always when it names none).
    fn rule_applies(&self, rule: &ReportingRule) -> bool {
        rule.plans.is_empty()
            || self
                .snap
                .org
                .plan
                .as_ref()
                .is_some_and(|p| rule.plans.contains(p))
    }

    /// For each user, whether they hold one of `h`'s roles (directly or
    /// through includes, anywhere) or one of its toggles. Work: O(n log n)
    /// in the roles and toggles the users hold.
    fn holders_of(&self, h: &Holding) -> Vec<bool> {
        let mut roles: Vec<u32> = h
            .roles
            .iter()
            .filter_map(|r| self.names.roles.get(r))
            .collect();
        sort_ids(&mut roles);
        let mut toggles: Vec<u32> = h
            .toggles
            .iter()
            .filter_map(|t| self.names.toggles.get(t))
            .collect();
        sort_ids(&mut toggles);
        let users = self.snap.org.users.iter().zip(&self.users);
        users
            .map(|(u, uc)| {
                // INVARIANT: `uc.held` is the span of `self.held` compiled
                // for this user, so it is in range.
                let held = self.held.get(uc.held.range()).unwrap_or(&[]);
                let by_role = held.iter().any(|r| roles.binary_search(r).is_ok());
                let by_toggle = u.toggles.iter().any(|t| {
                    let t = self.names.toggles.get(t).unwrap_or(NONE);
                    toggles.binary_search(&t).is_ok()
                });
                by_role || by_toggle
            })
            .collect()
    }
}

/// The users a [`Holding`] names, in words: "role `a` or toggle `b`".
fn holding_words(h: &Holding) -> String {
    let roles = h.roles.iter().map(|r| format!("role `{r}`"));
    let toggles = h.toggles.iter().map(|t| format!("toggle `{t}`"));
    let all: Vec<String> = roles.chain(toggles).collect();
    match all.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Where a rule applies, in words: "on plan `team` " (empty when always).
fn plans_words(rule: &ReportingRule) -> String {
    let plans: Vec<String> = rule.plans.iter().map(|p| format!("`{p}`")).collect();
    match plans.split_last() {
        None => String::new(),
        Some((last, [])) => format!("on plan {last} "),
        Some((last, rest)) => format!("on plans {} or {last} ", rest.join(", ")),
    }
}

/// A user who neither holds nor reports to a holder of `holding`, as a
/// `reportTo` rule requires (`boss`: who they report to, if anyone; `on`:
/// the rule's plans in words).
pub(crate) fn report_to_message(who: &str, boss: Option<&str>, holding: &str, on: &str) -> String {
    let reports = match boss {
        Some(b) => format!("reports to `{b}`"),
        None => "reports to nobody".to_owned(),
    };
    format!(
        "{who} {reports}, but {on}everyone reports directly to a holder of {holding} (or is one)"
    )
}

/// A user whose manager is not one of those a `managers` rule allows.
pub(crate) fn not_a_manager_message(who: &str, boss: &str, holding: &str) -> String {
    format!(
        "{who} reports to `{boss}`, but only holders of {holding} may have people report to them"
    )
}
