// `rolegate/dom`: gates the elements of a page for the signed-in user.

/**
 * @typedef {object} GateOptions
 * @property {'hide' | 'disable'} [mode] What to do with a denied element
 *   without `data-can-mode` (default `hide`).
 * @property {import('./rolegate.js').Context} [context] The context of
 *   elements that give none of their own (`data-can-unit` and friends).
 * @property {boolean} [observe] Also gate elements added or changed later
 *   (a `MutationObserver`), until `stop()`.
 */

/**
 * @typedef {object} GateCounts
 * @property {number} allowed Elements left usable.
 * @property {number} hidden Elements hidden.
 * @property {number} disabled Elements disabled, each with the reason as its title.
 */

/**
 * @typedef {GateCounts & { update(user?: Pick<import('./gate.js').UserGate, 'can' | 'explain'>, options?: GateOptions): GateHandle, stop(): void }} GateHandle
 */

/** The element's own context from its `data-can-*` attributes, else `fallback`. */
function contextOf(el, fallback) {
  const d = el.dataset;
  const hasRecord = d.canOwner !== undefined || d.canRecordTeam !== undefined || d.canRecordUnit !== undefined
    || d.canAttributes !== undefined;
  if (d.canUnit === undefined && d.canTeam === undefined && !hasRecord) return fallback;
  /** @type {import('./rolegate.js').Context} */
  const context = {};
  if (d.canUnit !== undefined) context.unit = d.canUnit;
  if (d.canTeam !== undefined) context.team = d.canTeam;
  if (hasRecord) {
    // rolegate's own record shape, whatever `record` option the gate has.
    context.record = { [Symbol.for('rolegate.record')]: true };
    if (d.canOwner !== undefined) context.record.owner = d.canOwner;
    if (d.canRecordTeam !== undefined) context.record.team = d.canRecordTeam;
    if (d.canRecordUnit !== undefined) context.record.unit = d.canRecordUnit;
    if (d.canAttributes !== undefined) context.record.attributes = attributesOf(d.canAttributes);
  }
  return context;
}

/**
 * The record attributes of `data-can-attributes` (a JSON object), as
 * parsed; text that is not JSON stays text. The engine decides what it
 * accepts: anything but an object of attribute values denies the element.
 */
