//! [`ClientGate`]: one user's decisions from their slice, with the same
//! answers, codes and messages as the full engine's [`crate::UserGate`].

use super::codec;
use super::image::{unframe, SliceError};
use crate::compile::Engine;
use crate::decide::{Context, Explanation, PreparedContext};
use crate::messages::Locale;

/// A user's slice, decoded: decides for that user, as the engine the slice
/// was cut from decides. A name the slice does not hold is someone (or
/// something) of the org out of the user's reach.
///
/// Build one with [`ClientGate::from_bytes`] from [`Engine::slice`]'s bytes.
#[derive(Debug, Clone)]
pub struct ClientGate {
    engine: Engine,
    user: u32,
    id: String,
}

impl ClientGate {
    /// Reads a slice image; a truncated, corrupted or other-version image is
    /// a [`SliceError`] saying which.
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn from_bytes(bytes: &[u8]) -> Result<ClientGate, SliceError> {
        let (fingerprint, body) = unframe(bytes)?;
        let (engine, user) = codec::decode(body, fingerprint).map_err(SliceError::Malformed)?;
        let id = engine
            .snap
            .org
            .users
            .get(user as usize)
            .map(|u| u.id.clone())
            .unwrap_or_default();
        Ok(ClientGate { engine, user, id })
    }

    /// The user this slice decides for.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The fingerprint of the snapshot the slice was cut from
    /// ([`Engine::fingerprint`]).
    pub fn fingerprint(&self) -> u64 {
        self.engine.fingerprint
    }

    /// Whether the user may do `perm` in `ctx` (unknown permissions deny).
    pub fn can(&self, perm: &str, ctx: &Context) -> bool {
        self.engine.can(&self.id, perm, ctx)
    }

    /// [`ClientGate::can`] with its reason, in the model's locale.
    pub fn explain(&self, perm: &str, ctx: &Context) -> Explanation {
        self.engine.explain(&self.id, perm, ctx)
    }

    /// [`ClientGate::explain`] in `locale`.
    pub fn explain_in(&self, locale: Locale, perm: &str, ctx: &Context) -> Explanation {
        self.engine.explain_in(locale, &self.id, perm, ctx)
    }

    /// Every permission the user holds in `ctx`, in model order.
    pub fn permissions(&self, ctx: &Context) -> Vec<&str> {
        self.engine.permissions(&self.id, ctx)
    }

    /// Resolves `ctx` once for many checks ([`ClientGate::check`]).
    pub fn prepare(&self, ctx: &Context) -> PreparedContext {
        self.engine.prepare(ctx)
    }

    /// [`ClientGate::can`] with a prepared context.
    pub fn check(&self, perm: &str, ctx: &PreparedContext) -> bool {
        self.engine
            .names
            .perms
            .get(perm)
            .is_some_and(|p| self.engine.check(self.user, p, ctx))
    }

    /// The engine it decides with, the user's index there and their id (for
    /// the JavaScript binding, which asks by index).
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "client")), allow(dead_code))]
    pub(crate) fn into_parts(self) -> (Engine, u32, String) {
        (self.engine, self.user, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JS layer shares one permission name cache between every engine
    /// of a snapshot (`permissionCache` in js/context-buffer.js): a slice
    /// numbers the permissions as the engine it was cut from.
    #[test]
    fn a_slice_numbers_the_permissions_as_its_engine() {
        let e = Engine::from_json(
            r#"{"model": {"permissions": [{"id": "a.view", "label": "A", "record": true},
              {"id": "b.edit", "label": "B"}, {"id": "c.export", "label": "C"}],
              "roles": [{"id": "rep", "label": "Rep", "grants": [{"permission": "a.view", "scope": ["own"]}]},
                        {"id": "boss", "label": "Boss", "grants": [{"permission": "c.export"}]}]},
              "org": {"users": [{"id": "ada", "roles": [{"role": "rep"}]}, {"id": "bo", "roles": [{"role": "boss"}]}]}}"#,
        )
        .unwrap();
        for user in ["ada", "bo"] {
            let me = ClientGate::from_bytes(&e.slice(user).unwrap()).unwrap();
            for p in ["a.view", "b.edit", "c.export", "none"] {
                assert_eq!(me.engine.lookup(1, p), e.lookup(1, p), "{user}: {p}");
            }
        }
    }
}
