//! The model's rules on the reporting tree, checked on the compiled org:
//! who may be someone's manager, and whom everyone reports to (each rule on
//! some plans, or always).

use super::org_rules::holder;
use super::Engine;
use crate::index::{sort_ids, NONE};
use crate::messages::{Msg, Words};
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
        let w = self.messages.words();
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
                    let who = holder(w, &u.id);
                    let message = report_to_message(w, &who, boss, &holding_words(w, h), rule);
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
                    let (who, holding) = (holder(w, &u.id), holding_words(w, h));
                    let message = not_a_manager_message(w, &who, boss, &holding);
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
fn holding_words(w: Words<'_>, h: &Holding) -> String {
    let roles = h
        .roles
        .iter()
        .map(|r| w.say(Msg::HoldingRole, &[("role", r)]));
    let toggles = h
        .toggles
        .iter()
        .map(|t| w.say(Msg::HoldingToggle, &[("toggle", t)]));
    let all: Vec<String> = roles.chain(toggles).collect();
    w.or_list(&all)
}

/// A user who neither holds nor reports to a holder of `holding`, as a
/// `reportTo` rule requires (`boss`: who they report to, if anyone; the
/// rule's plans, if any, are said).
pub(crate) fn report_to_message(
    w: Words<'_>,
    who: &str,
    boss: Option<&str>,
    holding: &str,
    rule: &ReportingRule,
) -> String {
    let reports = match boss {
        Some(b) => w.say(Msg::ReportsTo, &[("user", b)]),
        None => w.template(Msg::ReportsToNobody).to_owned(),
    };
    let plans: Vec<String> = rule.plans.iter().map(|p| format!("`{p}`")).collect();
    let (m, on) = match plans.as_slice() {
        [] => (Msg::MustReportTo, String::new()),
        [_] => (
            Msg::MustReportToOnPlans,
            w.say(Msg::OnPlan, &[("plans", &w.or_list(&plans))]),
        ),
        _ => (
            Msg::MustReportToOnPlans,
            w.say(Msg::OnPlans, &[("plans", &w.or_list(&plans))]),
        ),
    };
    w.say(
        m,
        &[
            ("who", who),
            ("reports", &reports),
            ("holding", holding),
            ("plans", &on),
        ],
    )
}

/// A user whose manager is not one of those a `managers` rule allows.
pub(crate) fn not_a_manager_message(w: Words<'_>, who: &str, boss: &str, holding: &str) -> String {
    w.say(
        Msg::NotAManager,
        &[("who", who), ("boss", boss), ("holding", holding)],
    )
}
