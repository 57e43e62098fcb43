// The demo page: pick an organisation, sign in as one of its people, and see
// the mock product screen gated by rolegate, with the reason for every
// decision one click away.

import { esc, rich, avatar } from './html.js';
import { OrgView } from './org.js';
import { screenFor } from '../screens/index.js';
import { renderMatrix, renderSeats, renderWarnings } from './admin.js';
import { gateOf, renderWhy, whyKey } from './why.js';
import { Editor } from './editor.js';

const SAMPLES = {
  jiminny: { file: 'orgs/jiminny.json', user: 'marcus' },
  jrni: { file: 'orgs/jrni.json', user: 'isla' },
  spotio: { file: 'orgs/spotio.json', user: 'kevin' },
  modjo: { file: 'orgs/modjo.json', user: 'julien' },
};

const $ = (id) => document.getElementById(id);

const state = {
  lib: null,
  key: null, // which tab is showing: a sample id or 'custom'
  source: null, // which snapshot is loaded: a sample id or 'custom'
  snap: null,
  view: null,
  gate: null,
  handle: null,
  userId: null,
  unit: null,
  owner: null,
  why: null,
};

const editor = new Editor($('editor'), {
  current: () => state.snap,
  load: (snapshot) => loadSnapshot(snapshot, 'custom'),
});

async function boot() {
  try {
    state.lib = await import('./rolegate.js');
  } catch (err) {
    fatal(`The rolegate package could not be loaded from www/pkg/ (${err.message}). Run \`make demo\`, which builds it and serves this page.`);
    return;
  }
  editor.lib = state.lib;
  wire();
  const hash = new URLSearchParams(location.hash.slice(1));
  const key = hash.get('org') in SAMPLES ? hash.get('org') : 'jiminny';
  await openSample(key, { user: hash.get('user'), unit: hash.get('unit') });
  await state.rendered;
  state.lib.clientDownload().then((n) => {
    state.clientDownload = n;
    renderSlice();
  }, () => undefined);
  if (hash.get('org') === 'custom') showTab('custom');
  $('app').setAttribute('aria-busy', 'false');
  document.body.dataset.ready = 'true';
}

function fatal(message) {
  const el = $('fatal');
  el.innerHTML = rich(message);
  el.hidden = false;
  $('stage-title').textContent = 'The demo could not start';
  $('app').setAttribute('aria-busy', 'false');
}

/** Fetches a sample organisation and loads it. */
async function openSample(key, prefer = {}) {
  const res = await fetch(SAMPLES[key].file);
  if (!res.ok) {
    fatal(`Could not fetch ${SAMPLES[key].file} (${res.status}).`);
    return;
  }
  const snapshot = await res.json();
  loadSnapshot(snapshot, key, { user: prefer.user ?? SAMPLES[key].user, unit: prefer.unit });
  showTab(key);
}

function showTab(key) {
  state.key = key;
  for (const b of document.querySelectorAll('#org-picker [data-org]')) {
    b.setAttribute('aria-pressed', String(b.dataset.org === key));
  }
  $('editor').hidden = key !== 'custom';
  if (key === 'custom') editor.show();
  updateHash();
}

/**
 * Compiles a snapshot into a new engine and shows it. Throws the package's
 * SnapshotError (with `problems`) when the snapshot is invalid; the page
 * then keeps the organisation it had.
 */
function loadSnapshot(snapshot, source, prefer = {}) {
  const gate = state.lib.Rolegate.load(snapshot);
  const previous = state.gate;
  const view = new OrgView(snapshot);
  if (state.source !== source || !view.byUser.has(state.userId)) state.why = null;
  state.gate = gate;
  state.snap = snapshot;
  state.view = view;
  state.source = source;
  const wanted = prefer.user ?? state.userId;
  state.userId = view.byUser.has(wanted) ? wanted : view.users[0]?.id ?? null;
  state.unit = pickUnit(prefer.unit ?? state.unit);
  if (state.owner && !view.byUser.has(state.owner)) state.owner = null;
  render();
  previous?.free?.();
  return gate;
}

