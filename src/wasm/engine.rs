//! `Core`: a compiled snapshot, asked from JS through the package's
//! `Rolegate` class (`js/gate.js`).

use super::buffer::{self, BUFFER, NO_CONTEXT};
use super::interop::{self, name, SnapshotArg};
use crate::compile::condition::Slot;
use crate::compile::Engine;
use crate::decide::resolve::ContextIds;
use crate::decide::{AssignTarget, Code, Context, Explanation, PreparedContext};
use rustc_hash::FxHashMap;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;

/// What [`Gate::lookup`] looks up: a user, a permission, a unit, a team,
/// or a string a record attribute may hold.
const KINDS: [&str; 5] = ["user", "permission", "unit", "team", "string"];

/// A loaded snapshot for the JS layer. Decisions never throw: any argument
/// that is not what it should be denies, with a code saying so.
#[wasm_bindgen(js_name = Core)]
pub struct Gate {
    engine: Engine,
    /// The context buffer (see [`buffer`]); its length never changes, so
    /// the JS layer's view of it stays valid until memory grows.
    buffer: Box<[Cell<f64>]>,
    /// Scratch for the record attributes read from the buffer.
    slots: RefCell<Vec<Slot>>,
    /// Prepared contexts by id; ids are unique across engines.
    prepared: RefCell<FxHashMap<u32, PreparedContext>>,
}

thread_local! {
    /// The next prepared-context id (0 and 1 mean "none" and "the buffer").
    static NEXT_PREPARED: Cell<u32> = const { Cell::new(2) };
}

impl Gate {
    fn new(engine: Engine) -> Gate {
        let keys = engine.record_keys().len();
        Gate {
            buffer: vec![Cell::new(buffer::ABSENT); buffer::length(keys)].into_boxed_slice(),
            slots: RefCell::new(vec![Slot::Absent; keys]),
            prepared: RefCell::default(),
            engine,
        }
    }

    /// A context argument (an object, or `undefined` / `null`) as a
    /// [`Context`]; the error says what is wrong and where.
    fn context(value: &JsValue) -> Result<Context, String> {
        match interop::json_text(value) {
            Ok(None) => Ok(Context::default()),
            Ok(Some(text)) => Context::from_json(&text),
            Err(e) => Err(e),
        }
        .map_err(|e| format!("invalid context: {e}"))
    }

    /// Runs `f` with the context of `value`, or of prepared context
    /// `prepared` when it is not 0; `Err` when there is none such.
    fn with_context<T>(
        &self,
        value: &JsValue,
        prepared: u32,
        f: impl FnOnce(&Context) -> T,
    ) -> Result<T, String> {
        if prepared == NO_CONTEXT {
            return Gate::context(value).map(|c| f(&c));
        }
        match self.prepared.borrow().get(&prepared) {
            Some(p) => Ok(f(p.context())),
            None => Err("invalid context: a prepared context of another engine, or freed".into()),
        }
    }
}

