// One rolegate engine per org, built from the database, and built again
// from the database after every change to the org's data.
import { Rolegate } from 'rolegate';
import { appOf } from './apps.js';

/**
 * @typedef {object} Org
 * @property {string} id
 * @property {import('rolegate').Snapshot} snapshot  as read from the database
 * @property {import('rolegate').Rolegate} gate      compiled from it
 * @property {Map<string, import('rolegate').User>} users  the snapshot's users by id
 * @property {import('./apps.js').App} app           which permissions the routes ask for
 */

/** @param {Awaited<ReturnType<typeof import('./storage.js').openStorage>>} storage */
export function createEngines(storage) {
  /** @type {Map<string, Org>} */
  const orgs = new Map();
  /** The last write queued for each org (writes of one org run one at a time). */
  const queues = new Map();

  /** Reads the org from the database and compiles it (a SnapshotError when it does not load). */
  async function build(orgId) {
    const snapshot = await storage.readSnapshot(orgId);
    if (!snapshot) {
      orgs.delete(orgId);
      return null;
    }
    const org = {
      id: orgId,
      snapshot,
      gate: Rolegate.load(snapshot),
      users: new Map(snapshot.org.users.map((u) => [u.id, u])),
      app: appOf(orgId, snapshot.model),
    };
    // The engine it replaces is not freed here: a request may still be using
    // it across an `await`. The garbage collector frees it when it is done.
    orgs.set(orgId, org);
    return org;
  }

  return {
    /** Builds every org's engine (at startup). */
    async start() {
      for (const id of await storage.orgIds()) await build(id);
    },

    /** @returns {Org | null} */
    get: (orgId) => orgs.get(orgId) ?? null,

    /** @returns {Org[]} */
    list: () => [...orgs.values()],

    /**
     * Runs `write(org)` (it saves a change to the database) after the org's
     * earlier writes, then rebuilds the org's engine from the database.
     * Resolves to what `write` resolves to; a write that throws changes nothing.
     * @template T
     * @param {string} orgId
     * @param {(org: Org) => Promise<T>} write
     * @returns {Promise<T>}
     */
    change(orgId, write) {
      const run = (queues.get(orgId) ?? Promise.resolve()).then(async () => {
        const current = orgs.get(orgId);
        if (!current) throw new Error(`no org ${orgId}`);
        const result = await write(current);
        await build(orgId);
        return result;
      });
      queues.set(orgId, run.catch(() => {}));
      return run;
    },
  };
}
