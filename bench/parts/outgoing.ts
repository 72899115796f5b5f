// Outgoing webhooks: what an endpoint subscribed to every event costs the issuing of invoices, and
// how soon each invoice's invoice.issued and invoice.sent reach a receiver on loopback, beside a
// bare Temporal lane (signal-with-start, one activity making the same signed POST per event) fed
// the same number of invoices at the same rate. Three steps of BENCH_SECONDS at 8 concurrent:
// no endpoint, one endpoint, bare.
import { randomBytes, randomUUID } from 'node:crypto';
import { laneWorkflowId } from '../../services/webhook-lanes';
import { BARE_QUEUE, type Knobs } from '../config';
import { describeLaneTimes, laneTimes, type LaneTimes } from '../lane-history';
import { bareEventSignal } from '../workflows';
import { cpuSeconds, sampleRss } from '../proc';
import { load, percentile } from '../stats';
import { ratio, type Figure } from '../table';
import type { Target } from '../target';
import { startBenchReceiver, type Arrival, type BenchReceiver } from '../webhook-receiver';

const CONCURRENCY = 8;
const TYPES = ['invoice.issued', 'invoice.sent'] as const;
/** Long enough for the invoice emails (BENCH_EMAIL_RATE) and the lanes behind them on the cluster. */
const DRAIN_MS = 180_000;

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
const ms = (v: number) => v.toFixed(0);
const pair = (values: number[]) => `${ms(percentile(values, 50))} / ${ms(percentile(values, 95))}`;

/** What the worker and the Temporal server spent over a step, and the worker's resident peak. */
function costs(t: Target) {
  const pid = t.worker().pid;
  const server = () => t.server.temporalPids().reduce((sum, p) => sum + cpuSeconds(p), 0);
  const at = { worker: cpuSeconds(pid), server: server() };
  const rss = sampleRss(() => pid);
  return () => ({ workerCpu: cpuSeconds(pid) - at.worker, serverCpu: server() - at.server, rssPeak: rss.stop() });
}

/** Each invoice's two events as the receiver got them: arrival per type, keyed by invoice id. */
function byInvoice(receiver: BenchReceiver): Map<string, Partial<Record<string, Arrival>>> {
  const seen = new Map<string, Partial<Record<string, Arrival>>>();
  for (const a of receiver.byId.values()) {
    const own = seen.get(a.invoiceId) ?? {};
    own[a.type] = a;
    seen.set(a.invoiceId, own);
  }
  return seen;
}

/** Both events in, for every invoice in `began`. */
function complete(receiver: BenchReceiver, began: Map<string, number>): number {
  const seen = byInvoice(receiver);
  let n = 0;
  for (const id of began.keys()) if (seen.get(id)?.['invoice.issued'] && seen.get(id)?.['invoice.sent']) n++;
  return n;
}

interface Delivered {
  /** Start of the invoice (the POST, or the first signal) → that event received, ms. */
  issued: number[];
  sent: number[];
  /** Every event: its own time (Dunwell: the event's timestamp; bare: the signal) → received, ms. */
  perEvent: number[];
  inOrder: number;
}

function delivered(receiver: BenchReceiver, began: Map<string, number>, eventStart: (a: Arrival) => number): Delivered {
  const seen = byInvoice(receiver);
  const d: Delivered = { issued: [], sent: [], perEvent: [], inOrder: 0 };
  for (const [id, start] of began) {
    const { 'invoice.issued': issued, 'invoice.sent': sent } = seen.get(id)!;
    d.issued.push(issued!.at - start);
    d.sent.push(sent!.at - start);
    d.perEvent.push(issued!.at - eventStart(issued!), sent!.at - eventStart(sent!));
    if (issued!.seq < sent!.seq) d.inOrder++;
  }
  return d;
}

/**
 * Every invoice emailed and its invoice.sent written: none of this step's events may reach the
 * endpoint the next step subscribes.
 */
