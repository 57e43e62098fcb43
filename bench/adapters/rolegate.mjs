// rolegate: the org as a rolegate snapshot. The reporting tree and teams are
// data; record scopes (own, peers, subordinates) express Rule B natively and a
// restriction with an exemption for the pin's team expresses Rule C.
//
// With `loadSlice` (rolegate/client), two more variants decide in the
// browser's way: the server cuts each user's slice (`gate.slice(id)`) and the
// lean client engine reads it (`loadSlice(bytes)`), one ClientGate per user
// as CASL has one ability per user. `slices()` measures slices themselves
// (size, cutting, reading) on the big org.
import { PERMS } from '../scenario.mjs';
import { median } from '../suite.mjs';

export const MODEL = {
  name: 'bench',
  permissions: [
    { id: 'pins.view', label: 'View pins', record: true },
    { id: 'pins.edit', label: 'Edit pins', record: true },
    { id: 'reports.export', label: 'Export reports' },
    { id: 'users.invite', label: 'Invite users' },
  ],
  roles: [
    { id: 'admin', label: 'Admin', grants: [{ permission: '*' }] },
    {
      id: 'manager',
      label: 'Manager',
      grants: [
        { permission: 'pins.view', scope: ['own', 'subordinates'] },
        { permission: 'pins.edit', scope: ['own', 'subordinates'] },
        { permission: 'users.invite' },
      ],
    },
    {
      id: 'rep',
      label: 'Rep',
      grants: [
        { permission: 'pins.view', scope: ['own', 'peers'] },
        { permission: 'pins.edit', scope: ['own'] },
      ],
    },
  ],
  restrictions: [
    {
      id: 'restricted-pins',
      permissions: ['pins.view'],
      when: { attr: 'record.restricted', eq: true },
      unless: { scope: ['team'] },
      message: 'restricted pins of {team} are private to the team',
    },
  ],
};

/** The org as a rolegate snapshot object (what an app would store and load). */
export function snapshotOf(org) {
  return {
    model: MODEL,
    org: {
      name: org.name,
      teams: org.teams.map((t) => ({ id: t.id, managers: [t.manager] })),
      users: org.users.map((u) => {
        const out = { id: u.id, teams: [u.team], roles: [{ role: u.role }] };
        if (u.manager) out.manager = u.manager;
        return out;
      }),
    },
  };
}

/** The check context of a pin. */
export const contextOf = (p) => ({ record: { owner: p.owner, team: p.team, attributes: { restricted: p.restricted } } });

export const CLIENT = 'rolegate client (slice)';
export const CLIENT_PREPARED = 'rolegate client (slice), prepared context';

export function createAdapter({ Rolegate, loadSlice }) {
  const client = loadSlice ? clientSide(Rolegate, loadSlice) : null;
  return {
    name: 'rolegate',
    loadNote: 'Rolegate.load(snapshot object) / Rolegate.fromJson(snapshot text): validation + compilation of the whole org',
    prepare(org) {
      const snapshot = snapshotOf(org);
      return { snapshot, text: JSON.stringify(snapshot) };
    },
    loaders: {
      'Rolegate.load(object)': (p) => Rolegate.load(p.snapshot),
      'Rolegate.fromJson(text)': (p) => Rolegate.fromJson(p.text),
    },
    free(gate) {
      if (gate && typeof gate.free === 'function') gate.free();
    },
    bind(gate, org, pins) {
      const handles = org.users.map((u) => gate.user(u.id));
      const ids = org.users.map((u) => u.id);
      const ctxs = pins.map(contextOf);
      // gate.prepare: each pin's context resolved once (names and attributes
      // as indices), as a list view would for the rows it renders.
      const prepared = pins.map((p) => gate.prepare(contextOf(p)));
      const sliced = client?.bind(gate, org, pins, ctxs);
      return {
        // Builds what the variants `names` need (untimed) and frees it again.
        setup: (names, sc) => sliced?.setup(names, sc),
        teardown: (keep) => sliced?.teardown(keep),
        plain: (user, perm) => gate.can(user, perm),
        record: (user, perm, pin) => gate.can(user, perm, contextOf(pin)),
        variants: {
          'user handle .can': {
            a: (u, p) => handles[u].can(PERMS[p]),
            b: (u, p, pin) => handles[u].can(PERMS[p], ctxs[pin]),
          },
          'user handle .can, prepared context': {
            a: (u, p) => handles[u].can(PERMS[p]),
            b: (u, p, pin) => handles[u].can(PERMS[p], prepared[pin]),
          },
          'gate.can(user, perm, ctx)': {
            a: (u, p) => gate.can(ids[u], PERMS[p]),
            b: (u, p, pin) => gate.can(ids[u], PERMS[p], ctxs[pin]),
          },
          ...sliced?.variants,
        },
      };
    },
    clientCold: () => client?.cold ?? null,
    slices: client ? (sc, opts) => client.slices(sc, opts) : undefined,
  };
}

