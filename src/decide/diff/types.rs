//! What [`crate::Engine::diff`] returns: the change of every user whose
//! decisions differ between two snapshots of one org, and a summary grouped
//! by change.

/// The change impact of going from one snapshot of an org to another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// Every user added, removed or whose decisions change: those of the
    /// later snapshot in its order, then the removed ones in the earlier's.
    pub users: Vec<UserDiff>,
    /// The same changes grouped by change (most users first), in words.
    pub summary: Vec<SummaryLine>,
}

/// Whether a user is new, gone, or in both snapshots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserStatus {
    /// Only in the later snapshot.
    Added,
    /// Only in the earlier snapshot.
    Removed,
    /// In both, with some decision changed.
    Changed,
}

impl UserStatus {
    /// `"added"`, `"removed"` or `"changed"`.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Added => "added",
            UserStatus::Removed => "removed",
            UserStatus::Changed => "changed",
        }
    }
}

/// One user's change. Permissions, units, teams, restrictions and seats are
/// ids; only those of both snapshots are compared (an added user's `gained`
/// is every permission they hold, a removed user's `lost` every one they held).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDiff {
    /// The user's id.
    pub user: String,
    /// Added, removed or changed.
    pub status: UserStatus,
    /// Permissions allowed without context now and not before (model order).
    pub gained: Vec<String>,
    /// Permissions allowed without context before and not now.
    pub lost: Vec<String>,
    /// The units (of both snapshots) where the user's gains and losses with
    /// the context `{ unit }` differ from `gained` and `lost`.
    pub units: Vec<UnitDiff>,
    /// Record-scoped permissions held in both, whose records reach changes.
    pub scopes: Vec<ScopeDiff>,
    /// Restrictions that deny the user now and did not before (see
    /// [`crate::Engine::diff`] for where they are tried).
    pub restrictions_started: Vec<String>,
    /// Restrictions that denied the user before and no longer do.
    pub restrictions_stopped: Vec<String>,
    /// Seats the user takes now and did not before.
    pub seats_gained: Vec<String>,
    /// Seats the user took before and no longer does.
    pub seats_lost: Vec<String>,
}

/// The gains and losses of one user at one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitDiff {
    /// The unit's id.
    pub unit: String,
    /// Allowed at the unit now and not before.
    pub gained: Vec<String>,
    /// Allowed at the unit before and not now.
    pub lost: Vec<String>,
}

/// How the records one user may act on with one permission change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeDiff {
    /// The permission's id.
    pub permission: String,
    /// `"widened"` (only gains), `"narrowed"` (only losses) or `"changed"`.
    pub change: &'static str,
    /// The users whose records (`{ record: { owner } }`) are allowed now and not before.
    pub owners_gained: Vec<String>,
    /// The users whose records were allowed before and are not now.
    pub owners_lost: Vec<String>,
    /// The teams whose records (`{ record: { team } }`) are allowed now and not before.
    pub teams_gained: Vec<String>,
    /// The teams whose records were allowed before and are not now.
    pub teams_lost: Vec<String>,
    /// The change in words, one line each ("now sees records of team Sales").
    pub messages: Vec<String>,
}

/// One change and every user it happens to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryLine {
    /// The kind of change: `added`, `removed`, `gains`, `loses`,
    /// `gains_at_unit`, `loses_at_unit`, `gains_team`, `loses_team`,
    /// `gains_owners`, `loses_owners`, `restriction_starts`,
    /// `restriction_stops`, `takes_seat`, `frees_seat`.
    pub change: &'static str,
    /// The permission, restriction or seat it is about (none for `added`, `removed`).
    pub subject: Option<String>,
    /// The unit or team, for `*_at_unit` and `*_team`.
    pub place: Option<String>,
    /// The users it happens to, in the order of [`Diff::users`].
    pub users: Vec<String>,
    /// The line in words, in the later snapshot's locale ("12 users lose Record calls").
    pub message: String,
}
