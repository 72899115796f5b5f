// kill -9 the worker three times while the emails of 200 invoices go out, with Stripe retrying
// payment webhooks meanwhile: no invoice lost, no email delivered twice, no payment counted twice.
// The worker is the real process (worker/main.ts); each kill lands the moment Resend has accepted
// an email and before the worker hears back, the narrowest window there is. A last kill once all
// is quiet makes a fresh worker replay every history.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Orm } from '../../db/orm';
import { invoiceStateQuery } from '../../workflows/messages';
import { startTestApi, TEST_STRIPE_SECRET, type TestApi } from '../support/api';
import { createTestDatabase } from '../support/database';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';
import { freePortPair, startWorkerProcess, type WorkerProcess } from '../../scripts/worker-process';

const INVOICES = 200;
/** Deliveries at which the worker is killed; each is reached only while a worker is sending. */
const KILL_AT = [30, 90, 150];
const PAID_PER_KILL = [17, 17, 16];
const LOG_FILE = path.resolve(__dirname, '../../test-artifacts/worker-kill-workers.log');

interface Issued { id: string; number: string; total: number; workflowId: string }

let orm: Orm;
let resend: FakeResend;
let api: TestApi;
let client: Client;
let proxy: http.Server;
let proxyUrl: string;
let worker: WorkerProcess | undefined;
const taskQueue = `test-kill-${randomUUID()}`;
/** Armed by the test: the worker dies once the fake Resend has delivered this many emails. */
let trip: { at: number; fire: () => Promise<void> } | null = null;

/**
 * Between the worker and the fake Resend. It forwards each request; when a trip is armed and
 * reached, it kills the worker before the worker reads the answer: the email is out, the activity
 * never completes, and its retry must not make a second email.
 */
