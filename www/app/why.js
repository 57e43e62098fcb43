// The "why?" panel: the full explanation of one decision, the elements the
// signed-in user cannot see here, and everything they may do here.

import { esc, rich, avatar } from './html.js';

/**
 * The permission, denied mode and check context of an element gated by the
 * package's `applyGates`, read from its `data-can-*` attributes as
 * `applyGates` reads them (the demo passes it no default mode or context).
 */
export function gateOf(el) {
  const d = el.dataset;
  const ctx = {};
  if (d.canUnit !== undefined) ctx.unit = d.canUnit;
  if (d.canTeam !== undefined) ctx.team = d.canTeam;
  const record = {};
  if (d.canOwner !== undefined) record.owner = d.canOwner;
  if (d.canRecordTeam !== undefined) record.team = d.canRecordTeam;
  if (d.canRecordUnit !== undefined) record.unit = d.canRecordUnit;
  if (d.canAttributes !== undefined) record.attributes = JSON.parse(d.canAttributes); // written by html.js's can()
  if (Object.keys(record).length) ctx.record = record;
  return { permission: d.can ?? '', mode: d.canMode ?? 'hide', ctx };
}

/** Identifies a decision (permission + context) across re-renders. */
export function whyKey(why) {
  return `${why.permission}|${JSON.stringify(why.ctx)}`;
}

function contextWords(ctx, view) {
  const parts = [];
  if (ctx.unit) parts.push(`at <strong>${esc(view.unitLabel(ctx.unit))}</strong>`);
  if (ctx.team) parts.push(`for team <strong>${esc(view.teamLabel(ctx.team))}</strong>`);
  const r = ctx.record;
  if (r) {
    const bits = [];
    if (r.owner) bits.push(`owned by <strong>${esc(view.userName(r.owner))}</strong>`);
    if (r.team) bits.push(`of team <strong>${esc(view.teamLabel(r.team))}</strong>`);
    for (const [k, v] of Object.entries(r.attributes ?? {})) bits.push(`${esc(k)} = <code>${esc(JSON.stringify(v))}</code>`);
    parts.push(`on a record ${bits.join(', ')}`);
  }
  return parts.length ? parts.join(' ') : 'no context (org-wide)';
}

/** A JS call as a developer would write it, for the code sample. */
function callText(permission, ctx) {
  const args = [JSON.stringify(permission)];
  if (Object.keys(ctx).length) args.push(JSON.stringify(ctx).replace(/"(\w+)":/g, '$1: ').replace(/,/g, ', '));
  return `user.explain(${args.join(', ')})`;
}

const CODES = {
  granted: 'A role, toggle or direct grant allows it here.',
  no_grant: 'Nothing this user holds grants it here.',
  out_of_scope: 'Granted, but not on this record (its owner or team is out of the grant\'s scope).',
  restricted: 'A restriction denies it whatever the grants, admins included.',
  needs_seat: 'It is bound to a paid seat this user does not hold.',
  plan_lacks_feature: 'The organisation\'s plan does not include the feature it needs.',
  condition_failed: 'Granted only under a condition that does not hold.',
  unknown_user: 'No such user in this organisation.',
  unknown_permission: 'The model declares no such permission.',
  unknown_context: 'The context names a unit, team or owner that does not exist.',
};

function factRows(ex, view) {
  const rows = [];
  if (ex.role) rows.push(['Role', esc(view.roleLabel(ex.role))]);
  if (ex.wouldBeGrantedBy) rows.push(['Would be granted by', esc(view.roleLabel(ex.wouldBeGrantedBy))]);
  if (ex.unit) rows.push(['Held at', esc(view.unitLabel(ex.unit))]);
  if (ex.team) rows.push(['Team', esc(view.teamLabel(ex.team))]);
  if (ex.toggle) rows.push(['Toggle', esc(view.toggleLabel(ex.toggle))]);
  if (ex.restriction) rows.push(['Restriction', `<code>${esc(ex.restriction)}</code>`]);
  if (ex.seat) rows.push(['Seat', esc(view.seatLabel(ex.seat))]);
  if (ex.feature) rows.push(['Plan feature', esc(view.featureLabel(ex.feature))]);
  return rows;
}

