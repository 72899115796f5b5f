// The event log: written beside the change it records (the projection, a task, an issue), read
// by GET /v1/events. Each event is written with a delivery for every enabled endpoint that
// subscribes to it, in one statement: an endpoint never misses an event it asked for.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EventRecord } from '../db/entities';
import type { Orm } from '../db/orm';
import type { EventBody, EventType } from '../domain/events';
import { DomainError } from './errors';

export interface NewEvent {
  /** What makes it this change and no other: a retried write adds nothing. */
  key: string;
  type: EventType;
  invoiceId: string;
  invoiceSeq: number;
  at: Date;
  data: EventBody['data'];
}

/** A lane: one endpoint's deliveries about one invoice, sent in order. */
export interface Lane {
  endpointId: string;
  invoiceId: string;
}

export const eventId = (key: string) => `evt_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

/** Writes the events in the caller's transaction; answers the lanes that got new deliveries. */
export async function recordEvents(em: EntityManager, events: NewEvent[]): Promise<Lane[]> {
  const lanes = new Map<string, Lane>();
  for (const e of events) {
    const id = eventId(e.key);
    const body: EventBody = { id, type: e.type, timestamp: e.at.toISOString(), data: e.data };
    const rows = await em.execute<{ endpoint_id: string }[]>(
      `with e as (
         insert into event (id, type, invoice_id, invoice_seq, body, created_at) values (?, ?, ?, ?, ?, ?)
         on conflict (id) do nothing returning id, seq, type, invoice_id, invoice_seq)
       insert into webhook_delivery (id, endpoint_id, event_id, invoice_id, invoice_seq, event_seq)
       select 'whd_' || substr(md5(w.id || e.id), 1, 24), w.id, e.id, e.invoice_id, e.invoice_seq, e.seq
         from e join webhook_endpoint w on w.status = 'enabled' and (jsonb_exists(w.events, e.type) or jsonb_exists(w.events, '*'))
       returning endpoint_id`,
      [id, e.type, e.invoiceId, e.invoiceSeq, JSON.stringify(body), e.at],
    );
    for (const r of rows) lanes.set(`${r.endpoint_id}:${e.invoiceId}`, { endpointId: r.endpoint_id, invoiceId: e.invoiceId });
  }
  return [...lanes.values()];
}

export interface EventQuery {
  type?: EventType;
  invoiceId?: string;
  startingAfter?: string;
  limit: number;
}

/** Newest first, as Stripe lists events; `startingAfter` is the last id of the page before. */
export async function listEvents(orm: Orm, q: EventQuery): Promise<{ data: EventBody[]; hasMore: boolean; nextCursor: string | null }> {
  const em = orm.em.fork();
  const where: Record<string, unknown> = {};
  if (q.type) where.type = q.type;
  if (q.invoiceId) where.invoiceId = q.invoiceId;
  if (q.startingAfter) {
    const cursor = await em.findOne(EventRecord, { id: q.startingAfter });
    if (!cursor) throw new DomainError('invalid_cursor', `startingAfter: no event with id ${q.startingAfter}`, [{ field: 'query.startingAfter', message: 'no such event' }]);
    where.seq = { $lt: cursor.seq };
  }
  const rows = await em.find(EventRecord, where, { orderBy: { seq: 'desc' }, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const hasMore = rows.length > q.limit;
  return { data: page.map((r) => r.body), hasMore, nextCursor: hasMore ? page.at(-1)!.id : null };
}

/** Events older than the retention go, with their deliveries; answers how many. */
export async function pruneEvents(orm: Orm, retentionDays: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  return orm.em.fork().nativeDelete(EventRecord, { createdAt: { $lt: before } });
}
