// Any other model (a pasted or uploaded snapshot): every permission of the
// model as a button, grouped by its prefix, with the location and record
// owner to ask about.

import { esc, can, icon } from '../app/html.js';
import { frame, button, panel } from './frame.js';

function groups(permissions) {
  const out = new Map();
  for (const p of permissions) {
    const key = p.id.includes('.') ? p.id.slice(0, p.id.indexOf('.')) : 'general';
    if (!out.has(key)) out.set(key, []);
    out.get(key).push(p);
  }
  return out;
}

export default {
  id: 'generic',
  brand: '#4f46e5',
  matches: () => true,
  title: (ctx) => `${ctx.view.org.name ?? 'Your organisation'}: every permission`,
  subtitle: () => 'Your model has no mock screen of its own, so here is each of its permissions as a button, gated for the signed-in user.',
  listContext: ({ unit }) => (unit ? { unit } : {}),

  render(ctx) {
    const { view, unit, owner } = ctx;
    const units = view.unitTree();
    const unitSelect = units.length
      ? `<label class="field">${icon('building')}<span>Location</span><select id="unit-picker" data-action="unit">${units
          .map((u) => `<option value="${esc(u.id)}" ${u.id === unit ? 'selected' : ''}>${'\u00a0\u00a0'.repeat(u.depth)}${esc(u.label ?? u.id)}</option>`)
          .join('')}</select></label>`
      : '';
    const ownerSelect = `<label class="field">${icon('user')}<span>Records owned by</span><select id="owner-picker" data-action="owner">
        <option value="">any record</option>
        ${view.users.map((u) => `<option value="${esc(u.id)}" ${u.id === owner ? 'selected' : ''}>${esc(u.name ?? u.id)}</option>`).join('')}
      </select></label>`;
    const sections = [...groups(view.model.permissions ?? [])]
      .map(([key, perms]) =>
        panel(
          esc(key),
          `<div class="button-grid">${perms
            .map((p) => button(p.label ?? p.id, can(p.id, { unit: unit ?? undefined, owner: p.record && owner ? owner : undefined }), { iconName: p.record ? 'list' : 'check' }))
            .join('')}</div>`,
        ),
      )
      .join('');
    return frame({
      host: 'your-app.example',
      logo: `<span class="logo-mark" style="background:#4f46e5">${esc((view.model.name ?? 'A').slice(0, 1).toUpperCase())}</span>${esc(view.model.name ?? 'Your app')}`,
      ctx,
      body: `<div class="ptoolbar">${unitSelect}${ownerSelect}</div><div class="stack-lg">${sections}</div>`,
    });
  },
};
