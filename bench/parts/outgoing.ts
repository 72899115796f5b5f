// Outgoing webhooks: what an endpoint subscribed to every event costs the issuing of invoices, and
// how soon each invoice's invoice.issued and invoice.sent reach a receiver on loopback, beside bare
// Temporal lanes (signal-with-start, one activity making the same signed POST per event) fed as
// many invoices at the same rate. Dunwell steps: a burst of 8 concurrent creates without and then
// with the endpoint (throughput; the worker falls behind, so its latencies include the backlog),
// and a steady pace the worker keeps up with (the delivery path's own latency).
import { randomBytes, randomUUID } from 'node:crypto';
import { laneWorkflowId } from '../../services/webhook-lanes';
import { BARE_QUEUE, OUTGOING_CONCURRENCY as CONCURRENCY, type Knobs } from '../config';
import { laneTimes, type LaneTimes } from '../lane-history';
import { cpuSeconds, sampleRss } from '../proc';
import { load, paced } from '../stats';
import type { Figure } from '../table';
import type { Target } from '../target';
import { bareEventSignal } from '../workflows';
import { startBenchReceiver, type Arrival, type BenchReceiver } from '../webhook-receiver';
import { report } from './outgoing-report';

const TYPES = ['invoice.issued', 'invoice.sent'] as const;
/** Long enough for the invoice emails (BENCH_EMAIL_RATE) and the lanes behind them on the cluster. */
const DRAIN_MS = 180_000;

/** What the worker and the Temporal server spent over a step, and the worker's resident peak. */
function costs(t: Target) {
  const pid = t.worker().pid;
  const server = () => t.server.temporalPids().reduce((sum, p) => sum + cpuSeconds(p), 0);
  const at = { worker: cpuSeconds(pid), server: server() };
  const rss = sampleRss(() => pid);
  return () => ({ workerCpu: cpuSeconds(pid) - at.worker, serverCpu: server() - at.server, rssPeak: rss.stop() });
}
export type Spent = ReturnType<ReturnType<typeof costs>>;

/** Each invoice's two events as the receiver got them, keyed by invoice id. */
function byInvoice(receiver: BenchReceiver): Map<string, Partial<Record<string, Arrival>>> {
  const seen = new Map<string, Partial<Record<string, Arrival>>>();
  for (const a of receiver.byId.values()) seen.set(a.invoiceId, { ...seen.get(a.invoiceId), [a.type]: a });
  return seen;
}

/** Invoices of `began` whose two events are both in. */
function complete(receiver: BenchReceiver, began: Map<string, number>): number {
  const seen = byInvoice(receiver);
  return [...began.keys()].filter((id) => TYPES.every((type) => seen.get(id)?.[type])).length;
}

export interface Delivered {
  /** Start of the invoice (the POST, or the first signal) → that event received, ms. */
  issued: number[];
  sent: number[];
  /** Every event: its own time (Dunwell: the event's timestamp; bare: its signal) → received, ms. */
  perEvent: number[];
  inOrder: number;
  invoices: number;
  lanes: LaneTimes;
}

const allIn = (receiver: BenchReceiver, began: Map<string, number>) =>
  receiver.waitFor(() => complete(receiver, began), began.size, 'invoices with both events', DRAIN_MS);

/** Once all are in (and the step's costs read: reading histories costs the server too). */
async function delivered(t: Target, receiver: BenchReceiver, began: Map<string, number>, eventStart: (a: Arrival) => number, laneIds: string[]): Promise<Delivered> {
  const seen = byInvoice(receiver);
  const d: Delivered = { issued: [], sent: [], perEvent: [], inOrder: 0, invoices: began.size, lanes: await laneTimes(t.client, laneIds) };
  for (const [id, start] of began) {
    const { 'invoice.issued': issued, 'invoice.sent': sent } = seen.get(id) as Record<string, Arrival>;
    d.issued.push(issued.at - start);
    d.sent.push(sent.at - start);
    d.perEvent.push(issued.at - eventStart(issued), sent.at - eventStart(sent));
    if (issued.seq < sent.seq) d.inOrder++;
  }
  return d;
}

