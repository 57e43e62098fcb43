// Modjo (conversation intelligence): User < Manager < Admin, one role each;
// roles say what you can do, teams say what you can see. Call-access
// restrictions, per team (Managers) and global (Admins), bind Admins too.

import { esc, can, avatar, icon } from '../app/html.js';
import { frame, navItem, button, panel } from './frame.js';

const TOPICS = [
  ['Démo produit', 'Leroy & Fils', '34 min'],
  ['Qualification', 'Banque Azur', '21 min'],
  ['Negotiation', 'Klein GmbH', '45 min'],
  ['Kick-off', 'Nordwind AG', '29 min'],
  ['Business review', 'Helios SA', '52 min'],
  ['Renewal', 'Atelier Nova', '17 min'],
  ['Discovery', 'Brume Tech', '26 min'],
  ['Onboarding', 'Vireo', '38 min'],
  ['Pipeline review', 'internal', '31 min'],
];

function calls(view) {
  return view.users.slice(0, TOPICS.length).map((u, i) => ({
    owner: u.id,
    team: view.homeTeam(u.id),
    topic: TOPICS[i][0],
    account: TOPICS[i][1],
    length: TOPICS[i][2],
  }));
}

function toggle({ on, label, sub, attrs }) {
  return `<div class="switch-row">
      <div><strong>${label}</strong><span class="sub">${sub}</span></div>
      <button type="button" class="switch" role="switch" aria-checked="${on}" aria-label="${esc(label.replace(/<[^>]*>/g, ''))}" ${attrs}><span class="knob"></span></button>
    </div>`;
}

export default {
  id: 'modjo',
  brand: '#e11d48',
  matches: (view) => /modjo/i.test(view.model.name ?? ''),
  title: (ctx) => `${ctx.view.org.name ?? 'Modjo'}: calls`,
  subtitle: () => 'Roles say what you can do; teams say what you can see. Call-access restrictions bind Admins too.',

  render(ctx) {
    const { view } = ctx;
    const nav = [
      navItem('Home', can('app.home', { mode: 'hide' }), 'home'),
      navItem('Search', can('app.search', { mode: 'hide' }), 'search'),
      navItem('Library', can('app.library', { mode: 'hide' }), 'book'),
      navItem('Organisation settings', can('settings.organisation', { mode: 'hide' }), 'gear'),
    ].join('');

    const list = calls(view);
    const rows = list
      .map(
        (c) => `<li class="call" ${can('calls.view', { mode: 'hide', owner: c.owner, recordTeam: c.team })} data-label="Call: ${esc(c.topic)} (${esc(view.userName(c.owner))})" data-call="${esc(c.owner)}">
          ${avatar(view.userName(c.owner), 'avatar-sm')}
          <div class="call-main"><strong>${esc(c.topic)}</strong><span class="sub">${esc(c.account)} · ${esc(view.userName(c.owner))}${c.team ? ` · ${esc(view.teamLabel(c.team))}` : ''}</span></div>
          <span class="num">${esc(c.length)}</span>
          ${button('Transcript & AI', can('calls.transcripts', { owner: c.owner, recordTeam: c.team }), { iconName: 'sparkle', kind: 'pbtn-sm' })}
        </li>`,
      )
      .join('');
    const callsPanel = panel(
      'Calls',
      `<ul class="calls">${rows}</ul><p class="calls-foot" id="calls-foot"></p>`,
      { extra: `<span class="summary" id="calls-count"></span>` },
    );

    const global = view.org.settings?.callsRestricted === true;
    const switches = [
      toggle({
        on: global,
        label: 'Whole organisation',
        sub: 'only your own and your teams’ calls',
        attrs: `data-action="setting" data-key="callsRestricted" id="switch-global" ${can('restrictions.global.manage')}`,
      }),
      ...view.teams.map((t) =>
        toggle({
          on: t.settings?.callsRestricted === true,
          label: esc(t.label ?? t.id),
          sub: 'calls private to the team',
          attrs: `data-action="setting" data-team="${esc(t.id)}" data-key="callsRestricted" id="switch-${esc(t.id)}" ${can('restrictions.team.manage', { recordTeam: t.id })}`,
        }),
      ),
    ].join('');
    const access = panel(`${icon('shield')} Call-access restrictions`, `<div class="switches">${switches}</div>`);

    const settings = panel(
      'Settings',
      `<div class="stack">
        ${button('My integrations', can('integrations.own.view'), { iconName: 'user', kind: 'pbtn-block' })}
        ${button('Integrations', can('integrations.manage'), { iconName: 'plug', kind: 'pbtn-block' })}
        ${button('Templates', can('templates.manage'), { iconName: 'list', kind: 'pbtn-block' })}
        ${button('Invite users', can('users.invite'), { iconName: 'plus', kind: 'pbtn-block' })}
        ${button('Everyone’s roles', can('roles.manage'), { iconName: 'users', kind: 'pbtn-block' })}
        ${button('Subscription', can('subscription.manage'), { iconName: 'card', kind: 'pbtn-block' })}
      </div>`,
    );

    return frame({
      host: 'app.modjo.example/calls',
      logo: `<span class="logo-mark" style="background:#e11d48">m</span>modjo`,
      nav,
      ctx,
      body: `<div class="pgrid">${callsPanel}<div class="stack-lg">${access}${settings}</div></div>`,
    });
  },

  /** Counts the calls the DOM helper hid. */
  after(root) {
    const calls = [...root.querySelectorAll('.call')];
    const shown = calls.filter((c) => !c.hidden && c.style.display !== 'none').length;
    const hidden = calls.length - shown;
    root.querySelector('#calls-count').innerHTML = `<b>${shown}</b> of ${calls.length} visible`;
    root.querySelector('#calls-foot').innerHTML = hidden
      ? `${icon('lock')} ${hidden} ${hidden === 1 ? 'call is' : 'calls are'} hidden by team rules or restrictions; see “Hidden here” in the Why? panel.`
      : `${icon('eye')} every call in the organisation is visible.`;
  },
};
