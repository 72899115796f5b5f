// Fixed-window rate limits whose counters live in PostgreSQL, so every API process behind the
// load balancer counts into the same bucket. Over the limit: 429, Retry-After, the JSON error.
import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Orm } from '../db/orm';

export interface RateLimitOptions {
  orm: Orm;
  /** Names the bucket family: 'public', 'owner', 'webhooks'. */
  scope: string;
  max: number;
  windowMs?: number;
  /** Who is counted: the client address by default (req.ip honours `trust proxy`). */
  keyOf?: (req: Request) => string;
}

/** A key that can name a secret (an API key) without storing it. */
export const hashed = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);

let sinceSweep = 0;

export function rateLimit({ orm, scope, max, windowMs = 60_000, keyOf = (req) => req.ip ?? 'unknown' }: RateLimitOptions): RequestHandler {
  return (req, res, next) => {
    const now = Date.now();
    const windowStart = now - (now % windowMs);
    const bucket = `${scope}:${keyOf(req)}`.slice(0, 200);
    const db = orm.em.getConnection();
    db.execute<{ count: number }[]>(
      `insert into rate_limit (bucket, window_start, count) values (?, ?, 1)
       on conflict (bucket, window_start) do update set count = rate_limit.count + 1 returning count`,
      [bucket, new Date(windowStart)],
    ).then(([row]) => {
      // Now and then, one request clears windows long past (any process may; they agree).
      if (++sinceSweep >= 500) {
        sinceSweep = 0;
        void db.execute(`delete from rate_limit where window_start < now() - interval '1 hour'`).catch(() => {});
      }
      if (row.count <= max) return next();
      res.set('Retry-After', String(Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000))))
        .status(429)
        .json({ error: { type: 'rate_limited', message: `Too many requests (at most ${max} per ${Math.round(windowMs / 1000)} s); please retry after the time in Retry-After.` } });
    }, next);
  };
}
