// Headless Chromium for the page tests: the system's chromium through
// playwright-core (no browser download), and a static server.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run',
    ],
    // playwright gives every launch a fresh temporary profile (user data dir)
  });
}

/** Serves `routes(pathname)` -> `{ type, body }` (or undefined for 404) on a free port. */
export async function serveRoutes(routes) {
  const server = createServer(async (req, res) => {
    const found = await routes(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!found) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store' }).end(found.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

export const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json',
  '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml',
};

/** The route of file `rel` under `dir` (a path or file: URL), typed by its extension; undefined when it is outside `dir` or missing. */
export async function fileRoute(dir, rel) {
  if (!rel || rel.includes('..')) return undefined;
  try {
    return { type: TYPES[path.extname(rel)] ?? 'application/octet-stream', body: await readFile(new URL(rel, dir instanceof URL ? dir : `file://${path.resolve(dir)}/`)) };
  } catch {
    return undefined;
  }
}
