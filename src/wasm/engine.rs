//! `Core`: a compiled snapshot, asked from JS through the package's
//! `Rolegate` class (`js/gate.js`).

use super::interop::{self, id, to_js};
use crate::compile::condition::Slot;
use crate::compile::Engine;
use crate::decide::encoded::{self, ABSENT};
use crate::decide::resolve::ContextIds;
#[cfg(not(feature = "client"))]
use crate::decide::{AssignTarget, Filter};
use crate::decide::{Code, Context, Explanation, PreparedStore};
use crate::messages::Locale;
#[cfg(feature = "client")]
use crate::slice::ClientGate;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;

/// A JS value a method returns: always `Ok`.
///
/// A `Result` crosses to JS as three wasm results, a bare `JsValue` as one
/// externref. Node 20's V8 inlines a JS call of a wasm export with at most
/// one result, and when it then deoptimizes the calling function lazily
/// during that call (after a collection, or when a map it assumed changes)
/// it cannot rebuild an externref result: the process aborts ("Fatal error
/// ... unreachable code", in `Deoptimizer::DoComputeBuiltinContinuation`).
/// V8 does not inline a call with more than one result, so no method
/// returns a bare `JsValue` (`tests/node/deopt.test.mjs` checks both wasm
/// files, and runs the package under forced deoptimization).
type Value = Result<JsValue, JsValue>;

/// The `context` argument of [`Gate::check`] for no context (`BUFFER`: the buffer's).
const NO_CONTEXT: u32 = 0;
const BUFFER: u32 = 1;

/// A loaded snapshot (or, in the client build, one user's slice) for the
/// JS layer. Decisions never throw: any argument that is not what it should
/// be denies, with a code saying so.
#[wasm_bindgen(js_name = Core)]
pub struct Gate {
    engine: Engine,
    /// A slice's user (index and id); `None` for a full engine.
    #[cfg_attr(not(feature = "client"), allow(dead_code))]
    user: Option<(u32, String)>,
    /// The context buffer (fixed length: JS views it until memory grows).
    buffer: Box<[Cell<f64>]>,
    /// Scratch for the record attributes read from the buffer.
    slots: RefCell<Vec<Slot>>,
    /// Prepared contexts by id; ids are unique across engines.
    prepared: RefCell<PreparedStore>,
}

impl Gate {
    fn new(engine: Engine) -> Gate {
        Gate {
            buffer: vec![Cell::new(ABSENT); engine.layout().length()].into_boxed_slice(),
            slots: RefCell::new(vec![Slot::Absent; engine.record_keys().len()]),
            prepared: RefCell::default(),
            user: None,
            engine,
        }
    }

    /// A context argument (an object, or `undefined` / `null`) as a
    /// [`Context`]; the error says what is wrong and where.
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    fn context(value: &JsValue) -> Result<Context, String> {
        interop::read(value, Context::from_document).map_err(|e| format!("invalid context: {e}"))
    }

    /// Runs `f` with the context of `v`, or of prepared context `id` when it
    /// is not 0; `Err` when there is none such.
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    fn with_context<T>(
        &self,
        v: &JsValue,
        id: u32,
        f: impl FnOnce(&Context) -> T,
    ) -> Result<T, String> {
        if id == NO_CONTEXT {
            return Gate::context(v).map(|c| f(&c));
        }
        match self.prepared.borrow().get(id) {
            Some(p) => Ok(f(p.context())),
            None => Err("invalid context: a prepared context of another engine, or freed".into()),
        }
    }
}