/** Keeps `unit` if it exists and the user holds a role there, else the user's first place. */
function pickUnit(unit) {
  const v = state.view;
  if (!v.units.length) return null;
  const me = v.byUser.get(state.userId);
  const places = (me?.roles ?? []).map((r) => r.unit).filter(Boolean);
  const applies = (u) => places.some((p) => v.isWithin(u, p)) || (me?.roles ?? []).some((r) => !r.unit && !r.team);
  if (unit && v.byUnit.has(unit) && applies(unit)) return unit;
  return places.find((p) => v.byUnit.has(p)) ?? (unit && v.byUnit.has(unit) ? unit : v.unitTree()[0]?.id ?? null);
}

/** Changes a setting of the loaded snapshot (org-wide or a team's) and reloads the engine. */
function changeSetting({ team, key, value }) {
  const next = structuredClone(state.snap);
  const holder = team ? next.org.teams.find((t) => t.id === team) : next.org;
  if (!holder) return;
  holder.settings = { ...(holder.settings ?? {}), [key]: value };
  loadSnapshot(next, state.source);
}

function selectUser(id) {
  if (!state.view.byUser.has(id)) return;
  state.userId = id;
  state.unit = pickUnit(state.unit);
  render();
}

// ---------------------------------------------------------------- rendering

/**
 * Signs the chosen user in as a real app's browser would: the server (here,
 * the page's full engine) cuts their slice, and the client engine of
 * `rolegate/client` decides from it.
 */
async function signIn() {
  const id = state.userId ?? '';
  let bytes = null;
  try {
    bytes = state.gate.slice(id);
  } catch {
    // no such user (an empty org): a handle that denies everything
  }
  const handle = bytes ? await state.lib.loadSlice(bytes) : state.gate.user(id);
  return { handle, bytes: bytes?.length ?? 0 };
}

/** Renders the page for the signed-in user (the last call wins). */
function render() {
  const ticket = (state.renders = (state.renders ?? 0) + 1);
  state.rendered = signIn().then(({ handle, bytes }) => {
    if (ticket !== state.renders) {
      handle.free?.();
      return;
    }
    state.handle?.free?.();
    state.handle = handle;
    state.sliceBytes = bytes;
    draw();
  });
  return state.rendered;
}

function draw() {
  const { view } = state;
  renderOrgCard(view);
  renderSlice();
  renderPeople(view);
  renderScreen();
  renderWhyPanel();
  $('matrix').innerHTML = renderMatrix(state.gate.matrix(), view, state.userId);
  $('matrix-note').textContent = `${view.model.name ?? 'model'}: ${(view.model.roles ?? []).length} roles, ${(view.model.permissions ?? []).length} permissions`;
  $('seats').innerHTML = renderSeats(state.gate.seats(), view);
  $('warnings').innerHTML = renderWarnings(state.gate.warnings());
  updateHash();
}

/** The signed-in user's slice beside the whole snapshot and the client engine. */
function renderSlice() {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const snapshot = new TextEncoder().encode(JSON.stringify(state.snap)).length;
  const engine = state.clientDownload ? `; the client engine downloads ${kb(state.clientDownload)} gzipped` : '';
  $('slice-note').innerHTML = state.sliceBytes
    ? `Signed in from a <b data-slice-bytes="${state.sliceBytes}">${kb(state.sliceBytes)}</b> slice (the whole snapshot is <span data-snapshot-bytes="${snapshot}">${kb(snapshot)}</span>${esc(engine)}).`
    : '';
}

function renderOrgCard(v) {
  const plan = v.planLabel();
  const facts = [
    `${v.users.length} people`,
    v.teams.length ? `${v.teams.length} teams` : null,
    v.units.length ? `${v.units.length} locations` : null,
    `${(v.model.roles ?? []).length} roles`,
    plan ? `plan: ${plan}` : null,
  ].filter(Boolean);
  $('org-card').innerHTML = `
    <p class="eyebrow">${state.source === 'custom' ? 'Your snapshot' : 'Sample'} · ${esc(v.model.name ?? 'custom')} model</p>
    <h2 class="org-name">${esc(v.org.name ?? 'Unnamed organisation')}</h2>
    <p class="facts">${facts.map(esc).join(' · ')}</p>`;
}

