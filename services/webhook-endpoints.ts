// The owner's webhook endpoints: create (the answer carries the signing secret, once), list,
// delete, turn back on; their deliveries, and sending one again.
import { randomBytes } from 'node:crypto';
import { WebhookDelivery, WebhookEndpoint } from '../db/entities';
import type { Orm } from '../db/orm';
import type { EventType } from '../domain/events';
import { checkDestination, DestinationError } from './destination-guard';
import { DomainError } from './errors';
import { wakeLanes, type LaneDeps } from './webhook-lanes';

export interface EndpointDeps extends LaneDeps {
  orm: Orm;
}

export interface EndpointView {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  description: string | null;
  events: (EventType | '*')[];
  status: 'enabled' | 'disabled';
  disabledReason: string | null;
  failingSince: string | null;
  createdAt: string;
}

export const endpointView = (e: WebhookEndpoint): EndpointView => ({
  id: e.id, object: 'webhook_endpoint', url: e.url, description: e.description ?? null, events: e.events, status: e.status,
  disabledReason: e.disabledReason ?? null, failingSince: e.failingSince?.toISOString() ?? null, createdAt: e.createdAt.toISOString(),
});

export const deliveryView = (d: WebhookDelivery) => ({
  id: d.id, object: 'webhook_delivery' as const, endpointId: d.endpointId, eventId: d.eventId, invoiceId: d.invoiceId, status: d.status, attempts: d.attempts,
  lastStatusCode: d.lastStatusCode ?? null, lastError: d.lastError ?? null, lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null, createdAt: d.createdAt.toISOString(),
});

export async function createEndpoint(deps: EndpointDeps, input: { url: string; events: (EventType | '*')[]; description?: string }): Promise<EndpointView & { secret: string }> {
  try {
    await checkDestination(input.url, deps.webhooks.allowPrivateUrls);
  } catch (err) {
    if (!(err instanceof DestinationError)) throw err;
    throw new DomainError('destination_not_allowed', `url ${err.message}`, [{ field: 'url', message: err.message }]);
  }
  const endpoint = Object.assign(new WebhookEndpoint(), {
    id: `we_${randomBytes(12).toString('hex')}`, url: input.url, description: input.description ?? null, events: input.events,
    secret: `whsec_${randomBytes(24).toString('base64')}`, status: 'enabled', createdAt: new Date(),
  });
  await deps.orm.em.fork().persistAndFlush(endpoint);
  return { ...endpointView(endpoint), secret: endpoint.secret };
}

async function findEndpoint(orm: Orm, id: string): Promise<WebhookEndpoint> {
  const endpoint = await orm.em.fork().findOne(WebhookEndpoint, { id });
  if (!endpoint) throw new DomainError('webhook_endpoint_not_found', `No webhook endpoint with id ${id}`);
  return endpoint;
}

export const getEndpoint = async (orm: Orm, id: string) => endpointView(await findEndpoint(orm, id));

export async function listEndpoints(orm: Orm): Promise<EndpointView[]> {
  return (await orm.em.fork().find(WebhookEndpoint, {}, { orderBy: { createdAt: 'desc' }, limit: 100 })).map(endpointView);
}

/** Its deliveries go with it; lanes on their way find it gone and stop. */
export async function deleteEndpoint(orm: Orm, id: string): Promise<{ id: string; object: 'webhook_endpoint'; deleted: true }> {
  const removed = await orm.em.fork().nativeDelete(WebhookEndpoint, { id });
  if (removed === 0) throw new DomainError('webhook_endpoint_not_found', `No webhook endpoint with id ${id}`);
  return { id, object: 'webhook_endpoint', deleted: true };
}

/** On again after it was disabled; what failed meanwhile is sent again with the delivery's retry. */
export async function enableEndpoint(orm: Orm, id: string): Promise<EndpointView> {
  await findEndpoint(orm, id);
  await orm.em.fork().nativeUpdate(WebhookEndpoint, { id }, { status: 'enabled', disabledReason: null, failingSince: null });
  return getEndpoint(orm, id);
}

export async function listDeliveries(orm: Orm, endpointId: string, q: { status?: 'pending' | 'succeeded' | 'failed'; limit: number }) {
  await findEndpoint(orm, endpointId);
  const rows = await orm.em.fork().find(WebhookDelivery, { endpointId, ...(q.status ? { status: q.status } : {}) }, { orderBy: { eventSeq: 'desc' }, limit: q.limit });
  return { data: rows.map(deliveryView) };
}

/** A failed delivery goes back in its lane; one pending or delivered is left as it is. */
export async function retryDelivery(deps: EndpointDeps, endpointId: string, deliveryId: string) {
  const endpoint = await findEndpoint(deps.orm, endpointId);
  const em = deps.orm.em.fork();
  const delivery = await em.findOne(WebhookDelivery, { id: deliveryId, endpointId });
  if (!delivery) throw new DomainError('delivery_not_found', `No delivery ${deliveryId} for endpoint ${endpointId}`);
  if (endpoint.status === 'disabled') throw new DomainError('not_allowed_now', 'The endpoint is disabled: enable it first (POST /v1/webhook-endpoints/{id}/enable).');
  if (delivery.status === 'failed') {
    await em.nativeUpdate(WebhookDelivery, { id: deliveryId, status: 'failed' }, { status: 'pending' });
    await wakeLanes(deps, [{ endpointId, invoiceId: delivery.invoiceId }]);
  }
  return deliveryView(await em.fork().findOneOrFail(WebhookDelivery, { id: deliveryId }));
}
