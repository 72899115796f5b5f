// Bare Temporal baselines for the benchmarks (outgoing webhooks' lanes among them), a ladder of seconds for reminder lateness, and the
// month-start spike's reminders. Run by the bench's own worker (task queue `bench-bare`); the
// email activities they call run in Dunwell's real worker process.
import { condition, defineSignal, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { ClientEmailRequest } from '../activities/email';
import type { BareActivities, BareEvent } from './bare-activities';

export async function noopWorkflow(): Promise<void> {}

const bare = proxyActivities<BareActivities>({ startToCloseTimeout: '1 minute' });

/**
 * The fairer creation baseline: started as an invoice is (five search attributes, a static
 * summary and details), then one activity and one long timer, so it stays open like an invoice.
 */
export async function invoiceShapedWorkflow(): Promise<void> {
  await bare.touch();
  await sleep('30 days');
}

export const payUpdate = defineUpdate<number, [number]>('pay');

/** The webhook baseline: idle until an update pays it, then complete (as a paid invoice's is). */
export async function paymentUpdateWorkflow(): Promise<void> {
  let paid = 0;
  setHandler(payUpdate, (amount) => {
    paid += amount;
    return paid;
  });
  await condition(() => paid > 0);
}

export const bareEventSignal = defineSignal<[BareEvent]>('event');

/**
 * The outgoing-webhooks baseline: a lane as bare as Temporal allows. Each event arrives with its
 * signal (signal-with-start, as Dunwell wakes a lane) and is posted by one activity, in order;
 * idle for an hour, it ends, as Dunwell's webhookLaneWorkflow does. No rows to read or write.
 */
export async function bareLaneWorkflow(): Promise<void> {
  const queue: BareEvent[] = [];
  setHandler(bareEventSignal, (e) => void queue.push(e));
  const post = proxyActivities<BareActivities>({ startToCloseTimeout: '1 minute', retry: { initialInterval: '1 second' } });
  for (;;) {
    if (!(await condition(() => queue.length > 0, '1 hour'))) return;
    await post.postEvent(queue[0]);
    queue.shift();
  }
}

interface EmailActivities {
  sendClientEmail(req: ClientEmailRequest): Promise<{ sent: boolean; reason: string | null }>;
}

/**
 * An invoice's reminder path with the days made seconds: a durable timer to each step's instant,
 * then Dunwell's real email activity on its real rate-limited queue (run by the worker process).
 * Returns the planned instants; the emails' recorded times give the lateness.
 */
export async function secondsLadderWorkflow(input: { invoiceId: string; emailTaskQueue: string; offsetsSeconds: number[]; startAt: number }): Promise<{ key: string; plannedAt: number; wokeAt: number }[]> {
  const email = proxyActivities<EmailActivities>({ taskQueue: input.emailTaskQueue, startToCloseTimeout: '1 minute' });
  const planned: { key: string; plannedAt: number; wokeAt: number }[] = [];
  for (const [i, offset] of input.offsetsSeconds.entries()) {
    const plannedAt = input.startAt + offset * 1000;
    await sleep(Math.max(1, plannedAt - Date.now()));
    // The workflow's clock is the start of the task that woke it: when the timer's news arrived.
    const wokeAt = Date.now();
    const key = `ladder-${input.invoiceId}:seconds_${i}`;
    await email.sendClientEmail({ invoiceId: input.invoiceId, key, template: 'reminder_overdue', tone: 'nudge' });
    planned.push({ key, plannedAt, wokeAt });
  }
  return planned;
}

/** The bare counterpart: the same timers, no email; returns how late each woke the workflow. */
export async function timerLadderWorkflow(input: { offsetsSeconds: number[]; startAt: number }): Promise<number[]> {
  const lateness: number[] = [];
  for (const offset of input.offsetsSeconds) {
    const plannedAt = input.startAt + offset * 1000;
    await sleep(Math.max(1, plannedAt - Date.now()));
    lateness.push(Date.now() - plannedAt);
  }
  return lateness;
}

/**
 * One reminder of the month-start spike: a durable timer to the instant T shared by all, then
 * Dunwell's real email activity on its real rate-limited queue (in the worker process). Returns
 * when the timer woke it, to tell the timers' share of the spike from the email queue's.
 */
export async function spikeReminderWorkflow(input: { invoiceId: string; key: string; emailTaskQueue: string; at: number }): Promise<number> {
  const email = proxyActivities<EmailActivities>({ taskQueue: input.emailTaskQueue, startToCloseTimeout: '1 minute' });
  await sleep(Math.max(1, input.at - Date.now()));
  // The workflow's clock is the start of the task that woke it: when the timer's news arrived.
  const wokeAt = Date.now();
  await email.sendClientEmail({ invoiceId: input.invoiceId, key: input.key, template: 'reminder_overdue', tone: 'nudge' });
  return wokeAt;
}
