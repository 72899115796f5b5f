// One endpoint's deliveries about one invoice, in order: each is retried with backoff (Temporal's
// activity retries, durable across any crash) until the endpoint takes it or the retry time runs
// out; only then does the next go. Started, or woken, by signal-with-start whenever deliveries
// are written; idle for an hour, it ends. Different invoices' lanes never wait on each other.
import { ActivityFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { WebhookActivities } from '../activities/webhooks';
import { webhookLaneWakeSignal } from './messages';

export interface WebhookLaneInput {
  endpointId: string;
  invoiceId: string;
  retry: { initialSeconds: number; maximumSeconds: number; totalSeconds: number };
}

/** Why an attempt must not be repeated: the endpoint is gone or off, or its address is not allowed. */
export const FINAL_DELIVERY_FAILURES = ['EndpointGone', 'EndpointDisabled', 'DestinationNotAllowed'];

const IDLE = '1 hour';

export async function webhookLaneWorkflow(input: WebhookLaneInput): Promise<void> {
  const { retry } = input;
  const { deliverWebhook } = proxyActivities<WebhookActivities>({
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: `${retry.totalSeconds} seconds`,
    retry: {
      initialInterval: `${retry.initialSeconds} seconds`, maximumInterval: `${retry.maximumSeconds} seconds`, backoffCoefficient: 2,
      nonRetryableErrorTypes: FINAL_DELIVERY_FAILURES,
    },
  });
  const book = proxyActivities<WebhookActivities>({ startToCloseTimeout: '30 seconds', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });
  let awake = true;
  setHandler(webhookLaneWakeSignal, () => {
    awake = true;
  });
  for (;;) {
    if (!awake && !(await condition(() => awake, IDLE))) return;
    awake = false;
    const next = await book.laneDeliveries({ endpointId: input.endpointId, invoiceId: input.invoiceId });
    for (const deliveryId of next) {
      try {
        await deliverWebhook({ deliveryId });
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        const cause = err.cause as Error | undefined;
        await book.deliveryFailed({ deliveryId, reason: cause?.message ?? err.message });
      }
    }
    if (next.length > 0) awake = true;
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 2_000) await continueAsNew<typeof webhookLaneWorkflow>(input);
  }
}