async function startKillingProxy(): Promise<void> {
  proxy = http.createServer((req, res) => {
    res.on('error', () => {});
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'idempotency-key', 'user-agent']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      try {
        const answer = await fetch(`${resend.url}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
        const body = await answer.text();
        const armed = trip;
        if (armed && resend.deliveries.length >= armed.at) {
          trip = null;
          await armed.fire();
          res.destroy();
          return;
        }
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(body);
      } catch {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

async function startWorker(): Promise<WorkerProcess> {
  const metricsPort = await freePortPair();
  return startWorkerProcess({
    logFile: LOG_FILE,
    readyTimeoutMs: 180_000,
    env: {
      DATABASE_URL: orm.config.getClientUrl(),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKFLOW_ID_PREFIX: api.workflowIdPrefix,
      RESEND_API_KEY: resend.apiKey,
      RESEND_BASE_URL: proxyUrl,
      EMAIL_RATE_PER_SECOND: '50',
      WORKER_METRICS_PORT: String(metricsPort),
      PUBLIC_URL: api.url,
      EMAIL_FROM: 'Studio Ivanova <billing@ivanova.studio>',
      HOST: '127.0.0.1',
      // Built ahead, as the image runs it: each restart is quicker, and every life of the worker
      // runs the same workflow code as the run's other files.
      WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
    },
  });
}

/** Runs `fn` over `items`, `lanes` at a time, in order of starting. */
async function inLanes<T, R>(items: T[], lanes: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  }));
  return results;
}

const tally = (values: string[]) => Object.fromEntries([...new Set(values)].map((v) => [v, values.filter((x) => x === v).length]));

const webhookStats = { posts: 0, unavailable: 0 };

/**
 * One Stripe event delivered as Stripe delivers it: signed afresh on each attempt and retried
 * until a 2xx. A 503 is expected while no worker runs (the API bounds its wait on the workflow).
 */
async function deliverStripeEvent(eventId: string, intentId: string, invoice: Issued): Promise<{ status: number; body: any }> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    const payload = JSON.stringify({
      id: eventId, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000),
      data: { object: { id: intentId, object: 'payment_intent', amount: invoice.total, amount_received: invoice.total, currency: 'eur', metadata: { invoice_id: invoice.id }, payment_method_types: ['card'] } },
    });
    webhookStats.posts += 1;
    const res = await api.call('POST', '/v1/webhooks/stripe', payload, { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_STRIPE_SECRET }), authorization: '' })
      .catch((err: unknown) => ({ status: 0, body: String(err), headers: new Headers() }));
    if (res.status >= 200 && res.status < 300) return res;
    // Anything but "not now" is a real refusal, which no retry would change.
    if (res.status !== 503 && res.status !== 0) throw new Error(`webhook ${eventId} for ${invoice.number} answered ${res.status}: ${JSON.stringify(res.body)}`);
    webhookStats.unavailable += 1;
    if (Date.now() > deadline) throw new Error(`webhook ${eventId} for ${invoice.number} never accepted: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/**
 * The same payment announced three times: the event redelivered while the first delivery is still
 * waiting on the workflow, then either a third delivery of it or a second event id for the intent.
 */
async function pay(invoice: Issued, secondEvent: boolean): Promise<{ status: number; body: any }[]> {
  const intent = `pi_${randomBytes(8).toString('hex')}`;
  const first = `evt_${randomBytes(8).toString('hex')}`;
  const racing = await Promise.all([deliverStripeEvent(first, intent, invoice), deliverStripeEvent(first, intent, invoice)]);
  return [...racing, await deliverStripeEvent(secondEvent ? `evt_${randomBytes(8).toString('hex')}` : first, intent, invoice)];
}

beforeAll(async () => {
  fs.mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  fs.writeFileSync(LOG_FILE, '');
  const address = inject('temporalAddress');
  [orm, resend] = await Promise.all([createTestDatabase(), startFakeResend()]);
  client = new Client({ connection: await Connection.connect({ address }) });
  api = await startTestApi({ orm, temporal: client, taskQueue });
  await startKillingProxy();
  expect((await api.call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
  worker = await startWorker();
}, 240_000);

afterAll(async () => {
  trip = null;
  await worker?.kill('SIGKILL');
  await api?.stop();
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
  proxy?.closeAllConnections();
  await client?.connection.close();
  await Promise.all([orm?.close(), resend?.stop()]);
});

describe('the worker killed with SIGKILL mid-burst', () => {
  it(`${INVOICES} invoices, ${KILL_AT.length} kills, ${PAID_PER_KILL.reduce((a, b) => a + b)} payments retried by Stripe: nothing lost, nothing twice`, async () => {
    const startedAt = Date.now();
    const invoices: Issued[] = [];
    const issuing = inLanes(Array.from({ length: INVOICES }, (_, i) => i), 4, async (i) => {
      const base = invoiceInput();
      const res = await api.call('POST', '/v1/invoices', { ...base, policy: 'standard', client: { ...base.client, email: `kill-${i}@client.test` } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      invoices.push(res.body as Issued);
    });
    issuing.catch(() => {}); // awaited below; a failure must not surface first as an unhandled rejection
    // By the number in the subject, not by idempotency key: a resend under another key must show.
    const numberOf = (subject: string) => /^Invoice (INV-\d{4}-\d+) /.exec(subject)?.[1];
    const delivered = () => new Set(resend.deliveries.map((d) => numberOf(d.subject)));

    const kills: { deliveries: number; signal: string; workerPid: number }[] = [];
    const paid = new Map<string, Issued>();
    const paying: Promise<{ status: number; body: any }[]>[] = [];
    for (const [round, at] of KILL_AT.entries()) {
      const victim = worker!;
      trip = { at, fire: async () => { kills.push({ deliveries: resend.deliveries.length, signal: await victim.kill('SIGKILL'), workerPid: victim.pid }); } };
      await waitFor(() => kills.length > round, 180_000, `kill ${round + 1} at ${at} deliveries`);
      worker = undefined;
      // Clients pay what they have received; Stripe keeps knocking while no worker runs.
      // (an invoice's email may be out a moment before the API has answered its POST)
      const batch = await waitFor(() => {
        const sent = delivered();
        const ready = invoices.filter((i) => sent.has(i.number) && !paid.has(i.id));
        return ready.length >= PAID_PER_KILL[round] && ready.slice(0, PAID_PER_KILL[round]);
      }, 60_000, `${PAID_PER_KILL[round]} delivered invoices to pay`);
      for (const [k, invoice] of batch.entries()) {
        paid.set(invoice.id, invoice);
        const payment = pay(invoice, k % 2 === 0);
        payment.catch(() => {});
        paying.push(payment);
      }
      // Once, stay down past the API's bound on a webhook's wait, so Stripe is told 503 and retries.
      if (round === 1) await waitFor(() => webhookStats.unavailable > 0, 90_000, 'a webhook answered 503 while no worker runs');
      worker = await startWorker();
    }
    await issuing;
    const webhookAnswers = (await Promise.all(paying)).flat();
    expect(invoices).toHaveLength(INVOICES);

    // Settled: every invoice email out, and no workflow with an activity still to run (an email
    // cut off by a kill is retried after its start-to-close timeout; that retry must not resend).
    await waitFor(() => invoices.every((i) => delivered().has(i.number)), 240_000, 'every invoice email delivered');
    await waitFor(async () => {
      const described = await inLanes(invoices, 10, (i) => client.workflow.getHandle(i.workflowId).describe());
      return described.every((d) => d.status.name === 'RUNNING' && (d.raw.pendingActivities?.length ?? 0) === 0);
    }, 180_000, 'every workflow running with nothing pending');

    // No email lost, none twice: exactly one delivery per invoice, and nothing else sent.
    const mailsOf = (i: Issued) => resend.deliveries.filter((d) => numberOf(d.subject) === i.number);
    expect(invoices.filter((i) => mailsOf(i).length !== 1).map((i) => `${i.number} delivered ${mailsOf(i).length} times`)).toEqual([]);
    expect(invoices.filter((i) => mailsOf(i)[0].idempotencyKey !== `${i.workflowId}:invoice`).map((i) => i.number)).toEqual([]);
    expect(resend.deliveries).toHaveLength(INVOICES);
    expect(kills.map((k) => k.signal)).toEqual(KILL_AT.map(() => 'SIGKILL'));

    // Every announcement of a payment was taken, and each payment counted once.
    expect(webhookAnswers.every((a) => a.body.received === true)).toBe(true);
    expect(webhookStats.unavailable).toBeGreaterThan(0);
    const ledger = await orm.em.fork().getConnection().execute<{ invoice_id: string; rows: number; amount: number }[]>(
      'select invoice_id, count(*)::int as rows, sum(amount)::int as amount from payment group by invoice_id',
    );
    expect(ledger.map((l) => l.invoice_id).sort()).toEqual([...paid.keys()].sort());
    for (const invoice of paid.values()) {
      expect(ledger.find((l) => l.invoice_id === invoice.id), invoice.number).toMatchObject({ rows: 1, amount: invoice.total });
    }
    const credits = await orm.em.fork().getConnection().execute<{ n: number }[]>('select count(*)::int as n from client_credit');
    expect(credits[0].n).toBe(0); // a payment counted twice by the workflow would overpay into credit
    // Once more while all is quiet: the fresh worker then replays every history to answer the
    // queries below, so a history that a new worker cannot follow (nondeterminism) shows here.
    await worker!.kill('SIGKILL');
    worker = await startWorker();
    const views = await inLanes(invoices, 10, async (i) => ({
      invoice: i,
      view: (await api.call('GET', `/v1/invoices/${i.id}`)).body,
      // The workflow's own count of the money (the API shows a settled invoice from its record).
      live: await client.workflow.getHandle(i.workflowId).query(invoiceStateQuery),
    }));
    for (const { invoice, view, live } of views) {
      const expected = paid.has(invoice.id)
        ? { status: 'paid', amountPaid: invoice.total, amountDue: 0 }
        : { status: 'open', amountPaid: 0, amountDue: invoice.total };
      expect(view, invoice.number).toMatchObject(expected);
      expect(live, invoice.number).toMatchObject(expected);
    }
    expect(resend.deliveries).toHaveLength(INVOICES); // the replays sent nothing
    const rows = await orm.em.fork().getConnection().execute<{ id: string; status: string; amount_paid: number }[]>('select id, status, amount_paid::int from invoice');
    expect(rows).toHaveLength(INVOICES);
    for (const row of rows) {
      const invoice = invoices.find((i) => i.id === row.id)!;
      expect(row, invoice.number).toMatchObject(paid.has(row.id) ? { status: 'paid', amount_paid: invoice.total } : { status: 'open', amount_paid: 0 });
    }

    console.info(`[worker-kill] ${JSON.stringify({
      invoices: invoices.length, kills: kills.map((k) => k.deliveries), deliveries: resend.deliveries.length,
      resendRequests: resend.requests, deduplicatedByIdempotencyKey: resend.requests - resend.deliveries.length,
      paidInvoices: paid.size, ledgerRows: ledger.reduce((n, l) => n + l.rows, 0),
      webhookAnswers: tally(webhookAnswers.map((a) => a.body.outcome ?? (a.body.duplicate ? 'duplicate event' : '?'))), webhookPosts: webhookStats.posts, webhook503s: webhookStats.unavailable, seconds: Math.round((Date.now() - startedAt) / 1000),
    })}`);
  }, 600_000);
});
