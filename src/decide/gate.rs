//! The public checks: by name, with a prepared context, and through a
//! bound user handle.

use super::answer::{Code, Explanation};
use super::check::Verdict;
use super::context::Context;
use super::prepared::PreparedContext;
use super::resolve::ContextIds;
use crate::compile::Engine;
use crate::index::NONE;
use crate::messages::{Locale, Words};

impl Engine {
    /// Whether `user` may do `perm` in `ctx`. Unknown names deny.
    pub fn can(&self, user: &str, perm: &str, ctx: &Context) -> bool {
        match (self.names.users.get(user), self.names.perms.get(perm)) {
            (Some(u), Some(p)) => self.check_context(u, p, ctx),
            _ => false,
        }
    }

    /// [`Engine::check_ids`] with a context by name (unknown names deny).
    fn check_context(&self, u: u32, p: u32, ctx: &Context) -> bool {
        self.context_ids(ctx)
            .is_some_and(|ids| self.check_ids(u, p, &ids))
    }

    /// The same decision as [`Engine::can`], with its reason (in the
    /// model's locale).
    pub fn explain(&self, user: &str, perm: &str, ctx: &Context) -> Explanation {
        self.explain_with(self.messages.words(), user, perm, ctx)
    }

    /// [`Engine::explain`], its message in `locale` (with the model's
    /// templates for it) instead of the model's own locale.
    pub fn explain_in(&self, locale: Locale, user: &str, perm: &str, ctx: &Context) -> Explanation {
        self.explain_with(self.messages.words_in(locale), user, perm, ctx)
    }

    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    fn explain_with(&self, w: Words<'_>, user: &str, perm: &str, ctx: &Context) -> Explanation {
        let u = self.names.users.get(user);
        let p = self.names.perms.get(perm);
        let verdict = match (u, p) {
            (None, _) => Verdict::code(Code::UnknownUser),
            (Some(_), None) => Verdict::code(Code::UnknownPermission),
            (Some(u), Some(p)) => self.verdict(u, p, ctx),
        };
        self.words(
            w,
            verdict,
            u.unwrap_or(NONE),
            p.unwrap_or(NONE),
            ctx,
            user,
            perm,
        )
    }

    /// The decision of user index `u` on permission index `p` in `ctx`.
    fn verdict(&self, u: u32, p: u32, ctx: &Context) -> Verdict {
        match self.resolve_named(ctx) {
            Some(c) => self.decide(u, p, &c),
            None => Verdict::code(Code::UnknownContext),
        }
    }

    /// Every permission `user` holds in `ctx`, in model order.
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn permissions(&self, user: &str, ctx: &Context) -> Vec<&str> {
        match self.names.users.get(user) {
            Some(u) => self.permissions_of(u, ctx),
            None => Vec::new(),
        }
    }

    fn permissions_of(&self, u: u32, ctx: &Context) -> Vec<&str> {
        let Some(c) = self.resolve_named(ctx) else {
            return Vec::new();
        };
        let ids = self.snap.model.permissions.iter().map(|x| x.id.as_str());
        (0..self.perms.len() as u32)
            .zip(ids)
            .filter(|&(p, _)| self.decide(u, p, &c).allowed())
            .map(|(_, id)| id)
            .collect()
    }

    /// Every permission user index `user` holds without context, as a
    /// bitset: bit `p % 32` of word `p / 32` is set when permission index
    /// `p` is allowed. The JavaScript user handle computes it once, so that
    /// its plain checks become a bit test.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the binding's
    pub(crate) fn permission_mask(&self, user: u32) -> Vec<u32> {
        let mut words = vec![0u32; self.perms.len().div_ceil(32)];
        if let Some(c) = self.resolve(&ContextIds::EMPTY) {
            for (p, word) in (0..self.perms.len() as u32).zip(0..) {
                if self.decide(user, p, &c).allowed() {
                    if let Some(w) = words.get_mut(word / 32) {
                        *w |= 1 << (p % 32);
                    }
                }
            }
        }
        words
    }

    /// The dense index of a user, for [`Engine::check`].
    pub fn user_index(&self, id: &str) -> Option<u32> {
        self.names.users.get(id)
    }

    /// The dense index of a permission, for [`Engine::check`].
    pub fn permission_index(&self, id: &str) -> Option<u32> {
        self.names.perms.get(id)
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

    /// The user's dense index (`u32::MAX` when unknown).
    pub fn index(&self) -> u32 {
        self.user
    }

    /// Whether the user may do `perm` in `ctx`.
    pub fn can(&self, perm: &str, ctx: &Context) -> bool {
        let e = self.engine;
        e.names
            .perms
            .get(perm)
            .is_some_and(|p| e.check_context(self.user, p, ctx))
    }

    /// [`UserGate::can`] with a permission index from
    /// [`Engine::permission_index`] and a prepared context.
    #[inline]
    pub fn check(&self, perm: u32, ctx: &PreparedContext) -> bool {
        self.engine.check(self.user, perm, ctx)
    }

    /// The decision with its reason (in the model's locale).
    pub fn explain(&self, perm: &str, ctx: &Context) -> Explanation {
        self.explain_with(self.engine.messages.words(), perm, ctx)
    }

    /// [`UserGate::explain`], its message in `locale`.
    pub fn explain_in(&self, locale: Locale, perm: &str, ctx: &Context) -> Explanation {
        self.explain_with(self.engine.messages.words_in(locale), perm, ctx)
    }

    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    fn explain_with(&self, w: Words<'_>, perm: &str, ctx: &Context) -> Explanation {
        let e = self.engine;
        let p = e.names.perms.get(perm);
        let verdict = match p {
            _ if self.user == NONE => Verdict::code(Code::UnknownUser),
            None => Verdict::code(Code::UnknownPermission),
            Some(p) => e.verdict(self.user, p, ctx),
        };
        e.words(w, verdict, self.user, p.unwrap_or(NONE), ctx, "", perm)
    }

    /// Every permission the user holds in `ctx`.
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn permissions(&self, ctx: &Context) -> Vec<&'e str> {
        if self.user == NONE {
            return Vec::new();
        }
        self.engine.permissions_of(self.user, ctx)
    }
}
