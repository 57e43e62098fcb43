// The page: signs in (demo), loads the signed-in user's slice with
// rolegate/client, gates its buttons with rolegate/dom, lists the records
// the server's filter selects, and lets an admin preview and save a role
// change. Every call that changes something is decided by the server again.
import { loadSlice } from 'rolegate/client';
import { applyGates } from 'rolegate/dom';

const PAGE = 25; // records per page
const POLL_MS = 3000; // how often the slice is revalidated (a 304 while nothing changed)

const $ = (selector) => document.querySelector(selector);

/** Builds an element: `el('td', { class: 'x', dataset: {...} }, child, ...)`. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    if (k === 'dataset') {
      for (const [key, value] of Object.entries(v)) if (value !== undefined) node.dataset[key] = value;
    } else if (k === 'class') node.className = v;
    else if (k in node) node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** A JSON API call: `{ status, ok, data }` (data: the JSON body, or null). */
async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  return { status: res.status, ok: res.ok, data };
}

const state = {
  me: null, // GET /me
  gate: null, // the ClientGate of the slice
  etag: null, // the slice's ETag, for If-None-Match
  gates: null, // rolegate/dom's handle
  shown: [], // the records listed
  admin: null, // GET /admin/users
  preview: null, // the change last previewed: { user, roles, basedOn }
};

// ------------------------------------------------------------------ sign-in

async function showSignIn() {
  const { data } = await api('GET', '/api/orgs');
  $('#orgs').replaceChildren(
    ...data.orgs.map((org) =>
      el('div', { class: 'card org', dataset: { org: org.id } },
        el('h2', {}, org.name, el('span', { class: 'meta' }, ` ${org.id}`)),
        el('div', { class: 'people' }, ...org.users.map((u) =>
          el('button', { type: 'button', class: 'person', dataset: { org: org.id, user: u.id }, onclick: () => signIn(org.id, u.id) },
            el('strong', {}, u.name),
            el('small', {}, [u.title, u.roles.join(', ') || 'no role'].filter(Boolean).join(' · ')))))),
    ),
  );
  $('#sign-in').hidden = false;
  document.body.dataset.state = 'signed-out';
}

async function signIn(org, user) {
  const res = await api('POST', '/login', { org, user });
  if (res.ok) location.reload();
}

async function signOut() {
  await api('POST', '/logout');
  location.reload();
}

// ---------------------------------------------------------------- the slice

/**
 * Fetches the slice unless it is unchanged (304) and, when it changed,
 * gates the page with it. Returns whether it changed.
 */
