// A static file server for the demo page: www/ at /, and the package's web
// build at /pkg/ (www/pkg/ as `make demo` leaves it, else the repository's
// pkg/, or ROLEGATE_WEB_PKG). Listens on 127.0.0.1 on a free port.
//
//   node tests/e2e/support/serve.mjs [port]    serves until stopped (for a look by hand)

import { createServer } from 'node:http';
import { existsSync, statSync, createReadStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const WWW = path.join(ROOT, 'www');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ts': 'text/plain; charset=utf-8',
};

/** Where the package's web build is served from. */
export function pkgDir() {
  const candidates = [process.env.ROLEGATE_WEB_PKG, path.join(WWW, 'pkg'), path.join(ROOT, 'pkg')].filter(Boolean);
  return candidates.find((d) => existsSync(d) && statSync(d).isDirectory()) ?? null;
}

function resolveFile(urlPath) {
  const clean = decodeURIComponent(urlPath.split('?')[0]);
  const pkg = pkgDir();
  let base = WWW;
  let rel = clean;
  if (clean.startsWith('/pkg/') && pkg) {
    base = pkg;
    rel = clean.slice('/pkg'.length);
  }
  const file = path.join(base, path.normalize(rel));
  if (!file.startsWith(base)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) return path.join(file, 'index.html');
  return file;
}

/** Starts the server; resolves to `{ url, close() }`. */
export function serve(port = 0) {
  const server = createServer((req, res) => {
    const file = resolveFile(req.url ?? '/');
    if (!file || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({ url: `http://127.0.0.1:${actual}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve(Number(process.argv[2] ?? 0));
  console.log(`serving www/ on ${url} (package from ${pkgDir() ?? 'nowhere: run make pkg'})`);
}
