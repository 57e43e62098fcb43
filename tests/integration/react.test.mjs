// rolegate/react through the packed tarball, with React Testing Library in
// jsdom: <RolegateProvider>, useCan, useExplain and <Can> for two users of
// tests/integration/fixture/org.json, from the full engine and from a slice; closed
// while a promise of the user is pending and after it rejects; re-rendered
// when the user, the snapshot or the slice is replaced; and server rendering
// (closed without a user, gated with one).
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

// A DOM before React and Testing Library load (both look for one on import).
const { JSDOM } = await import('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' });
for (const key of Object.getOwnPropertyNames(dom.window)) {
  if (!(key in globalThis)) globalThis[key] = dom.window[key];
}
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

const { createElement: h, memo, useState, StrictMode } = await import('react');
const { renderToString } = await import('react-dom/server');
const { render, screen, act, cleanup, fireEvent } = await import('@testing-library/react');
const { Rolegate } = await import('rolegate');
const { loadSlice } = await import('rolegate/client');
const { RolegateProvider, useCan, useExplain, useRolegate, Can } = await import('rolegate/react');

// React's warnings (keys, act, hydration) fail the test that caused them.
const warnings = [];
const consoleError = console.error;
console.error = (...args) => {
  warnings.push(args.map(String).join(' '));
  consoleError(...args);
};
afterEach(() => {
  cleanup();
  assert.deepEqual(warnings.splice(0), [], 'React warned');
});

const snapshot = JSON.parse(readFileSync(new URL('./fixture/org.json', import.meta.url), 'utf8'));
const gate = Rolegate.load(snapshot);

// The buttons of the Vite app, as <Can> elements.
const BUTTONS = [
  { id: 'reports', permission: 'reports.view' },
  { id: 'billing', permission: 'billing.manage' },
  { id: 'users', permission: 'users.manage', mode: 'disable' },
  { id: 'record', permission: 'calls.record' },
  { id: 'call-bob', permission: 'calls.view', context: { record: { owner: 'bob' } } },
  { id: 'call-dan', permission: 'calls.view', context: { record: { owner: 'dan' } }, mode: 'disable' },
  { id: 'call-bob-private', permission: 'calls.view', context: { record: { owner: 'bob', attributes: { private: true } } }, mode: 'disable' },
];

// As fixture/cases.json: ann is an Admin, bob an Agent + Recorder in Sales.
const EXPECT = {
  ann: {
    reports: 'visible', billing: 'visible', users: 'visible', record: 'hidden',
    'call-bob': 'visible', 'call-dan': 'visible', 'call-bob-private': 'disabled',
  },
  bob: {
    reports: 'visible', billing: 'hidden', users: 'disabled', record: 'visible',
    'call-bob': 'visible', 'call-dan': 'disabled', 'call-bob-private': 'visible',
  },
};

/** The gated screen: one <Can> per button. */
function Screen() {
  return h('div', null, BUTTONS.map(({ id, permission, context, mode }) => h(Can, { key: id, permission, context, mode }, h('button', { id }, id))));
}

/** Each button's state in the document: visible, hidden or disabled. */
function states() {
  const out = {};
  for (const { id } of BUTTONS) {
    const el = document.getElementById(id);
    out[id] = !el ? 'hidden' : el.disabled ? 'disabled' : 'visible';
  }
  return out;
}

const ALL_HIDDEN = Object.fromEntries(BUTTONS.map(({ id, mode }) => [id, mode === 'disable' ? 'disabled' : 'hidden']));

