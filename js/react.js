// `rolegate/react`: the signed-in user's decisions in a React tree. It takes
// the user's handle as a prop (a `UserGate` of the full engine, a
// `ClientGate` of a slice, or a promise of either) and imports nothing of
// rolegate itself, so it works with either engine and loads no wasm.
//
// It fails closed: until a handle is there (a promise still pending or
// rejected, none given, a server render without one) every check denies and
// every explanation says why with a code of its own (`loading`,
// `unavailable`). Replacing the handle (another user, a snapshot or slice
// loaded again) re-renders every consumer with the new decisions.
import {
  Fragment,
  cloneElement,
  createContext,
  createElement,
  isValidElement,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';

/**
 * @typedef {import('./rolegate.js').Context} Context
 * @typedef {import('./rolegate.js').Explanation} Explanation
 * @typedef {import('./instance.js').Prepared} Prepared
 */

/**
 * What the binding asks of a user's handle: `gate.user(id)` of `rolegate`
 * or `loadSlice(bytes)` of `rolegate/client`.
 * @typedef {object} RolegateUser
 * @property {string} id
 * @property {(permission: string, context?: Context | Prepared | null) => boolean} can
 * @property {(permission: string, context?: Context | Prepared | null, options?: { locale?: 'en' | 'fr' }) => Explanation} explain
 * @property {(context?: Context | Prepared | null) => string[]} permissions
 */

/**
 * An explanation of the binding's own, while there is no handle to ask.
 * @typedef {{ allowed: false, code: 'loading' | 'unavailable', message: string }} ClosedExplanation
 */

/**
 * What the provider gives its tree.
 * @typedef {object} RolegateState
 * @property {RolegateUser | null} user The handle decisions come from (`null`: closed).
 * @property {boolean} ready Whether there is one.
 * @property {unknown} error Why there is none, when loading it failed (else `undefined`).
 */

/** No handle yet: a promise pending, none given, or a server render without one. */
const LOADING = Object.freeze({ allowed: false, code: 'loading', message: 'permissions are loading' });
/** No handle ever: its promise rejected, or it threw (freed, say). */
const UNAVAILABLE = Object.freeze({ allowed: false, code: 'unavailable', message: 'permissions are unavailable' });

/** @type {RolegateState} */
const CLOSED = Object.freeze({ user: null, ready: false, error: undefined });

// The default value is the closed state: a hook outside any provider denies.
const RolegateContext = createContext(CLOSED);
RolegateContext.displayName = 'Rolegate';

/** @param {unknown} value @returns {value is PromiseLike<unknown>} */
function isThenable(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function')
    && typeof (/** @type {any} */ (value).then) === 'function';
}

/** A settled promise of a handle: which promise, and what it gave. */
/** @typedef {{ promise: PromiseLike<RolegateUser | null | undefined>, user: RolegateUser | null, error: unknown }} Settled */

/**
 * Gives its tree the decisions of one user: `user`, a ready handle
 * (`gate.user(id)`, `await loadSlice(bytes)`) or a promise of one; or
 * `gate` and `userId`, for which it makes the handle itself (and leaves it
 * to the garbage collector; pass `user` to manage its lifetime). It never
 * frees what it is given.
 *
 * Until there is a handle, everything below denies: while the promise is
 * pending (code `loading`), after it rejects (code `unavailable`, the error
 * in `useRolegate().error`), and on the server, where a promise never
 * settles during the render: only a ready handle given there is used. A new
 * `user`, `gate` or `userId` re-renders every consumer; a new promise
 * closes them again until it settles (await it and pass the handle to swap
 * without closing). Keep a promise the same object across renders (state,
 * `useMemo`): each new one starts closed.
 * @param {object} props
 * @param {RolegateUser | PromiseLike<RolegateUser | null | undefined> | null} [props.user]
 * @param {{ user(id: string): RolegateUser } | null} [props.gate] a `Rolegate`
 * @param {string | null} [props.userId] the user of `gate`
 * @param {import('react').ReactNode} [props.children]
 */
export function RolegateProvider({ user, gate, userId, children }) {
  const pending = isThenable(user) ? /** @type {PromiseLike<RolegateUser | null | undefined>} */ (user) : undefined;
  /** @type {[Settled | undefined, (s: Settled) => void]} */
  const [settled, setSettled] = useState(/** @type {Settled | undefined} */ (undefined));

  useEffect(() => {
    if (!pending) {
      // No promise now: forget the last one's handle (it holds its engine).
      setSettled(undefined);
      return undefined;
    }
    let current = true;
    pending.then(
      (handle) => current && setSettled({ promise: pending, user: handle ?? null, error: undefined }),
      (error) => current && setSettled({ promise: pending, user: null, error: error ?? new Error('rolegate/react: the user\'s handle was rejected') }),
    );
    // A replaced (or unmounted) promise that settles later is ignored.
    return () => {
      current = false;
    };
  }, [pending]);

  // Only the settlement of this very promise opens (not an earlier one's).
  const outcome = pending && settled?.promise === pending ? settled : undefined;
  const fromGate = gate !== undefined && gate !== null;
  const state = useMemo(() => {
    if (fromGate) {
      if (typeof userId !== 'string') return CLOSED;
      try {
        return open(gate.user(userId));
      } catch (error) {
        // a freed gate
        return { user: null, ready: false, error };
      }
    }
    if (pending) {
      if (!outcome) return CLOSED;
      return outcome.error === undefined ? open(outcome.user) : { user: null, ready: false, error: outcome.error };
    }
    return open(/** @type {RolegateUser | null | undefined} */ (user));
  }, [fromGate, gate, userId, pending, outcome, user]);

  return createElement(RolegateContext.Provider, { value: state }, children);
}

/** @param {RolegateUser | null | undefined} user @returns {RolegateState} */
function open(user) {
  return user ? { user, ready: true, error: undefined } : CLOSED;
}

/**
 * The provider's state: the handle (`null` while closed), whether it is
 * there, and the error when loading it failed.
 * @returns {RolegateState}
 */
export function useRolegate() {
  return useContext(RolegateContext);
}

/** Whether `state`'s user may do `permission`; `false` while closed or if the handle throws. */
function canOf(state, permission, context) {
  if (!state.user) return false;
  try {
    return state.user.can(permission, context) === true;
  } catch {
    // a freed handle, or an object that is not one: deny
    return false;
  }
}

/**
 * The explanation of `state`'s user for `permission`, or the closed one.
 * @returns {Explanation | ClosedExplanation}
 */
function explainOf(state, permission, context, options) {
  if (!state.user) return state.error === undefined ? LOADING : UNAVAILABLE;
  try {
    const e = state.user.explain(permission, context, options);
    return e && typeof e === 'object' ? e : UNAVAILABLE;
  } catch {
    return UNAVAILABLE;
  }
}

/**
 * May the signed-in user do `permission` (in `context`)? `false` while the
 * provider is closed (and outside any provider).
 * @param {string} permission
 * @param {Context | Prepared | null} [context]
 * @returns {boolean}
 */
export function useCan(permission, context) {
  return canOf(useContext(RolegateContext), permission, context);
}

/**
 * The decision with its reason (`allowed`, `code`, `message`, ...), as the
 * handle's `explain`; while closed, `{ allowed: false, code: 'loading' }`
 * (no handle yet) or `code: 'unavailable'` (loading it failed).
 * @param {string} permission
 * @param {Context | Prepared | null} [context]
 * @param {{ locale?: 'en' | 'fr' }} [options] the language of `message`
 * @returns {Explanation | ClosedExplanation}
 */
export function useExplain(permission, context, options) {
  return explainOf(useContext(RolegateContext), permission, context, options);
}

/**
 * Gates its children on `permission` (in `context`).
 *
 * - `mode="hide"` (default): the children when allowed, else `fallback`
 *   (default: nothing).
 * - `mode="disable"`: the children always; when denied, each child element
 *   gets `disabled`, `aria-disabled="true"`, the reason as its `title` and
 *   `data-can-state="disabled"` (as `rolegate/dom` does), so it should be a
 *   button, input, fieldset or a component taking those props.
 * - a function as the child is called with `(allowed, explanation)` and
 *   renders what it returns (`mode` and `fallback` do not apply).
 * @param {object} props
 * @param {string} props.permission
 * @param {Context | Prepared | null} [props.context]
 * @param {'hide' | 'disable'} [props.mode]
 * @param {import('react').ReactNode} [props.fallback]
 * @param {import('react').ReactNode | ((allowed: boolean, explanation: Explanation | ClosedExplanation) => import('react').ReactNode)} [props.children]
 * @returns {import('react').ReactNode}
 */
export function Can({ permission, context, mode = 'hide', fallback = null, children }) {
  const state = useContext(RolegateContext);
  const allowed = canOf(state, permission, context);
  if (typeof children === 'function') return children(allowed, explainOf(state, permission, context));
  if (allowed) return children ?? null;
  if (mode !== 'disable') return fallback;
  // Only a denied element needs the reason (an `explain` is a wasm call).
  const { message } = explainOf(state, permission, context);
  return disabled(children, { disabled: true, 'aria-disabled': 'true', title: message, 'data-can-state': 'disabled' });
}

/**
 * `node` with `props` on each element: clones in the same places, keys
 * kept, so a child keeps its state when the decision changes.
 * @param {import('react').ReactNode} node
 * @param {object} props
 * @returns {import('react').ReactNode}
 */
function disabled(node, props) {
  // Several children: as arguments of a fragment, as JSX passed them (no
  // key warnings); a list among them stays a list, its keys kept.
  const each = (child) => (isValidElement(child) ? cloneElement(child, props) : Array.isArray(child) ? child.map(each) : child);
  return Array.isArray(node) ? createElement(Fragment, null, ...node.map(each)) : each(node ?? null);
}
