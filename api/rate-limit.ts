// A fixed-window limit per client address for the public pages: a link hammered (or tokens
// guessed) gets 429 with Retry-After. In memory, per API process: a limit, not an accounting.
import type { RequestHandler } from 'express';

export function rateLimit({ windowMs, max }: { windowMs: number; max: number }): RequestHandler {
  const hits = new Map<string, { count: number; resetAt: number }>();
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [key, value] of hits) if (value.resetAt <= now) hits.delete(key);
  }, windowMs);
  sweep.unref();
  return (req, res, next) => {
    const key = req.ip ?? 'unknown';
    const now = Date.now();
    const entry = hits.get(key);
    const current = entry && entry.resetAt > now ? entry : { count: 0, resetAt: now + windowMs };
    current.count += 1;
    hits.set(key, current);
    if (current.count > max) {
      res.set('Retry-After', String(Math.ceil((current.resetAt - now) / 1000))).status(429).type('text/plain').send('Too many requests; please try again shortly.');
      return;
    }
    next();
  };
}
