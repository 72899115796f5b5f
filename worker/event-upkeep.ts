// The event log's upkeep, once a minute in the worker: lanes whose wake-up was lost (a crash
// between a commit and its signal) are woken, and events past their retention are removed.
import type { Orm } from '../db/orm';
import { logger } from '../observability/logger';
import { pruneEvents } from '../services/event-log';
import { runEvery } from '../services/periodic';
import { wakeLanes, type LaneDeps } from '../services/webhook-lanes';

/**
 * Lanes with deliveries waiting that nobody is working on: untried for over a minute, or last
 * tried longer ago than the longest backoff allows (a lane in backoff tries at least that often).
 */
export async function sweepSleepingLanes(orm: Orm, lanes: LaneDeps, olderThanMs = 60_000): Promise<number> {
  const now = Date.now();
  const rows = await orm.em.fork().execute<{ endpoint_id: string; invoice_id: string }[]>(
    `select endpoint_id, invoice_id from webhook_delivery where status = 'pending'
     group by endpoint_id, invoice_id
     having (max(last_attempt_at) is null and min(created_at) < ?) or max(last_attempt_at) < ? limit 500`,
    [new Date(now - olderThanMs), new Date(now - (lanes.webhooks.retry.maximumSeconds + lanes.webhooks.timeoutSeconds) * 1000 - 5 * olderThanMs)],
  );
  await wakeLanes(lanes, rows.map((r) => ({ endpointId: r.endpoint_id, invoiceId: r.invoice_id })));
  return rows.length;
}

export function startEventUpkeep(orm: Orm, lanes: LaneDeps, everyMs = 60_000): () => void {
  return runEvery(everyMs, 'event upkeep', async () => {
    const woken = await sweepSleepingLanes(orm, lanes);
    const pruned = await pruneEvents(orm, lanes.webhooks.retentionDays);
    if (woken || pruned) logger.info('event upkeep', { lanesWoken: woken, eventsPruned: pruned });
  });
}
