// End-to-end test of the demo page (www/) in headless Chromium.
//
//   npm install && node --test tests/e2e/demo.mjs     (also run by `make test`)
//
// Serves www/ (and the package's web build at /pkg/) from a server of its
// own on 127.0.0.1, so it does not need `make demo` running; the package must
// be built (`make pkg`). For each of the four sample organisations it signs
// in as people with different roles and checks which elements are visible,
// hidden and disabled and what the tooltips say; it switches a JRNI location
// and Modjo's call-access restrictions; it pastes broken snapshots and checks
// the listed problems. One screenshot per organisation goes to
// target/screenshots/.

import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve, pkgDir } from './support/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(ROOT, 'target', 'screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

let server;
let context;
let page;
let profile;
const pageErrors = [];

before(async () => {
  assert.ok(pkgDir(), 'the rolegate package is not built: run `make pkg` (the page imports it from www/pkg/)');
  mkdirSync(SHOTS, { recursive: true });
  server = await serve(0);
  profile = mkdtempSync(path.join(tmpdir(), 'rolegate-e2e-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 1000 },
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  await page.goto(`${server.url}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

// ------------------------------------------------------------------ helpers

async function openOrg(org) {
  await page.click(`#org-picker [data-org="${org}"]`);
  await page.waitForSelector(`#screen[data-screen="${org}"]`);
}

async function signIn(user) {
  await page.click(`#people [data-user="${user}"]`);
  await page.waitForSelector(`#people [data-user="${user}"][aria-selected="true"]`);
}

/** The first gated element for `permission` whose attributes match `extra` (a CSS suffix). */
function gated(permission, extra = '') {
  return page.locator(`#screen [data-can="${permission}"]${extra}`).first();
}

function byOwner(permission, owner) {
  return gated(permission, `[data-can-owner="${owner}"]`);
}

async function expectEnabled(loc, what) {
  assert.ok(await loc.isVisible(), `${what}: expected visible`);
  assert.ok(await loc.isEnabled(), `${what}: expected enabled`);
}

async function expectDisabled(loc, what, tooltip) {
  assert.ok(await loc.isVisible(), `${what}: expected visible (disabled)`);
  assert.ok(await loc.isDisabled(), `${what}: expected disabled`);
  if (tooltip !== undefined) {
    const title = await loc.getAttribute('title');
    assert.ok(title && (tooltip instanceof RegExp ? tooltip.test(title) : title.includes(tooltip)), `${what}: tooltip ${JSON.stringify(title)} should match ${tooltip}`);
  }
}

async function expectHidden(loc, what) {
  assert.equal(await loc.count(), 1, `${what}: the element should exist in the page`);
  assert.ok(await loc.isHidden(), `${what}: expected hidden`);
}

/** Clicks a gated element (enabled or not) and returns the why panel's verdict. */
async function why(loc) {
  // Centred first: a forced click lands wherever the element is, and the
  // sticky top bar may cover an element scrolled to the top.
  await loc.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await loc.click({ force: true });
  const status = await page.locator('#why [data-why-status]').getAttribute('data-why-status');
  const message = (await page.locator('#why-message').textContent()).trim();
  const text = await page.locator('#why-body').innerText();
  return { status, message, text };
}

async function shoot(name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

// -------------------------------------------------------------------- tests

describe('demo page', () => {
  test('Jiminny: recording is a paid seat, even for Admins; only the Owner sets up the CRM', async () => {
    await openOrg('jiminny');

    await signIn('marcus'); // Admin, no Recorder role
    await expectDisabled(gated('calls.record'), 'Marcus: Start recording', 'needs the Recorder role (paid seat)');
    await expectDisabled(gated('calls.crm_log'), 'Marcus: Log call to CRM', 'needs the Recorder role (paid seat)');
    await expectDisabled(gated('settings.crm'), 'Marcus: CRM integration', 'needs the Account Owner role');
    await expectEnabled(gated('billing.manage'), 'Marcus: Billing');
    await expectEnabled(gated('settings.organisation'), 'Marcus: Settings menu');
    await expectEnabled(gated('users.manage'), 'Marcus: Manage users');
    assert.match(await page.locator('#seats').innerText(), /7\s+used of 8 purchased/);

    await signIn('daniel'); // Recorder + Voice, no CRM access
    await expectEnabled(gated('calls.record'), 'Daniel: Start recording');
    await expectEnabled(gated('voice.dial'), 'Daniel: Dial with Voice');
    await expectDisabled(gated('calls.crm_log'), 'Daniel: Log call to CRM', 'CRM access');
    await expectHidden(gated('settings.organisation'), 'Daniel: Settings menu');
    await expectHidden(gated('reports.view'), 'Daniel: Reports menu');
    await expectDisabled(gated('users.invite'), 'Daniel: Invite user', 'needs the Account Owner, Admin or Manager role');
    await expectEnabled(byOwner('calls.listen', 'daniel'), 'Daniel: listen to his own call');
    await expectDisabled(byOwner('calls.listen', 'sophie'), 'Daniel: listen to Sophie\'s call', 'out of scope');

    await signIn('tom'); // Manager of Sales + Recorder
    await expectEnabled(byOwner('calls.coach', 'sophie'), 'Tom: coach Sophie (his team)');
    await expectDisabled(byOwner('calls.coach', 'ethan'), 'Tom: coach Ethan (Customer Success)', 'out of scope');
    await expectEnabled(gated('team.setup', '[data-can-record-team="sales"]'), 'Tom: Sales team setup');
    await expectDisabled(gated('team.setup', '[data-can-record-team="cs"]'), 'Tom: Customer Success team setup');

    await signIn('hannah'); // Insights: coaches without recording
    await expectDisabled(gated('calls.record'), 'Hannah: Start recording', 'needs the Recorder role (paid seat)');
    await expectEnabled(gated('reports.view'), 'Hannah: Reports menu');
    await expectEnabled(byOwner('calls.coach', 'ethan'), 'Hannah: coach anyone');

    await signIn('marcus');
    const w = await why(gated('calls.record'));
    assert.equal(w.status, 'disabled');
    assert.equal(w.message, 'needs the Recorder role (paid seat)');
    assert.match(w.text, /needs_seat/);
    assert.match(w.text, /Recording licence/);
    await shoot('jiminny');
  });

  test('JRNI: roles per location, cascading from the parent company; Person limits', async () => {
    await openOrg('jrni');

    await signIn('amelia'); // Owner at the parent company
    await page.selectOption('#unit-picker', 'leeds');
    await expectEnabled(gated('users.create'), 'Amelia at Leeds: Manage Users (cascaded from the parent)');
    await expectEnabled(gated('menu.business'), 'Amelia at Leeds: Business menu');
    await expectEnabled(gated('integrations.manage'), 'Amelia at Leeds: Integrations');

    await signIn('isla'); // Owner at London, Administrator at Manchester, User at Bristol
    await page.selectOption('#unit-picker', 'london');
    await expectEnabled(gated('users.create'), 'Isla at London: Manage Users');
    await expectEnabled(gated('integrations.manage'), 'Isla at London: Integrations');

    await page.selectOption('#unit-picker', 'manchester');
    assert.equal(await gated('users.create').getAttribute('data-can-unit'), 'manchester');
    await expectHidden(gated('users.create'), 'Isla at Manchester: Manage Users');
    await expectHidden(gated('menu.business'), 'Isla at Manchester: Business menu');
    await expectEnabled(gated('services.edit'), 'Isla at Manchester: Add service (Administrator)');
    await expectDisabled(gated('integrations.manage'), 'Isla at Manchester: Integrations', 'applies at London Bridge clinic only');

    await page.selectOption('#unit-picker', 'bristol');
    await expectDisabled(gated('services.edit'), 'Isla at Bristol: Add service (User)');
    await expectHidden(gated('tab.services'), 'Isla at Bristol: Services tab');
    await expectEnabled(gated('tab.calendar'), 'Isla at Bristol: Calendar tab');

    await signIn('jack'); // User at London, linked to staff member st_jack
    await page.selectOption('#unit-picker', 'london');
    await expectEnabled(gated('staff.view'), 'Jack: View staff (linked to a staff member)');
    await expectDisabled(gated('services.edit'), 'Jack: Add service', 'needs the Owner or Administrator role');
    await expectHidden(gated('tab.services'), 'Jack: Services tab');
    await expectEnabled(gated('calendar.view', `[data-can-attributes*='st_jack']`), 'Jack: his own calendar');
    await expectDisabled(gated('calendar.view', `[data-can-attributes*='st_oscar']`), 'Jack: Oscar\'s calendar', 'limited to one staff member (Person)');
    // The staff buttons (records with attributes) are gated by the package's applyGates like the rest.
    assert.equal(await page.locator('[data-gate], [data-gate-attrs]').count(), 0, 'no element of the demo\'s own gating is left');
    const staffWhy = await why(gated('calendar.view', `[data-can-attributes*='st_oscar']`));
    assert.equal(staffWhy.status, 'disabled');
    assert.match(staffWhy.message, /limited to one staff member \(Person\)/);
    assert.match(staffWhy.text, /staff = "st_oscar"/);

    await signIn('freya'); // Call Center at London, Manchester and Leeds
    await page.selectOption('#unit-picker', 'london');
    await expectEnabled(gated('page.call_center'), 'Freya at London: Call Center');
    await expectHidden(gated('menu.your_business'), 'Freya: Your Business menu');
    await page.selectOption('#unit-picker', 'bristol');
    await expectHidden(gated('page.call_center'), 'Freya at Bristol: Call Center');
    await expectDisabled(gated('bookings.create'), 'Freya at Bristol: New booking', 'applies at London Bridge clinic, Manchester clinic and Leeds clinic only');

    await signIn('isla');
    await page.selectOption('#unit-picker', 'manchester');
    const w = await why(gated('integrations.manage'));
    assert.equal(w.status, 'disabled');
    assert.match(w.message, /Owner role, which applies at London Bridge clinic only/);
    await shoot('jrni');
  });

  test('SPOTIO: PIN view and edit levels by owner; toggles; Business-plan user management', async () => {
    await openOrg('spotio');

    await signIn('kevin'); // views own, subordinate, peer & manager; edits own & subordinate; Can Import; Can Manage Users (Aisha reports to him)
    await expectEnabled(byOwner('pins.view', 'kevin'), 'Kevin: view own PINs');
    await expectEnabled(byOwner('pins.view', 'carlos'), 'Kevin: view a peer\'s PINs');
    await expectEnabled(byOwner('pins.view', 'mike'), 'Kevin: view his manager\'s PINs');
    await expectDisabled(byOwner('pins.view', 'sarah'), 'Kevin: view another region\'s PINs', 'out of scope');
    await expectEnabled(byOwner('pins.edit', 'aisha'), 'Kevin: edit a subordinate\'s PINs');
    await expectDisabled(byOwner('pins.edit', 'carlos'), 'Kevin: edit a peer\'s PINs', 'out of scope');
    await expectEnabled(gated('data.import'), 'Kevin: Import CSV (Can Import)');
    await expectDisabled(gated('reports.share'), 'Kevin: Export report', 'Can Share Reports');
    await expectEnabled(gated('users.manage'), 'Kevin: Users menu (Can Manage Users)');
    assert.match(await page.locator('#pin-summary').innerText(), /view the PINs of 5 and edit those of 2/);

    await signIn('rachel'); // Administrator + Can Manage Users
    await expectEnabled(gated('statuses.manage'), 'Rachel: Custom statuses');
    await expectEnabled(gated('users.manage'), 'Rachel: Users menu');
    await expectEnabled(gated('territories.manage'), 'Rachel: Territories menu');

    await signIn('omar'); // South region, "Other Teams": views and edits the North
    await expectEnabled(byOwner('pins.view', 'carlos'), 'Omar: view North PINs');
    await expectEnabled(byOwner('pins.edit', 'carlos'), 'Omar: edit North PINs');
    await expectDisabled(byOwner('pins.view', 'tomas'), 'Omar: view a South peer\'s PINs', 'out of scope');

    await signIn('kevin');
    const w = await why(byOwner('pins.edit', 'carlos'));
    assert.equal(w.status, 'disabled');
    assert.match(w.text, /out_of_scope/);
    await shoot('spotio');
  });

  test('Modjo: team and global call-access restrictions change which calls are visible, Admins included', async () => {
    await openOrg('modjo');
    const call = (owner) => page.locator(`#screen .call[data-call="${owner}"]`);

    await signIn('hugo'); // User, Ventes France
    await expectHidden(gated('settings.organisation'), 'Hugo: Organisation settings');
    await expectDisabled(page.locator('#switch-global'), 'Hugo: global switch', 'nécessite le rôle Admin');
    await expectDisabled(page.locator('#switch-sales_fr'), 'Hugo: his team\'s switch');
    assert.ok(await call('lea').isVisible(), 'Hugo sees his teammate\'s call');
    assert.ok(await call('anna').isHidden(), 'Hugo does not see another team\'s call');

    await signIn('lukas'); // Manager, Vertrieb DACH
    await expectDisabled(page.locator('#switch-global'), 'Lukas: global switch', 'nécessite le rôle Admin');
    await expectEnabled(page.locator('#switch-sales_dach'), 'Lukas: his team\'s switch');
    await expectDisabled(page.locator('#switch-sales_fr'), 'Lukas: another team\'s switch', 'hors périmètre');
    await expectDisabled(gated('subscription.manage'), 'Lukas: Subscription', 'nécessite le rôle Admin');
    await expectEnabled(gated('users.invite'), 'Lukas: Invite users');

    await signIn('julien'); // Admin, in no team
    await expectEnabled(page.locator('#switch-global'), 'Julien: global switch');
    assert.equal(await page.locator('#switch-sales_fr').getAttribute('aria-checked'), 'true');
    assert.ok(await call('hugo').isHidden(), 'Ventes France is restricted: even the Admin does not see Hugo\'s call');
    assert.ok(await call('anna').isVisible(), 'Julien sees Anna\'s call (DACH is open)');
    const hidden = await why(page.locator('#why [data-why-hidden]').first());
    assert.equal(hidden.status, 'hidden');
    assert.match(hidden.message, /réservés à ses membres/);

    await page.click('#switch-sales_fr'); // lift the team restriction
    assert.equal(await page.locator('#switch-sales_fr').getAttribute('aria-checked'), 'false');
    assert.ok(await call('hugo').isVisible(), 'Ventes France open again: Julien sees Hugo\'s call');

    await page.click('#switch-global'); // restrict the whole organisation
    assert.equal(await page.locator('#switch-global').getAttribute('aria-checked'), 'true');
    assert.ok(await call('anna').isHidden(), 'global restriction: the Admin no longer sees Anna\'s call');
    assert.ok(await call('julien').isVisible(), 'global restriction: the Admin still sees his own call');
    assert.match(await page.locator('#calls-count').innerText(), /^1 of 9 visible/);
    await signIn('lukas');
    assert.ok(await call('anna').isVisible(), 'global restriction: Lukas still sees his own team\'s call');
    assert.ok(await call('thomas').isHidden(), 'global restriction: Lukas no longer sees Customer Success');

    await page.click('#org-picker [data-org="modjo"]'); // reload the sample: switches back as shipped
    await signIn('julien');
    assert.equal(await page.locator('#switch-global').getAttribute('aria-checked'), 'false');
    assert.ok(await call('hugo').isHidden(), 'as shipped, Ventes France is private again');
    const chip = page.locator('#why [data-why-hidden]', { hasText: 'Hugo Petit' });
    const reason = await why(chip);
    assert.equal(reason.status, 'hidden');
    assert.equal(reason.message, "restreint : les appels de l'équipe Ventes France sont réservés à ses membres");
    assert.match(reason.text, /team_call_access/);
    await shoot('modjo');
  });

  test('Your snapshot: the change impact of an edit is shown before it is loaded', async () => {
    await openOrg('jiminny');
    await signIn('tom');
    await page.click('#org-picker [data-org="custom"]');
    await page.waitForSelector('#editor:not([hidden]) #snapshot-text');
    await page.click('#use-current');
    const edited = JSON.parse(await page.inputValue('#snapshot-text'));
    const tom = edited.org.users.find((u) => u.id === 'tom');
    tom.roles = tom.roles.filter((r) => r.role !== 'recorder');
    await page.fill('#snapshot-text', JSON.stringify(edited, null, 2));
    await page.click('#preview-snapshot');
    await page.waitForSelector('#snapshot-result .impact');
    const lines = await page.locator('#snapshot-result .impact-list li').allInnerTexts();
    assert.ok(lines.some((l) => /^Tom Hughes loses Record and stream calls into Jiminny/.test(l)), lines.join(' | '));
    assert.match(await page.locator('#snapshot-result .impact').innerText(), /1 person is affected/);
    // Nothing is applied by a preview.
    assert.equal(await page.locator('#snapshot-result .loaded').count(), 0);
    await shoot('change-impact');
    // The same text as loaded: no change.
    await page.click('#use-current');
    await page.click('#preview-snapshot');
    await page.waitForSelector('#snapshot-result .impact[data-changes="0"]');
  });

  test('Your snapshot: every problem listed with its JSON path; the page keeps working', async () => {
    await openOrg('jiminny');
    await signIn('olivia');
    await page.click('#org-picker [data-org="custom"]');
    await page.waitForSelector('#editor:not([hidden]) #snapshot-text');

    // Not JSON at all.
    await page.fill('#snapshot-text', '{ "model": ');
    await page.click('#load-snapshot');
    assert.deepEqual(await page.locator('#snapshot-result .path').allInnerTexts(), ['$']);

    // Broken references and a cycle: structure problems, all of them at once.
    const text = await (await fetch(`${server.url}/orgs/jiminny.json`)).text();
    const broken = JSON.parse(text);
    const user = (id) => broken.org.users.find((u) => u.id === id);
    user('leo').manager = 'nobody';
    user('olivia').manager = 'tom';
    broken.org.teams[0].managers.push('ghost');
    broken.org.users.push({ id: 'sophie', name: 'Sophie again' });
    await page.fill('#snapshot-text', JSON.stringify(broken, null, 2));
    await page.click('#load-snapshot');
    const paths = await page.locator('#snapshot-result .path').allInnerTexts();
    for (const p of ['org.users[10].id', 'org.teams[0].managers[1]', 'org.users[9].manager', 'org.users[0].manager']) {
      assert.ok(paths.includes(p), `problem at ${p} listed (got ${paths.join(', ')})`);
    }
    assert.match(await page.locator('#snapshot-result').innerText(), /unknown user `?nobody`?|unknown user nobody/);

    // Broken rules of the model: two Account Owners, Voice without Recorder.
    await page.click('#use-broken');
    await page.waitForSelector('#snapshot-result .problems');
    const rules = await page.locator('#snapshot-result .path').allInnerTexts();
    for (const p of ['org.users[1].roles[1]', 'org.users[8].roles', 'org.users[1].attributes']) {
      assert.ok(rules.includes(p), `problem at ${p} listed (got ${rules.join(', ')})`);
    }
    assert.match(await page.locator('#snapshot-result').innerText(), /requires role `?recorder`?/);

    // Nothing broke: the organisation that was loaded still works.
    assert.equal(await page.locator('#screen').getAttribute('data-screen'), 'jiminny');
    await expectEnabled(gated('settings.crm'), 'Olivia (Account Owner): CRM integration');
    await signIn('marcus');
    await expectDisabled(gated('calls.record'), 'Marcus: Start recording', 'needs the Recorder role (paid seat)');
    await shoot('custom-problems');

    // A valid snapshot of another model: every permission as a gated button.
    const mine = {
      model: {
        name: 'Wiki',
        permissions: [{ id: 'pages.read', label: 'Read pages' }, { id: 'pages.edit', label: 'Edit pages', record: true }, { id: 'admin.settings', label: 'Settings' }],
        roles: [
          { id: 'reader', label: 'Reader', grants: [{ permission: 'pages.read' }] },
          { id: 'editor', label: 'Editor', includes: ['reader'], grants: [{ permission: 'pages.edit', scope: ['own'] }] },
        ],
      },
      org: { name: 'Docs team', users: [{ id: 'ann', name: 'Ann', roles: [{ role: 'editor' }] }, { id: 'bob', name: 'Bob', roles: [{ role: 'reader' }] }] },
    };
    await page.fill('#snapshot-text', JSON.stringify(mine));
    await page.click('#load-snapshot');
    await page.waitForSelector('#screen[data-screen="generic"]');
    assert.match(await page.locator('#snapshot-result').innerText(), /Loaded “Docs team”/);
    await signIn('bob');
    await expectEnabled(gated('pages.read'), 'Bob: Read pages');
    await expectDisabled(gated('pages.edit'), 'Bob: Edit pages', 'needs the Editor role');
    await signIn('ann');
    await expectEnabled(gated('pages.edit'), 'Ann: Edit pages');
    await page.selectOption('#owner-picker', 'bob');
    await expectDisabled(gated('pages.edit'), 'Ann: Edit Bob\'s pages', 'out of scope');
    await shoot('custom');

    // An organisation with nobody in it loads, and the page still works.
    await page.fill('#snapshot-text', '{"model":{"permissions":[{"id":"a.b"}],"roles":[]},"org":{"users":[]}}');
    await page.click('#load-snapshot');
    await page.waitForSelector('#screen[data-screen="generic"]');
    assert.equal(await page.locator('#people [data-user]').count(), 0);
    await expectDisabled(gated('a.b'), 'nobody signed in: a.b', 'unknown user');
  });

  test('signing in loads the user\'s slice through rolegate/client, and the page shows its size', async () => {
    await openOrg('spotio');
    for (const user of ['sarah', 'lina']) {
      await signIn(user);
      const note = page.locator('#slice-note');
      await note.locator('[data-slice-bytes]').waitFor();
      const slice = Number(await note.locator('[data-slice-bytes]').getAttribute('data-slice-bytes'));
      const whole = Number(await note.locator('[data-snapshot-bytes]').getAttribute('data-snapshot-bytes'));
      assert.ok(slice > 0 && slice < whole, `${user}: a slice of ${slice} bytes, a snapshot of ${whole}`);
    }
    await page.waitForFunction(() => /client engine downloads [0-9.]+ KB gzipped/.test(document.querySelector('#slice-note')?.textContent ?? ''));
    // The page's decisions come from the client engine (a ClientGate).
    const kind = await page.evaluate(() => document.querySelector('#slice-note b')?.textContent);
    assert.match(kind ?? '', /KB$/);
  });

  test('no errors in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