/** Every invoice emailed and its invoice.sent written: no step's events may spill into the next. */
async function settled(t: Target): Promise<void> {
  await t.settle();
  const deadline = Date.now() + DRAIN_MS;
  while (await t.count(`select count(*) n from invoice i where status = 'open' and not exists (select 1 from event e where e.invoice_id = i.id and e.type = 'invoice.sent')`) > 0) {
    if (Date.now() > deadline) throw new Error('outgoing webhooks: invoice.sent not written for every invoice');
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface Issued {
  /** Invoice id → when its POST began (epoch ms). */
  began: Map<string, number>;
  /** POST /v1/invoices latencies, ms. */
  latencies: number[];
  perSecond: number;
  spent: Spent;
}

/** Invoices issued by `drive` (a closed-loop burst or a steady pace), then until all is out. */
async function issue(t: Target, drive: (op: (i: number) => Promise<void>) => Promise<{ latencies: number[] }>, until: (began: Map<string, number>) => Promise<void>): Promise<Issued> {
  const began = new Map<string, number>();
  const spent = costs(t);
  const started = performance.now();
  const { latencies } = await drive(async (i) => {
    const start = Date.now();
    began.set((await t.createInvoice(i)).id, start);
  });
  const perSecond = latencies.length / ((performance.now() - started) / 1000);
  await until(began);
  return { began, latencies, perSecond, spent: spent() };
}

/** The two Dunwell steps with one endpoint subscribed to every event, deleted after. */
async function withEndpoint(t: Target, k: Knobs, receiver: BenchReceiver) {
  const res = await fetch(`${t.apiUrl}/v1/webhook-endpoints`, { method: 'POST', headers: t.headers, body: JSON.stringify({ url: receiver.url, events: ['*'] }) });
  if (res.status !== 201) throw new Error(`webhook endpoint: ${res.status} ${await res.text()}`);
  const endpoint = (await res.json()) as { id: string; secret: string };
  receiver.setSecret(endpoint.secret);
  try {
    const step = async (drive: Parameters<typeof issue>[1]) => {
      const issued = await issue(t, drive, (began) => allIn(receiver, began));
      const lanes = [...issued.began.keys()].map((invoiceId) => laneWorkflowId({ endpointId: endpoint.id, invoiceId }));
      return { ...issued, delivered: await delivered(t, receiver, issued.began, (a) => a.eventAt, lanes) };
    };
    const burst = await step((op) => load(CONCURRENCY, k.seconds, op));
    // Twice the step's length: at a few invoices a second, enough events that the p95 means something.
    const steady = await step((op) => paced(k.outgoingRate, 2 * k.seconds, op));
    const { rows: [a] } = await t.db.query(
      `select count(*) filter (where status = 'succeeded' and attempts = 1) first, count(*) n, count(distinct invoice_id) lanes from webhook_delivery where endpoint_id = $1`, [endpoint.id]);
    return { burst, steady, secret: endpoint.secret, attempts: { first: Number(a.first), n: Number(a.n), lanes: Number(a.lanes) } };
  } finally {
    // Later parts (and a later run on the same database) must not feed this endpoint.
    await fetch(`${t.apiUrl}/v1/webhook-endpoints/${endpoint.id}`, { method: 'DELETE', headers: t.headers });
  }
}

/**
 * Bare: `n` invoices at `perSecond`, each a lane of its own woken twice by signal-with-start, one
 * event a signal, carrying a copy of a body Dunwell sent (same size), to the same receiver and
 * secret. The bare worker runs in the bench process, with nothing else to do.
 */
async function bareLanes(t: Target, receiver: BenchReceiver, secret: string, n: number, perSecond: number): Promise<{ delivered: Delivered; spent: Spent }> {
  const template = JSON.parse(receiver.sample!) as { data: { invoice: { id: string } } };
  const began = new Map<string, number>();
  const signalled = new Map<string, number>();
  const run = randomBytes(4).toString('hex');
  const spent = costs(t);
  await paced(perSecond, Infinity, async (i) => {
    const invoiceId = randomUUID();
    began.set(invoiceId, Date.now());
    for (const type of TYPES) {
      const id = `evt_${randomBytes(12).toString('hex')}`;
      const body = JSON.stringify({ ...template, id, type, timestamp: new Date().toISOString(), data: { ...template.data, invoice: { ...template.data.invoice, id: invoiceId } } });
      signalled.set(id, Date.now());
      await t.client.workflow.signalWithStart('bareLaneWorkflow', { workflowId: `bare-lane-${run}-${i}`, taskQueue: BARE_QUEUE, signal: bareEventSignal, signalArgs: [{ url: receiver.url, secret, id, body }] });
    }
  }, n);
  await allIn(receiver, began);
  const done = spent();
  return { delivered: await delivered(t, receiver, began, (a) => signalled.get(a.id)!, Array.from({ length: n }, (_, i) => `bare-lane-${run}-${i}`)), spent: done };
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
    const none = await issue(t, (op) => load(CONCURRENCY, k.seconds, op), () => settled(t));
    const dunwell = await withEndpoint(t, k, receiver);
    const bareBurst = await bareLanes(t, receiver, dunwell.secret, dunwell.burst.began.size, dunwell.burst.perSecond);
    const bareSteady = await bareLanes(t, receiver, dunwell.secret, dunwell.steady.began.size, k.outgoingRate);
    report(k, out, { none, ...dunwell, bareBurst, bareSteady, receiver });
  } finally {
    await receiver.stop();
  }
}