function renderPeople(v) {
  const items = v.users.map((u) => {
    const roles = (u.roles ?? []).map((r) => {
      const place = v.placeOf(r);
      return `<span class="chip chip-role" title="${esc(v.roleLabel(r.role))}${place ? ` at ${esc(place)}` : ''}">${esc(v.roleLabel(r.role))}${place ? `<span class="chip-place">@ ${esc(place)}</span>` : ''}</span>`;
    });
    const toggles = (u.toggles ?? []).map((t) => `<span class="chip chip-toggle">${esc(v.toggleLabel(t))}</span>`);
    const grants = u.grants ?? [];
    const direct = grants.length
      ? [`<span class="chip chip-grant" title="${esc(grants.map((g) => `${g.permission}${g.scope ? `: ${g.scope.join(', ')}` : ''}${g.teams ? ` + teams ${g.teams.join(', ')}` : ''}`).join('\n'))}">${grants.length} direct ${grants.length === 1 ? 'grant' : 'grants'}</span>`]
      : [];
    const chips = [...roles, ...toggles, ...direct];
    if (!chips.length) chips.push('<span class="chip chip-none">no role</span>');
    const meta = [u.attributes?.title, ...(u.teams ?? []).map((t) => v.teamLabel(t))].filter(Boolean);
    const selected = u.id === state.userId;
    return `<li>
      <button type="button" class="person${selected ? ' is-selected' : ''}" role="option" aria-selected="${selected}" data-user="${esc(u.id)}">
        ${avatar(u.name ?? u.id)}
        <span class="person-body">
          <span class="person-name">${esc(u.name ?? u.id)}</span>
          <span class="person-meta">${esc(meta.join(' · '))}</span>
          <span class="chips">${chips.join('')}</span>
        </span>
      </button></li>`;
  });
  $('people').innerHTML = items.length ? items.join('') : '<li class="muted small">Nobody in this organisation yet.</li>';
  // On narrow screens the people list scrolls sideways: keep the selected one in view.
  if (window.matchMedia('(max-width: 820px)').matches) {
    $('people').querySelector('.is-selected')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}

function renderScreen() {
  const { view, handle } = state;
  const screen = screenFor(view);
  const me = view.byUser.get(state.userId);
  const ctx = { view, me, userId: state.userId, unit: state.unit, owner: state.owner, handle, gate: state.gate };
  const el = $('screen');
  el.dataset.screen = screen.id;
  el.style.setProperty('--brand', screen.brand ?? 'var(--accent)');
  el.innerHTML = screen.render(ctx);
  $('stage-title').textContent = screen.title(ctx);
  $('stage-sub').textContent = screen.subtitle?.(ctx) ?? 'Every menu, tab and button below is gated by rolegate for the signed-in user.';
  // The package's DOM helper gates every [data-can] element for this user.
  state.lib.applyGates(el, handle);
  screen.after?.(el, ctx);
  markWhy();
}

function gatedElements() {
  return [...$('screen').querySelectorAll('[data-can]')];
}

/** True when the element itself (not an ancestor) was hidden by its gate. */
function selfHidden(el) {
  return el.hidden || el.style.display === 'none';
}

function hiddenElements() {
  const seen = new Set();
  const out = [];
  for (const el of gatedElements()) {
    if (!selfHidden(el)) continue;
    const parent = el.parentElement?.closest('[hidden]');
    if (parent && $('screen').contains(parent)) continue;
    const key = whyKey(describe(el));
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(el);
  }
  return out;
}

/** What the why panel needs to know about a gated element. */
function describe(el) {
  return {
    ...gateOf(el),
    label: el.dataset.label ?? el.getAttribute('aria-label') ?? el.textContent.replace(/\s+/g, ' ').trim(),
  };
}

function markWhy() {
  const key = state.why ? whyKey(state.why) : null;
  for (const el of gatedElements()) el.classList.toggle('is-why', key !== null && whyKey(describe(el)) === key);
}

function renderWhyPanel() {
  const hidden = hiddenElements().map(describe);
  const screen = screenFor(state.view);
  const everyCtx = screen.listContext?.({ unit: state.unit }) ?? {};
  $('why').innerHTML = renderWhy({
    why: state.why,
    handle: state.handle,
    view: state.view,
    userId: state.userId,
    hidden,
    allCtx: everyCtx,
  });
  state.hidden = hidden;
}

function explainElement(el) {
  state.why = describe(el);
  renderWhyPanel();
  markWhy();
  if (window.matchMedia('(max-width: 1180px)').matches) $('why').scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

function updateHash() {
  if (!state.view) return;
  const p = new URLSearchParams();
  p.set('org', state.key ?? state.source);
  if (state.userId) p.set('user', state.userId);
  if (state.unit) p.set('unit', state.unit);
  history.replaceState(null, '', `#${p}`);
}

// ------------------------------------------------------------------ events

function wire() {
  $('org-picker').addEventListener('click', (e) => {
    const b = e.target.closest('[data-org]');
    if (!b) return;
    const key = b.dataset.org;
    if (key === 'custom') showTab('custom');
    else openSample(key, { user: state.source === key ? state.userId : undefined, unit: state.source === key ? state.unit : undefined });
  });

  $('people').addEventListener('click', (e) => {
    const b = e.target.closest('[data-user]');
    if (b) selectUser(b.dataset.user);
  });
  $('people').addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const ids = state.view.users.map((u) => u.id);
    const i = ids.indexOf(state.userId) + (e.key === 'ArrowDown' ? 1 : -1);
    if (i < 0 || i >= ids.length) return;
    e.preventDefault();
    selectUser(ids[i]);
    $('people').querySelector(`[data-user="${CSS.escape(ids[i])}"]`)?.focus();
  });

  const screen = $('screen');
  // Enabled elements: a click explains them (and does what they do).
  screen.addEventListener('click', (e) => {
    const action = e.target.closest('[data-action]');
    if (action && action.dataset.action === 'setting' && !action.disabled) {
      const el = action;
      changeSetting({ team: el.dataset.team || undefined, key: el.dataset.key, value: el.getAttribute('aria-checked') !== 'true' });
      return;
    }
    const gated = e.target.closest('[data-can]');
    if (gated) explainElement(gated);
  });
  // Disabled controls get no click events, but they do get pointer events.
  screen.addEventListener('pointerup', (e) => {
    const gated = e.target.closest('[data-can]');
    if (gated && gated.disabled) explainElement(gated);
  });
  screen.addEventListener('change', (e) => {
    const el = e.target.closest('[data-action]');
    if (!el) return;
    if (el.dataset.action === 'unit') {
      state.unit = el.value;
      render();
    } else if (el.dataset.action === 'owner') {
      state.owner = el.value || null;
      render();
    }
  });

  $('why').addEventListener('click', (e) => {
    const chip = e.target.closest('[data-why-hidden]');
    if (chip) {
      state.why = state.hidden?.[Number(chip.dataset.whyHidden)] ?? null;
      renderWhyPanel();
      markWhy();
      return;
    }
    const perm = e.target.closest('[data-why-permission]');
    if (perm) {
      const screenDef = screenFor(state.view);
      state.why = {
        permission: perm.dataset.whyPermission,
        mode: 'list',
        ctx: screenDef.listContext?.({ unit: state.unit }) ?? {},
        label: state.view.permissionLabel(perm.dataset.whyPermission),
      };
      renderWhyPanel();
      markWhy();
    }
  });

  window.addEventListener('hashchange', () => {
    const hash = new URLSearchParams(location.hash.slice(1));
    const key = hash.get('org');
    if (key in SAMPLES && key !== state.source) openSample(key, { user: hash.get('user'), unit: hash.get('unit') });
    else if (hash.get('user') && hash.get('user') !== state.userId) selectUser(hash.get('user'));
  });
}

boot();
