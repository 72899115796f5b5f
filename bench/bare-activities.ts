// The bare baselines' activities, run by the bench's own worker: what they cost is Temporal's part
// (and, for postEvent, the same signed POST Dunwell's lanes make) and nothing of Dunwell's.
import { ApplicationFailure } from '@temporalio/activity';
import { signStandardWebhook } from '../services/standard-webhooks';
import { postWebhook } from '../services/webhook-post';

export interface BareEvent {
  url: string;
  secret: string;
  id: string;
  /** The event as JSON, a copy of one Dunwell sent (same size). */
  body: string;
}

export const bareActivities = {
  async touch(): Promise<void> {},

  /**
   * One delivery as Dunwell's deliverWebhook makes it (signed, through the same postWebhook),
   * minus Dunwell's own part: no rows read or written. Not 2xx: thrown, so Temporal retries it.
   */
  async postEvent(e: BareEvent): Promise<void> {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': e.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signStandardWebhook(e.secret, e.id, timestamp, e.body) };
    const result = await postWebhook(e.url, headers, e.body, { allowPrivate: true, timeoutSeconds: 10 });
    if (!result.ok) throw ApplicationFailure.create({ type: 'DeliveryFailed', message: `${e.url} ${result.error}` });
  },
};

export type BareActivities = typeof bareActivities;
