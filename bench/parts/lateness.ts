// Reminder lateness: open invoices, each with a ladder of five steps 5 s apart (starts spread over
// 5 s, as real reminders spread over due dates): a durable timer to each step's instant, then
// Dunwell's real email activity on its real rate-limited queue in the worker process. Lateness =
// when the email was recorded − the planned instant. Bare: the same timers with no email.
import { randomBytes } from 'node:crypto';
import { emailTaskQueue } from '../../workflows/task-queues';
import { BARE_QUEUE, TASK_QUEUE, type Knobs } from '../config';
import type { secondsLadderWorkflow, timerLadderWorkflow } from '../workflows';
import { load, percentile } from '../stats';
import { ratio, type Figure } from '../table';
import type { Target } from '../target';

const OFFSETS_SECONDS = [5, 10, 15, 20, 25];

export async function latenessPart(t: Target, k: Knobs, out: Figure[]): Promise<void> {
  const targets: { id: string }[] = [];
  await load(8, Infinity, async (i) => void targets.push(await t.createInvoice(i)), k.ladders);
  await t.settle();
  const t0 = Date.now() + 2_000;
  const handles = await Promise.all(targets.map((target, i) =>
    t.client.workflow.start<typeof secondsLadderWorkflow>('secondsLadderWorkflow', { taskQueue: BARE_QUEUE, workflowId: `ladder-${randomBytes(8).toString('hex')}`, args: [{ invoiceId: target.id, emailTaskQueue: emailTaskQueue(TASK_QUEUE), offsetsSeconds: OFFSETS_SECONDS, startAt: t0 + Math.round((i * 5000) / k.ladders) }] }),
  ));
  const planned = (await Promise.all(handles.map((h) => h.result()))).flat();
  const sentAt = new Map((await t.db.query('select idempotency_key k, created_at t from email_message where idempotency_key = any($1)', [planned.map((p) => p.key)])).rows.map((r) => [r.k as string, (r.t as Date).getTime()]));
  const lateness = planned.map((p) => sentAt.get(p.key)! - p.plannedAt);
  const timerLateness = planned.map((p) => p.wokeAt - p.plannedAt);
  // Bare: the same ladders of timers with no email, on the same server, right after.
  const t1 = Date.now() + 2_000;
  const bare = (await Promise.all(targets.map((_, i) =>
    t.client.workflow.execute<typeof timerLadderWorkflow>('timerLadderWorkflow', { taskQueue: BARE_QUEUE, workflowId: `timers-${randomBytes(8).toString('hex')}`, args: [{ offsetsSeconds: OFFSETS_SECONDS, startAt: t1 + Math.round((i * 5000) / k.ladders) }] }),
  ))).flat();
  const [l50, l99, b50, b99] = [percentile(lateness, 50), percentile(lateness, 99), percentile(bare, 50), percentile(bare, 99)];
  out.push({ measure: `reminder lateness, ${k.ladders * OFFSETS_SECONDS.length} emails from ${k.ladders} ladders of seconds, p50 ms; bare: timers alone`, dunwell: l50.toFixed(0), bare: b50.toFixed(0), ratio: ratio(l50, Math.max(1, b50)) });
  out.push({ measure: '… reminder lateness, p99 ms', dunwell: l99.toFixed(0), bare: b99.toFixed(0), ratio: ratio(l99, Math.max(1, b99)), goal: '≤ 2000 ms', met: l99 <= 2000 });
  out.push({ measure: '… of which the timer waking the workflow, p99 ms', dunwell: percentile(timerLateness, 99).toFixed(0) });
}
