// Small text helpers for building the page's HTML.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Escapes a message and shows its `backticked` names as code. */
export function rich(message) {
  return esc(message).replace(/`([^`]*)`/g, '<code>$1</code>');
}

/** Two initials for an avatar. */
export function initials(name) {
  const parts = String(name ?? '?').trim().split(/\s+/);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? parts[parts.length - 1][0] : '';
  return (first + last).toUpperCase();
}

/** A stable hue for a name, for avatars. */
export function hue(text) {
  let h = 7;
  for (const c of String(text)) h = (h * 31 + c.charCodeAt(0)) % 360;
  return h;
}

/** An avatar bubble. */
export function avatar(name, size = '') {
  return `<span class="avatar ${size}" style="--h:${hue(name)}" aria-hidden="true">${esc(initials(name))}</span>`;
}

/**
 * Data attributes gating an element with the package's DOM helper
 * (`applyGates`): the permission, what to do when it is denied, and the
 * check's context. `attributes` are the record's attributes (e.g. JRNI's
 * staff member), written as JSON in `data-can-attributes`.
 */
export function can(permission, { mode = 'disable', unit, team, owner, recordTeam, attributes } = {}) {
  let out = `data-can="${esc(permission)}" data-can-mode="${mode}"`;
  if (unit) out += ` data-can-unit="${esc(unit)}"`;
  if (team) out += ` data-can-team="${esc(team)}"`;
  if (owner) out += ` data-can-owner="${esc(owner)}"`;
  if (recordTeam) out += ` data-can-record-team="${esc(recordTeam)}"`;
  if (attributes) out += ` data-can-attributes="${esc(JSON.stringify(attributes))}"`;
  return out;
}

/** Small inline icons (stroke icons, 16px). */
const ICONS = {
  record: '<circle cx="8" cy="8" r="4.5" fill="currentColor" stroke="none"/>',
  phone: '<path d="M3.5 2.5h2l1 3-1.5 1a8 8 0 0 0 4.5 4.5l1-1.5 3 1v2a1 1 0 0 1-1 1A11 11 0 0 1 2.5 3.5a1 1 0 0 1 1-1z"/>',
  cloud: '<path d="M4.5 12.5h7a3 3 0 0 0 .4-6A4 4 0 0 0 4.2 7 2.8 2.8 0 0 0 4.5 12.5z"/>',
  play: '<path d="M5 3.5v9l7-4.5z" fill="currentColor"/>',
  chat: '<path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z"/>',
  user: '<circle cx="8" cy="5.5" r="2.5"/><path d="M3 13.5a5 5 0 0 1 10 0"/>',
  users: '<circle cx="6" cy="5.5" r="2.2"/><path d="M2 13a4 4 0 0 1 8 0"/><path d="M10.5 3.6a2.2 2.2 0 0 1 0 4.1M12 9.5a4 4 0 0 1 2 3.5"/>',
  plus: '<path d="M8 3v10M3 8h10"/>',
  gear: '<circle cx="8" cy="8" r="2.2"/><path d="M8 1.8v1.8M8 12.4v1.8M1.8 8h1.8M12.4 8h1.8M3.6 3.6l1.3 1.3M11.1 11.1l1.3 1.3M3.6 12.4l1.3-1.3M11.1 4.9l1.3-1.3"/>',
  card: '<rect x="2" y="4" width="12" height="8.5" rx="1.5"/><path d="M2 7h12"/>',
  chart: '<path d="M3 13V8M7 13V4M11 13V7M2 13.5h12"/>',
  plug: '<path d="M6 2.5v3M10 2.5v3M4.5 5.5h7v2.5a3.5 3.5 0 0 1-7 0zM8 11.5v2.5"/>',
  upload: '<path d="M8 11V3M5 6l3-3 3 3M3 11.5v2h10v-2"/>',
  download: '<path d="M8 3v8M5 8l3 3 3-3M3 11.5v2h10v-2"/>',
  calendar: '<rect x="2.5" y="3.5" width="11" height="10" rx="1.5"/><path d="M2.5 6.5h11M5.5 2v3M10.5 2v3"/>',
  check: '<path d="M3.5 8.5l3 3 6-7"/>',
  pin: '<path d="M8 14s4.5-4.2 4.5-7.5a4.5 4.5 0 0 0-9 0C3.5 9.8 8 14 8 14z"/><circle cx="8" cy="6.5" r="1.6"/>',
  edit: '<path d="M3 13l1-3.5 6.5-6.5 2.5 2.5-6.5 6.5zM9.5 4l2.5 2.5"/>',
  eye: '<path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z"/><circle cx="8" cy="8" r="2"/>',
  map: '<path d="M2 4l4-1.5 4 1.5 4-1.5v9.5L10 13.5 6 12l-4 1.5z"/><path d="M6 2.5V12M10 4v9.5"/>',
  list: '<path d="M5.5 4h8M5.5 8h8M5.5 12h8M2.5 4h.01M2.5 8h.01M2.5 12h.01"/>',
  home: '<path d="M2.5 7.5 8 3l5.5 4.5V13.5h-11z"/>',
  search: '<circle cx="7" cy="7" r="4"/><path d="M10 10l3.5 3.5"/>',
  book: '<path d="M3 3h4a1.5 1.5 0 0 1 1.5 1.5V13.5A1.5 1.5 0 0 0 7 12H3zM13 3H9.5A1.5 1.5 0 0 0 8 4.5"/><path d="M13 3v9H9.5A1.5 1.5 0 0 0 8 13.5"/>',
  tag: '<path d="M2.5 2.5h5.5l6 6-5.5 5.5-6-6z"/><circle cx="5.5" cy="5.5" r="1"/>',
  shield: '<path d="M8 1.8 13 3.8v4c0 3.2-2.2 5.4-5 6.4-2.8-1-5-3.2-5-6.4v-4z"/>',
  lock: '<rect x="3.5" y="7" width="9" height="6.5" rx="1.3"/><path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2"/>',
  sparkle: '<path d="M8 2v3M8 11v3M2 8h3M11 8h3M4 4l1.8 1.8M10.2 10.2 12 12M4 12l1.8-1.8M10.2 5.8 12 4"/>',
  building: '<path d="M3 13.5V3h6.5v10.5M9.5 6.5H13v7M2 13.5h12M5 5.5h2M5 8h2M5 10.5h2"/>',
  headset: '<path d="M3 10V8a5 5 0 0 1 10 0v2"/><rect x="2.5" y="9" width="2.5" height="4" rx="1"/><rect x="11" y="9" width="2.5" height="4" rx="1"/>',
  clock: '<circle cx="8" cy="8" r="5.5"/><path d="M8 5v3.2l2 1.3"/>',
};

/** An inline SVG icon by name. */
export function icon(name) {
  const body = ICONS[name] ?? '';
  return `<svg class="icon" viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;
}