function renderDecision(why, handle, view, userId) {
  const ex = handle.explain(why.permission, why.ctx);
  const status = ex.allowed ? 'allowed' : why.mode === 'hide' ? 'hidden' : why.mode === 'disable' ? 'disabled' : 'denied';
  const statusText = { allowed: 'Allowed', hidden: 'Hidden', disabled: 'Disabled', denied: 'Denied' }[status];
  const how = ex.allowed
    ? 'shown and enabled'
    : why.mode === 'hide'
      ? 'hidden: this user must not see it'
      : why.mode === 'disable'
        ? 'disabled, with the reason as its tooltip'
        : 'denied';
  const rows = [
    ['Element', `${why.label ? `“${esc(why.label)}”` : '—'} <span class="muted">· ${how}</span>`],
    ['Permission', `${esc(view.permissionLabel(why.permission))} <code>${esc(why.permission)}</code>`],
    ['Signed in as', `${esc(view.userName(userId))}`],
    ['Asked', contextWords(why.ctx, view)],
    ['Decision', `<code class="code-${ex.allowed ? 'ok' : 'no'}">${esc(ex.code)}</code> <span class="muted">${esc(CODES[ex.code] ?? '')}</span>`],
    ...factRows(ex, view),
  ];
  return `
    <div class="verdict verdict-${status}" data-why-status="${status}">
      <span class="verdict-badge">${statusText}</span>
      <p class="verdict-message" id="why-message">${rich(ex.message)}</p>
    </div>
    <dl class="facts-list">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
    <details class="code-sample">
      <summary>The same question in code</summary>
      <pre><code>${esc(callText(why.permission, why.ctx))}\n// → ${esc(JSON.stringify(ex, null, 1).replace(/\n\s*/g, ' '))}</code></pre>
    </details>`;
}

/** The whole panel. */
export function renderWhy({ why, handle, view, userId, hidden, allCtx }) {
  const first = view.firstName(userId);
  const head = `<div class="why-head"><h2 class="card-title">Why?</h2>${avatar(view.userName(userId), 'avatar-sm')}</div>`;
  const body = why
    ? renderDecision(why, handle, view, userId)
    : `<div class="why-empty">
         <p><strong>Click any menu, tab or button</strong> in the product screen, enabled or not, to see why ${esc(first)} may or may not use it.</p>
         <p class="muted">Disabled elements also carry the reason as a tooltip: hover one.</p>
       </div>`;
  const hiddenList = hidden.length
    ? `<ul class="hidden-list">${hidden
        .map((h, i) => `<li><button type="button" class="chip chip-hidden" data-why-hidden="${i}" title="${esc(view.permissionLabel(h.permission))}">${esc(h.label || h.permission)}</button></li>`)
        .join('')}</ul>`
    : '<p class="muted small">Nothing on this screen is hidden from them.</p>';
  const all = (view.model.permissions ?? []).map((p) => p.id);
  const mine = new Set(handle.permissions(allCtx));
  const granted = all.filter((p) => mine.has(p)).length;
  const list = all
    .map((p) => `<li><button type="button" class="perm-row ${mine.has(p) ? 'is-yes' : 'is-no'}" data-why-permission="${esc(p)}"><span class="perm-mark" aria-hidden="true">${mine.has(p) ? '✓' : '×'}</span><span class="perm-label">${esc(view.permissionLabel(p))}</span><code>${esc(p)}</code></button></li>`)
    .join('');
  const where = allCtx.unit ? ` at ${esc(view.unitLabel(allCtx.unit))}` : '';
  return `${head}
    <div class="why-body" id="why-body">${body}</div>
    <h3 class="why-sub">Hidden from ${esc(first)} here <span class="count">${hidden.length}</span></h3>
    ${hiddenList}
    <details class="all-perms">
      <summary>Everything ${esc(first)} may do${where} <span class="count">${granted} of ${all.length}</span></summary>
      <ul class="perm-list">${list}</ul>
    </details>`;
}
