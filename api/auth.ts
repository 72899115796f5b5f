import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './errors';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The secret a request offers: a bearer token, or (where a browser must log in) a Basic password. */
function offered(authorization: string, basic: boolean): string | null {
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization);
  if (bearer) return bearer[1].trim();
  const creds = basic ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization) : null;
  if (!creds) return null;
  const decoded = Buffer.from(creds[1], 'base64').toString('utf8');
  return decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : null;
}

/**
 * `Authorization: Bearer <secret>`, compared in constant time. With `basic`, a browser may log in
 * instead (any user name, the secret as password): the outbox is a page people open.
 */
export function requireSecret(secret: string, { basic = false, what = 'your API key' } = {}): RequestHandler {
  const expected = digest(secret);
  return (req, res, next) => {
    const given = offered(req.get('authorization') ?? '', basic);
    if (given === null || !timingSafeEqual(digest(given), expected)) {
      if (basic) res.set('WWW-Authenticate', 'Basic realm="Dunwell", charset="UTF-8"');
      throw new HttpError(401, 'unauthorized', `Send ${what} as "Authorization: Bearer <key>".`);
    }
    next();
  };
}

/** Owner routes: `Authorization: Bearer <DUNWELL_API_KEY>`. */
export const requireApiKey = (apiKey: string): RequestHandler => requireSecret(apiKey);