async function refreshSlice() {
  const res = await fetch('/me/permissions', { cache: 'no-store', headers: state.etag ? { 'if-none-match': state.etag } : {} });
  if (res.status === 304) return false;
  if (res.status === 401) {
    location.reload(); // signed out, or no longer a user of the org
    return false;
  }
  if (!res.ok) throw new Error(`GET /me/permissions: ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const previous = state.gate;
  state.gate = await loadSlice(bytes);
  state.etag = res.headers.get('etag');
  // Gates what is in the page now and, observing, the rows drawn later.
  state.gates = state.gates ? state.gates.update(state.gate) : applyGates(document, state.gate, { observe: true });
  previous?.free();
  const info = $('#slice-info');
  info.textContent = `slice ${bytes.length.toLocaleString('en')} B · fingerprint ${state.gate.fingerprint}`;
  info.dataset.fingerprint = state.gate.fingerprint;
  return true;
}

// ---------------------------------------------------------------- workspace

async function showWorkspace() {
  const { org, user, app, permissions } = state.me;
  $('#whoami').textContent = `${user.name} · ${org.name}`;
  $('#session').hidden = false;
  $('#actions').replaceChildren(
    ...permissions.map((p) =>
      el('button', { type: 'button', class: 'chip', dataset: { can: p.id, canMode: 'disable' }, title: p.id }, p.label)),
  );
  const view = permissions.find((p) => p.id === app.view);
  $('#records-title').textContent = `${app.records}: ${view.label}`;
  $('#admin-card').dataset.can = app.admin;
  $('#admin-card').dataset.canMode = 'hide';
  $('#workspace').hidden = false;
  await refreshSlice();
  await Promise.all([loadRecords(), loadAdmin()]);
  document.body.dataset.state = 'ready';
  setInterval(poll, POLL_MS);
}

/** When the org changed (someone's roles did), the slice, the list and the admin panel follow. */
async function poll() {
  try {
    if (await refreshSlice()) await Promise.all([loadRecords(), loadAdmin()]);
  } catch (e) {
    console.warn('refreshing the slice:', e);
  }
}

// ------------------------------------------------------------------ records

async function loadRecords({ more = false } = {}) {
  const offset = more ? state.shown.length : 0;
  const { ok, data } = await api('GET', `/api/records?limit=${PAGE}&offset=${offset}`);
  if (!ok) return showCount(`${data?.code}: ${data?.message}`);
  state.shown = more ? [...state.shown, ...data.records] : data.records;
  const rows = data.records.map(recordRow);
  if (more) $('#records tbody').append(...rows);
  else $('#records tbody').replaceChildren(...rows);
  showCount(`${data.total.toLocaleString('en')} you may see`);
  $('#records').dataset.total = String(data.total);
  $('#more').hidden = state.shown.length >= data.total;
}

function showCount(text) {
  $('#records-count').textContent = text;
}

/** A record's row; its button is gated by the edit permission on that record (data-can-*). */
function recordRow(r) {
  const { edit, editLabel } = state.me.app;
  const button = el('button', {
    type: 'button',
    class: 'small',
    dataset: {
      can: edit,
      canMode: 'disable',
      canOwner: r.owner,
      canRecordTeam: r.team,
      canRecordUnit: r.unit,
      canAttributes: JSON.stringify(r.attributes),
    },
    onclick: () => editNote(row, r),
  }, editLabel);
  const row = el('tr', { dataset: { record: String(r.id) } },
    el('td', { class: 'id' }, String(r.id)),
    el('td', {}, r.title),
    el('td', {}, r.ownerName ?? r.owner ?? '—'),
    el('td', { class: 'where' }, r.unitLabel ?? r.teamLabel ?? '—'),
    el('td', { class: 'note' }, r.note),
    el('td', { class: 'action' }, button));
  return row;
}

/** The note cell as a small form; saved with PATCH /api/records/:id. */
function editNote(row, record) {
  const cell = row.querySelector('.note');
  const input = el('input', { value: record.note, maxLength: 500, placeholder: 'Note' });
  const form = el('form', { class: 'note-form' }, input, el('button', { type: 'submit', class: 'small' }, 'Save'));
  form.onsubmit = async (event) => {
    event.preventDefault();
    const res = await api('PATCH', `/api/records/${record.id}`, { note: input.value });
    if (res.ok) {
      record.note = res.data.note;
      cell.replaceChildren(res.data.note);
    } else {
      cell.replaceChildren(el('span', { class: 'error' }, `${res.status} ${res.data?.code}: ${res.data?.message}`));
    }
  };
  cell.replaceChildren(form);
  input.focus();
}

// ------------------------------------------------------------------ console

async function sendConsoleCall(event) {
  event.preventDefault();
  const id = $('#console-id').value;
  const res = await api('PATCH', `/api/records/${encodeURIComponent(id)}`, { note: $('#console-note').value });
  const out = $('#console-result');
  out.hidden = false;
  out.dataset.status = String(res.status);
  out.className = `result ${res.ok ? 'ok' : 'denied'}`;
  out.replaceChildren(
    el('div', { class: 'status' }, `${res.status} ${res.ok ? 'saved' : res.data?.code}`),
    el('div', { class: 'message' }, res.ok ? `Record ${res.data.id}: note set` : res.data?.message));
  if (res.ok) {
    const row = $(`#records tr[data-record="${res.data.id}"] .note`);
    if (row) row.textContent = res.data.note;
  }
}

// -------------------------------------------------------------------- admin

