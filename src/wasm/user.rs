//! `UserGate`: a handle bound to one user, for the many checks of one page.

use super::interop::{self, ContextArg};
use crate::compile::condition::Slot;
use crate::compile::Engine;
use crate::decide::{Context, IndexedContext};
use std::cell::RefCell;
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

    /// Fast path: every permission this user holds without context, as a
    /// bitset (bit `p % 32` of word `p / 32`); plain checks become a bit test.
    #[wasm_bindgen(js_name = _permissionMask, skip_typescript)]
    pub fn permission_mask(&self) -> Vec<u32> {
        match self.index {
            Some(user) => self.engine.permission_mask(user, &Context::default()),
            None => Vec::new(),
        }
    }

    /// Fast path: a check of a prepared context (false if another engine prepared it).
    #[wasm_bindgen(js_name = _checkPrepared, skip_typescript)]
    pub fn check_prepared(&self, permission: u32, prepared: &super::Prepared) -> bool {
        match self.index {
            Some(user) => {
                prepared.belongs_to(&self.engine)
                    && self
                        .engine
                        .check_prepared(user, permission, &prepared.context)
            }
            None => false,
        }
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
        attributes: bool,
    ) -> bool {
        match self.index {
            Some(user) => check_at(
                &self.engine,
                user,
                permission,
                unit,
                team,
                record.then_some([owner, record_team, record_unit]),
                attributes,
            ),
            None => false,
        }
    }
}

/// An optional index as JS sees it: -1 for none.
pub fn index<T: TryInto<i32>>(ix: Option<T>) -> i32 {
    ix.and_then(|i| i.try_into().ok()).unwrap_or(-1)
}

/// A JS index as the core's: -1 (absent) becomes `u32::MAX` ("none").
fn core_index(ix: i32) -> u32 {
    u32::try_from(ix).unwrap_or(u32::MAX)
}

thread_local! {
    /// The record attributes of the next fast-path check, one slot per
    /// `Engine::record_keys` entry, written by `_setSlot` just before it.
    static SLOTS: RefCell<Vec<Slot>> = const { RefCell::new(Vec::new()) };
}

/// Fast path: sets record attribute slot `index` for the next check with
/// attributes. `kind`: 0 absent, 1 false, 2 true, 3 the number `value`,
/// 4 the string of index `value` (see `_stringIndex`).
#[wasm_bindgen(js_name = _setSlot, skip_typescript)]
pub fn set_slot(index: u32, kind: u32, value: f64) {
    let slot = match kind {
        1 => Slot::Bool(false),
        2 => Slot::Bool(true),
        3 => Slot::Num(value),
        4 => Slot::Str(value as u32),
        _ => Slot::Absent,
    };
    SLOTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        let i = index as usize;
        if slots.len() <= i {
            slots.resize(i + 1, Slot::Absent);
        }
        if let Some(s) = slots.get_mut(i) {
            *s = slot;
        }
    });
}

/// The fast-path check: context names arrive as dense indexes (-1: absent),
/// `record` holds the record's owner, team and unit; with `attributes`, the
/// record's attributes are the slots set by `_setSlot`.
pub fn check_at(
    engine: &Engine,
    user: u32,
    permission: u32,
    unit: i32,
    team: i32,
    record: Option<[i32; 3]>,
    attributes: bool,
) -> bool {
    let [owner, record_team, record_unit] = record.unwrap_or([-1; 3]);
    let check = |attributes: &[Slot]| {
        let ctx = IndexedContext {
            unit: core_index(unit),
            team: core_index(team),
            record: record.is_some(),
            owner: core_index(owner),
            record_team: core_index(record_team),
            record_unit: core_index(record_unit),
            attributes,
        };
        engine.check_indexed(user, permission, &ctx)
    };
    if attributes {
        SLOTS.with(|slots| check(&slots.borrow()))
    } else {
        check(&[])
    }
}
