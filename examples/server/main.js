// The rolegate server example: `make server` at the repository's root, or
//
//   PORT=3000 node main.js                       SQLite in data/rolegate.db (seeded on first run)
//   DATABASE_URL=postgres://... node main.js     PostgreSQL instead
//   DB_FILE=/tmp/x.db node main.js               another SQLite file
//
// HOST (default 127.0.0.1) is the address it listens on; PORT=0 picks a free port.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

try {
  await import('rolegate');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  console.error('rolegate is not installed here: `make server` at the repository root links its pkg/ (a real app runs `npm install rolegate`).');
  process.exit(1);
}
const { createApp } = await import('./src/app.js');

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const app = await createApp({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dbFile: process.env.DB_FILE ?? path.join(HERE, 'data', 'rolegate.db'),
});
app.server.listen(port, host, () => {
  const { port: bound } = /** @type {import('node:net').AddressInfo} */ (app.server.address());
  if (app.seeded.length > 0) console.log(`seeded ${app.seeded.join(', ')} into ${app.storage.where}`);
  console.log(`rolegate server example on http://${host}:${bound}/ (${app.storage.dialect}: ${app.storage.where})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await app.close();
    process.exit(0);
  });
}
