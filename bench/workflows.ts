// Bare Temporal baselines for the benchmarks, and a ladder of seconds for reminder lateness.
import { condition, defineSignal, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { ClientEmailRequest } from '../activities/email';

export async function noopWorkflow(): Promise<void> {}

export const paidSignal = defineSignal('paid');

export async function waitForPaymentWorkflow(): Promise<void> {
  let paid = false;
  setHandler(paidSignal, () => {
    paid = true;
  });
  await condition(() => paid);
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
