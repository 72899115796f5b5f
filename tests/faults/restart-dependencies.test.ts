// Temporal's dev server and PostgreSQL each stopped and restarted mid-run (same SQLite file, same
// data directory, same ports) under the same API, workers and reconciler: everything resumes on
// its own, nothing is sent or counted twice, and while a dependency is down the API says so with
// a 503 and a clear body, never a 500 with a stack.
// This file runs its own Temporal and PostgreSQL: stopping the run's shared ones would break the
// files running beside it.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createResendMailer } from '../../activities/mailer';
import { apiGrpcInterceptors } from '../../config/temporal';
import { Invoice, Payment, WebhookEvent } from '../../db/entities';
import { createOrm, migrate, type Orm } from '../../db/orm';
import { setLogSink } from '../../observability/logger';
import { InvoiceNumber } from '../../workflows/search-attributes';
import { freePort, startEmbeddedPostgres, startTemporalDevServer, type EmbeddedPostgresServer, type TemporalDevServer } from '../../scripts/services';
import { createWorkers } from '../../worker/create-workers';
import { startReconciler } from '../../worker/reconciler';
import { startTestApi, TEST_OWNER_LINKS, TEST_STRIPE_SECRET, type TestApi } from '../support/api';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { ISSUER, invoiceInput } from '../support/fixtures';
import { waitFor } from '../support/wait';

type Reply = Awaited<ReturnType<TestApi['call']>>;
interface Issued { id: string; number: string; total: number; workflowId: string }

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dunwell-restart-'));
// Readable by the 'postgres' user that embedded PostgreSQL runs as when we are root.
fs.chmodSync(scratch, 0o755);
const temporalDb = path.join(scratch, 'temporal', 'dev.sqlite');
const temporalLog = path.join(scratch, 'temporal.log');
const pgDir = path.join(scratch, 'postgres');
let temporalPort: number;
let pgPort: number;

let temporal: TemporalDevServer | null = null;
let pg: EmbeddedPostgresServer | null = null;
let orm: Orm;
let resend: FakeResend;
let nativeConnection: NativeConnection;
let client: Client;
let apiClient: Client;
let api: TestApi;
let workers: Worker[] = [];
let workersRunning: Promise<unknown> = Promise.resolve();
let workerFailure: unknown = null;
let stopReconciler: () => void = () => {};
const logs: Array<Record<string, any>> = [];
let restoreLogs: () => void = () => {};

const startTemporal = () => startTemporalDevServer({ port: temporalPort, dbFile: temporalDb, logFile: temporalLog });
const startPostgres = () => startEmbeddedPostgres({ dataDir: pgDir, port: pgPort, database: 'dunwell' });
const call = (...args: Parameters<TestApi['call']>) => api.call(...args);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rid = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;
/** What the API logged for each answer it could only give as a 500: the error that was not foreseen. */
const unhandled = () => logs.filter((l) => l.msg === 'unhandled request error');
/** The invoice's own emails; a voided invoice's credit note (its own document, emailed once) is counted apart. */
const mailsFor = (number: string) => resend.deliveries.filter((d) => d.subject.includes(number) && !d.idempotencyKey?.includes(':credit_note:'));

// A stack trace, or the internals a 500 would leak.
const STACK = /\n\s+at |\bat .+\.(ts|js|mjs|cjs):\d+|node_modules|"stack"/;

function expectClear503(res: Reply, what: string) {
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  expect(res.status, `${what}: ${text}`).toBe(503);
  expect(res.headers.get('content-type'), what).toMatch(/^application\/json/);
  expect(res.body?.error, `${what}: ${text}`).toMatchObject({ type: 'service_unavailable', message: expect.stringMatching(/retry/i) });
  expect(text, what).not.toMatch(STACK);
}

async function issue(email: string, headers: Record<string, string> = {}): Promise<Reply> {
  return call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard', client: { ...invoiceInput().client, email } }, headers);
}