#[wasm_bindgen(js_class = Core)]
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
        Engine::from_json(text)
            .map(Gate::new)
            .map_err(|e| interop::snapshot_error(&e))
    }

    /// The protocol of [`buffer`]: `{ memory, buffer, length, positions,
    /// kinds, contextKeys, recordKeys, attributeKeys, strings, absent,
    /// unknown }`.
    pub fn layout(&self) -> JsValue {
        let o = js_sys::Object::new();
        let set = |k: &str, v: JsValue| js_sys::Reflect::set(&o, &k.into(), &v).is_ok();
        let list = |items: &[&str]| -> js_sys::Array {
            items.iter().map(|s| JsValue::from_str(s)).collect()
        };
        let keys: Vec<&str> = self
            .engine
            .record_keys()
            .iter()
            .map(String::as_str)
            .collect();
        let positions: [(&str, usize); 7] = [
            ("unit", buffer::UNIT),
            ("team", buffer::TEAM),
            ("record", buffer::RECORD),
            ("owner", buffer::OWNER),
            ("recordTeam", buffer::RECORD_TEAM),
            ("recordUnit", buffer::RECORD_UNIT),
            ("attributes", buffer::ATTRIBUTES),
        ];
        let at = js_sys::Object::new();
        for (k, v) in positions {
            let _ = js_sys::Reflect::set(&at, &k.into(), &(v as u32).into());
        }
        let ok = set("memory", wasm_bindgen::memory())
            && set("buffer", (self.buffer.as_ptr() as u32).into())
            && set("length", (self.buffer.len() as u32).into())
            && set("positions", at.into())
            && set("kinds", list(&KINDS).into())
            && set("contextKeys", list(&["unit", "team", "record"]).into())
            && set(
                "recordKeys",
                list(&["owner", "team", "unit", "attributes"]).into(),
            )
            && set("attributeKeys", list(&keys).into())
            && set("strings", self.engine.string_count().into())
            && set("absent", buffer::ABSENT.into())
            && set("unknown", buffer::UNKNOWN.into());
        if ok {
            o.into()
        } else {
            JsValue::NULL
        }
    }

    /// The index of `name` among the things of `kind` (a position in
    /// `layout().kinds`): -1 when there is none such, -2 when `name` is not
    /// a well-formed string.
    pub fn lookup(&self, kind: u32, name: JsValue) -> i32 {
        let Some(s) = interop::name(&name) else {
            return -2;
        };
        let e = &self.engine;
        let found = match kind {
            0 => e.user_index(&s),
            1 => e.permission_index(&s),
            2 => e.unit_index(&s),
            3 => e.team_index(&s),
            4 => e.string_index(&s),
            _ => None,
        };
        found.and_then(|i| i32::try_from(i).ok()).unwrap_or(-1)
    }

    /// The one check by index: `context` is 0 (none), 1 (the context in the
    /// buffer) or a prepared context's id. Out-of-range indexes deny.
    pub fn check(&self, user: u32, permission: u32, context: u32) -> bool {
        let e = &self.engine;
        match context {
            NO_CONTEXT => e.check_ids(user, permission, &ContextIds::EMPTY),
            BUFFER => match self.slots.try_borrow_mut() {
                Ok(mut slots) => {
                    e.check_ids(user, permission, &buffer::read(&self.buffer, &mut slots))
                }
                Err(_) => false,
            },
            id => self
                .prepared
                .borrow()
                .get(&id)
                .is_some_and(|p| e.check(user, permission, p)),
        }
    }

    /// A check by name, with a context of any shape (what the buffer cannot hold).
    #[wasm_bindgen(js_name = checkValue)]
    pub fn check_value(&self, user: JsValue, permission: JsValue, context: JsValue) -> bool {
        let (Some(u), Some(p)) = (name(&user), name(&permission)) else {
            return false;
        };
        Gate::context(&context).is_ok_and(|c| self.engine.can(&u, &p, &c))
    }

    /// The decision with its reason, in data (`code`) and words (`message`).
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(
        &self,
        user: JsValue,
        permission: JsValue,
        context: JsValue,
        prepared: u32,
    ) -> JsValue {
        let answer = match (name(&user), name(&permission)) {
            (None, _) => Explanation::new(
                Code::UnknownUser,
                "unknown user: the id is not a well-formed string".into(),
            ),
            (Some(_), None) => Explanation::new(
                Code::UnknownPermission,
                "unknown permission: the id is not a well-formed string".into(),
            ),
            (Some(u), Some(p)) => self
                .with_context(&context, prepared, |c| self.engine.explain(&u, &p, c))
                .unwrap_or_else(|e| Explanation::new(Code::UnknownContext, e)),
        };
        interop::to_js(&answer)
    }

    /// Every permission `user` holds in a context (or prepared context).
    pub fn permissions(&self, user: JsValue, context: JsValue, prepared: u32) -> Vec<String> {
        let Some(u) = name(&user) else {
            return Vec::new();
        };
        let list = |c: &Context| {
            self.engine
                .permissions(&u, c)
                .into_iter()
                .map(str::to_owned)
                .collect()
        };
        self.with_context(&context, prepared, list)
            .unwrap_or_default()
    }

    /// Every permission user index `user` holds without context, as a
    /// bitset (bit `p % 32` of word `p / 32`).
    #[wasm_bindgen(js_name = permissionMask)]
    pub fn permission_mask(&self, user: u32) -> Vec<u32> {
        self.engine.permission_mask(user)
    }

    /// Prepares a context for many checks; returns its id.
    ///
    /// @throws {TypeError} naming the offending field when `context` is not
    /// a context.
    pub fn prepare(&self, context: JsValue) -> Result<u32, JsValue> {
        let c = Gate::context(&context).map_err(|e| {
            let detail = e.strip_prefix("invalid context: ").unwrap_or(&e);
            let message = format!("expected a context `{{ unit?, team?, record? }}`: {detail}");
            JsValue::from(js_sys::TypeError::new(&message))
        })?;
        let id = NEXT_PREPARED.with(|n| {
            let id = n.get();
            n.set(id.checked_add(1).unwrap_or(2));
            id
        });
        self.prepared
            .borrow_mut()
            .insert(id, self.engine.prepare(&c));
        Ok(id)
    }

    /// Forgets prepared context `id`.
    pub fn release(&self, id: u32) {
        self.prepared.borrow_mut().remove(&id);
    }

    /// May `actor` give `role` to `target` (a user, at a unit or team)?
    #[wasm_bindgen(js_name = canAssign, unchecked_return_type = "Explanation")]
    pub fn can_assign(&self, actor: JsValue, role: JsValue, target: JsValue) -> JsValue {
        let target = interop::json_text(&target)
            .and_then(|t| t.map_or(Ok(AssignTarget::default()), |t| AssignTarget::from_json(&t)));
        let answer = match (name(&actor), name(&role), target) {
            (_, _, Err(e)) => {
                Explanation::new(Code::UnknownContext, format!("invalid target: {e}"))
            }
            (None, _, _) => Explanation::new(
                Code::UnknownUser,
                "unknown user: the id is not a well-formed string".into(),
            ),
            (_, None, _) => Explanation::new(
                Code::UnknownRole,
                "unknown role: the id is not a well-formed string".into(),
            ),
            (Some(a), Some(r), Ok(t)) => self.engine.can_assign(&a, &r, &t),
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

    /// Non-fatal problems of the snapshot, e.g. more seats used than purchased.
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn warnings(&self) -> JsValue {
        interop::to_js(self.engine.warnings())
    }
}
