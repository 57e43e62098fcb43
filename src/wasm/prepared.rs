//! `Prepared`: a context resolved once (`gate.prepare(context)`), so that
//! each check of it crosses into wasm with two integers and a pointer.

use super::interop::{self, ContextArg};
use crate::compile::Engine;
use crate::decide::PreparedContext;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A context prepared by `gate.prepare(context)`: pass it wherever a context
/// goes, to the engine (or its user handles) that prepared it. Its names and
/// record attributes are resolved once; checks of it are the fastest.
#[wasm_bindgen]
pub struct Prepared {
    pub(crate) engine: Rc<Engine>,
    pub(crate) context: PreparedContext,
    original: JsValue,
}

impl Prepared {
    /// Prepares `context` for `engine`; `None` when it is not a context.
    pub fn new(engine: &Rc<Engine>, context: Option<ContextArg>) -> Option<Prepared> {
        let original = context
            .as_ref()
            .map_or(JsValue::UNDEFINED, |c| AsRef::<JsValue>::as_ref(c).clone());
        let data = interop::context(context).ok()?;
        Some(Prepared {
            engine: Rc::clone(engine),
            context: engine.prepare(&data),
            original,
        })
    }

    /// Whether this was prepared by `engine`.
    pub fn belongs_to(&self, engine: &Rc<Engine>) -> bool {
        Rc::ptr_eq(&self.engine, engine)
    }
}

#[wasm_bindgen]
impl Prepared {
    /// The context as it was given.
    #[wasm_bindgen(getter, unchecked_return_type = "Context | undefined")]
    pub fn context(&self) -> JsValue {
        self.original.clone()
    }
}