/** A promise with its resolve and reject. */
function deferred() {
  let resolve, reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Shows what the hooks answer, as text and data attributes. */
function Probe({ permission, context }) {
  const allowed = useCan(permission, context);
  const why = useExplain(permission, context);
  const { ready, error } = useRolegate();
  return h('output', { 'data-testid': 'probe', 'data-allowed': String(allowed), 'data-code': why.code, 'data-ready': String(ready), 'data-error': error ? String(error.message) : '' }, why.message);
}

const probe = () => screen.getByTestId('probe').dataset;

test('<Can> and useCan decide as the engine for two users', () => {
  for (const [user, want] of Object.entries(EXPECT)) {
    const { unmount } = render(h(RolegateProvider, { user: gate.user(user) }, h(Screen)));
    assert.deepEqual(states(), want, user);
    for (const { id, permission, context } of BUTTONS) {
      const el = document.getElementById(id);
      if (want[id] !== 'disabled') continue;
      // The reason as the title, as rolegate/dom does.
      assert.equal(el.title, gate.explain(user, permission, context).message, `${user}: #${id}`);
      assert.equal(el.getAttribute('aria-disabled'), 'true');
      assert.equal(el.dataset.canState, 'disabled');
    }
    unmount();
  }
  assert.equal(
    (render(h(RolegateProvider, { user: gate.user('ann') }, h(Screen))), document.getElementById('call-bob-private').title),
    'restricted: private calls are for their owner only',
  );
});

test('useExplain answers the engine\'s explanation, useRolegate the handle', () => {
  const bob = gate.user('bob');
  let seen;
  function Who() {
    seen = useRolegate();
    return null;
  }
  render(h(RolegateProvider, { user: bob }, h(Probe, { permission: 'users.manage' }), h(Who)));
  assert.deepEqual({ ...probe() }, { testid: 'probe', allowed: 'false', code: bob.explain('users.manage').code, ready: 'true', error: '' });
  assert.equal(screen.getByTestId('probe').textContent, bob.explain('users.manage').message);
  assert.equal(seen.user, bob);
  assert.equal(seen.ready, true);
  cleanup();
  render(h(RolegateProvider, { user: bob }, h(Probe, { permission: 'calls.view', context: { record: { owner: 'dan' } } })));
  assert.equal(probe().code, 'out_of_scope');
});

test('gate and userId: the provider makes the handle, and a new userId re-renders', () => {
  const { rerender } = render(h(RolegateProvider, { gate, userId: 'ann' }, h(Screen)));
  assert.deepEqual(states(), EXPECT.ann);
  rerender(h(RolegateProvider, { gate, userId: 'bob' }, h(Screen)));
  assert.deepEqual(states(), EXPECT.bob);
  rerender(h(RolegateProvider, { gate, userId: null }, h(Screen)));
  assert.deepEqual(states(), ALL_HIDDEN);
  rerender(h(RolegateProvider, { gate, userId: 'nobody' }, h(Screen)));
  assert.deepEqual(states(), ALL_HIDDEN, 'an unknown user denies');
});

test('closed while a promise of the user is pending, open once it resolves', async () => {
  const { promise, resolve } = deferred();
  render(h(RolegateProvider, { user: promise }, h(Screen), h(Probe, { permission: 'reports.view' })));
  assert.deepEqual(states(), ALL_HIDDEN);
  assert.equal(document.getElementById('users').title, 'permissions are loading');
  assert.deepEqual({ ...probe() }, { testid: 'probe', allowed: 'false', code: 'loading', ready: 'false', error: '' });
  await act(async () => resolve(gate.user('bob')));
  assert.deepEqual(states(), EXPECT.bob);
  assert.deepEqual({ ...probe() }, { testid: 'probe', allowed: 'true', code: 'granted', ready: 'true', error: '' });
});

test('closed after the promise rejects, with the error exposed', async () => {
  const { promise, reject } = deferred();
  render(h(RolegateProvider, { user: promise }, h(Screen), h(Probe, { permission: 'reports.view' })));
  await act(async () => reject(new Error('no slice for you')));
  assert.deepEqual(states(), ALL_HIDDEN);
  assert.deepEqual({ ...probe() }, { testid: 'probe', allowed: 'false', code: 'unavailable', ready: 'false', error: 'no slice for you' });
  assert.equal(document.getElementById('users').title, 'permissions are unavailable');
});

test('a promise replaced before it settles is ignored; a new one closes again', async () => {
  const first = deferred();
  const second = deferred();
  const { rerender } = render(h(RolegateProvider, { user: first.promise }, h(Screen)));
  rerender(h(RolegateProvider, { user: second.promise }, h(Screen)));
  await act(async () => first.resolve(gate.user('ann')));
  assert.deepEqual(states(), ALL_HIDDEN, 'the replaced promise does not open');
  await act(async () => second.resolve(gate.user('bob')));
  assert.deepEqual(states(), EXPECT.bob);
  const third = deferred();
  rerender(h(RolegateProvider, { user: third.promise }, h(Screen)));
  assert.deepEqual(states(), ALL_HIDDEN, 'closed while the next one loads');
  await act(async () => third.resolve(gate.user('ann')));
  assert.deepEqual(states(), EXPECT.ann);
});

test('re-renders every consumer when the user or the snapshot is replaced', () => {
  let renders = 0;
  // A memoised consumer re-renders through the context, not its props.
  const Billing = memo(function Billing() {
    renders++;
    return h('span', { 'data-testid': 'billing' }, String(useCan('billing.manage')));
  });
  const { rerender } = render(h(RolegateProvider, { user: gate.user('ann') }, h(Screen), h(Billing)));
  assert.deepEqual(states(), EXPECT.ann);
  assert.equal(screen.getByTestId('billing').textContent, 'true');
  rerender(h(RolegateProvider, { user: gate.user('bob') }, h(Screen), h(Billing)));
  assert.deepEqual(states(), EXPECT.bob);
  assert.equal(screen.getByTestId('billing').textContent, 'false');

  // The org changes: bob becomes an Admin too; the snapshot is loaded again.
  const changed = structuredClone(snapshot);
  changed.org.users.find((u) => u.id === 'bob').roles.push({ role: 'admin' });
  const reloaded = Rolegate.load(changed);
  rerender(h(RolegateProvider, { user: reloaded.user('bob') }, h(Screen), h(Billing)));
  assert.deepEqual(states(), { ...EXPECT.bob, billing: 'visible', users: 'visible', 'call-dan': 'visible' });
  assert.equal(screen.getByTestId('billing').textContent, 'true');
  // And through gate + userId.
  rerender(h(RolegateProvider, { gate, userId: 'bob' }, h(Screen), h(Billing)));
  assert.deepEqual(states(), EXPECT.bob);
  rerender(h(RolegateProvider, { gate: reloaded, userId: 'bob' }, h(Screen), h(Billing)));
  assert.equal(screen.getByTestId('billing').textContent, 'true');
  assert.ok(renders >= 5, `the memoised consumer re-rendered (${renders})`);
});

test('a ClientGate from a slice decides the same, and a new slice re-renders', async () => {
  const me = await loadSlice(gate.slice('bob'));
  const { rerender } = render(h(RolegateProvider, { user: me }, h(Screen)));
  assert.deepEqual(states(), EXPECT.bob);
  for (const { id, permission, context } of BUTTONS) {
    const el = document.getElementById(id);
    if (el?.disabled) assert.equal(el.title, gate.explain('bob', permission, context).message, id);
  }
  // The slice of a reloaded snapshot in which bob lost the Recorder role.
  const changed = structuredClone(snapshot);
  const bob = changed.org.users.find((u) => u.id === 'bob');
  bob.roles = bob.roles.filter((r) => r.role !== 'recorder');
  const next = await loadSlice(Rolegate.load(changed).slice('bob'));
  rerender(h(RolegateProvider, { user: next }, h(Screen)));
  assert.deepEqual(states(), { ...EXPECT.bob, record: 'hidden' });
  // Given as the promise loadSlice returns.
  const pending = loadSlice(gate.slice('ann'));
  rerender(h(RolegateProvider, { user: pending }, h(Screen)));
  assert.deepEqual(states(), ALL_HIDDEN);
  await act(async () => {
    await pending;
  });
  assert.deepEqual(states(), EXPECT.ann);
});

test('mode="disable" sets disabled, aria-disabled and the reason as the title; allowed children are untouched', () => {
  let clicks = 0;
  const onClick = () => clicks++;
  const tree = (user) => h(RolegateProvider, { user },
    h(Can, { permission: 'users.manage', mode: 'disable' }, h('button', { id: 'a', title: 'Users', onClick }, 'Users')),
    h(Can, { permission: 'users.manage', mode: 'disable' }, h('button', { id: 'b' }, 'B'), 'text', h('input', { id: 'c' })));
  const { rerender } = render(tree(gate.user('bob')));
  const a = document.getElementById('a');
  assert.equal(a.disabled, true);
  assert.equal(a.getAttribute('aria-disabled'), 'true');
  assert.equal(a.title, gate.explain('bob', 'users.manage').message);
  fireEvent.click(a);
  assert.equal(clicks, 0, 'a disabled button does not click');
  assert.equal(document.getElementById('b').disabled, true, 'every child element');
  assert.equal(document.getElementById('c').disabled, true);
  assert.match(document.body.textContent, /text/);
  rerender(tree(gate.user('ann')));
  assert.equal(document.getElementById('a'), a, 'the same element, updated in place');
  assert.equal(a.disabled, false);
  assert.equal(a.getAttribute('aria-disabled'), null);
  assert.equal(a.title, 'Users');
  fireEvent.click(a);
  assert.equal(clicks, 1);
});

test('hide mode renders the fallback; a function child gets the decision', () => {
  render(h(RolegateProvider, { user: gate.user('bob') },
    h(Can, { permission: 'billing.manage', fallback: h('em', { id: 'upsell' }, 'Ask an admin') }, h('button', { id: 'billing' })),
    h(Can, { permission: 'calls.record' }, (allowed, why) => h('span', { id: 'record' }, `${allowed} ${why.code}`)),
    h(Can, { permission: 'users.manage' }, (allowed, why) => h('span', { id: 'users' }, `${allowed} ${why.code}`))));
  assert.equal(document.getElementById('billing'), null);
  assert.equal(document.getElementById('upsell').textContent, 'Ask an admin');
  assert.equal(document.getElementById('record').textContent, 'true granted');
  assert.equal(document.getElementById('users').textContent, `false ${gate.explain('bob', 'users.manage').code}`);
});

test('decisions never throw: no provider, a freed handle, a freed gate', () => {
  render(h('div', null, h(Screen), h(Probe, { permission: 'reports.view' })));
  assert.deepEqual(states(), ALL_HIDDEN, 'outside any provider');
  assert.equal(probe().code, 'loading');
  cleanup();

  const g = Rolegate.load(snapshot);
  const freed = g.user('ann');
  freed.free();
  render(h(RolegateProvider, { user: freed }, h(Screen), h(Probe, { permission: 'reports.view' })));
  assert.deepEqual(states(), ALL_HIDDEN, 'a freed handle denies');
  assert.equal(probe().code, 'unavailable');
  cleanup();

  g.free();
  render(h(RolegateProvider, { gate: g, userId: 'ann' }, h(Screen), h(Probe, { permission: 'reports.view' })));
  assert.deepEqual(states(), ALL_HIDDEN, 'a freed gate denies');
  assert.equal(probe().code, 'unavailable');
  assert.match(probe().error, /freed/);
});

test('StrictMode: the same decisions, and a promise still opens', async () => {
  const { promise, resolve } = deferred();
  render(h(StrictMode, null, h(RolegateProvider, { gate, userId: 'bob' }, h(Screen))));
  assert.deepEqual(states(), EXPECT.bob);
  cleanup();
  render(h(StrictMode, null, h(RolegateProvider, { user: promise }, h(Screen))));
  await act(async () => resolve(gate.user('ann')));
  assert.deepEqual(states(), EXPECT.ann);
});

test('a user switch inside the app (state) re-renders the gated screen', () => {
  function App() {
    const [who, setWho] = useState('ann');
    return h(RolegateProvider, { gate, userId: who },
      h('button', { id: 'switch', onClick: () => setWho('bob') }, 'switch'),
      h(Screen));
  }
  render(h(App));
  assert.deepEqual(states(), EXPECT.ann);
  fireEvent.click(document.getElementById('switch'));
  assert.deepEqual(states(), EXPECT.bob);
});

test('server rendering fails closed without a user, and gates with one', async () => {
  const page = (props) => renderToString(h(RolegateProvider, props, h(Screen)));
  /** The ids of the buttons in `html`, and which of them are disabled. */
  const seen = (html) => {
    const doc = new JSDOM(html).window.document;
    return Object.fromEntries(BUTTONS.map(({ id }) => {
      const el = doc.getElementById(id);
      return [id, !el ? 'hidden' : el.hasAttribute('disabled') ? 'disabled' : 'visible'];
    }));
  };
  for (const props of [{ user: null }, { user: undefined }, { gate: null, userId: 'ann' }, { gate, userId: null }]) {
    assert.deepEqual(seen(page(props)), ALL_HIDDEN, JSON.stringify(props));
  }
  assert.deepEqual(seen(renderToString(h(Screen))), ALL_HIDDEN, 'no provider');
  // A promise does not settle during a server render.
  assert.deepEqual(seen(page({ user: Promise.resolve(gate.user('ann')) })), ALL_HIDDEN);
  assert.match(page({ user: null }), /title="permissions are loading"/);
  // A handle given on the server is used: the full engine's, or a slice's.
  assert.deepEqual(seen(page({ user: gate.user('ann') })), EXPECT.ann);
  assert.deepEqual(seen(page({ gate, userId: 'bob' })), EXPECT.bob);
  assert.deepEqual(seen(page({ user: await loadSlice(gate.slice('bob')) })), EXPECT.bob);
  assert.doesNotMatch(page({ gate, userId: 'bob' }), /id="billing"/);
});