/** The snapshot with the owner (u0) given role manager instead of admin. */
function ownerAsManager(snapshot) {
  const users = snapshot.org.users.map((u) => (u.id === 'u0' ? { ...u, roles: [{ role: 'manager' }] } : u));
  return { ...snapshot, org: { ...snapshot.org, users } };
}

/** The models slices are measured with: the scenario's. */
export const SLICE_MODELS = {
  scenario: (s) => s,
};

/** `n` items of `xs`, evenly spread (all of them if fewer). */
function evenly(xs, n) {
  if (xs.length <= n) return xs;
  return Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]);
}

const clock = () => performance.now();

/** The client engine's side: per-user ClientGates for the check variants, and slice measures. */
function clientSide(Rolegate, loadSlice) {
  const side = {
    /** The first loadSlice of this process or page (the client wasm starts in it), ms. */
    cold: null,
    async start(gate, org) {
      if (side.cold !== null) return;
      const rep = org.users.find((u) => u.role === 'rep').id;
      const bytes = gate.slice(rep);
      const t0 = clock();
      const me = await loadSlice(bytes);
      side.cold = clock() - t0;
      me.free();
    },
    bind: (gate, org, pins, ctxs) => bindClient(side, loadSlice, gate, org, pins, ctxs),
    slices: (sc, opts) => measureSlices(side, Rolegate, loadSlice, sc, opts),
  };
  return side;
}

function bindClient(side, loadSlice, gate, org, pins, ctxs) {
  const gates = []; // user index -> ClientGate
  const preps = [null]; // prepared contexts, by slot (0: none)
  let slot = null; // (user index * pins + pin) -> slot in preps
  const NP = pins.length;
  const byCase = (prepared) => (id, perm, pin) => {
    const me = gates[org.byId.get(id)];
    if (!me) return false; // no such user: no slice to decide from
    if (!pin) return me.can(perm);
    if (!prepared) return me.can(perm, contextOf(pin));
    const pr = me.prepare(contextOf(pin));
    try {
      return me.can(perm, pr);
    } finally {
      pr.free();
    }
  };
  const a = (u, p) => gates[u].can(PERMS[p]);
  const variants = {
    [CLIENT]: { a, b: (u, p, pin) => gates[u].can(PERMS[p], ctxs[pin]), cases: byCase(false) },
    [CLIENT_PREPARED]: { a, b: (u, p, pin) => gates[u].can(PERMS[p], preps[slot[u * NP + pin]]), cases: byCase(true) },
  };
  const free = () => {
    for (const p of preps) p?.free();
    for (const me of gates) me.free();
    gates.length = 0;
    preps.length = 1;
    slot = null;
  };
  return {
    variants,
    async setup(names, sc) {
      if (!names.includes(CLIENT) && !names.includes(CLIENT_PREPARED)) return;
      await side.start(gate, org);
      // One ClientGate per user, from the slice the server cut for them.
      for (const u of org.users) gates.push(await loadSlice(gate.slice(u.id)));
      if (!names.includes(CLIENT_PREPARED)) return;
      // Prepared contexts belong to the ClientGate that made them: one per
      // (user, pin) pair of the Rule B+C sequence, made once, as a list view
      // would for its rows.
      slot = new Uint16Array(org.users.length * NP);
      const { user, pin } = sc.seq.b;
      for (let i = 0; i < user.length; i++) {
        const k = user[i] * NP + pin[i];
        if (slot[k] === 0) {
          if (preps.length > 0xffff) throw new Error('more (user, pin) pairs than slots');
          slot[k] = preps.length;
          preps.push(gates[user[i]].prepare(ctxs[pin[i]]));
        }
      }
    },
    teardown(keep) {
      if (keep !== CLIENT && keep !== CLIENT_PREPARED) free();
    },
  };
}

