//! `Rolegate`: a compiled snapshot, asked from JS.

use super::interop::{self, AssignTargetArg, ContextArg, SnapshotArg};
use super::prepared::Prepared;
use super::user::{self, UserHandle};
use crate::compile::Engine;
use crate::decide::AssignTarget;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A loaded organisation snapshot, compiled once and asked many times.
///
/// Decisions never throw: unknown users, permissions and context names deny,
/// with a code saying so. Call `free()` (or use `using`) when done; otherwise
/// the engine is freed when garbage-collected.
#[wasm_bindgen(js_name = Rolegate)]
pub struct Gate {
    engine: Rc<Engine>,
}

#[wasm_bindgen(js_class = Rolegate)]
impl Gate {
    /// Loads a snapshot object `{ model, org }`.
    ///
    /// @throws {SnapshotError} with every problem of the snapshot.
    pub fn load(snapshot: SnapshotArg) -> Result<Gate, JsValue> {
        let text = interop::snapshot_text(&snapshot).map_err(|e| interop::snapshot_error(&e))?;
        Gate::from_json(&text)
    }

    /// Loads a snapshot from JSON text.
    ///
    /// @throws {SnapshotError} with every problem of the snapshot.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> Result<Gate, JsValue> {
        match Engine::from_json(text) {
            Ok(engine) => Ok(Gate {
                engine: Rc::new(engine),
            }),
            Err(e) => Err(interop::snapshot_error(&e)),
        }
    }

    /// Non-fatal problems of the snapshot, e.g. more seats used than purchased.
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn warnings(&self) -> JsValue {
        interop::to_js(self.engine.warnings())
    }

    /// May `user` do `permission` (in `context`)?
    pub fn can(&self, user: &str, permission: &str, context: Option<ContextArg>) -> bool {
        match interop::context(context) {
            Ok(ctx) => self.engine.can(user, permission, &ctx.as_context()),
            Err(_) => false,
        }
    }

    /// The decision with its reason: the role and place that allowed it, or
    /// what is missing, in data (`code`) and words (`message`).
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(&self, user: &str, permission: &str, context: Option<ContextArg>) -> JsValue {
        let answer = match interop::context(context) {
            Ok(ctx) => self.engine.explain(user, permission, &ctx.as_context()),
            Err(message) => interop::invalid_context(message),
        };
        interop::to_js(&answer)
    }

    /// Every permission `user` holds (in `context`).
    pub fn permissions(&self, user: &str, context: Option<ContextArg>) -> Vec<String> {
        match interop::context(context) {
            Ok(ctx) => self
                .engine
                .permissions(user, &ctx.as_context())
                .into_iter()
                .map(str::to_owned)
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Resolves `context` once for many checks (`can(user, permission,
    /// prepared)`): the fastest way to check one record against several
    /// permissions or users.
    ///
    /// @throws {Error} when `context` is not a context object.
    pub fn prepare(&self, context: Option<ContextArg>) -> Result<Prepared, JsError> {
        Prepared::new(&self.engine, context)
            .ok_or_else(|| JsError::new("expected a context `{ unit?, team?, record? }`"))
    }

    /// Fast path: a check of a prepared context (false if another engine prepared it).
    #[wasm_bindgen(js_name = _checkPrepared, skip_typescript)]
    pub fn check_prepared(&self, user: u32, permission: u32, prepared: &Prepared) -> bool {
        prepared.belongs_to(&self.engine)
            && self
                .engine
                .check_prepared(user, permission, &prepared.context)
    }

    /// A handle bound to one user, for the many checks of one page.
    /// An unknown user gets a handle that denies everything.
    pub fn user(&self, id: &str) -> UserHandle {
        UserHandle::new(Rc::clone(&self.engine), id)
    }

    /// May `actor` give `role` to `target` (a user, at a unit or team)?
    /// Denies with `escalation` when the role grants more than the actor holds.
    #[wasm_bindgen(js_name = canAssign, unchecked_return_type = "Explanation")]
    pub fn can_assign(&self, actor: &str, role: &str, target: Option<AssignTargetArg>) -> JsValue {
        let answer = match interop::assign_target(target.as_ref().map(|v| v.as_ref())) {
            Ok(t) => {
                let target = AssignTarget {
                    user: t.user.as_deref(),
                    unit: t.unit.as_deref(),
                    team: t.team.as_deref(),
                };
                self.engine.can_assign(actor, role, &target)
            }
            Err(e) => interop::invalid_context(format!("invalid target: {e}")),
        };
        interop::to_js(&answer)
    }

    /// Seats of each type: used vs purchased, with their holders.
    #[wasm_bindgen(unchecked_return_type = "SeatUsage[]")]
    pub fn seats(&self) -> JsValue {
        interop::to_js(&self.engine.seats())
    }

    /// The role x permission matrix, for an admin screen.
    #[wasm_bindgen(unchecked_return_type = "Matrix")]
    pub fn matrix(&self) -> JsValue {
        interop::to_js(&self.engine.matrix())
    }

    /// Fast path (used by `index.js`): the index of a permission, -1 if unknown.
    #[wasm_bindgen(js_name = _permissionIndex, skip_typescript)]
    pub fn permission_index(&self, id: &str) -> i32 {
        user::index(self.engine.permission_index(id))
    }

    /// Fast path: the index of a user, -1 if unknown.
    #[wasm_bindgen(js_name = _userIndex, skip_typescript)]
    pub fn user_index(&self, id: &str) -> i32 {
        user::index(self.engine.user_index(id))
    }

    /// Fast path: the index of a unit, -1 if unknown.
    #[wasm_bindgen(js_name = _unitIndex, skip_typescript)]
    pub fn unit_index(&self, id: &str) -> i32 {
        user::index(self.engine.unit_index(id))
    }

    /// Fast path: the index of a team, -1 if unknown.
    #[wasm_bindgen(js_name = _teamIndex, skip_typescript)]
    pub fn team_index(&self, id: &str) -> i32 {
        user::index(self.engine.team_index(id))
    }

    /// Fast path: a check with every name already an index (`-1`: absent).
    #[wasm_bindgen(js_name = _checkAt, skip_typescript)]
    #[allow(clippy::too_many_arguments)]
    pub fn check_at(
        &self,
        user: u32,
        permission: u32,
        unit: i32,
        team: i32,
        record: bool,
        owner: i32,
        record_team: i32,
        record_unit: i32,
        attributes: bool,
    ) -> bool {
        user::check_at(
            &self.engine,
            user,
            permission,
            unit,
            team,
            record.then_some([owner, record_team, record_unit]),
            attributes,
        )
    }

    /// Fast path: the record attribute keys conditions read, in slot order.
    #[wasm_bindgen(js_name = _recordKeys, skip_typescript)]
    pub fn record_keys(&self) -> Vec<String> {
        self.engine.record_keys().to_vec()
    }

    /// Fast path: the index of a string a record attribute may hold, -1 when
    /// the snapshot has no such string.
    #[wasm_bindgen(js_name = _stringIndex, skip_typescript)]
    pub fn string_index(&self, s: &str) -> i32 {
        user::index(self.engine.string_index(s))
    }

    /// Fast path: how many strings `_stringIndex` knows.
    #[wasm_bindgen(js_name = _stringCount, skip_typescript)]
    pub fn string_count(&self) -> u32 {
        self.engine.string_count()
    }
}
