// The package's README (docs/README-package.md, shipped as the npm README)
// quotes the end-to-end tests' apps: each `<!-- code: path -->` is followed
// by a fenced block holding that file. `node scripts/package-readme.mjs`
// rewrites the blocks from the files; with `--check` it exits 1, naming
// them, when a block differs from its file (tests/integration/readme.test.mjs).
import { readFileSync, writeFileSync } from 'node:fs';

const ROOT = new URL('../', import.meta.url);
const DOC = new URL('docs/README-package.md', ROOT);
const MARKED = /<!-- code: (\S+) -->\n```(\w*)\n([\s\S]*?)\n?```/g;

export function render(text) {
  const stale = [];
  const out = text.replace(MARKED, (_, file, lang, body) => {
    const code = readFileSync(new URL(file, ROOT), 'utf8').replace(/\n+$/, '');
    if (code !== body) stale.push(file);
    return `<!-- code: ${file} -->\n\`\`\`${lang}\n${code}\n\`\`\``;
  });
  return { out, stale, count: [...text.matchAll(MARKED)].length };
}

if (import.meta.url === new URL(process.argv[1], 'file:').href) {
  const { out, stale } = render(readFileSync(DOC, 'utf8'));
  if (process.argv.includes('--check')) {
    if (stale.length) {
      console.error(`docs/README-package.md quotes an old version of: ${stale.join(', ')} (run node scripts/package-readme.mjs)`);
      process.exit(1);
    }
  } else {
    writeFileSync(DOC, out);
    console.log(stale.length ? `updated: ${stale.join(', ')}` : 'up to date');
  }
}