/// The full engine's own methods: loading, slicing and the admin views.
#[cfg(not(feature = "client"))]
#[wasm_bindgen(js_class = Core)]
impl Gate {
    /// Loads a snapshot object `{ model, org }`.
    ///
    /// @throws {SnapshotError} with every problem of the snapshot.
    pub fn load(snapshot: JsValue) -> Result<Gate, JsValue> {
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

    /// User `user`'s slice (see `Engine::slice`).
    ///
    /// @throws {SliceError} when the snapshot has no such user.
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn slice(&self, user: JsValue) -> Result<Vec<u8>, JsValue> {
        let id = interop::id(&user);
        self.engine.slice(&id).map_err(|e| interop::slice_error(&e))
    }

    /// May `actor` give `role` to `target` (a user, at a unit or team)?
    #[wasm_bindgen(js_name = canAssign, unchecked_return_type = "Explanation")]
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn can_assign(&self, actor: JsValue, role: JsValue, target: JsValue) -> Value {
        let target = interop::read(&target, AssignTarget::from_document);
        let answer = match target {
            Ok(t) => self.engine.can_assign(&id(&actor), &id(&role), &t),
            Err(e) => Explanation::new(Code::UnknownContext, format!("invalid target: {e}")),
        };
        Ok(to_js(&answer))
    }

    /// What changes between two snapshots of an org (see `Engine::diff`).
    #[wasm_bindgen(unchecked_return_type = "Diff")]
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn diff(before: &Gate, after: &Gate) -> Value {
        Ok(to_js(&Engine::diff(&before.engine, &after.engine)))
    }

    /// Which records `user` may do `permission` on in `context` (its unit
    /// and team; a record in it is ignored): the filter's JSON as a plain
    /// value (`false` for a context that is not one).
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn filter(&self, user: JsValue, permission: JsValue, context: JsValue) -> Value {
        let f =
            Gate::context(&context).map(|c| self.engine.filter(&id(&user), &id(&permission), &c));
        Ok(to_js(&f.unwrap_or(Filter::False)))
    }

    /// Seats of each type: used vs purchased, with their holders.
    #[wasm_bindgen(unchecked_return_type = "SeatUsage[]")]
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn seats(&self) -> Value {
        Ok(to_js(&self.engine.seats()))
    }

    /// The role x permission matrix, for an admin screen.
    #[wasm_bindgen(unchecked_return_type = "Matrix")]
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn matrix(&self) -> Value {
        Ok(to_js(&self.engine.matrix()))
    }

    /// Non-fatal problems of the snapshot, e.g. more seats used than purchased.
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn warnings(&self) -> Value {
        Ok(to_js(self.engine.warnings()))
    }
}

/// The client build's own methods: a slice and its user.
#[cfg(feature = "client")]
#[wasm_bindgen(js_class = Core)]
impl Gate {
    /// Reads a slice image (see `ClientGate::from_bytes`).
    ///
    /// @throws {SliceError} when the bytes are not a slice this build reads.
    #[wasm_bindgen(js_name = fromSlice)]
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn from_slice(bytes: &[u8]) -> Result<Gate, JsValue> {
        let client = ClientGate::from_bytes(bytes).map_err(|e| interop::slice_error(&e))?;
        let (engine, user, id) = client.into_parts();
        let mut gate = Gate::new(engine);
        gate.user = Some((user, id));
        Ok(gate)
    }

    /// The slice's user: their index, for `check`.
    #[wasm_bindgen(js_name = sliceUser)]
    pub fn slice_user(&self) -> u32 {
        self.user.as_ref().map_or(crate::index::NONE, |u| u.0)
    }

    /// The slice's user: their id.
    #[wasm_bindgen(js_name = sliceId)]
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn slice_id(&self) -> String {
        self.user.as_ref().map(|u| u.1.clone()).unwrap_or_default()
    }
}

/// What both builds answer: decisions, by index or by name.
#[wasm_bindgen(js_class = Core)]
impl Gate {
    /// The fingerprint of the snapshot (16 hex digits).
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn fingerprint(&self) -> String {
        format!("{:016x}", self.engine.fingerprint())
    }

