// SPOTIO (field sales): an Administrator flag, per-user toggles (one only
// on the Business plan) and PIN permissions: separate View and Edit levels
// over the reporting tree, plus "Other Teams".

import { esc, can, avatar, icon } from '../app/html.js';
import { frame, navItem, button, panel } from './frame.js';

const STREETS = ['Oak Ave', 'Maple St', 'Cedar Rd', 'Pine Ct', 'Birch Ln', 'Elm Dr', 'Willow Way', 'Aspen Pl', 'Spruce St', 'Hazel Rd', 'Laurel Ave', 'Alder St'];

export default {
  id: 'spotio',
  brand: '#2563eb',
  matches: (view) => /spotio/i.test(view.model.name ?? ''),
  title: (ctx) => `${ctx.view.org.name ?? 'SPOTIO'}: PINs by owner`,
  subtitle: () => 'View and Edit are separate PIN permissions, each over own, subordinate, peer and manager PINs, plus other teams.',

  render(ctx) {
    const { view, userId, handle } = ctx;
    const plan = view.planLabel();
    const nav = [
      navItem('Map', '', 'map'),
      navItem('PINs', '', 'pin'),
      navItem('Users', can('users.manage', { mode: 'hide' }), 'users'),
      navItem('Territories', can('territories.manage', { mode: 'hide' }), 'map'),
    ].join('');
    const tools = plan ? `<span class="plan-badge">${icon('card')}${esc(plan)} plan</span>` : '';

    const toolbar = `<div class="ptoolbar">
        ${button('Import CSV', can('data.import'), { iconName: 'upload', kind: 'pbtn-primary' })}
        ${button('Export report', can('reports.share'), { iconName: 'download' })}
        ${button('Custom statuses', can('statuses.manage'), { iconName: 'tag' })}
        ${button('Custom fields', can('fields.manage'), { iconName: 'list' })}
        ${button('Hierarchy', can('hierarchy.edit'), { iconName: 'users' })}
      </div>`;

    let canView = 0;
    let canEdit = 0;
    const rows = view.users
      .map((u, i) => {
        const rel = view.relation(userId, u.id);
        const team = view.homeTeam(u.id);
        // Only for the summary line; the buttons are gated by the DOM helper.
        if (handle.can('pins.view', { record: { owner: u.id } })) canView += 1;
        if (handle.can('pins.edit', { record: { owner: u.id } })) canEdit += 1;
        const pins = 3 + ((i * 7) % 11);
        return `<tr class="row-${rel.key}">
          <td><div class="who">${avatar(u.name ?? u.id, 'avatar-sm')}<div><strong>${esc(u.name ?? u.id)}</strong><span class="sub">${esc(u.attributes?.title ?? '')}</span></div></div></td>
          <td>${team ? `<span class="tag">${esc(view.teamLabel(team))}</span>` : '<span class="muted small">—</span>'}</td>
          <td>${rel.label ? `<span class="rel rel-${rel.key}">${esc(rel.label)}</span>` : ''}</td>
          <td class="num" title="${pins} PINs, e.g. ${100 + i * 13} ${esc(STREETS[i % STREETS.length])}">${icon('pin')} ${pins}</td>
          <td class="actions">
            ${button('View', can('pins.view', { owner: u.id }), { iconName: 'eye', kind: 'pbtn-sm' })}
            ${button('Edit', can('pins.edit', { owner: u.id }), { iconName: 'edit', kind: 'pbtn-sm' })}
          </td></tr>`;
      })
      .join('');
    const me = view.userName(userId).split(/\s+/)[0];
    const table = panel(
      'PINs by owner',
      `<table class="ptable ptable-pins"><thead><tr><th>Owner</th><th>Team</th><th>Relation</th><th class="num">PINs</th><th class="actions">Access</th></tr></thead><tbody>${rows}</tbody></table>`,
      { extra: `<span class="summary" id="pin-summary">${esc(me)} can view the PINs of <b>${canView}</b> and edit those of <b>${canEdit}</b> of ${view.users.length} people</span>` },
    );

    return frame({
      host: 'app.spotio.example/pins',
      logo: `<span class="logo-mark" style="background:#2563eb">S</span>SPOTIO`,
      nav,
      tools,
      ctx,
      body: `${toolbar}${table}`,
    });
  },
};
