// The first run's data: the four sample orgs of the repository (www/orgs/)
// and a few hundred records each, generated deterministically (the same
// rows in every database, on every machine).
import { readFileSync } from 'node:fs';
import { APPS } from './apps.js';

const SAMPLE_ORGS = new URL('../../../www/orgs/', import.meta.url);
const RECORDS_PER_ORG = 300;
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Tyrell', 'Wonka', 'Cyberdyne'];

/** Seeds the sample orgs when the database has no org yet; returns the ids seeded. */
export async function seedIfEmpty(storage) {
  if ((await storage.orgIds()).length > 0) return [];
  const ids = Object.keys(APPS);
  for (const [i, orgId] of ids.entries()) {
    const snapshot = JSON.parse(readFileSync(new URL(`${orgId}.json`, SAMPLE_ORGS), 'utf8'));
    await storage.addOrg(orgId, snapshot, sampleRecords(orgId, snapshot, i * 1000 + 1));
  }
  return ids;
}

/**
 * `RECORDS_PER_ORG` records of the org, ids from `firstId`: each owned by
 * one of its users, in the owner's first team and at the unit of their
 * first role (or at one of the org's bottom units), with the attributes
 * the model's conditions read.
 */
function sampleRecords(orgId, snapshot, firstId) {
  const app = APPS[orgId];
  const { users, units = [] } = snapshot.org;
  const leaves = units.filter((u) => !units.some((c) => c.parent === u.id)).map((u) => u.id);
  let seed = [...orgId].reduce((h, c) => h * 31 + c.charCodeAt(0), 7) % 2147483648;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) >> 8;
  const pick = (list) => list[next() % list.length];
  return Array.from({ length: RECORDS_PER_ORG }, (_, i) => {
    const owner = pick(users);
    const roleUnit = owner.roles?.find((r) => r.unit && leaves.includes(r.unit))?.unit;
    const attributes = Object.fromEntries(Object.entries(app.attributes ?? {}).map(([key, values]) => [key, pick(values)]));
    return {
      id: firstId + i,
      title: `${pick(app.titles)} · ${pick(COMPANIES)}`,
      owner: owner.id,
      team: owner.teams?.[0],
      unit: units.length > 0 ? (roleUnit ?? pick(leaves)) : undefined,
      attributes,
    };
  });
}
