// One library's part of the benchmark, the same code in Node and in the
// browser: build the scenario, assert agreement with the reference, then time
// loads and checks. Returns plain JSON; run.mjs makes the table.
import { makeScenario, PERMS, RECORD_PERMS, SEQ_LEN } from './scenario.mjs';

const now = () => performance.now();

export const DEFAULTS = {
  runs: 7, // samples per measure (median and spread are over these)
  minMs: 250, // each throughput sample runs the check sequence for at least this long
  chunk: 1000, // checks between two clock reads
  minLoadMs: 40, // each load sample repeats the load for at least this long
};

function verify(adapter, bound, sc, names) {
  const { ref, cases, pins, seq, small } = sc;
  const errors = [];
  let handPicked = 0;
  if (bound.plain) {
    // Variants with their own state (rolegate's client engine) decide the
    // hand-picked cases through it too (`cases(user id, perm, pin?)`).
    const own = names.filter((n) => bound.variants[n].cases);
    for (const c of cases) {
      const want = c.pin ? ref.record(c.user, c.perm, c.pin) : ref.plain(c.user, c.perm);
      if (want !== c.expect) throw new Error(`scenario bug: reference says ${want} for "${c.what}"`);
      const got = c.pin ? bound.record(c.user, c.perm, c.pin) : bound.plain(c.user, c.perm);
      const at = `"${c.what}" (${c.user} ${c.perm}${c.pin ? ' ' + c.pin.id : ''})`;
      if (got !== c.expect) errors.push(`hand-picked ${at}: got ${got}, want ${c.expect}`);
      handPicked++;
      for (const n of own) {
        const gotV = bound.variants[n].cases(c.user, c.perm, c.pin ?? undefined);
        if (gotV !== c.expect) errors.push(`${n} hand-picked ${at}: got ${gotV}, want ${c.expect}`);
        handPicked++;
      }
    }
  }
  const refA = new Uint8Array(SEQ_LEN);
  const refB = new Uint8Array(SEQ_LEN);
  for (let i = 0; i < SEQ_LEN; i++) {
    refA[i] = ref.plain(small.users[seq.a.user[i]].id, PERMS[seq.a.perm[i]]) ? 1 : 0;
    refB[i] = ref.record(small.users[seq.b.user[i]].id, RECORD_PERMS[seq.b.perm[i]], pins[seq.b.pin[i]]) ? 1 : 0;
  }
  let random = 0;
  if (!adapter.floor) {
    for (const name of names) {
      const v = bound.variants[name];
      for (let i = 0; i < SEQ_LEN && errors.length < 20; i++) {
        const u = seq.a.user[i], p = seq.a.perm[i];
        const got = v.a(u, p);
        if (got !== (refA[i] === 1)) errors.push(`${name} Rule A #${i} (${small.users[u].id} ${PERMS[p]}): got ${got}, want ${refA[i] === 1}`);
        const ub = seq.b.user[i], pb = seq.b.perm[i], pin = seq.b.pin[i];
        const gotB = v.b(ub, pb, pin);
        if (gotB !== (refB[i] === 1)) errors.push(`${name} Rule B+C #${i} (${small.users[ub].id} ${RECORD_PERMS[pb]} ${JSON.stringify(pins[pin])}): got ${gotB}, want ${refB[i] === 1}`);
        random += 2;
      }
    }
  }
  const allowedA = refA.reduce((s, x) => s + x, 0);
  const allowedB = refB.reduce((s, x) => s + x, 0);
  return { handPicked, random, errors, refA, refB, allowedA, allowedB };
}

// Allowed answers expected for `count` checks starting at index `start` of a
// cyclic sequence whose prefix sums are `prefix` (length SEQ_LEN + 1).
function expectedAllowed(prefix, start, count) {
  const total = prefix[SEQ_LEN];
  let n = Math.floor(count / SEQ_LEN) * total;
  let rest = count % SEQ_LEN;
  const end = start + rest;
  if (end <= SEQ_LEN) n += prefix[end] - prefix[start];
  else n += prefix[SEQ_LEN] - prefix[start] + prefix[end - SEQ_LEN];
  return n;
}

function prefixOf(bits) {
  const p = new Int32Array(SEQ_LEN + 1);
  for (let i = 0; i < SEQ_LEN; i++) p[i + 1] = p[i] + bits[i];
  return p;
}

// Checks per second of `fn` over the sequence, for at least opts.minMs.
function timeA(fn, seq, start, opts) {
  const U = seq.user, P = seq.perm;
  let i = start, checks = 0, allowed = 0;
  const t0 = now();
  let t1;
  do {
    for (let k = 0; k < opts.chunk; k++) {
      if (fn(U[i], P[i])) allowed++;
      if (++i === SEQ_LEN) i = 0;
    }
    checks += opts.chunk;
  } while ((t1 = now()) - t0 < opts.minMs);
  return { perSec: (checks * 1000) / (t1 - t0), checks, allowed, end: i };
}

function timeB(fn, seq, start, opts) {
  const U = seq.user, P = seq.perm, R = seq.pin;
  let i = start, checks = 0, allowed = 0;
  const t0 = now();
  let t1;
  do {
    for (let k = 0; k < opts.chunk; k++) {
      if (fn(U[i], P[i], R[i])) allowed++;
      if (++i === SEQ_LEN) i = 0;
    }
    checks += opts.chunk;
  } while ((t1 = now()) - t0 < opts.minMs);
  return { perSec: (checks * 1000) / (t1 - t0), checks, allowed, end: i };
}

