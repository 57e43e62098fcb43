//! The body of a slice image: the compiled parts of an [`Engine`] that its
//! decisions and explanations read, and the snapshot's ids, labels and
//! settings they name. [`encode`] writes them, [`decode`] reads them back
//! and checks that every index and span lies within its table, so that a
//! decision on a decoded engine never reads past a table or loops.

use super::image::{bin_struct, Bin, Reader, Writer, MAX_DEPTH};
use crate::compile::compiled::{
    Assignment, Grant, Origin, Permission, Place, RecordRestricted, Restriction, Scope, Span, User,
};
use crate::compile::condition::{Cond, Interner, Operand, Truth};
use crate::compile::tree::Tree;
use crate::compile::{next_id, Elsewhere, Engine, Representatives};
use crate::index::{AttrPath, Names, Source, NONE};
use crate::messages::Messages;
use crate::snapshot::{self, AttrValue, Snapshot};
use std::collections::BTreeMap;

bin_struct!(Span { start, end });
bin_struct!(Scope { mask, teams });
bin_struct!(User {
    manager,
    assigns,
    direct,
    teams,
    managed,
    held,
    seats
});
bin_struct!(Elsewhere { user, team, unit } exact);
bin_struct!(Representatives { user, report, peer } exact);
bin_struct!(Assignment { role, place } exact);
bin_struct!(Grant { perm, scope, cond, origin, because } exact);
bin_struct!(Permission { enabled, seat, restrictions, record_restricted, direct } exact);
bin_struct!(Restriction {
    when,
    unless_scope,
    unless_when,
    unless_roles,
    when_open,
    unless_open
} exact);
bin_struct!(Operand { path, slot } exact);
bin_struct!(AttrPath { source, key } exact);

bin_struct!(snapshot::Permission {
    id,
    label,
    record,
    feature,
    seat
});
bin_struct!(snapshot::Feature { id, label });
bin_struct!(snapshot::Plan { id, label });
bin_struct!(snapshot::Seat { id, label });
bin_struct!(snapshot::Role { id, label, seat });
bin_struct!(snapshot::Toggle { id, label, grants });
bin_struct!(snapshot::Grant { permission, except });
bin_struct!(snapshot::Restriction { id, message });
bin_struct!(snapshot::Unit { id, label });
bin_struct!(snapshot::Team {
    id,
    label,
    settings
});
bin_struct!(snapshot::User { id, attributes });
bin_struct!(snapshot::Model {
    permissions,
    features,
    plans,
    seats,
    roles,
    toggles,
    restrictions
});
bin_struct!(snapshot::Org {
    plan,
    settings,
    units,
    teams,
    users
});
bin_struct!(Snapshot { model, org } exact);

/// A small enum as one byte: `$ty { $n => $variant, ... }`.
macro_rules! bin_enum {
    ($ty:ty { $($n:literal => $v:path),* $(,)? }) => {
        impl Bin for $ty {
            #[cfg_attr(rolegate_size, optimize(size))]
            fn put(&self, w: &mut Writer) {
                let n: u8 = match self { $($v => $n,)* };
                w.out.push(n);
            }
            #[cfg_attr(rolegate_size, optimize(size))]
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                match r.u8()? { $($n => Some($v),)* _ => None }
            }
        }
    };
}
bin_enum!(Truth { 0 => Truth::False, 1 => Truth::Unknown, 2 => Truth::True });
bin_enum!(Source { 0 => Source::User, 1 => Source::Record, 2 => Source::Org, 3 => Source::Team });

impl Bin for Origin {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        match *self {
            Origin::Role(r) => (0u8, r).put(w),
            Origin::Toggle(t) => (1u8, t).put(w),
            Origin::Direct => (2u8, 0u32).put(w),
        }
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match <(u8, u32)>::get(r)? {
            (0, x) => Some(Origin::Role(x)),
            (1, x) => Some(Origin::Toggle(x)),
            (2, _) => Some(Origin::Direct),
            _ => None,
        }
    }
}

impl Bin for Place {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        match *self {
            Place::Org => (0u8, 0u32).put(w),
            Place::Unit(u) => (1u8, u).put(w),
            Place::Team(t) => (2u8, t).put(w),
        }
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match <(u8, u32)>::get(r)? {
            (0, _) => Some(Place::Org),
            (1, x) => Some(Place::Unit(x)),
            (2, x) => Some(Place::Team(x)),
            _ => None,
        }
    }
}