/**
 * Slices of the big org, with each of SLICE_MODELS: sizes of reps' and
 * managers' slices (opts.full: every rep when cheap enough, and the owner
 * as a manager of the whole org), the time of gate.slice(user) for each user
 * of a sample, and the time of loadSlice(bytes) once the client wasm runs.
 */
async function measureSlices(side, Rolegate, loadSlice, sc, opts) {
  if (side.cold === null) {
    const small = Rolegate.load(snapshotOf(sc.small));
    await side.start(small, sc.small);
    small.free();
  }
  const out = {};
  for (const [model, adjust] of Object.entries(SLICE_MODELS)) {
    const gate = Rolegate.load(adjust(snapshotOf(sc.big)));
    try {
      out[model] = await measureModel(gate, sc.big, loadSlice, opts);
    } finally {
      gate.free();
    }
    if (opts.full) {
      // A manager whose subtree is the whole org: the owner, given role manager.
      for (const [key, org] of [['ownerAsManagerBig', sc.big], ['ownerAsManagerSmall', sc.small]]) {
        const g = Rolegate.load(ownerAsManager(adjust(snapshotOf(org))));
        out[model].sizes[key] = { subtree: org.users.length - 1, size: g.slice('u0').length };
        g.free();
      }
    }
  }
  return out;
}

async function measureModel(gate, org, loadSlice, opts) {
  const ids = (role) => org.users.filter((u) => u.role === role).map((u) => u.id);
  const reps = ids('rep'), managers = ids('manager');
  const timed = (id) => {
    const t0 = clock();
    const bytes = gate.slice(id);
    return [clock() - t0, bytes.length];
  };
  const pass = (list) => {
    const ms = [], size = [];
    for (const id of list) {
      const [t, n] = timed(id);
      ms.push(t);
      size.push(n);
    }
    return { ms, size };
  };
  pass(evenly(reps, 5)); // warm-up
  const sample = evenly(reps, opts.sample ?? 200);
  const rep = pass(sample);
  // The sizes of every rep when the sample says that takes under 20 s (the
  // times stay the sample's).
  const everyRep = opts.full && median(rep.ms) * reps.length < 20_000;
  const repSizes = everyRep ? pass(reps).size : rep.size;
  const mgr = pass(evenly(managers, 20));
  const summary = (xs) => ({ n: xs.length, median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
  const [ownerMs, ownerSize] = timed('u0');
  // A rep's slice of median size, and a manager's, read by the client engine.
  const repBytes = gate.slice(medianOf(everyRep ? reps : sample, repSizes));
  const mgrBytes = gate.slice(managers[0]);
  return {
    sizes: {
      rep: summary(repSizes),
      manager: { ...summary(mgr.size), subtree: org.reports.get(managers[0]).length },
      owner: { subtree: org.users.length - 1, size: ownerSize },
      loadedRep: repBytes.length,
      loadedManager: mgrBytes.length,
    },
    times: {
      sliceRep: rep.ms,
      sliceManager: mgr.ms,
      sliceOwner: [ownerMs],
      loadRep: await timeLoadSlice(loadSlice, repBytes, opts),
      loadManager: await timeLoadSlice(loadSlice, mgrBytes, opts),
    },
  };
}

/** The user of `reps` whose slice is of median size (`sizes`, in the same order). */
function medianOf(reps, sizes) {
  const m = median(sizes);
  let best = 0;
  for (let i = 0; i < sizes.length; i++) if (Math.abs(sizes[i] - m) < Math.abs(sizes[best] - m)) best = i;
  return reps[best];
}

/** ms per loadSlice(bytes): opts.runs samples, each of loads for >= 20 ms (the gates freed untimed). */
async function timeLoadSlice(loadSlice, bytes, opts) {
  (await loadSlice(bytes)).free(); // warm-up
  const samples = [];
  for (let r = 0; r < (opts.runs ?? 3); r++) {
    const made = [];
    let spent = 0;
    do {
      const t0 = clock();
      made.push(await loadSlice(bytes));
      spent += clock() - t0;
    } while (spent < 20 || made.length < 3);
    samples.push(spent / made.length);
    for (const me of made) me.free();
  }
  return samples;
}
