// The package README's quick starts are the code the environment matrix runs
// (scripts/package-readme.mjs), and the README the package ships is it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { render } from '../../scripts/package-readme.mjs';

test('every quick start of the package README is the file its test runs', () => {
  const doc = readFileSync(new URL('../../docs/README-package.md', import.meta.url), 'utf8');
  const { stale, count } = render(doc);
  assert.ok(count >= 6, `the README quotes the apps (${count} blocks)`);
  assert.deepEqual(stale, [], 'blocks that differ from their file: run node scripts/package-readme.mjs');
});

test('the package ships that README', () => {
  const doc = readFileSync(new URL('../../docs/README-package.md', import.meta.url), 'utf8');
  const shipped = readFileSync(new URL('node_modules/rolegate/README.md', import.meta.url), 'utf8');
  assert.equal(shipped, doc);
});
