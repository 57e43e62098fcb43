//! `UserGate`: a handle bound to one user, for the many checks of one page.

use super::interop::{self, ContextArg};
use crate::decide::{Context, Record};
use crate::Engine;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The signed-in user's handle: the same `can` / `explain` / `permissions`
/// as `Rolegate`, without naming the user each time.
#[wasm_bindgen(js_name = UserGate)]
pub struct UserHandle {
    engine: Rc<Engine>,
    id: String,
    index: Option<u32>,
}

impl UserHandle {
    /// Binds `id` (which may be unknown: every check then denies).
    pub fn new(engine: Rc<Engine>, id: &str) -> Self {
        let index = engine.user_index(id);
        UserHandle {
            engine,
            id: id.to_owned(),
            index,
        }
    }
}

#[wasm_bindgen(js_class = UserGate)]
impl UserHandle {
    /// The user's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.id.clone()
    }

    /// May this user do `permission` (in `context`)?
    pub fn can(&self, permission: &str, context: Option<ContextArg>) -> bool {
        match interop::context(context) {
            Ok(ctx) => self.engine.can(&self.id, permission, &ctx.as_context()),
            Err(_) => false,
        }
    }

    /// The decision with its reason, in data (`code`) and words (`message`).
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(&self, permission: &str, context: Option<ContextArg>) -> JsValue {
        let answer = match interop::context(context) {
            Ok(ctx) => self.engine.explain(&self.id, permission, &ctx.as_context()),
            Err(message) => interop::invalid_context(message),
        };
        interop::to_js(&answer)
    }

    /// Every permission this user holds (in `context`).
    pub fn permissions(&self, context: Option<ContextArg>) -> Vec<String> {
        match interop::context(context) {
            Ok(ctx) => self
                .engine
                .permissions(&self.id, &ctx.as_context())
                .into_iter()
                .map(str::to_owned)
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Fast path (used by `index.js`): the index of a permission, -1 if unknown.
    #[wasm_bindgen(js_name = _permissionIndex, skip_typescript)]
    pub fn permission_index(&self, id: &str) -> i32 {
        index(self.engine.permission_index(id))
    }

    /// Fast path: a check without context, by permission index.
    #[wasm_bindgen(js_name = _check, skip_typescript)]
    pub fn check(&self, permission: u32) -> bool {
        match self.index {
            Some(user) => self.engine.check(user, permission, &Context::default()),
            None => false,
        }
    }

    /// Fast path: a check with every context name already an index (-1: absent).
    #[wasm_bindgen(js_name = _checkAt, skip_typescript)]
    #[allow(clippy::too_many_arguments)]
    pub fn check_at(
        &self,
        permission: u32,
        unit: i32,
        team: i32,
        record: bool,
        owner: i32,
        record_team: i32,
        record_unit: i32,
    ) -> bool {
        match self.index {
            Some(user) => check_at(
                &self.engine,
                user,
                permission,
                unit,
                team,
                record.then_some([owner, record_team, record_unit]),
            ),
            None => false,
        }
    }
}

/// An optional index as JS sees it: -1 for none.
pub fn index<T: TryInto<i32>>(ix: Option<T>) -> i32 {
    ix.and_then(|i| i.try_into().ok()).unwrap_or(-1)
}

/// One name of a fast-path context: `Ok(None)` when absent (-1), `Err` when
/// the index names nothing (then the check denies).
fn name<'a, T>(
    ix: i32,
    list: &'a [T],
    id: impl Fn(&'a T) -> &'a str,
) -> Result<Option<&'a str>, ()> {
    match usize::try_from(ix) {
        Err(_) => Ok(None),
        Ok(i) => list.get(i).map(|x| Some(id(x))).ok_or(()),
    }
}

/// The fast-path check: context names arrive as indexes into the snapshot's
/// `org.units`, `org.teams` and `org.users`; `record` holds owner, team, unit.
pub fn check_at(
    engine: &Engine,
    user: u32,
    permission: u32,
    unit: i32,
    team: i32,
    record: Option<[i32; 3]>,
) -> bool {
    let org = &engine.snapshot().org;
    let resolve = || -> Result<Context<'_>, ()> {
        let record = match record {
            None => None,
            Some([owner, record_team, record_unit]) => Some(Record {
                owner: name(owner, &org.users, |u| u.id.as_str())?,
                team: name(record_team, &org.teams, |t| t.id.as_str())?,
                unit: name(record_unit, &org.units, |u| u.id.as_str())?,
                attributes: None,
            }),
        };
        Ok(Context {
            unit: name(unit, &org.units, |u| u.id.as_str())?,
            team: name(team, &org.teams, |t| t.id.as_str())?,
            record,
        })
    };
    match resolve() {
        Ok(ctx) => engine.check(user, permission, &ctx),
        Err(()) => false,
    }
}