async function loadAdmin() {
  if (!state.gate.can(state.me.app.admin)) return; // the panel is hidden (data-can); the server would answer 403
  const { ok, data } = await api('GET', '/admin/users');
  if (!ok) return adminResult('error', `${data?.code}: ${data?.message}`);
  state.admin = data;
  const select = $('#admin-user');
  const keep = select.value;
  select.replaceChildren(...data.users.map((u) => el('option', { value: u.id }, `${u.name} (${u.roles.join(', ') || 'no role'})`)));
  if (data.users.some((u) => u.id === keep)) select.value = keep;
  drawAssignments();
}

function drawAssignments() {
  const user = state.admin.users.find((u) => u.id === $('#admin-user').value);
  $('#assignments').replaceChildren(...(user?.assignments ?? []).map(assignmentRow));
  forgetPreview();
}

/** One role assignment: the role, and where (everywhere, a unit or a team). */
function assignmentRow(a = {}) {
  const { roles, places } = state.admin;
  const role = el('select', { class: 'role' }, ...roles.map((r) => el('option', { value: r.id, selected: r.id === a.role }, r.label)));
  const here = a.unit ? `unit:${a.unit}` : a.team ? `team:${a.team}` : '';
  const place = el('select', { class: 'place', hidden: places.length === 0 },
    el('option', { value: '' }, 'everywhere'),
    ...places.map((p) => {
      const value = p.unit ? `unit:${p.unit}` : `team:${p.team}`;
      return el('option', { value, selected: value === here }, p.unit ? `at ${p.label}` : `for team ${p.label}`);
    }));
  const remove = el('button', { type: 'button', class: 'quiet remove', title: 'Remove this role' }, '×');
  const row = el('div', { class: 'assignment' }, role, place, remove);
  remove.onclick = () => {
    row.remove();
    forgetPreview();
  };
  return row;
}

/** The assignments in the form: `[{ role, unit? | team? }]`. */
function formRoles() {
  return [...document.querySelectorAll('#assignments .assignment')].map((row) => {
    const [kind, id] = row.querySelector('.place').value.split(/:(.*)/);
    return { role: row.querySelector('.role').value, ...(kind && { [kind]: id }) };
  });
}

function forgetPreview() {
  state.preview = null;
  $('#save').disabled = true;
}

async function previewChange(event) {
  event.preventDefault();
  const change = { user: $('#admin-user').value, roles: formRoles() };
  const res = await api('POST', '/admin/preview', change);
  if (!res.ok) return adminError(res);
  state.preview = { ...change, basedOn: res.data.basedOn };
  $('#save').disabled = false;
  const lines = res.data.summary.map((s) => el('li', { dataset: { change: s.change } }, s.message));
  adminResult('preview', lines.length > 0 ? 'If you save:' : 'Nobody’s permissions change.', lines);
}

async function saveChange() {
  const res = await api('POST', '/admin/apply', state.preview);
  forgetPreview();
  if (!res.ok) return adminError(res);
  adminResult('saved', `Saved. The org's fingerprint is now ${res.data.fingerprint}.`, res.data.summary.map((s) => el('li', {}, s.message)));
  await poll(); // my own slice, list and panel (my roles may have changed too)
}

function adminError(res) {
  const problems = (res.data?.problems ?? []).map((p) => el('li', {}, el('code', {}, p.path), ` ${p.message}`));
  adminResult('error', `${res.status} ${res.data?.code}: ${res.data?.message}`, problems);
}

function adminResult(status, text, items = []) {
  const out = $('#admin-result');
  out.hidden = false;
  out.dataset.status = status;
  out.className = `result ${status}`;
  out.replaceChildren(el('div', { class: 'message' }, text), items.length > 0 ? el('ul', {}, ...items) : null);
}

// --------------------------------------------------------------------- start

$('#sign-out').onclick = signOut;
$('#more').onclick = () => loadRecords({ more: true });
$('#console').onsubmit = sendConsoleCall;
$('#admin').onsubmit = previewChange;
$('#admin').oninput = forgetPreview;
$('#admin-user').onchange = drawAssignments;
$('#add-role').onclick = () => {
  $('#assignments').append(assignmentRow());
  forgetPreview();
};
$('#save').onclick = saveChange;

const me = await api('GET', '/me');
if (me.status === 401) await showSignIn();
else {
  state.me = me.data;
  await showWorkspace();
}