    /// The context buffer's layout (`crate::decide::encoded`), with the wasm
    /// `memory` and the buffer's byte offset in it (`buffer`).
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn layout(&self) -> Value {
        let layout = to_js(&self.engine.layout());
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&layout, &"memory".into(), &wasm_bindgen::memory());
        let at = JsValue::from(self.buffer.as_ptr() as u32);
        let _ = js_sys::Reflect::set(&layout, &"buffer".into(), &at);
        // A slice's few names, whole: its JS layer resolves them itself.
        #[cfg(feature = "client")]
        let _ = js_sys::Reflect::set(
            &layout,
            &"tables".into(),
            &to_js(&self.engine.name_tables()),
        );
        Ok(layout)
    }

    /// The index of `name` among the things of `kind` (a position in
    /// `layout().kinds`): -1 when there is none such, -2 when `name` is not
    /// a well-formed string.
    pub fn lookup(&self, kind: u32, name: JsValue) -> i32 {
        let Some(s) = interop::name(&name) else {
            return -2;
        };
        let found = self.engine.lookup(kind, &s);
        found.and_then(|i| i32::try_from(i).ok()).unwrap_or(-1)
    }

    /// The one check by index: `context` is 0 (none), 1 (the context in the
    /// buffer) or a prepared context's id. Out-of-range indexes deny.
    pub fn check(&self, user: u32, permission: u32, context: u32) -> bool {
        let e = &self.engine;
        match context {
            NO_CONTEXT => e.check_ids(user, permission, &ContextIds::EMPTY),
            BUFFER => self.slots.try_borrow_mut().is_ok_and(|mut slots| {
                e.check_ids(user, permission, &encoded::read(&self.buffer, &mut slots))
            }),
            id => self
                .prepared
                .borrow()
                .get(id)
                .is_some_and(|p| e.check(user, permission, p)),
        }
    }

    /// A check by name, with a context of any shape (what the buffer cannot hold).
    #[wasm_bindgen(js_name = checkValue)]
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn check_value(&self, user: JsValue, permission: JsValue, context: JsValue) -> bool {
        let (u, p) = (id(&user), id(&permission));
        Gate::context(&context).is_ok_and(|c| self.engine.can(&u, &p, &c))
    }

    /// The decision with its reason, in data (`code`) and words (`message`),
    /// in the model's locale or in `locale` (`"en"`, `"fr"`; anything else:
    /// the model's).
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn explain(
        &self,
        user: JsValue,
        perm: JsValue,
        ctx: JsValue,
        prepared: u32,
        locale: JsValue,
    ) -> Value {
        let (u, p) = (id(&user), id(&perm));
        let locale = locale.as_string().and_then(|l| Locale::parse(&l));
        let answer = self.with_context(&ctx, prepared, |c| match locale {
            Some(l) => self.engine.explain_in(l, &u, &p, c),
            None => self.engine.explain(&u, &p, c),
        });
        Ok(to_js(&answer.unwrap_or_else(|e| {
            Explanation::new(Code::UnknownContext, e)
        })))
    }

    /// Every permission `user` holds in a context (or prepared context).
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn permissions(&self, user: JsValue, context: JsValue, prepared: u32) -> Vec<String> {
        let u = id(&user);
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

    /// The permissions user index `user` holds without context, as bits.
    #[wasm_bindgen(js_name = permissionMask)]
    pub fn permission_mask(&self, user: u32) -> Vec<u32> {
        self.engine.permission_mask(user)
    }

    /// Prepares a context for many checks; returns its id.
    ///
    /// @throws {TypeError} naming the offending field when `context` is not
    /// a context.
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn prepare(&self, context: JsValue) -> Result<u32, JsValue> {
        let c = Gate::context(&context).map_err(|e| {
            let detail = e.strip_prefix("invalid context: ").unwrap_or(&e);
            let message = format!("expected a context `{{ unit?, team?, record? }}`: {detail}");
            JsValue::from(js_sys::TypeError::new(&message))
        })?;
        Ok(self.prepared.borrow_mut().insert(self.engine.prepare(&c)))
    }

    /// Forgets prepared context `id`.
    #[cfg_attr(rolegate_size, optimize(size), inline(never))]
    pub fn release(&self, id: u32) {
        self.prepared.borrow_mut().remove(id);
    }
}