impl Bin for RecordRestricted {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        match *self {
            RecordRestricted::No => (0u8, 0u32).put(w),
            RecordRestricted::Avoidably(x) => (1u8, x).put(w),
            RecordRestricted::Yes => (2u8, 0u32).put(w),
        }
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match <(u8, u32)>::get(r)? {
            (0, _) => Some(RecordRestricted::No),
            (1, x) => Some(RecordRestricted::Avoidably(x)),
            (2, _) => Some(RecordRestricted::Yes),
            _ => None,
        }
    }
}

impl<A: Bin, B: Bin> Bin for (A, B) {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?))
    }
}

impl Bin for AttrValue {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        match self {
            AttrValue::Bool(b) => tagged(w, 0, b),
            AttrValue::Num(n) => tagged(w, 1, n),
            AttrValue::Str(s) => tagged(w, 2, s),
            AttrValue::List(l) => tagged(w, 3, l),
        }
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.u8()? {
            0 => bool::get(r).map(AttrValue::Bool),
            1 => f64::get(r).map(AttrValue::Num),
            2 => String::get(r).map(AttrValue::Str),
            3 => Vec::get(r).map(AttrValue::List),
            _ => None,
        }
    }
}

/// A variant: its tag, then its value.
#[cfg_attr(rolegate_size, optimize(size))]
fn tagged(w: &mut Writer, tag: u8, v: &impl Bin) {
    w.out.push(tag);
    v.put(w);
}

/// A variant of two values.
#[cfg_attr(rolegate_size, optimize(size))]
fn tagged2(w: &mut Writer, tag: u8, a: &impl Bin, b: &impl Bin) {
    tagged(w, tag, a);
    b.put(w);
}

impl Bin for BTreeMap<String, AttrValue> {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        w.var(self.len() as u64);
        for (k, v) in self {
            k.put(w);
            v.put(w);
        }
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        let mut out = BTreeMap::new();
        for _ in 0..n {
            let (k, v) = <(String, AttrValue)>::get(r)?;
            out.insert(k, v);
        }
        Some(out)
    }
}

impl Bin for Cond {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn put(&self, w: &mut Writer) {
        match self {
            Cond::All(cs) => tagged(w, 0, cs),
            Cond::Any(cs) => tagged(w, 1, cs),
            Cond::Not(c) => tagged(w, 2, c),
            Cond::Eq(a, v) => tagged2(w, 3, a, v),
            Cond::In(a, vs) => tagged2(w, 4, a, vs),
            Cond::Present(a, p) => tagged2(w, 5, a, p),
            Cond::EqAttr(a, b) => tagged2(w, 6, a, b),
            Cond::InAttr(a, b) => tagged2(w, 7, a, b),
        }
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.depth += 1;
        if r.depth > MAX_DEPTH {
            return None;
        }
        let c = match r.u8()? {
            0 => Vec::get(r).map(Cond::All),
            1 => Vec::get(r).map(Cond::Any),
            2 => Box::get(r).map(Cond::Not),
            3 => <(Operand, AttrValue)>::get(r).map(|(a, v)| Cond::Eq(a, v)),
            4 => <(Operand, Vec<AttrValue>)>::get(r).map(|(a, v)| Cond::In(a, v)),
            5 => <(Operand, bool)>::get(r).map(|(a, p)| Cond::Present(a, p)),
            6 => <(Operand, Operand)>::get(r).map(|(a, b)| Cond::EqAttr(a, b)),
            7 => <(Operand, Operand)>::get(r).map(|(a, b)| Cond::InAttr(a, b)),
            _ => None,
        };
        r.depth -= 1;
        c
    }
}

/// The parts of an engine a slice image holds, in image order.
macro_rules! engine_parts {
    ($m:ident) => {
        $m!(
            snap,
            perms,
            roles,
            role_grants,
            grants,
            users,
            assigns,
            direct,
            held,
            team_lists,
            conds,
            restrictions,
            restricts,
            org_teams,
            elsewhere,
            representatives
        )
    };
}

