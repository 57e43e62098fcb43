// What node:http leaves to the app: routing, JSON bodies and answers,
// errors as JSON, static files.
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** An answer other than 200: thrown by handlers, sent as `{ code, message, ...extra }`. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} code a stable, machine-readable reason
   * @param {string} message words for a person
   * @param {object} [extra] more fields of the JSON body
   */
  constructor(status, code, message, extra = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

/**
 * A router over `[method, pattern, handler]` routes; patterns are paths
 * whose `:name` segments become `params.name` (and a final `*name`, the
 * rest of the path). Returns `(req, url) => { handler, params }` for the
 * matching route; throws a 404 or 405 HttpError otherwise.
 */
export function router(routes) {
  const compiled = routes.map(([method, pattern, handler]) => {
    const names = [];
    const source = pattern.replace(/([:*])(\w+)/g, (_, kind, name) => (names.push(name), kind === ':' ? '([^/]+)' : '(.+)'));
    return { method, regex: new RegExp(`^${source}$`), names, handler };
  });
  return (req, url) => {
    const matches = compiled.filter((r) => r.regex.test(url.pathname));
    if (matches.length === 0) throw new HttpError(404, 'not_found', `no route ${url.pathname}`);
    const route = matches.find((r) => r.method === req.method || (r.method === 'GET' && req.method === 'HEAD'));
    if (!route) {
      const allow = [...new Set(matches.map((r) => r.method))].join(', ');
      throw new HttpError(405, 'method_not_allowed', `${req.method} ${url.pathname}: use ${allow}`, { allow });
    }
    const values = route.regex.exec(url.pathname).slice(1);
    const params = Object.fromEntries(route.names.map((n, i) => [n, decode(values[i])]));
    return { handler: route.handler, params };
  };
}

function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'bad_path', `the path segment ${JSON.stringify(segment)} is not well-formed`);
  }
}

/**
 * The request's JSON body. 415 unless it says it is JSON (which also keeps
 * other sites' plain HTML forms out), 413 over `limit` bytes, 400 when it
 * does not parse.
 */
export async function readJson(req, limit = 64 * 1024) {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'unsupported_media_type', 'send the body as JSON, with content-type: application/json');
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'too_large', `the body is over ${limit} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (e) {
    throw new HttpError(400, 'bad_json', `the body is not JSON: ${e.message}`);
  }
}

/** Sends `body` as JSON (or nothing for null). */
export function sendJson(res, status, body, headers = {}) {
  const text = body === null ? '' : JSON.stringify(body);
  res.writeHead(status, { 'cache-control': 'no-store', ...(body === null ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...headers });
  res.end(text);
}

/** Sends an error as JSON `{ code, message }`: an HttpError as it says, anything else as a 500 (logged). */
export function sendError(res, error) {
  if (!(error instanceof HttpError)) {
    console.error(error);
    error = new HttpError(500, 'internal', 'the server failed to answer; see its log');
  }
  if (res.headersSent) return res.destroy();
  const headers = error.status === 405 ? { allow: error.extra.allow } : {};
  sendJson(res, error.status, { code: error.code, message: error.message, ...error.extra }, headers);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * A handler serving the files of `dir` with the extensions of TYPES (a
 * `rest` param names the file); nothing outside `dir`, nothing else.
 */
export function staticFiles(dir) {
  const root = realpathSync(dir);
  return ({ res, params }) => {
    const file = path.resolve(root, params.rest || 'index.html');
    const type = TYPES[path.extname(file)];
    if (!type || !file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      throw new HttpError(404, 'not_found', `no file ${params.rest}`);
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  };
}
