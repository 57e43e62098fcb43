//! The diff as JSON (camelCase, every list present).

use super::types::{Diff, ScopeDiff, SummaryLine, UnitDiff, UserDiff};
use crate::json::{Object, ToJson};

impl ToJson for Diff {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .field("users", &self.users)
            .field("summary", &self.summary)
            .close();
    }
}

impl ToJson for UserDiff {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .field("user", &self.user)
            .field("status", self.status.as_str())
            .field("gained", &self.gained)
            .field("lost", &self.lost)
            .field("units", &self.units)
            .field("scopes", &self.scopes)
            .field("restrictionsStarted", &self.restrictions_started)
            .field("restrictionsStopped", &self.restrictions_stopped)
            .field("seatsGained", &self.seats_gained)
            .field("seatsLost", &self.seats_lost)
            .close();
    }
}

impl ToJson for UnitDiff {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .field("unit", &self.unit)
            .field("gained", &self.gained)
            .field("lost", &self.lost)
            .close();
    }
}

impl ToJson for ScopeDiff {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .field("permission", &self.permission)
            .field("change", self.change)
            .field("ownersGained", &self.owners_gained)
            .field("ownersLost", &self.owners_lost)
            .field("teamsGained", &self.teams_gained)
            .field("teamsLost", &self.teams_lost)
            .field("messages", &self.messages)
            .close();
    }
}

impl ToJson for SummaryLine {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .field("change", self.change)
            .optional("subject", &self.subject)
            .optional("place", &self.place)
            .field("users", &self.users)
            .field("message", &self.message)
            .close();
    }
}
