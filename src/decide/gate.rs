//! The public checks: by name, by dense id, and through a bound user handle.

use super::answer::{Code, Context, Explanation};
use super::check::Verdict;
use crate::compile::Engine;
use crate::index::NONE;

impl Engine {
    /// Whether `user` may do `perm` in `ctx`. Unknown names deny.
    pub fn can(&self, user: &str, perm: &str, ctx: &Context<'_>) -> bool {
        match (self.names.users.get(user), self.names.perms.get(perm)) {
            (Some(u), Some(p)) => self.check(u, p, ctx),
            _ => false,
        }
    }

    /// The fast path: [`Engine::can`] with ids from [`Engine::user_index`]
    /// and [`Engine::permission_index`]. Out-of-range ids deny.
    #[inline]
    pub fn check(&self, user: u32, perm: u32, ctx: &Context<'_>) -> bool {
        match self.resolve(ctx) {
            Some(c) => self.decide(user, perm, &c).allowed(),
            None => false,
        }
    }

    /// The same decision as [`Engine::can`], with its reason.
    pub fn explain(&self, user: &str, perm: &str, ctx: &Context<'_>) -> Explanation {
        let Some(u) = self.names.users.get(user) else {
            return self.words(
                Verdict::code(Code::UnknownUser),
                NONE,
                NONE,
                ctx,
                user,
                perm,
            );
        };
        let Some(p) = self.names.perms.get(perm) else {
            return self.words(
                Verdict::code(Code::UnknownPermission),
                u,
                NONE,
                ctx,
                user,
                perm,
            );
        };
        self.explain_ids(u, p, ctx)
    }

    pub(crate) fn explain_ids(&self, u: u32, p: u32, ctx: &Context<'_>) -> Explanation {
        let v = match self.resolve(ctx) {
            Some(c) => self.decide(u, p, &c),
            None => Verdict::code(Code::UnknownContext),
        };
        self.words(v, u, p, ctx, "", "")
    }

    /// Every permission `user` holds in `ctx`, in model order.
    pub fn permissions(&self, user: &str, ctx: &Context<'_>) -> Vec<&str> {
        match self.names.users.get(user) {
            Some(u) => self.permissions_of(u, ctx),
            None => Vec::new(),
        }
    }

    fn permissions_of(&self, u: u32, ctx: &Context<'_>) -> Vec<&str> {
        let Some(c) = self.resolve(ctx) else {
            return Vec::new();
        };
        (0..self.perms.len() as u32)
            .filter(|&p| self.decide(u, p, &c).allowed())
            .filter_map(|p| {
                self.snap
                    .model
                    .permissions
                    .get(p as usize)
                    .map(|x| x.id.as_str())
            })
            .collect()
    }

    /// A handle bound to one user, for the many checks a page makes for the
    /// signed-in user. An unknown user gives a handle that denies everything.
    pub fn user(&self, id: &str) -> UserGate<'_> {
        UserGate {
            engine: self,
            user: self.names.users.get(id).unwrap_or(NONE),
        }
    }
}

/// Checks for one user (see [`Engine::user`]).
#[derive(Debug, Clone, Copy)]
pub struct UserGate<'e> {
    engine: &'e Engine,
    user: u32,
}

impl<'e> UserGate<'e> {
    /// Whether the user exists in the snapshot.
    pub fn is_known(&self) -> bool {
        self.user != NONE
    }

    /// The user's dense id (`u32::MAX` when unknown).
    pub fn index(&self) -> u32 {
        self.user
    }

    /// Whether the user may do `perm` in `ctx`.
    pub fn can(&self, perm: &str, ctx: &Context<'_>) -> bool {
        self.engine
            .names
            .perms
            .get(perm)
            .is_some_and(|p| self.engine.check(self.user, p, ctx))
    }

    /// [`UserGate::can`] with a permission id from [`Engine::permission_index`].
    #[inline]
    pub fn check(&self, perm: u32, ctx: &Context<'_>) -> bool {
        self.engine.check(self.user, perm, ctx)
    }

    /// The decision with its reason.
    pub fn explain(&self, perm: &str, ctx: &Context<'_>) -> Explanation {
        if self.user == NONE {
            return self
                .engine
                .words(Verdict::code(Code::UnknownUser), NONE, NONE, ctx, "", perm);
        }
        match self.engine.names.perms.get(perm) {
            Some(p) => self.engine.explain_ids(self.user, p, ctx),
            None => self.engine.words(
                Verdict::code(Code::UnknownPermission),
                self.user,
                NONE,
                ctx,
                "",
                perm,
            ),
        }
    }

    /// Every permission the user holds in `ctx`.
    pub fn permissions(&self, ctx: &Context<'_>) -> Vec<&'e str> {
        if self.user == NONE {
            return Vec::new();
        }
        self.engine.permissions_of(self.user, ctx)
    }
}
