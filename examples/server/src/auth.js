// DEMO SIGN-IN: a stand-in for real authentication.
//
// `POST /login {org, user}` signs anyone in as anyone, without a password,
// so that the demo can show several people's views. A real app puts its
// own authentication here (passwords, SSO, a session library) and keeps
// what the rest of the server needs from it: which org and which user a
// request comes from. Sessions live in memory (a restart signs everyone out).
import { randomBytes } from 'node:crypto';

const COOKIE = 'rolegate_demo_session';

export function createSessions() {
  /** @type {Map<string, { org: string, user: string }>} */
  const sessions = new Map();
  return {
    /** A new session; returns the `set-cookie` header that carries it. */
    open(org, user) {
      const token = randomBytes(24).toString('base64url');
      sessions.set(token, { org, user });
      // HttpOnly: scripts never see it; SameSite=Strict: other sites' pages
      // cannot send it (a real deployment over HTTPS adds `Secure`).
      return `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    },

    /** The request's session `{ org, user }`, or null. */
    read(req) {
      const token = cookies(req)[COOKIE];
      return (token && sessions.get(token)) || null;
    },

    /** Ends the request's session; returns the `set-cookie` header that clears it. */
    close(req) {
      sessions.delete(cookies(req)[COOKIE] ?? '');
      return `${COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
    },
  };
}

/** The request's cookies by name. */
function cookies(req) {
  const out = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}
