// The webhook lanes' activities: which deliveries wait, one signed attempt, and giving up.
import { ApplicationFailure } from '@temporalio/activity';
import { randomUUID } from 'node:crypto';
import { EmailMessage, EventRecord, WebhookDelivery, WebhookEndpoint } from '../db/entities';
import type { Orm } from '../db/orm';
import { loadIssuer } from '../services/issuer';
import { signStandardWebhook } from '../services/standard-webhooks';
import { postWebhook } from '../services/webhook-post';
import { DestinationError } from '../services/destination-guard';
import type { WebhookSettings } from '../services/webhook-settings';
import { logger } from '../observability/logger';
import type { Mailer } from './mailer';

export interface WebhookActivityDeps {
  orm: Orm;
  webhooks: WebhookSettings;
  /** Tells the owner when an endpoint is disabled. */
  mailer?: Mailer;
  from?: string;
}

const LANE_BATCH = 20;

export function createWebhookActivities(deps: WebhookActivityDeps) {
  /** Every attempt failed for long enough: the endpoint is turned off, once, and the owner told. */
  async function disableIfFailingForLong(endpointId: string, failingSince: Date): Promise<void> {
    if (Date.now() - failingSince.getTime() < deps.webhooks.disableAfterSeconds * 1000) return;
    const em = deps.orm.em.fork();
    const reason = `Every delivery failed since ${failingSince.toISOString()}.`;
    const disabled = await em.nativeUpdate(WebhookEndpoint, { id: endpointId, status: 'enabled', failingSince }, { status: 'disabled', disabledReason: reason });
    if (disabled === 0) return;
    const endpoint = await em.findOneOrFail(WebhookEndpoint, { id: endpointId });
    logger.warn('webhook endpoint disabled', { endpointId });
    const issuer = await loadIssuer(em);
    if (!deps.mailer || !issuer?.email) return;
    const key = `webhook-disabled:${endpointId}:${failingSince.toISOString()}`;
    const subject = 'A webhook endpoint was turned off';
    const text = `Dunwell could not deliver events to ${endpoint.url} (${endpoint.id}). ${reason} It is now disabled, and its events are kept for you: `
      + `turn it back on with POST /v1/webhook-endpoints/${endpoint.id}/enable, then resend what failed with POST /v1/webhook-endpoints/${endpoint.id}/deliveries/<id>/retry.`;
    const html = `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`;
    const { providerId } = await deps.mailer.send({ from: deps.from ?? issuer.email, to: issuer.email, subject, html, text, idempotencyKey: key });
    await em.createQueryBuilder(EmailMessage)
      .insert({ id: randomUUID(), invoiceId: null, idempotencyKey: key, recipient: issuer.email, sender: deps.from ?? issuer.email, subject, html, bodyText: text, transport: deps.mailer.transport, providerId, createdAt: new Date() })
      .onConflict('idempotency_key').ignore().execute();
  }

  return {
    /** The lane's waiting deliveries, oldest change first. */
    async laneDeliveries({ endpointId, invoiceId }: { endpointId: string; invoiceId: string }): Promise<string[]> {
      const rows = await deps.orm.em.fork().find(WebhookDelivery, { endpointId, invoiceId, status: 'pending' },
        { orderBy: { invoiceSeq: 'asc', eventSeq: 'asc' }, limit: LANE_BATCH, fields: ['id'] });
      return rows.map((r) => r.id);
    },

    /** One attempt; a failure is thrown so Temporal retries it with backoff. Each attempt is recorded. */
    async deliverWebhook({ deliveryId }: { deliveryId: string }): Promise<void> {
      const em = deps.orm.em.fork();
      const delivery = await em.findOne(WebhookDelivery, { id: deliveryId });
      if (!delivery || delivery.status !== 'pending') return; // deleted with its endpoint, or already done
      const endpoint = await em.findOne(WebhookEndpoint, { id: delivery.endpointId });
      if (!endpoint) throw ApplicationFailure.create({ type: 'EndpointGone', message: 'the endpoint was deleted', nonRetryable: true });
      if (endpoint.status === 'disabled') throw ApplicationFailure.create({ type: 'EndpointDisabled', message: 'the endpoint is disabled', nonRetryable: true });
      const event = await em.findOneOrFail(EventRecord, { id: delivery.eventId });
      const body = JSON.stringify(event.body);
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = { 'webhook-id': event.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signStandardWebhook(endpoint.secret, event.id, timestamp, body) };
      let result;
      try {
        result = await postWebhook(endpoint.url, headers, body, { allowPrivate: deps.webhooks.allowPrivateUrls, timeoutSeconds: deps.webhooks.timeoutSeconds });
      } catch (err) {
        if (!(err instanceof DestinationError)) throw err;
        await em.nativeUpdate(WebhookDelivery, { id: deliveryId }, { attempts: delivery.attempts + 1, lastError: `destination not allowed: ${err.message}`, lastAttemptAt: new Date() });
        throw ApplicationFailure.create({ type: 'DestinationNotAllowed', message: err.message, nonRetryable: true });
      }
      const now = new Date();
      if (result.ok) {
        await em.nativeUpdate(WebhookDelivery, { id: deliveryId }, { status: 'succeeded', attempts: delivery.attempts + 1, lastStatusCode: result.statusCode, lastError: null, lastAttemptAt: now, deliveredAt: now });
        // Only an endpoint that was failing is written: a success must not make every lane update one row.
        if (endpoint.failingSince) await em.nativeUpdate(WebhookEndpoint, { id: endpoint.id, failingSince: { $ne: null } }, { failingSince: null });
        return;
      }
      await em.nativeUpdate(WebhookDelivery, { id: deliveryId }, { attempts: delivery.attempts + 1, lastStatusCode: result.statusCode, lastError: result.error, lastAttemptAt: now });
      const [{ failing_since: since }] = await em.execute<{ failing_since: Date }[]>(
        'update webhook_endpoint set failing_since = coalesce(failing_since, ?) where id = ? returning failing_since', [now, endpoint.id]);
      await disableIfFailingForLong(endpoint.id, new Date(since));
      throw ApplicationFailure.create({ type: 'DeliveryFailed', message: `${endpoint.url} ${result.error}` });
    },

    /** The retries ran out (or must not be made): the delivery waits for the owner's retry. */
    async deliveryFailed({ deliveryId, reason }: { deliveryId: string; reason: string }): Promise<void> {
      await deps.orm.em.fork().nativeUpdate(WebhookDelivery, { id: deliveryId, status: 'pending' }, { status: 'failed', lastError: reason.slice(0, 500) });
    },
  };
}

export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
