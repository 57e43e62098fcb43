// JRNI (bookings): six roles, each held at a location; a role given at the
// parent company applies at every child location. Users limited to one
// staff member (Person) or to staff groups (Group).

import { esc, can, avatar, icon } from '../app/html.js';
import { frame, navItem, button, panel } from './frame.js';

/** Staff members with calendars; those linked to a user come from the snapshot. */
function staff(view) {
  const linked = view.users
    .filter((u) => typeof u.attributes?.staff === 'string')
    .map((u) => ({ id: u.attributes.staff, name: u.name ?? u.id, group: 'physio', role: u.attributes.title ?? '' }));
  const extra = [
    { id: 'st_emma', name: 'Emma Scott', group: 'massage', role: 'Massage therapist' },
    { id: 'st_raj', name: 'Raj Mehta', group: 'sports', role: 'Sports therapist' },
  ];
  return [...linked, ...extra.filter((e) => !linked.some((l) => l.id === e.id))];
}

function locationBar(ctx) {
  const { view, me, unit } = ctx;
  const options = view
    .unitTree()
    .map((u) => {
      const pad = '\u00a0\u00a0\u00a0\u00a0'.repeat(u.depth);
      return `<option value="${esc(u.id)}" ${u.id === unit ? 'selected' : ''}>${pad}${esc(u.label ?? u.id)}</option>`;
    })
    .join('');
  const held = (me?.roles ?? [])
    .map((r) => {
      const here = r.unit ? view.isWithin(unit, r.unit) : !r.team;
      const place = r.unit ? view.placeOf(r) : 'everywhere';
      return `<span class="${here ? 'here' : ''}"><b>${esc(view.roleLabel(r.role))}</b> at ${esc(place)}</span>`;
    })
    .join(', ');
  return `<div class="location-bar">
      <span class="lb-label">Location</span>
      <label class="unit-picker">${icon('building')}<span class="sr-only">Location</span>
        <select id="unit-picker" data-action="unit" aria-label="Location">${options}</select></label>
      <span class="lb-held">${esc(view.firstName(ctx.userId))} holds ${held || 'no role'}${held ? '; the role that applies here is highlighted' : ''}.</span>
    </div>`;
}

export default {
  id: 'jrni',
  brand: '#0d9488',
  matches: (view) => /jrni/i.test(view.model.name ?? ''),
  title: (ctx) => `${ctx.view.org.name ?? 'JRNI'}: bookings`,
  subtitle: (ctx) =>
    `Roles are held per location and cascade from the parent company to its clinics. Now checking at ${ctx.view.unitLabel(ctx.unit)}.`,
  listContext: ({ unit }) => (unit ? { unit } : {}),

  render(ctx) {
    const { view, unit } = ctx;
    const at = { unit };
    const hide = { mode: 'hide', unit };
    const nav = [
      navItem('Home', can('menu.home', hide), 'home'),
      navItem('Your Business', can('menu.your_business', hide), 'calendar'),
      navItem('Business', can('menu.business', hide), 'building'),
      navItem('Basic Settings', can('menu.basic_settings', hide), 'gear'),
      navItem('Advanced Settings', can('menu.advanced_settings', hide), 'plug'),
      navItem('Call Center', can('page.call_center', hide), 'headset'),
    ].join('');
    const tools = button('Manage Users', can('users.create', hide), { iconName: 'users', kind: 'pbtn-ghost' });

    const tabs = `<div class="ptabs" role="tablist">
      ${['calendar', 'agenda', 'check_in', 'customers', 'services', 'staff']
        .map((t, i) => `<button type="button" role="tab" class="ptab${i === 0 ? ' is-active' : ''}" ${can(`tab.${t}`, hide)}>${esc(view.permissionLabel(`tab.${t}`).replace(/ tab.*$/, ''))}</button>`)
        .join('')}
    </div>`;

    const actions = panel(
      `Today at ${esc(view.unitLabel(unit).replace(/\s*\(.*\)$/, ''))}`,
      `<div class="button-grid button-grid-4">
        ${button('New booking', can('bookings.create', at), { iconName: 'plus', kind: 'pbtn-primary' })}
        ${button('Check in customer', can('checkin.manage', at), { iconName: 'check' })}
        ${button('New customer', can('customers.manage', at), { iconName: 'user' })}
        ${button('Categories', can('categories.manage', at), { iconName: 'tag' })}
        ${button('Add service', can('services.edit', at), { iconName: 'plus' })}
        ${button('View staff', can('staff.view', at), { iconName: 'users' })}
        ${button('Staff what & where', can('staff.edit_what_where', at), { iconName: 'edit' })}
        ${button('Edit schedules', can('schedules.edit', at), { iconName: 'calendar' })}
        ${button('Resources', can('resources.manage', at), { iconName: 'building' })}
        ${button('Events', can('events.manage', at), { iconName: 'sparkle' })}
        ${button('Integrations', can('integrations.manage', at), { iconName: 'plug' })}
      </div>`,
    );

    const rows = staff(view)
      .map((s) => {
        const rec = { unit, attributes: { staff: s.id, staffGroup: s.group } };
        return `<tr>
          <td><div class="who">${avatar(s.name, 'avatar-sm')}<div><strong>${esc(s.name)}</strong><span class="sub">${esc(s.role)} · group ${esc(s.group)}</span></div></div></td>
          <td class="actions">
            ${button('Calendar', can('calendar.view', rec), { iconName: 'calendar', kind: 'pbtn-sm' })}
            ${button('Move booking', can('bookings.move', rec), { iconName: 'clock', kind: 'pbtn-sm' })}
          </td></tr>`;
      })
      .join('');
    const calendars = panel('Staff calendars', `<table class="ptable"><tbody>${rows}</tbody></table>`, {
      extra: '<span class="muted small">Person and Group limits apply</span>',
    });

    return frame({
      host: 'harbour.jrni.example/admin',
      logo: `<span class="logo-mark" style="background:#0d9488">j</span>JRNI`,
      nav,
      tools,
      ctx,
      body: `${locationBar(ctx)}${tabs}${actions}${calendars}`,
    });
  },
};
