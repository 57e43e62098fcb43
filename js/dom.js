// `rolegate/dom`: gates the elements of a page for the signed-in user.

/**
 * @typedef {object} GateOptions
 * @property {'hide' | 'disable'} [mode] What to do with a denied element
 *   without `data-can-mode` (default `hide`).
 * @property {import('./rolegate.js').Context} [context] The context of
 *   elements that give none of their own (`data-can-unit` and friends).
 */

/**
 * @typedef {object} GateCounts
 * @property {number} allowed Elements left usable.
 * @property {number} hidden Elements hidden.
 * @property {number} disabled Elements disabled, each with the reason as its title.
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
    context.record = {};
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
 * Hides or disables every element under `root` marked `data-can="permission"`
 * that `user` may not use. Per element: `data-can-mode="hide|disable"`, and a
 * context from `data-can-unit`, `data-can-team`, `data-can-owner`,
 * `data-can-record-team`, `data-can-record-unit` and `data-can-attributes`
 * (the record's attributes as a JSON object). A disabled element gets the
 * `explain` message as its title. Calling it again (another user, another
 * unit) first undoes its previous changes.
 * @param {ParentNode} root
 * @param {Pick<import('./gate.js').UserGate, 'can' | 'explain'>} user
 * @param {GateOptions} [options]
 * @returns {GateCounts}
 */
export function applyGates(root, user, options = {}) {
  const counts = { allowed: 0, hidden: 0, disabled: 0 };
  for (const el of root.querySelectorAll('[data-can]')) {
    if (!(el instanceof HTMLElement)) continue;
    reset(el);
    const permission = el.dataset.can ?? '';
    const context = contextOf(el, options.context);
    if (user.can(permission, context)) {
      el.dataset.canState = 'allowed';
      counts.allowed++;
    } else if ((el.dataset.canMode ?? options.mode) === 'disable') {
      if ('disabled' in el) /** @type {HTMLButtonElement} */ (el).disabled = true;
      el.setAttribute('aria-disabled', 'true');
      el.title = user.explain(permission, context).message;
      el.dataset.canState = 'disabled';
      counts.disabled++;
    } else {
      // `hidden` alone loses to author CSS such as `button { display: block }`.
      el.hidden = true;
      if (el.style.display) el.dataset.canDisplay = el.style.display;
      el.style.setProperty('display', 'none', 'important');
      el.dataset.canState = 'hidden';
      counts.hidden++;
    }
  }
  return counts;
}
