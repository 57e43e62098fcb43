// Jiminny (call recording and coaching): six additive roles; recording is a
// paid seat that even Admins need; only the Account Owner sets up the CRM.

import { esc, can, avatar, icon } from '../app/html.js';
import { frame, navItem, button, panel } from './frame.js';

const TOPICS = [
  ['Discovery call', 'Acme Corp', '32 min'],
  ['Pricing follow-up', 'Globex', '18 min'],
  ['Renewal check-in', 'Initech', '25 min'],
  ['Cold call', 'Umbrella Ltd', '6 min'],
  ['Onboarding kickoff', 'Hooli', '47 min'],
  ['Quarterly review', 'Stark Industries', '38 min'],
  ['Demo', 'Wayne Enterprises', '41 min'],
];

/** Calls recorded by the people who hold a recording seat. */
function calls(view) {
  const seatRoles = new Set((view.model.roles ?? []).filter((r) => r.seat).map((r) => r.id));
  const owners = view.users.filter((u) => (u.roles ?? []).some((r) => seatRoles.has(r.role)));
  const list = (owners.length ? owners : view.users).slice(0, TOPICS.length);
  return list.map((u, i) => ({ owner: u.id, topic: TOPICS[i][0], account: TOPICS[i][1], length: TOPICS[i][2] }));
}

export default {
  id: 'jiminny',
  brand: '#6d28d9',
  matches: (view) => /jiminny/i.test(view.model.name ?? ''),
  title: (ctx) => `${ctx.view.org.name ?? 'Jiminny'}: calls and coaching`,
  subtitle: () => 'Roles add up. Recording is a paid seat: only the Recorder role gives it, even to Admins.',

  render(ctx) {
    const { view } = ctx;
    const nav = [
      navItem('Calls', can('calls.listen', { mode: 'hide' }), 'headset'),
      navItem('OnDemand', can('ondemand.view', { mode: 'hide' }), 'book'),
      navItem('Reports', can('reports.view', { mode: 'hide' }), 'chart'),
      navItem('Coaching', can('calls.coach', { mode: 'hide' }), 'chat'),
      navItem('Settings', can('settings.organisation', { mode: 'hide' }), 'gear'),
    ].join('');

    const toolbar = `<div class="ptoolbar">
        ${button('Start recording', can('calls.record'), { iconName: 'record', kind: 'pbtn-primary pbtn-rec' })}
        ${button('Dial with Voice', can('voice.dial'), { iconName: 'phone' })}
        ${button('Log call to CRM', can('calls.crm_log'), { iconName: 'cloud' })}
      </div>`;

    const rows = calls(view)
      .map((c) => {
        const team = view.homeTeam(c.owner);
        return `<tr>
          <td><div class="who">${avatar(view.userName(c.owner), 'avatar-sm')}<div><strong>${esc(c.topic)}</strong><span class="sub">${esc(c.account)} · ${esc(view.userName(c.owner))}${team ? ` · ${esc(view.teamLabel(team))}` : ''}</span></div></div></td>
          <td class="num">${esc(c.length)}</td>
          <td class="actions">
            ${button('Listen', can('calls.listen', { owner: c.owner }), { iconName: 'play', kind: 'pbtn-sm' })}
            ${button('Coach', can('calls.coach', { owner: c.owner }), { iconName: 'chat', kind: 'pbtn-sm' })}
          </td></tr>`;
      })
      .join('');
    const callsPanel = panel('Recent calls', `<table class="ptable"><tbody>${rows}</tbody></table>`, {
      extra: `<span class="muted small">${icon('clock')} this week</span>`,
    });

    const recorder = ctx.gate.seats()[0];
    const teamSetup = view.teams
      .map((t) => button(`${t.label ?? t.id} team setup`, can('team.setup', { recordTeam: t.id }), { iconName: 'users', kind: 'pbtn-block' }))
      .join('');
    const settings = panel(
      'Settings › Organisation',
      `<div class="stack">
        ${button('Invite user', can('users.invite'), { iconName: 'plus', kind: 'pbtn-block' })}
        ${button('Users and roles', can('users.manage'), { iconName: 'user', kind: 'pbtn-block' })}
        ${teamSetup}
        ${button('CRM integration', can('settings.crm'), { iconName: 'plug', kind: 'pbtn-block' })}
        ${button('Billing and invoices', can('billing.manage'), { iconName: 'card', kind: 'pbtn-block' })}
        ${recorder ? `<div class="licence-note" ${can('licences.view', { mode: 'hide' })} data-label="Paid licences">${icon('tag')}<span><b>${recorder.used}</b> of ${recorder.purchased ?? '—'} paid recording licences used</span></div>` : ''}
      </div>`,
    );

    return frame({
      host: 'app.jiminny.example/calls',
      logo: `<span class="logo-mark" style="background:#6d28d9">J</span>jiminny`,
      nav,
      ctx,
      body: `${toolbar}<div class="pgrid">${callsPanel}${settings}</div>`,
    });
  },
};