async function timeLoads(adapter, org, opts) {
  const prepared = adapter.prepare(org);
  const out = {};
  for (const [name, load] of Object.entries(adapter.loaders)) {
    // Warm-up: as many untimed loads as one sample (at least one).
    for (let t0 = now(), first = true; first || now() - t0 < opts.minLoadMs; first = false) adapter.free(await load(prepared));
    const samples = [];
    for (let r = 0; r < opts.runs; r++) {
      let spent = 0, n = 0;
      do {
        const t0 = now();
        const state = await load(prepared);
        spent += now() - t0;
        n++;
        adapter.free(state);
      } while (spent < opts.minLoadMs);
      samples.push(spent / n);
      if (spent / n > 1000) break; // very slow loaders: one sample per process
    }
    out[name] = samples;
  }
  return out;
}

/**
 * Runs one adapter: verifies every variant, times the checks of variant
 * number `opts.variant` (each variant runs in a fresh process or page, so the
 * timing loop's call site stays monomorphic) and, if `opts.loads`, the loads.
 * `log` receives progress lines. If the library disagrees with the reference,
 * the result carries `errors` and nothing is timed.
 */
export async function runSuite(adapter, options = {}, log = () => {}) {
  const opts = { ...DEFAULTS, ...options };
  const sc = makeScenario();
  const result = { lib: adapter.name, loadNote: adapter.loadNote ?? null, users: { small: sc.small.users.length, big: sc.big.users.length } };

  // Bind to the small org (the checks run against it).
  const loaders = Object.values(adapter.loaders);
  const prepared = adapter.prepare(sc.small);
  const state = loaders.length ? await loaders[0](prepared) : prepared;
  const bound = await adapter.bind(state, sc.small, sc.pins);

  // Every variant is verified in every environment: the first process or
  // page checks them all (opts.verifyAll), the others the one they time.
  // Variants with state of their own build it first (untimed) and free it
  // after verification unless they are the one timed.
  const names = Object.keys(bound.variants);
  const vi = opts.variant ?? 0;
  const checked = opts.verifyAll !== false ? names : names.slice(vi, vi + 1);
  if (bound.setup) await bound.setup(checked, sc);
  const v = verify(adapter, bound, sc, checked);
  bound.teardown?.(names[vi]);
  result.verified = { handPicked: v.handPicked, random: v.random, allowedA: v.allowedA, allowedB: v.allowedB };
  if (v.errors.length) {
    result.errors = v.errors;
    return result;
  }
  if (!adapter.floor) log(`${adapter.name}: agrees with the reference on ${v.handPicked} hand-picked and ${v.random} random checks`);

  const prefA = prefixOf(v.refA), prefB = prefixOf(v.refB);
  result.variants = Object.keys(bound.variants);
  result.checks = {};
  const chosen = Object.entries(bound.variants).slice(opts.variant ?? 0, (opts.variant ?? 0) + 1);
  for (const [name, fns] of chosen) {
    // Warm-up (the verification pass already ran every check once); slow
    // libraries read the clock every 20 checks instead of every 1000.
    const wa = timeA(fns.a, sc.seq.a, 0, { ...opts, chunk: 20, minMs: 100 });
    const wb = timeB(fns.b, sc.seq.b, 0, { ...opts, chunk: 20, minMs: 100 });
    const chunkA = wa.perSec > 100_000 ? opts.chunk : 20;
    const chunkB = wb.perSec > 100_000 ? opts.chunk : 20;
    const a = [], b = [];
    let ia = 0, ib = 0;
    for (let r = 0; r < opts.runs; r++) {
      const ra = timeA(fns.a, sc.seq.a, ia, { ...opts, chunk: chunkA });
      const rb = timeB(fns.b, sc.seq.b, ib, { ...opts, chunk: chunkB });
      if (!adapter.floor) {
        const wantA = expectedAllowed(prefA, ia, ra.checks), wantB = expectedAllowed(prefB, ib, rb.checks);
        if (ra.allowed !== wantA || rb.allowed !== wantB) throw new Error(`${adapter.name} ${name}: timed loop allowed ${ra.allowed}/${rb.allowed}, reference ${wantA}/${wantB}`);
      }
      ia = ra.end; ib = rb.end;
      a.push(ra.perSec);
      b.push(rb.perSec);
    }
    result.checks[name] = { a, b };
    log(`${adapter.name} ${name}: Rule A ${fmt(median(a))}/s, Rule B+C ${fmt(median(b))}/s`);
  }

  if (loaders.length && opts.loads !== false) {
    result.loads = { small: await timeLoads(adapter, sc.small, opts), big: await timeLoads(adapter, sc.big, opts) };
    for (const [name, s] of Object.entries(result.loads.big)) log(`${adapter.name} ${name}: 20k-org load ${median(s).toFixed(2)} ms`);
  }
  // Slices (rolegate/client): after everything timed above, in the processes
  // and pages that time loads; sizes only where opts.sliceSizes.
  if (adapter.slices && opts.loads !== false) {
    result.slices = await adapter.slices(sc, { full: !!opts.sliceSizes, runs: opts.runs });
    for (const [model, m] of Object.entries(result.slices)) {
      log(`${adapter.name} slices (${model}): rep ${m.sizes.rep.median} B (max ${m.sizes.rep.max}, n ${m.sizes.rep.n}), gate.slice ${median(m.times.sliceRep).toFixed(3)} ms, loadSlice ${median(m.times.loadRep).toFixed(3)} ms`);
    }
  }
  const cold = adapter.clientCold?.();
  if (cold !== null && cold !== undefined) result.clientCold = [cold];
  adapter.free(state);
  return result;
}

export function median(xs) {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmt(x) {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0);
}
