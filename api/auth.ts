import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './errors';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Owner routes: `Authorization: Bearer <DUNWELL_API_KEY>`, compared in constant time. */
export function requireApiKey(apiKey: string): RequestHandler {
  const expected = digest(apiKey);
  return (req, _res, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    if (!match || !timingSafeEqual(digest(match[1].trim()), expected)) {
      throw new HttpError(401, 'unauthorized', 'Send your API key as "Authorization: Bearer <key>".');
    }
    next();
  };
}
