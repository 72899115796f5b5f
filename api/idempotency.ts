// Idempotency-Key on every POST, as in Stripe and the IETF draft: the same key with the same
// request returns the stored response; with another request it is a 422; while the first is
// still running it is a 409. Keys live 24 hours.
import { createHash, randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Orm } from '../db/orm';
import { IDEMPOTENCY_KEY_LIFETIME_HOURS } from '../domain/idempotency';
import { HttpError } from './errors';
import { logger } from '../observability/logger';

const SCOPE = 'owner';

/**
 * Longer than any request runs (the API bounds its waits on Temporal to seconds). A claim older
 * than this belongs to a request whose process died (kill -9, a lost machine) before it stored
 * an answer; a retry of the same request takes it over instead of getting 409 for a day.
 */
const IN_FLIGHT_LEASE_SECONDS = 60;

/**
 * The database went away before the answer was stored (often the very reason for a 503). Left
 * alone, the key would stay "in flight" for a day and every retry of it would get a 409; so
 * keep trying until the database is back. Meanwhile a retry gets 409, which says: retry later.
 */
function storeLater(store: () => Promise<unknown>, delayMs = 1000, giveUpAt = Date.now() + 15 * 60_000): void {
  setTimeout(() => {
    store().catch((err) => {
      if (Date.now() < giveUpAt) storeLater(store, Math.min(delayMs * 2, 30_000), giveUpAt);
      else logger.warn('idempotency key left in flight; the database did not come back', { error: err });
    });
  }, delayMs).unref();
}

export function idempotency(orm: Orm): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (req.method !== 'POST' || key === undefined) return next();
    if (key.length < 1 || key.length > 255) {
      throw new HttpError(400, 'invalid_request', 'Idempotency-Key must be 1 to 255 characters', [{ field: 'Idempotency-Key', message: 'must be 1 to 255 characters' }]);
    }
    const fingerprint = createHash('sha256').update(`${req.method} ${req.baseUrl}${req.path}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
    const db = orm.em.fork().getConnection();
    await db.execute(`delete from idempotency_key where scope = ? and key = ? and created_at < now() - make_interval(hours => ?)`, [SCOPE, key, IDEMPOTENCY_KEY_LIFETIME_HOURS]);
    const claim = randomUUID();
    let claimed = await db.execute(
      `insert into idempotency_key (scope, key, request_hash, state, claim) values (?, ?, ?, 'in_flight', ?) on conflict do nothing returning key`,
      [SCOPE, key, fingerprint, claim],
    );
    if (claimed.length === 0) {
      claimed = await db.execute(
        `update idempotency_key set claim = ?, created_at = now() where scope = ? and key = ? and state = 'in_flight' and request_hash = ?
           and created_at < now() - make_interval(secs => ?) returning key`,
        [claim, SCOPE, key, fingerprint, IN_FLIGHT_LEASE_SECONDS],
      );
    }
    if (claimed.length === 0) {
      const [row] = await db.execute<{ request_hash: string; state: string; response_status: number; response_body: unknown }[]>(
        'select request_hash, state, response_status, response_body from idempotency_key where scope = ? and key = ?',
        [SCOPE, key],
      );
      if (!row) throw new HttpError(409, 'idempotency_conflict', 'Retry the request.');
      if (row.state === 'in_flight') throw new HttpError(409, 'idempotency_key_in_flight', 'A request with this Idempotency-Key is still being processed.');
      if (row.request_hash !== fingerprint) {
        throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request.', [{ field: 'Idempotency-Key', message: 'was used with another request' }]);
      }
      res.set('Idempotent-Replayed', 'true').status(row.response_status).json(row.response_body);
      return;
    }
    // Store the answer before it leaves, so a retry right after it sees the stored response.
    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      const status = res.statusCode;
      // Only this attempt's claim: a clean-up stored late must not release a later attempt's.
      const store = () => status >= 500
        ? db.execute('delete from idempotency_key where scope = ? and key = ? and claim = ?', [SCOPE, key, claim]) // let a retry run again
        : db.execute(`update idempotency_key set state = 'done', response_status = ?, response_body = ? where scope = ? and key = ? and claim = ?`, [status, JSON.stringify(body ?? null), SCOPE, key, claim]);
      store().then(() => send(body), () => {
        send(body);
        storeLater(store);
      });
      return res;
    };
    next();
  };
}
