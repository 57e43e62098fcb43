// The server: storage, engines, sessions and routes wired into node:http.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSessions } from './auth.js';
import { createEngines } from './engines.js';
import { HttpError, router, sendError, sendJson } from './http.js';
import { createRoutes } from './routes.js';
import { seedIfEmpty } from './seed.js';
import { openStorage } from './storage.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The installed `rolegate` package, whose browser files the page imports. */
const ROLEGATE_DIR = path.dirname(createRequire(import.meta.url).resolve('rolegate/package.json'));

/**
 * Opens the database (seeding it on first run), builds every org's engine
 * and returns the HTTP server, not yet listening, and `close()`.
 * @param {{ databaseUrl?: string, dbFile: string }} options
 */
export async function createApp({ databaseUrl, dbFile }) {
  const storage = await openStorage({ url: databaseUrl, file: dbFile });
  const seeded = await seedIfEmpty(storage);
  const engines = createEngines(storage);
  await engines.start();
  const route = router(
    createRoutes({ engines, storage, sessions: createSessions(), publicDir: path.join(HERE, '..', 'public'), rolegateDir: ROLEGATE_DIR }),
  );
  const server = createServer(async (req, res) => {
    try {
      const url = parseUrl(req.url);
      const { handler, params } = route(req, url);
      const body = await handler({ req, res, url, params });
      if (body !== undefined) sendJson(res, 200, body);
    } catch (e) {
      sendError(res, e);
    }
  });
  return {
    server,
    storage,
    seeded,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await storage.close();
    },
  };
}

function parseUrl(text = '/') {
  try {
    return new URL(text, 'http://localhost');
  } catch {
    throw new HttpError(400, 'bad_url', 'the request URL does not parse');
  }
}