function stripeEvent(eventId: string, invoice: Issued, pi: string, amount = invoice.total) {
  return JSON.stringify({
    id: eventId, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000),
    data: { object: { id: pi, object: 'payment_intent', amount, amount_received: amount, currency: 'eur', metadata: { invoice_id: invoice.id }, payment_method_types: ['card'] } },
  });
}

// Stripe signs every delivery afresh (new timestamp, same body) and retries anything but a 2xx.
const deliverStripe = (payload: string) =>
  call('POST', '/v1/webhooks/stripe', payload, { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_STRIPE_SECRET }), authorization: '' });

async function deliverUntilAccepted(payload: string, deadlineMs: number): Promise<{ attempts: Reply[]; accepted: Reply }> {
  const attempts: Reply[] = [];
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const res = await deliverStripe(payload);
    attempts.push(res);
    if (res.status >= 200 && res.status < 300) return { attempts, accepted: res };
    if (Date.now() > deadline) throw new Error(`webhook never accepted; last answer ${res.status} ${JSON.stringify(res.body)}`);
    await sleep(1000);
  }
}

async function health(): Promise<{ status: number; body: any }> {
  const res = await fetch(`${api.url}/healthz`);
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  restoreLogs = setLogSink((line) => {
    const entry = JSON.parse(line);
    logs.push(entry);
    if (entry.level === 'error') process.stdout.write(`${line}\n`);
  });
  [temporalPort, pgPort] = await Promise.all([freePort(), freePort()]);
  [temporal, pg] = await Promise.all([startTemporal(), startPostgres()]);
  orm = await createOrm(pg.url, { poolMax: 20 });
  await migrate(orm);
  resend = await startFakeResend();
  nativeConnection = await NativeConnection.connect({ address: temporal.address });
  client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
  // The API's own connection, with the API's shorter retries (as api/main.ts makes it).
  apiClient = new Client({ connection: await Connection.connect({ address: temporal.address, interceptors: apiGrpcInterceptors() }) });
  const taskQueue = `restart-${randomUUID()}`;
  api = await startTestApi({ orm, temporal: apiClient, taskQueue });
  // The real workers, held here rather than through tests/support/workers.ts: the test asks
  // them whether they are still running after each outage.
  workers = await createWorkers({
    connection: nativeConnection, namespace: 'default', taskQueue, orm,
    mailer: createResendMailer(resend.apiKey, resend.url), emailFrom: 'Studio Ivanova <billing@ivanova.studio>', emailRatePerSecond: 1000,
    publicUrl: api.url, ownerLinks: TEST_OWNER_LINKS, temporal: client, workflowIdPrefix: api.workflowIdPrefix, workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  workersRunning = Promise.all(workers.map((w) => w.run())).catch((err) => {
    workerFailure = err;
  });
  // As worker/main.ts does, on a short interval so the test does not wait a minute per pass.
  stopReconciler = startReconciler({ orm, client, taskQueue }, 1000);
  expect((await call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
}, 180_000);

afterAll(async () => {
  stopReconciler();
  await api?.stop();
  for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  await Promise.race([workersRunning, sleep(40_000)]);
  await client?.connection.close().catch(() => {});
  await apiClient?.connection.close().catch(() => {});
  await nativeConnection?.close().catch(() => {});
  await orm?.close(true).catch(() => {});
  await resend?.stop();
  await Promise.all([temporal?.stop(), pg?.stop()]);
  restoreLogs();
  fs.rmSync(scratch, { recursive: true, force: true });
}, 120_000);

const before: Issued[] = [];
const during: Issued[] = [];
const partPaid = { amount: 25_000, key: `bank-${randomUUID()}` };

describe('dependencies stopped and restarted mid-run', () => {
  it('Temporal: 503 while down, issuing goes on, and after the restart every invoice has its workflow and one email', async () => {
    const creating = Promise.all(Array.from({ length: 30 }, (_, i) => issue(`before-${i}@client.test`)));
    await waitFor(() => resend.deliveries.length >= 3 || undefined, 60_000, 'the first invoice emails');
    await temporal!.stop();
    temporal = null;
    const stoppedAt = Date.now();
    const deliveredBeforeStop = resend.deliveries.length;

    for (const res of await creating) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      before.push(res.body);
    }

    const healthDown = await health();
    expect(healthDown).toEqual({ status: 503, body: { status: 'unavailable', database: 'ok', temporal: 'unavailable' } });

    // Commands that need the workflow cannot be done now, and say so. The invoice stays as it was.
    const timed = async (send: Promise<Reply>) => {
      const started = Date.now();
      const res = await send;
      return Object.assign(res, { ms: Date.now() - started });
    };
    const [voided, paid, webhook, ...issued] = await Promise.all([
      call('POST', `/v1/invoices/${before[0].id}/void`, { reason: 'Issued by mistake' }),
      call('POST', `/v1/invoices/${before[1].id}/payments`, { amount: partPaid.amount, method: 'bank_transfer', reference: 'SEPA 1' }, { 'idempotency-key': partPaid.key }),
      deliverStripe(stripeEvent(rid('evt'), before[2], rid('pi'))),
      // Issuing does not need Temporal: the row is committed, the reconciler starts the workflow.
      ...Array.from({ length: 3 }, (_, i) => issue(`during-${i}@client.test`)),
    ].map(timed));
    expectClear503(voided, 'void while Temporal is down');
    expectClear503(paid, 'a payment while Temporal is down');
    expectClear503(webhook, 'a Stripe webhook while Temporal is down');
    // Soon: the caller is waiting, and will retry anyway.
    for (const res of [voided, paid, webhook]) expect(res.ms).toBeLessThan(10_000);
    for (const res of issued) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ status: 'open', number: expect.stringMatching(/^INV-/), workflow: { reachable: false } });
      during.push(res.body);
    }
    const em = orm.em.fork();
    expect((await em.findOneOrFail(Invoice, { id: before[0].id })).status).toBe('open');
    expect(await em.count(Payment, {})).toBe(0);
    expect(await em.count(Invoice, { id: { $in: during.map((i) => i.id) }, workflowStartedAt: null })).toBe(during.length);
    const cutOff = await em.count(Invoice, { id: { $in: before.map((i) => i.id) }, workflowStartedAt: null });
    const downForMs = Date.now() - stoppedAt;

    temporal = await startTemporal();
    const restartedAt = Date.now();
    await waitFor(async () => (await health()).status === 200 || undefined, 60_000, 'healthz 200 after the restart');
    const healthyAfterMs = Date.now() - restartedAt;

    const all = [...before, ...during];
    await waitFor(async () => {
      const unstarted = await orm.em.fork().count(Invoice, { workflowStartedAt: null });
      return (unstarted === 0 && all.every((i) => mailsFor(i.number).length > 0)) || undefined;
    }, 150_000, 'every workflow started and every invoice emailed');
    const resumedAfterMs = Date.now() - restartedAt;

    // The history from before the stop survived in the SQLite file; the outage's were started after.
    for (const invoice of all) {
      const description = await client.workflow.getHandle(invoice.workflowId).describe();
      expect(description.status.name, invoice.number).toBe('RUNNING');
      // The restarted server still knows the search attributes the operator finds invoices by.
      expect(description.typedSearchAttributes.get(InvoiceNumber), invoice.workflowId).toBe(invoice.number);
    }
    for (const invoice of all) expect(mailsFor(invoice.number), invoice.number).toHaveLength(1);
    const keys = resend.deliveries.map((d) => d.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);

    // The API answers normally again: the retried commands go through, once.
    const voidedNow = await call('POST', `/v1/invoices/${before[0].id}/void`, { reason: 'Issued by mistake' });
    expect(voidedNow.status, JSON.stringify(voidedNow.body)).toBe(200);
    expect(voidedNow.body.status).toBe('void');
    const paidNow = await call('POST', `/v1/invoices/${before[1].id}/payments`, { amount: partPaid.amount, method: 'bank_transfer', reference: 'SEPA 1' }, { 'idempotency-key': partPaid.key });
    expect(paidNow.status, JSON.stringify(paidNow.body)).toBe(201);
    expect(paidNow.body).toMatchObject({ amountPaid: partPaid.amount, workflow: { reachable: true } });
    const live = await call('GET', `/v1/invoices/${during[0].id}`);
    expect(live.body).toMatchObject({ status: 'open', workflow: { reachable: true } });
    expect(workers.map((w) => w.getState())).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    expect(workerFailure).toBeNull();

    console.log(`[temporal restart] ${deliveredBeforeStop}/30 emailed before the stop, ${cutOff} starts cut off by it; down ${(downForMs / 1000).toFixed(1)} s; ` +
      `healthz 200 ${(healthyAfterMs / 1000).toFixed(1)} s after the restart; all ${all.length} started and emailed ${(resumedAfterMs / 1000).toFixed(1)} s after; ` +
      `Resend requests ${resend.requests}, deliveries ${resend.deliveries.length}; while down: void 503 in ${voided.ms} ms, payment 503 in ${paid.ms} ms, ` +
      `webhook 503 in ${webhook.ms} ms, issue 201 in ${issued.map((r) => r.ms).join('/')} ms`);
  }, 300_000);

  it('PostgreSQL: 503 while down (API and webhooks), and after the restart the retried webhooks count once and emails go once', async () => {
    const payable = before.slice(3, 7);
    const delivered = resend.deliveries.length;
    const creating = Promise.all(Array.from({ length: 10 }, (_, i) => issue(`pg-${i}@client.test`)));
    await waitFor(() => resend.deliveries.length >= delivered + 2 || undefined, 60_000, 'the burst\'s first emails');

    // Steady traffic across the stop and the restart, from clients that behave as documented: a
    // 503 is retried with the same Idempotency-Key. Requests are in flight as the connections are
    // cut, then meet a database that is shutting down, gone, and starting up.
    const traffic: Array<{ what: string; res: Reply }> = [];
    let trafficOn = true;
    const loop = async (what: string, send: (n: number) => Promise<void | Reply>) => {
      for (let n = 0; trafficOn; n++) {
        const res = await send(n);
        if (res) traffic.push({ what, res });
        await sleep(100);
      }
    };
    const steadyKeys: string[] = [];
    const loops = [
      loop('GET /v1/invoices', () => call('GET', '/v1/invoices?limit=5')),
      loop('GET /v1/invoices/:id', () => call('GET', `/v1/invoices/${before[10].id}`)),
      loop('POST /v1/invoices', async (n) => {
        const key = `steady-${n}-${randomUUID()}`;
        steadyKeys.push(key);
        const deadline = Date.now() + 120_000;
        for (;;) {
          const res = await issue(`${key}@client.test`, { 'idempotency-key': key });
          traffic.push({ what: `POST /v1/invoices (Idempotency-Key ${key})`, res });
          // 409 in flight: the first try's answer is not stored yet (the database was away); later.
          const retry = res.status === 503 || (res.status === 409 && res.body?.error?.type === 'idempotency_key_in_flight');
          if (!retry || Date.now() > deadline) return;
          await sleep(250);
        }
      }),
    ];
    for (const l of loops) l.catch(() => {});

    // Small payments by Stripe webhook, one every 250 ms from just before the stop until the
    // database is gone; the provider redelivers each until it is accepted.
    const payments: Array<{ invoice: Issued; pi: string; eventId: string; amount: number; payload: string; result: ReturnType<typeof deliverUntilAccepted> }> = [];
    let paymentsOn = true;
    const paying = (async () => {
      for (let k = 0; paymentsOn; k++) {
        const invoice = payable[k % payable.length];
        const [pi, eventId, amount] = [rid('pi'), rid('evt'), 1000 + k];
        const payload = stripeEvent(eventId, invoice, pi, amount);
        const result = deliverUntilAccepted(payload, 150_000);
        // Awaited below; this only keeps a failure further up from leaving it unhandled.
        result.catch(() => {});
        payments.push({ invoice, pi, eventId, amount, payload, result });
        await sleep(250);
      }
    })();
    await sleep(600);
    await pg!.stop();
    pg = null;
    const stoppedAt = Date.now();
    await sleep(1500);
    paymentsOn = false;
    await paying;
    const bursts = await creating;
    for (const res of bursts) {
      if (res.status !== 201) expectClear503(res, 'an issue cut off by the database stopping');
    }

    const healthDown = await health();
    expect(healthDown.status).toBe(503);
    expect(healthDown.body).toMatchObject({ status: 'unavailable', database: 'unavailable' });
    expectClear503(await call('GET', '/v1/invoices'), 'GET /v1/invoices while PostgreSQL is down');
    expectClear503(await call('GET', `/v1/invoices/${before[3].id}`), 'GET /v1/invoices/:id while PostgreSQL is down');
    expectClear503(await issue('pg-down@client.test'), 'POST /v1/invoices while PostgreSQL is down');
    expectClear503(await deliverStripe(stripeEvent(rid('evt'), before[8], rid('pi'))), 'a Stripe webhook while PostgreSQL is down');
    // Long enough for the providers, the clients and the workers' activities to meet the outage.
    await sleep(Math.max(0, 8000 - (Date.now() - stoppedAt)));
    const downForMs = Date.now() - stoppedAt;

    pg = await startPostgres();
    const restartedAt = Date.now();
    await waitFor(async () => (await health()).status === 200 || undefined, 60_000, 'healthz 200 after the restart');
    const healthyAfterMs = Date.now() - restartedAt;

    const results = await Promise.all(payments.map((p) => p.result));
    const paidAfterMs = Date.now() - restartedAt;
    await sleep(1000);
    trafficOn = false;
    await Promise.all(loops);

    // Every answer was a success or a clear 503 (or, for a retried key whose first answer could not
    // be stored yet, a clear 409 saying so): no 500, no stack.
    for (const { what, res } of traffic) {
      if (res.status === 503) expectClear503(res, `${what} during the outage`);
      else if (res.status === 409) expect(res.body, what).toEqual({ error: { type: 'idempotency_key_in_flight', message: expect.stringMatching(/still being processed/) } });
      else expect(res.status, `${what}: ${JSON.stringify(res.body)}; logged: ${JSON.stringify(unhandled())}`).toBeLessThan(300);
    }
    expect(traffic.filter((t) => t.res.status === 503).length, 'no steady request met the outage').toBeGreaterThan(0);
    for (const { attempts, accepted } of results) {
      for (const res of attempts.slice(0, -1)) expectClear503(res, 'a webhook delivery refused during the outage');
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ received: true, outcome: expect.stringMatching(/^(applied|duplicate)$/) });
    }
    expect(results.filter((r) => r.attempts.length > 1).length, 'no webhook met the outage').toBeGreaterThan(0);

    // Each payment in the ledger once, each balance the plain sum of what was sent.
    const em = orm.em.fork();
    for (const { invoice, pi, eventId } of payments) {
      expect(await em.count(Payment, { paymentKey: `stripe:${pi}` }), `${invoice.number} ${pi}`).toBe(1);
      expect(await em.count(WebhookEvent, { provider: 'stripe', eventId }), `${invoice.number} ${eventId}`).toBe(1);
    }
    for (const invoice of payable) {
      const sent = payments.filter((p) => p.invoice.id === invoice.id);
      const sum = sent.reduce((total, p) => total + p.amount, 0);
      expect(await em.count(Payment, { invoiceId: invoice.id }), invoice.number).toBe(sent.length);
      expect((await em.findOneOrFail(Invoice, { id: invoice.id })).amountPaid, invoice.number).toBe(sum);
      expect((await call('GET', `/v1/invoices/${invoice.id}`)).body, invoice.number).toMatchObject({ status: 'open', amountPaid: sum, amountDue: invoice.total - sum, workflow: { reachable: true } });
    }
    // The provider sends one again long after: recorded, changes nothing.
    expect((await deliverStripe(payments[0].payload)).body).toEqual({ received: true, duplicate: true });

    // A client that retried with its key got its invoice, once, however the outage cut its tries.
    for (const key of steadyKeys) {
      const tries = traffic.filter((t) => t.what.includes(key)).map((t) => t.res);
      expect(tries.at(-1)?.status, `${key}: ${tries.map((r) => r.status).join(' ')}`).toBe(201);
      expect(await em.count(Invoice, { clientEmail: `${key}@client.test` }), key).toBe(1);
    }

    // Every invoice the database kept (a cut-off issue may have committed before its 503) has its
    // workflow and exactly one email; numbers stay gapless (a rolled-back issue frees its number).
    const issued = await waitFor(async () => {
      const rows = await orm.em.fork().find(Invoice, { number: { $ne: null } }, { orderBy: { sequence: 'asc' } });
      const ready = rows.every((r) => r.workflowStartedAt && mailsFor(r.number!).length > 0);
      return ready && rows;
    }, 150_000, 'every stored invoice started and emailed');
    const resumedAfterMs = Date.now() - restartedAt;
    for (const row of issued) expect(mailsFor(row.number!), row.number!).toHaveLength(1);
    expect(issued.map((r) => r.sequence)).toEqual(issued.map((_, i) => i + 1));
    for (const res of [...bursts, ...traffic.map((t) => t.res)].filter((r) => r.status === 201)) {
      expect(issued.some((r) => r.id === res.body.id), res.body.number).toBe(true);
    }
    const keys = resend.deliveries.map((d) => d.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);

    // Issuing works again, on the same API and workers.
    const fresh = await issue('after-pg@client.test');
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
    await waitFor(() => mailsFor(fresh.body.number).length === 1 || undefined, 60_000, 'the new invoice\'s email');
    expect((await orm.em.fork().findOneOrFail(Invoice, { id: fresh.body.id })).workflowStartedAt).not.toBeNull();
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', database: 'ok', temporal: 'ok' } });
    expect(workers.map((w) => w.getState())).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    expect(workerFailure).toBeNull();

    // Nothing the API answered in either outage was a 500.
    const answered = logs.filter((l) => l.msg === 'request');
    expect(answered.filter((l) => l.status >= 500 && l.status !== 503)).toEqual([]);
    expect(unhandled()).toEqual([]);

    const count = (rs: Reply[], status: number) => rs.filter((r) => r.status === status).length;
    console.log(`[postgres restart] burst ${count(bursts, 201)}/10 issued (${count(bursts, 503)} cut off with 503); down ${(downForMs / 1000).toFixed(1)} s; ` +
      `healthz 200 ${(healthyAfterMs / 1000).toFixed(1)} s after the restart; ${payments.length} webhooks accepted after ${results.map((r) => r.attempts.length).join('/')} ` +
      `deliveries, all by ${(paidAfterMs / 1000).toFixed(1)} s; steady traffic ${traffic.length} requests (${count(traffic.map((t) => t.res), 503)} answered 503, ` +
      `${count(traffic.map((t) => t.res), 409)} answered 409 in flight, ${steadyKeys.length} keyed issues); ${issued.length} invoices emailed once each by ${(resumedAfterMs / 1000).toFixed(1)} s; ` +
      `Resend requests ${resend.requests}, deliveries ${resend.deliveries.length}; API answers: ` +
      `${Object.entries(answered.reduce<Record<string, number>>((acc, l) => ({ ...acc, [l.status]: (acc[l.status] ?? 0) + 1 }), {})).map(([st, n]) => `${st}×${n}`).join(' ')}`);
  }, 300_000);
});
