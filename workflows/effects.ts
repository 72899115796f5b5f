// The activities an invoice workflow calls, with their retry rules.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { UNSTORABLE_DATA } from '../domain/projection';
import { emailTaskQueue } from './task-queues';

const recordsRetry = {
  initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2,
  // A write PostgreSQL refuses for its data fails the same way every time (see activities/records.ts).
  nonRetryableErrorTypes: [UNSTORABLE_DATA],
};

/**
 * Bookkeeping writes (short, idempotent) run as local activities: a payment update completes in
 * one workflow task. A database outage outlasts a local activity's attempts; past ten seconds
 * Temporal backs off with timers.
 */
const localRecords = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: recordsRetry, localRetryThreshold: '10 seconds' });

/**
 * Local activities that finish within one workflow task are resolved together on replay, not one
 * by one as they were the first time: a handler's write racing the main loop's would then swap
 * places with a timer, a nondeterminism error after any worker restart. Queued, each resolves on
 * its own, on replay as the first time.
 */
function oneAtATime(activities: Activities): Activities {
  let last: Promise<unknown> = Promise.resolve();
  return new Proxy(activities, {
    get: (target, name) => (...args: unknown[]) => {
      const run = last.then(() => (target as unknown as Record<string | symbol, (...a: unknown[]) => Promise<unknown>>)[name](...args));
      last = run.catch(() => undefined);
      return run;
    },
  });
}

export const records = oneAtATime(localRecords);

/** Hands a reminder to the client's workflow (signal-with-start): short, retried until Temporal takes it. */
export const clientReminders = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Resend's failures are sorted into retryable or not by the activity itself. */
export const emailActivities = (taskQueue: string) =>
  proxyActivities<Activities>({
    taskQueue: emailTaskQueue(taskQueue),
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2 },
  });
