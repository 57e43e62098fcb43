// The admin panels: the role x permission matrix of the loaded model, seats
// used vs purchased, and the engine's load-time warnings.

import { esc, rich, avatar } from './html.js';

const SCOPE_WORDS = {
  own: 'own',
  subordinates: 'reports',
  peers: 'peers',
  manager: 'manager',
  team: 'team',
  managedTeams: 'managed teams',
  managed_teams: 'managed teams',
  all: 'all',
};

function cell(c, view) {
  const seat = c.seat ? `<span class="m-seat" title="also needs a ${esc(view.seatLabel(c.seat))} seat">seat</span>` : '';
  switch (c.access) {
    case 'full':
      return `<td class="m-full" title="granted on every record"><span class="m-dot"></span>${seat}</td>`;
    case 'scoped': {
      const scope = (c.scope ?? []).map((s) => SCOPE_WORDS[s] ?? s).join(', ');
      return `<td class="m-scoped" title="granted on records: ${esc(scope)}"><span class="m-scope">${esc(scope || 'scoped')}</span>${seat}</td>`;
    }
    case 'conditional':
      return `<td class="m-cond" title="only when ${esc(c.note ?? 'a condition holds')}"><span class="m-scope">if…</span>${seat}</td>`;
    default:
      return '<td class="m-none"><span class="m-dash">·</span></td>';
  }
}

/** The role x permission matrix, the signed-in user's roles highlighted. */
export function renderMatrix(matrix, view, userId) {
  const me = view.byUser.get(userId);
  const held = new Set((me?.roles ?? []).map((r) => r.role));
  // Roles held through a ladder (`includes`) count as held too.
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of view.model.roles ?? []) {
      if (held.has(r.id)) for (const inc of r.includes ?? []) if (!held.has(inc)) { held.add(inc); changed = true; }
    }
  }
  if (!matrix.roles.length) return '<p class="muted">This model has no roles: everything is granted by toggles and direct grants.</p>';
  const head = matrix.roles
    .map((r) => `<th scope="col" class="${held.has(r.id) ? 'is-mine' : ''}"><span>${esc(r.label)}</span>${held.has(r.id) ? '<em>you</em>' : ''}</th>`)
    .join('');
  const rows = matrix.permissions
    .map((p, i) => {
      const cells = (matrix.cells[i] ?? []).map((c, j) => {
        const html = cell(c, view);
        return held.has(matrix.roles[j]?.id) ? html.replace('<td class="', '<td class="is-mine ') : html;
      });
      return `<tr><th scope="row"><span class="m-label">${esc(p.label)}</span><code>${esc(p.id)}</code></th>${cells.join('')}</tr>`;
    })
    .join('');
  const toggles = (view.model.toggles ?? []).length
    ? `<p class="muted small m-foot">Toggles beside the roles: ${(view.model.toggles ?? []).map((t) => `<strong>${esc(t.label ?? t.id)}</strong>`).join(', ')}. Plan, restrictions and direct grants apply on top of this table.</p>`
    : '<p class="muted small m-foot">Plan features, seats, conditions and restrictions apply on top of this table; the product screen shows the final decisions.</p>';
  return `<table class="matrix" data-roles="${matrix.roles.length}">
      <thead><tr><th scope="col" class="m-corner">Permission</th>${head}</tr></thead>
      <tbody>${rows}</tbody>
    </table>
    <div class="m-legend"><span><span class="m-dot"></span> everywhere</span><span><span class="m-scope">own, team</span> on some records</span><span><span class="m-scope">if…</span> under a condition</span><span><span class="m-seat">seat</span> needs a paid seat</span></div>
    ${toggles}`;
}

/** Seats used vs purchased, with their holders. */
export function renderSeats(seats, view) {
  if (!seats.length) return '<p class="muted small">This model has no paid seats.</p>';
  return seats
    .map((s) => {
      const max = s.purchased ?? s.used;
      const pct = max ? Math.min(100, Math.round((s.used / max) * 100)) : 0;
      const over = s.purchased !== undefined && s.used > s.purchased;
      const holders = s.holders.map((h) => `<span class="holder" title="${esc(view.userName(h))}">${avatar(view.userName(h), 'avatar-xs')}</span>`).join('');
      return `<div class="seat ${over ? 'is-over' : ''}" data-seat="${esc(s.seat)}">
        <div class="seat-top"><strong>${esc(s.label)}</strong><span class="seat-count"><b>${s.used}</b> used of ${s.purchased ?? '—'} purchased</span></div>
        <div class="bar" role="meter" aria-valuemin="0" aria-valuemax="${max}" aria-valuenow="${s.used}" aria-label="${esc(s.label)} used"><span style="width:${pct}%"></span></div>
        <div class="holders">${holders}</div>
      </div>`;
    })
    .join('');
}

/** Non-fatal problems found at load time. */
export function renderWarnings(warnings) {
  if (!warnings.length) return '<p class="muted small">None: the snapshot loaded cleanly.</p>';
  return `<ul class="problems-list warn">${warnings.map((w) => `<li><code class="path">${esc(w.path)}</code><span>${rich(w.message)}</span></li>`).join('')}</ul>`;
}