function attributesOf(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Undoes what a previous `applyGates` did to `el` (the user may have changed). */
function reset(el) {
  const state = el.dataset.canState;
  if (state === 'hidden') {
    el.hidden = false;
    el.style.removeProperty('display');
    if (el.dataset.canDisplay) el.style.display = el.dataset.canDisplay;
    delete el.dataset.canDisplay;
  }
  if (state === 'disabled') {
    if ('disabled' in el) /** @type {HTMLButtonElement} */ (el).disabled = false;
    el.removeAttribute('aria-disabled');
    el.removeAttribute('title');
  }
}

/**
 * The style that keeps the page closed until it is gated: an element marked
 * `data-can` stays hidden until `applyGates` has decided it (and gave it a
 * `data-can-state`), so a button is never usable while the wasm loads, nor
 * if it fails to. Put it in the page's CSS (it is `rolegate/dom.css` too),
 * or call `installFailClosedStyle(document)` before the first paint.
 */
export const FAIL_CLOSED_CSS = '[data-can]:not([data-can-state]) { display: none !important; }';

/**
 * Adds `FAIL_CLOSED_CSS` to `doc` (once).
 * @param {Document} doc
 */
export function installFailClosedStyle(doc) {
  if (doc.querySelector('style[data-rolegate]')) return;
  const style = doc.createElement('style');
  style.dataset.rolegate = '';
  style.textContent = FAIL_CLOSED_CSS;
  (doc.head ?? doc.documentElement).append(style);
}

/** The attributes that say what an element is gated by. */
const GATE_ATTRIBUTES = ['data-can', 'data-can-mode', 'data-can-unit', 'data-can-team', 'data-can-owner', 'data-can-record-team', 'data-can-record-unit', 'data-can-attributes'];

/**
 * Gates one element: `allowed`, `hidden` or `disabled` (its `data-can-state`).
 * @param {HTMLElement} el
 * @param {Pick<import('./gate.js').UserGate, 'can' | 'explain'>} user
 * @param {GateOptions} options
 * @returns {'allowed' | 'hidden' | 'disabled'}
 */
function gate(el, user, options) {
  reset(el);
  const permission = el.dataset.can ?? '';
  const context = contextOf(el, options.context);
  let allowed = false;
  try {
    allowed = user.can(permission, context) === true;
  } catch {
    // a user object that throws denies
  }
  if (allowed) {
    el.dataset.canState = 'allowed';
  } else if ((el.dataset.canMode ?? options.mode) === 'disable') {
    if ('disabled' in el) /** @type {HTMLButtonElement} */ (el).disabled = true;
    el.setAttribute('aria-disabled', 'true');
    let reason = '';
    try {
      reason = user.explain(permission, context).message;
    } catch {
      // no reason to show
    }
    el.title = reason;
    el.dataset.canState = 'disabled';
  } else {
    // `hidden` alone loses to author CSS such as `button { display: block }`.
    el.hidden = true;
    if (el.style.display) el.dataset.canDisplay = el.style.display;
    el.style.setProperty('display', 'none', 'important');
    el.dataset.canState = 'hidden';
  }
  return el.dataset.canState;
}

/** The elements marked `data-can` in `root`, `root` itself included. */
function marked(root) {
  const found = [...root.querySelectorAll('[data-can]')];
  if (root instanceof HTMLElement && root.hasAttribute('data-can')) found.unshift(root);
  return found.filter((el) => el instanceof HTMLElement);
}

/**
 * Hides or disables every element under `root` marked `data-can="permission"`
 * that `user` may not use. Per element: `data-can-mode="hide|disable"`, and a
 * context from `data-can-unit`, `data-can-team`, `data-can-owner`,
 * `data-can-record-team`, `data-can-record-unit` and `data-can-attributes`
 * (the record's attributes as a JSON object). A disabled element gets the
 * `explain` message as its title; every gated element gets `data-can-state`
 * (`allowed`, `hidden` or `disabled`). Calling it again (another user,
 * another unit) first undoes its previous changes.
 *
 * With `{ observe: true }` it also gates elements added (or whose `data-can*`
 * attributes change) later, until `stop()` of what it returns; `update(user,
 * options)` gates everything again, for another user or context.
 * @param {ParentNode} root
 * @param {Pick<import('./gate.js').UserGate, 'can' | 'explain'>} user
 * @param {GateOptions} [options]
 * @returns {GateHandle}
 */
export function applyGates(root, user, options = {}) {
  let current = { user, options };
  /** @type {MutationObserver | undefined} */
  let observer;
  const handle = {
    allowed: 0,
    hidden: 0,
    disabled: 0,
    update(nextUser = current.user, nextOptions = current.options) {
      current = { user: nextUser, options: nextOptions };
      handle.allowed = handle.hidden = handle.disabled = 0;
      for (const el of marked(root)) handle[gate(el, current.user, current.options)]++;
      return handle;
    },
    stop() {
      observer?.disconnect();
      observer = undefined;
    },
  };
  handle.update();
  if (options.observe && typeof MutationObserver === 'function') {
    observer = new MutationObserver((records) => {
      const seen = new Set();
      for (const r of records) {
        const changed = r.type === 'attributes' ? [r.target] : [...r.addedNodes];
        for (const node of changed) {
          if (!(node instanceof HTMLElement)) continue;
          for (const el of r.type === 'attributes' ? [node].filter((n) => n.hasAttribute('data-can')) : marked(node)) {
            if (seen.has(el)) continue;
            seen.add(el);
            handle[gate(el, current.user, current.options)]++;
          }
        }
      }
    });
    observer.observe(/** @type {Node} */ (root), { childList: true, subtree: true, attributes: true, attributeFilter: GATE_ATTRIBUTES });
  }
  return handle;
}
