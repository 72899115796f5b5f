// The month-start spike: N open invoices whose next reminder falls on the same instant T. Each is
// a bench workflow (the engine's ladder is day-granular) holding a durable timer to T, then calling
// Dunwell's real email activity on its real rate-limited queue in the worker process, which sends
// through the counting Resend stand-in. T is set a little after all N are expected to be started.
import { randomBytes } from 'node:crypto';
import { emailTaskQueue } from '../../workflows/task-queues';
import { BARE_QUEUE, TASK_QUEUE, type Knobs } from '../config';
import type { spikeReminderWorkflow } from '../workflows';
import { cpuSeconds, peakRssMb, sampleRss } from '../proc';
import { load, percentile } from '../stats';
import type { Figure } from '../table';
import type { Target } from '../target';

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

async function openInvoiceIds(t: Target, n: number): Promise<string[]> {
  const have = await t.count(`select count(*) n from invoice where status = 'open'`);
  if (have < n) {
    await load(32, Infinity, async (i) => void (await t.createInvoice(i)), n - have);
    await t.settle();
  }
  return (await t.db.query(`select id from invoice where status = 'open' order by id limit $1`, [n])).rows.map((r) => r.id as string);
}

export async function spikePart(t: Target, k: Knobs, out: Figure[]): Promise<void> {
  const ids = await openInvoiceIds(t, k.spikeInvoices);
  // A fresh worker at the spike's rate: its peak resident memory (VmHWM) is this part's alone.
  await t.restartWorker(k.spikeEmailRate);
  const pid = t.worker().pid;
  const rss = sampleRss(() => pid);
  try {
    await measure(t, k, ids, pid, rss, out);
  } finally {
    rss.stop();
  }
}

async function measure(t: Target, k: Knobs, ids: string[], pid: number, rss: ReturnType<typeof sampleRss>, out: Figure[]): Promise<void> {
  const n = ids.length;
  const rate = k.spikeEmailRate;

  // How fast this server starts workflows now, to place T after all N are started.
  const probe = await load(32, 2, async () => void (await t.client.workflow.start('noopWorkflow', { taskQueue: BARE_QUEUE, workflowId: `probe-${randomBytes(8).toString('hex')}` })));
  const T = Date.now() + Math.max(10_000, (n / (probe.perSecond * 0.5)) * 1000 + 5_000);
  const run = randomBytes(4).toString('hex');
  const keys = ids.map((id) => `spike-${run}-${id}:spike`);
  let startedBeforeT = 0;
  await load(32, Infinity, async (i) => {
    await t.client.workflow.start<typeof spikeReminderWorkflow>('spikeReminderWorkflow', { taskQueue: BARE_QUEUE, workflowId: `spike-${run}-${i}`, args: [{ invoiceId: ids[i], key: keys[i], emailTaskQueue: emailTaskQueue(TASK_QUEUE), at: T }] });
    if (Date.now() < T) startedBeforeT += 1;
  }, n);

  await sleepUntil(T);
  const serverPids = t.server.temporalPids();
  const cpuAtT = { worker: cpuSeconds(pid), server: serverPids.reduce((sum, p) => sum + cpuSeconds(p), 0) };
  const deadline = T + (n / rate) * 3_000 + 120_000;
  const sent = () => keys.filter((key) => t.resend.byKey.has(key)).length;
  let done = 0;
  while ((done = sent()) < n) {
    if (Date.now() > deadline) {
      throw new Error(`spike: ${done} of ${n} emails out ${Math.round((Date.now() - T) / 1000)} s after T (floor ${n / rate} s)`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const cpu = { worker: cpuSeconds(pid) - cpuAtT.worker, server: serverPids.reduce((sum, p) => sum + cpuSeconds(p), 0) - cpuAtT.server };
  const peakSampled = rss.stop();
  const peakSinceStart = peakRssMb(pid);
  // Late retries would show up as second requests or rows: give them a moment.
  await new Promise((r) => setTimeout(r, 3_000));

  // When each reminder's timer woke it (from the workflows' results, all closed by now).
  const woke: number[] = [];
  await load(32, Infinity, async (i) => void woke.push((await t.client.workflow.getHandle<typeof spikeReminderWorkflow>(`spike-${run}-${i}`).result()) - T), n);
  const times = keys.map((key) => t.resend.byKey.get(key)!.firstAt).sort((a, b) => a - b);
  const first = times[0] - T;
  const last = times[n - 1] - T;
  // Lateness behind the rate's own schedule: the i-th email (from 0) cannot go out before T + i/rate.
  const lateness = times.map((at, i) => at - (T + (i * 1000) / rate));
  const share = n / (last / 1000) / rate;
  const repeats = keys.reduce((sum, key) => sum + t.resend.byKey.get(key)!.requests - 1, 0);
  const atResend = keys.filter((key) => t.resend.byKey.has(key)).length;
  const rows = await t.db.query('select count(*) n, count(distinct idempotency_key) d from email_message where idempotency_key = any($1)', [keys]);
  const [stored, distinct] = [Number(rows.rows[0].n), Number(rows.rows[0].d)];
  const once = atResend === n && repeats === 0 && stored === n && distinct === n;

  const head = `month-start spike: ${n} reminders due at one instant T, email rate ${rate}/s`;
  out.push({ measure: `${head}: reminders started before T`, dunwell: `${startedBeforeT}/${n}` });
  out.push({ measure: '… first email after T, s', dunwell: (first / 1000).toFixed(2) });
  out.push({ measure: '… last email after T, s', dunwell: (last / 1000).toFixed(1) });
  out.push({ measure: '… of which the timers: reminders woken after T, p50 / last, s', dunwell: `${(percentile(woke, 50) / 1000).toFixed(2)} / ${(Math.max(...woke) / 1000).toFixed(2)}` });
  out.push({ measure: '… the floor the email rate sets (N ÷ rate), s', dunwell: (n / rate).toFixed(1) });
  out.push({ measure: '… share of the email rate achieved, N ÷ (last − T) ÷ rate', dunwell: share.toFixed(2), goal: '≥ 0.9', met: share >= 0.9 });
  out.push({ measure: '… lateness behind the rate\'s schedule (sent − (T + i ÷ rate)), p50 ms', dunwell: percentile(lateness, 50).toFixed(0) });
  out.push({ measure: '… lateness behind the rate\'s schedule, p99 ms', dunwell: percentile(lateness, 99).toFixed(0) });
  out.push({ measure: '… worker RSS peak (sampled every 250 ms), MB', dunwell: peakSampled.toFixed(0), goal: '≤ 400 MB', met: peakSampled <= 400 });
  out.push({ measure: '… worker RSS high-water mark since its start before the N starts (VmHWM), MB', dunwell: peakSinceStart.toFixed(0) });
  out.push({ measure: '… worker CPU from T to the last email, s', dunwell: cpu.worker.toFixed(1) });
  out.push({ measure: '… worker CPU per email, ms', dunwell: ((cpu.worker * 1000) / n).toFixed(1) });
  out.push({ measure: '… Temporal server CPU from T to the last email, s (cluster: its four processes, PostgreSQL not counted)', dunwell: cpu.server.toFixed(1) });
  out.push({ measure: '… each email out exactly once (keys at the Resend stand-in, requests repeated, email_message rows)', dunwell: `${atResend}/${n}, ${repeats}, ${stored}`, goal: 'N/N, 0, N', met: once });
}