async function settled(t: Target): Promise<void> {
  await t.settle();
  const deadline = Date.now() + DRAIN_MS;
  while (await t.count(`select count(*) n from invoice i where status = 'open' and not exists (select 1 from event e where e.invoice_id = i.id and e.type = 'invoice.sent')`) > 0) {
    if (Date.now() > deadline) throw new Error('outgoing webhooks: invoice.sent not written for every invoice');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function dunwellStep(t: Target, k: Knobs) {
  const began = new Map<string, number>();
  const spent = costs(t);
  const issued = await load(CONCURRENCY, k.seconds, async (i) => {
    const start = Date.now();
    began.set((await t.createInvoice(i)).id, start);
  });
  return { began, issued, spent };
}

/** Dunwell with one endpoint subscribed to every event, until each invoice's two events are in. */
async function withEndpoint(t: Target, k: Knobs, receiver: BenchReceiver) {
  const res = await fetch(`${t.apiUrl}/v1/webhook-endpoints`, { method: 'POST', headers: t.headers, body: JSON.stringify({ url: receiver.url, events: ['*'] }) });
  if (res.status !== 201) throw new Error(`webhook endpoint: ${res.status} ${await res.text()}`);
  const endpoint = (await res.json()) as { id: string; secret: string };
  receiver.setSecret(endpoint.secret);
  try {
    const step = await dunwellStep(t, k);
    await receiver.waitFor(() => complete(receiver, step.began), step.began.size, 'invoices with both events', DRAIN_MS);
    const spent = step.spent();
    const { rows: [attempts] } = await t.db.query(
      `select count(*) filter (where status = 'succeeded' and attempts = 1) first, count(*) n, count(distinct invoice_id) lanes from webhook_delivery where endpoint_id = $1`, [endpoint.id]);
    const lanes = await laneTimes(t.client, [...step.began.keys()].map((invoiceId) => laneWorkflowId({ endpointId: endpoint.id, invoiceId })));
    return { ...step, spent, lanes, delivered: delivered(receiver, step.began, (a) => a.eventAt), secret: endpoint.secret, attempts: { first: Number(attempts.first), n: Number(attempts.n), lanes: Number(attempts.lanes) } };
  } finally {
    // Later parts (and a later run on the same database) must not feed this endpoint.
    await fetch(`${t.apiUrl}/v1/webhook-endpoints/${endpoint.id}`, { method: 'DELETE', headers: t.headers });
  }
}

/**
 * Bare: as many invoices as Dunwell issued, at the rate it issued them (so the server carries
 * the same load), each a lane of its own woken twice by signal-with-start, one event a signal,
 * with a copy of a body Dunwell sent (same size), to the same receiver with the same secret.
 */
async function bareStep(t: Target, receiver: BenchReceiver, secret: string, n: number, perSecond: number) {
  const template = JSON.parse(receiver.sample!) as { data: { invoice: { id: string } } };
  const began = new Map<string, number>();
  const signalled = new Map<string, number>();
  const run = randomBytes(4).toString('hex');
  const spent = costs(t);
  const t0 = Date.now();
  const signals: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    await sleepUntil(t0 + (i * 1000) / perSecond);
    signals.push((async () => {
      const invoiceId = randomUUID();
      began.set(invoiceId, Date.now());
      for (const type of TYPES) {
        const id = `evt_${randomBytes(12).toString('hex')}`;
        const body = JSON.stringify({ ...template, id, type, timestamp: new Date().toISOString(), data: { ...template.data, invoice: { ...template.data.invoice, id: invoiceId } } });
        signalled.set(id, Date.now());
        await t.client.workflow.signalWithStart('bareLaneWorkflow', { workflowId: `bare-lane-${run}-${i}`, taskQueue: BARE_QUEUE, signal: bareEventSignal, signalArgs: [{ url: receiver.url, secret, id, body }] });
      }
    })());
  }
  await Promise.all(signals);
  await receiver.waitFor(() => complete(receiver, began), n, 'bare lanes with both events', DRAIN_MS);
  const done = spent();
  const lanes = await laneTimes(t.client, Array.from({ length: n }, (_, i) => `bare-lane-${run}-${i}`));
  return { spent: done, lanes, delivered: delivered(receiver, began, (a) => signalled.get(a.id)!) };
}

export async function outgoingPart(t: Target, k: Knobs, out: Figure[]): Promise<void> {
  // A fresh worker: its memory is this part's alone, and it sends invoice emails at
  // BENCH_EMAIL_RATE, so invoice.sent waits on the lanes rather than on the shipped 5 a second.
  await t.restartWorker(k.emailRate);
  const receiver = await startBenchReceiver();
  try {
    // Warm-up, not measured: the fresh worker's first invoices pay for its JIT, fonts and pools.
    await load(CONCURRENCY, Math.min(3, k.seconds), async (i) => void (await t.createInvoice(i)));
    await settled(t);
    const before = await t.count('select count(*) n from invoice');
    const none = await dunwellStep(t, k);
    await settled(t);
    const noneSpent = none.spent();
    const withOne = await withEndpoint(t, k, receiver);
    const bare = await bareStep(t, receiver, withOne.secret, withOne.began.size, withOne.issued.perSecond);
    report(k, out, { none: { ...none, spent: noneSpent }, withOne, bare, receiver });
    if (await t.count('select count(*) n from invoice') !== before + none.began.size + withOne.began.size) throw new Error('outgoing webhooks: invoices issued and counted differ');
  } finally {
    await receiver.stop();
  }
}

type Spent = ReturnType<ReturnType<typeof costs>>;

function report(k: Knobs, out: Figure[], r: {
  none: { issued: { perSecond: number; latencies: number[] }; began: Map<string, number>; spent: Spent };
  withOne: { issued: { perSecond: number; latencies: number[] }; began: Map<string, number>; spent: Spent; delivered: Delivered; attempts: { first: number; n: number; lanes: number }; lanes: LaneTimes };
  bare: { spent: Spent; delivered: Delivered; lanes: LaneTimes };
  receiver: BenchReceiver;
}): void {
  const { none, withOne, bare, receiver } = r;
  const [w, b] = [withOne.delivered, bare.delivered];
  const perInvoice = (s: Spent, n: number, key: 'workerCpu' | 'serverCpu') => ((s[key] * 1000) / n).toFixed(1);
  const row = (measure: string, dunwell: number, bareValue: number) => out.push({ measure, dunwell: ms(dunwell), bare: ms(bareValue), ratio: ratio(dunwell, Math.max(1, bareValue)) });
  const head = `outgoing webhooks, ${CONCURRENCY} concurrent, ${k.seconds} s a step`;
  out.push({ measure: `${head}: invoices issued per second, no endpoint / one endpoint (every event)`, dunwell: `${none.issued.perSecond.toFixed(1)} / ${withOne.issued.perSecond.toFixed(1)}`, ratio: '' });
  out.push({ measure: '… issued with an endpoint ÷ without', dunwell: ratio(withOne.issued.perSecond, none.issued.perSecond) });
  out.push({ measure: '… POST /v1/invoices p50 / p95 ms, no endpoint', dunwell: pair(none.issued.latencies) });
  out.push({ measure: '… POST /v1/invoices p50 / p95 ms, one endpoint', dunwell: pair(withOne.issued.latencies) });
  row('… POST start → invoice.issued received, p50 ms; bare: first signal-with-start → first event received', percentile(w.issued, 50), percentile(b.issued, 50));
  row('… POST start → invoice.issued received, p95 ms', percentile(w.issued, 95), percentile(b.issued, 95));
  row('… POST start → invoice.sent received (both in), p50 ms; bare: → second event received', percentile(w.sent, 50), percentile(b.sent, 50));
  row('… POST start → invoice.sent received, p95 ms', percentile(w.sent, 95), percentile(b.sent, 95));
  row('… each event, its timestamp → received, p50 ms; bare: its signal-with-start → received', percentile(w.perEvent, 50), percentile(b.perEvent, 50));
  row('… each event, its timestamp → received, p95 ms', percentile(w.perEvent, 95), percentile(b.perEvent, 95));
  out.push({
    measure: '… events received / in order per invoice / repeated / refused signatures',
    dunwell: `${w.perEvent.length}/${2 * withOne.began.size}, ${w.inOrder}/${withOne.began.size}, ${receiver.repeats}, ${receiver.refused}`,
    bare: `${b.perEvent.length}, ${b.inOrder}`,
  });
  out.push({ measure: '… of which per event, from 30 lanes\' histories, queue wait / run, ms', dunwell: describeLaneTimes(withOne.lanes), bare: describeLaneTimes(bare.lanes) });
  out.push({ measure: '… deliveries on their first attempt / deliveries / lanes', dunwell: `${withOne.attempts.first}/${withOne.attempts.n}/${withOne.attempts.lanes}` });
  out.push({ measure: '… worker RSS peak, no endpoint / one endpoint, MB', dunwell: `${none.spent.rssPeak.toFixed(0)} / ${withOne.spent.rssPeak.toFixed(0)}` });
  out.push({ measure: '… worker CPU per invoice, no endpoint / one endpoint, ms', dunwell: `${perInvoice(none.spent, none.began.size, 'workerCpu')} / ${perInvoice(withOne.spent, withOne.began.size, 'workerCpu')}` });
  out.push({
    measure: '… Temporal server CPU per invoice, no endpoint / one endpoint, ms; bare: per invoice\'s two events',
    dunwell: `${perInvoice(none.spent, none.began.size, 'serverCpu')} / ${perInvoice(withOne.spent, withOne.began.size, 'serverCpu')}`,
    bare: perInvoice(bare.spent, withOne.began.size, 'serverCpu'),
  });
}