/// Writes the body of user `user`'s slice of `e` (an engine already cut
/// down to the slice).
#[cfg(not(feature = "client"))]
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn encode(e: &Engine, user: u32) -> Vec<u8> {
    let mut w = Writer::default();
    user.put(&mut w);
    macro_rules! put {
        ($($f:ident),*) => { $(e.$f.put(&mut w);)* };
    }
    engine_parts!(put);
    for tree in [&e.units, &e.reports] {
        let (enter, last) = tree.parts();
        enter.to_vec().put(&mut w);
        last.to_vec().put(&mut w);
    }
    e.record_keys.list.put(&mut w);
    e.strings.list.put(&mut w);
    e.messages.locale.as_str().to_owned().put(&mut w);
    let overrides: Vec<(String, (String, String))> = e
        .messages
        .overrides()
        .map(|(l, m, t)| (l.to_owned(), (m.to_owned(), t.to_owned())))
        .collect();
    overrides.put(&mut w);
    w.out
}

/// Reads a body written by [`encode`]: the engine and its user's index.
#[cfg_attr(rolegate_size, optimize(size), inline(never))]
pub(crate) fn decode(body: &[u8], fingerprint: u64) -> Result<(Engine, u32), &'static str> {
    let mut r = Reader::new(body);
    let parts =
        read(&mut r, fingerprint).ok_or("its content ends early or holds a value out of range")?;
    if !r.done() {
        return Err("bytes after its content");
    }
    check(&parts.0, parts.1)?;
    Ok(parts)
}

#[cfg_attr(rolegate_size, optimize(size))]
fn read(r: &mut Reader<'_>, fingerprint: u64) -> Option<(Engine, u32)> {
    let user = u32::get(r)?;
    let mut e = Engine::empty();
    macro_rules! get {
        ($($f:ident),*) => { $(e.$f = Bin::get(r)?;)* };
    }
    engine_parts!(get);
    let mut tree = || Tree::from_parts(Vec::get(r)?, Vec::get(r)?);
    e.units = tree()?;
    e.reports = tree()?;
    e.record_keys = Interner::of(Vec::get(r)?);
    e.strings = Interner::of(Vec::get(r)?);
    e.messages = Messages::new(Some(&String::get(r)?));
    for (l, (m, t)) in Vec::<(String, (String, String))>::get(r)? {
        e.messages.override_with(&l, &m, &t);
    }
    e.names = Names::ids_of(&e.snap);
    e.fingerprint = fingerprint;
    e.id = next_id();
    Some((e, user))
}

/// That every index and span of a decoded engine lies within its table.
#[cfg_attr(rolegate_size, optimize(size))]
fn check(e: &Engine, user: u32) -> Result<(), &'static str> {
    let (perms, users) = (e.perms.len(), e.users.len());
    let teams = e.snap.org.teams.len();
    let units = e.snap.org.units.len();
    let span = |s: Span, len: usize| s.start <= s.end && (s.end as usize) <= len;
    let id = |i: u32, len: usize| i == NONE || (i as usize) < len;
    let scope = |s: &Scope| span(s.teams, e.team_lists.len());
    let grant =
        |g: &Grant| (g.perm as usize) < perms && scope(&g.scope) && id(g.cond, e.conds.len());
    let cells = e.roles.checked_mul(perms);
    let fits = [
        (user as usize) < users,
        perms == e.snap.model.permissions.len() && e.roles == e.snap.model.roles.len(),
        users == e.snap.org.users.len(),
        cells == Some(e.role_grants.len()),
        e.role_grants.iter().all(|&s| span(s, e.grants.len())),
        e.grants.iter().chain(&e.direct).all(grant),
        e.perms
            .iter()
            .all(|p| span(p.restrictions, e.restricts.len())),
        e.restricts
            .iter()
            .all(|&r| (r as usize) < e.restrictions.len()),
        e.users.iter().all(|u| {
            id(u.manager, users)
                && span(u.assigns, e.assigns.len())
                && span(u.direct, e.direct.len())
                && span(u.teams, e.team_lists.len())
                && span(u.managed, e.team_lists.len())
                && span(u.held, e.held.len())
        }),
        e.assigns.iter().all(|a| {
            (a.role as usize) < e.roles
                && match a.place {
                    Place::Org => true,
                    Place::Unit(x) => (x as usize) < units,
                    Place::Team(x) => (x as usize) < teams,
                }
        }),
        e.team_lists.iter().all(|&t| (t as usize) < teams),
        e.restrictions
            .iter()
            .all(|r| r.unless_scope.as_ref().is_none_or(scope)),
        e.units.parts().0.len() == units && e.reports.parts().0.len() == users,
        id(e.elsewhere.user, users) && id(e.elsewhere.team, teams) && id(e.elsewhere.unit, units),
    ];
    match fits.iter().all(|&ok| ok) {
        true => Ok(()),
        false => Err("an index or span out of its table"),
    }
}
