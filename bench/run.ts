// `npm run bench`: Dunwell against bare Temporal on the same dev server, in the same run, so the
// ratios hold on a noisy machine. The API and the worker run as their own processes, as deployed.
// Prints a table of figures beside their goals.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import pg from 'pg';
import Stripe from 'stripe';
import { createOrm, migrate } from '../db/orm';
import { emailTaskQueue } from '../workflows/task-queues';
import { freePort, startEmbeddedPostgres, startTemporalDevServer, withDatabase, ensureDatabase } from '../scripts/services';
import { writeWorkflowBundle } from '../scripts/bundle-workflows';
import { workerNodeOptions } from '../worker/node-options';
import { startApiProcess, startBenchWorker } from './processes';
import { paidSignal, type secondsLadderWorkflow, type timerLadderWorkflow } from './workflows';
import { load, percentile, printTable, type Row } from './stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const OPEN_INVOICES = Number(process.env.BENCH_OPEN_INVOICES ?? 10_000);
const LADDERS = Number(process.env.BENCH_LADDERS ?? 200);
/** Enough round trips that the p99 is a percentile (the 5th slowest), not nearly the maximum. */
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 500);
const EMAIL_RATE = Number(process.env.BENCH_EMAIL_RATE ?? 100);
const SHIPPED_EMAIL_RATE = 2;
const ONLY = (process.env.BENCH_ONLY ?? 'create,webhook,lateness,open').split(',');
const API_KEY = 'dw_bench_0123456789abcdef';
const STRIPE_SECRET = 'whsec_bench_secret';
const TASK_QUEUE = 'bench-invoices';

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dunwell-bench-'));
  fs.chmodSync(scratch, 0o755);
  const sqlite = path.join(scratch, 'temporal.sqlite');
  const temporal = await startTemporalDevServer({ port: await freePort(), dbFile: sqlite });
  const pgServer = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port: await freePort(), database: 'postgres' });
  const server = process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, 'postgres') : pgServer!.url;
  await ensureDatabase(server, 'dunwell_bench');
  const databaseUrl = withDatabase(server, 'dunwell_bench');
  const orm = await createOrm(databaseUrl);
  await migrate(orm);
  await orm.close();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params)).rows[0].n);

  const apiPort = await freePort();
  const api = `http://127.0.0.1:${apiPort}`;
  const common = { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2', NODE_ENV: 'production', DUNWELL_API_KEY: API_KEY, METRICS_TOKEN: API_KEY, RATE_LIMIT_OWNER_PER_MINUTE: '1000000', RATE_LIMIT_WEBHOOKS_PER_MINUTE: '1000000', DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: TASK_QUEUE, PUBLIC_URL: api };
  console.log(`scratch: ${scratch} (process logs there)`);
  // Bundled ahead, as in production (the Dockerfile does the same).
  const bundle = await writeWorkflowBundle(path.join(scratch, 'workflow-bundle.js'));
  const workerMetricsPort = await freePort();
  // The shipped email rate (Resend's default, 2/s) while invoices are created, as in production:
  // their emails queue behind the burst. The rest runs at BENCH_EMAIL_RATE to settle quickly.
  const startWorker = (emailRate: number) => startBenchWorker({ ...common, NODE_OPTIONS: workerNodeOptions(process.env.NODE_OPTIONS), WORKFLOW_BUNDLE_PATH: bundle, EMAIL_RATE_PER_SECOND: String(emailRate), WORKER_METRICS_PORT: String(workerMetricsPort) }, path.join(scratch, 'worker.log'));
  let worker = await startWorker(ONLY.includes('create') ? SHIPPED_EMAIL_RATE : EMAIL_RATE);
  /** A series of the worker's /metrics (Node's own heap figures, the SDK's cache size). */
  const workerMetric = async (name: string) => {
    const text = await (await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`, { headers: { authorization: `Bearer ${API_KEY}` } })).text();
    const line = text.split('\n').find((l) => l.startsWith(name) && !l.startsWith('#'));
    return line ? Number(line.split(' ').pop()) : NaN;
  };
  const apiProcess = await startApiProcess({ ...common, PORT: String(apiPort), STRIPE_WEBHOOK_SECRET: STRIPE_SECRET }, path.join(scratch, 'api.log'));

  const connection = await NativeConnection.connect({ address: temporal.address });
  const client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
  const bare = await Worker.create({ connection, taskQueue: 'bench-bare', workflowsPath: require.resolve('./workflows') });
  const running = bare.run();

  const headers = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
  await fetch(`${api}/v1/issuer`, { method: 'PUT', headers, body: JSON.stringify({ name: 'Bench Ltd', taxId: 'BG1', address: 'Sofia', email: 'b@bench.test', phone: '+359' }) });
  const invoiceBody = (i: number) => JSON.stringify({ client: { name: 'Client', email: `c${i % 50}@bench.test`, address: 'London' }, currency: 'EUR', termsDays: 30, policy: 'standard', lines: [{ description: 'Work', quantity: 1, unitAmount: 100_000 }] });
  const createInvoice = async (i: number) => {
    const res = await fetch(`${api}/v1/invoices`, { method: 'POST', headers, body: invoiceBody(i) });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; total: number };
  };
  /** Every issued invoice's first email is out: the workflows are idle on their timers. */
  const settle = async () => {
    const deadline = Date.now() + 30 * 60_000;
    while (await count(`select count(*) n from invoice i where not exists (select 1 from email_message m where m.invoice_id = i.id)`) > 0) {
      if (Date.now() > deadline) throw new Error('invoice emails did not all go out in 30 minutes');
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  const rows: Row[] = [];
  const createRates = async (concurrency: number) => {
    const dunwell = await load(concurrency, SECONDS, async (i) => void (await createInvoice(i)));
    const bareRun = await load(concurrency, SECONDS, async () => {
      await client.workflow.start('noopWorkflow', { taskQueue: 'bench-bare', workflowId: `noop-${randomBytes(8).toString('hex')}` });
    });
    return { dunwell: dunwell.perSecond, bare: bareRun.perSecond, ratio: dunwell.perSecond / bareRun.perSecond };
  };
  if (ONLY.includes('create')) {
    for (const concurrency of [1, 8, 32]) {
      const r = await createRates(concurrency);
      const goal = concurrency === 32;
      rows.push({ measure: `invoices created per second, ${concurrency} concurrent`, dunwell: r.dunwell.toFixed(1), bare: r.bare.toFixed(1), ratio: r.ratio.toFixed(2), goal: goal ? '≥ 0.6 of bare' : '', met: goal ? r.ratio >= 0.6 : null });
    }
    await worker.stop();
    worker = await startWorker(EMAIL_RATE);
    await settle();
    // The same burst with every invoice email going out at once on the same two cores.
    const r = await createRates(32);
    rows.push({ measure: `… 32 concurrent, invoice emails sent alongside (${EMAIL_RATE}/s)`, dunwell: r.dunwell.toFixed(1), bare: r.bare.toFixed(1), ratio: r.ratio.toFixed(2), goal: '', met: null });
    await settle();
  }

  if (ONLY.includes('webhook')) {
    // Signed webhook → invoice paid and visible through the API, against a bare signal round trip.
    const webhookLatencies: number[] = [];
    const fresh = [];
    for (let i = 0; i < WEBHOOKS; i++) fresh.push(await createInvoice(i));
    await settle();
    for (const created of fresh) {
      const payload = JSON.stringify({ id: `evt_${randomBytes(8).toString('hex')}`, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), data: { object: { id: `pi_${randomBytes(8).toString('hex')}`, amount: created.total, amount_received: created.total, currency: 'eur', metadata: { invoice_id: created.id } } } });
      const started = performance.now();
      const hook = await fetch(`${api}/v1/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET }) }, body: payload });
      if (!hook.ok) throw new Error(`webhook failed: ${hook.status} ${await hook.text()}`);
      for (;;) {
        const state = (await (await fetch(`${api}/v1/invoices/${created.id}`, { headers })).json()) as { status: string };
        if (state.status === 'paid') break;
      }
      webhookLatencies.push(performance.now() - started);
    }
    const signalLatencies: number[] = [];
    for (let i = 0; i < WEBHOOKS; i++) {
      const handle = await client.workflow.start('waitForPaymentWorkflow', { taskQueue: 'bench-bare', workflowId: `wait-${randomBytes(8).toString('hex')}` });
      const started = performance.now();
      await handle.signal(paidSignal);
      await handle.result();
      signalLatencies.push(performance.now() - started);
    }
    const [p50, p99, bp50, bp99] = [percentile(webhookLatencies, 50), percentile(webhookLatencies, 99), percentile(signalLatencies, 50), percentile(signalLatencies, 99)];
    rows.push({ measure: `signed webhook → paid visible (${WEBHOOKS} one after another), p50 ms`, dunwell: p50.toFixed(1), bare: bp50.toFixed(1), ratio: (p50 / bp50).toFixed(2), goal: '', met: null });
    rows.push({ measure: 'signed webhook → paid visible, p99 ms', dunwell: p99.toFixed(1), bare: bp99.toFixed(1), ratio: (p99 / bp99).toFixed(2), goal: '≤ 100 ms and ≤ 1.5× bare', met: p99 <= 100 && p99 / bp99 <= 1.5 });
  }

  if (ONLY.includes('lateness')) {
    // Ladders of seconds on open invoices, their starts spread so steps do not all land at once
    // (as real reminders spread over invoices' due dates); lateness = email recorded − planned.
    const offsetsSeconds = [5, 10, 15, 20, 25];
    const targets = [];
    for (let i = 0; i < LADDERS; i++) targets.push(await createInvoice(i));
    await settle();
    const t0 = Date.now() + 2_000;
    const handles = await Promise.all(targets.map((t, i) =>
      client.workflow.start<typeof secondsLadderWorkflow>('secondsLadderWorkflow', { taskQueue: 'bench-bare', workflowId: `ladder-${randomBytes(8).toString('hex')}`, args: [{ invoiceId: t.id, emailTaskQueue: emailTaskQueue(TASK_QUEUE), offsetsSeconds, startAt: t0 + Math.round((i * 5000) / LADDERS) }] }),
    ));
    const planned = (await Promise.all(handles.map((h) => h.result()))).flat();
    const sentAt = new Map((await db.query(`select idempotency_key k, created_at t from email_message where idempotency_key = any($1)`, [planned.map((p) => p.key)])).rows.map((r) => [r.k as string, (r.t as Date).getTime()]));
    const lateness = planned.map((p) => sentAt.get(p.key)! - p.plannedAt);
    const [l50, l99] = [percentile(lateness, 50), percentile(lateness, 99)];
    const timerLateness = planned.map((p) => p.wokeAt - p.plannedAt);
    // Bare: the same ladders of timers with no email, on the same server, right after.
    const t1 = Date.now() + 2_000;
    const bareLateness = (await Promise.all(targets.map((_, i) =>
      client.workflow.execute<typeof timerLadderWorkflow>('timerLadderWorkflow', { taskQueue: 'bench-bare', workflowId: `timers-${randomBytes(8).toString('hex')}`, args: [{ offsetsSeconds, startAt: t1 + Math.round((i * 5000) / LADDERS) }] }),
    ))).flat();
    const [b50, b99] = [percentile(bareLateness, 50), percentile(bareLateness, 99)];
    rows.push({ measure: `reminder lateness, ${planned.length} emails from ${LADDERS} ladders of seconds, p50 ms`, dunwell: l50.toFixed(0), bare: b50.toFixed(0), ratio: (l50 / Math.max(1, b50)).toFixed(2), goal: '', met: null });
    rows.push({ measure: 'reminder lateness, p99 ms', dunwell: l99.toFixed(0), bare: b99.toFixed(0), ratio: (l99 / Math.max(1, b99)).toFixed(2), goal: '≤ 2000 ms', met: l99 <= 2000 });
    rows.push({ measure: '… of which the timer waking the workflow, p99 ms', dunwell: percentile(timerLateness, 99).toFixed(0), bare: '', ratio: '', goal: '', met: null });
  }

  if (ONLY.includes('open')) {
    // Fill up to OPEN_INVOICES open invoices, let every invoice email go out, then measure at rest.
    let peakRss = worker.rssMb();
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, worker.rssMb())), 1000);
    const have = await count(`select count(*) n from invoice where status = 'open'`);
    const started = performance.now();
    const filled = await load(32, Infinity, async (i) => void (await createInvoice(i)), OPEN_INVOICES - have);
    await settle();
    const fillSeconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 5_000));
    clearInterval(sampler);
    const open = await count(`select count(*) n from invoice where status = 'open'`);
    const restRss = worker.rssMb();
    const heapMb = (await workerMetric('dunwell_process_nodejs_heap_size_used_bytes')) / 2 ** 20;
    const cached = await workerMetric('temporal_sticky_cache_size');
    peakRss = Math.max(peakRss, restRss);
    const sqliteMb = ['', '-wal'].map((s) => (fs.existsSync(sqlite + s) ? fs.statSync(sqlite + s).size : 0)).reduce((a, b) => a + b, 0) / 2 ** 20;
    const pgMb = (await count(`select pg_database_size(current_database()) n`)) / 2 ** 20;
    rows.push({ measure: `${open} open invoices on their timers: worker RSS at rest, MB`, dunwell: restRss.toFixed(0), bare: '', ratio: '', goal: '≤ 400 MB', met: restRss <= 400 });
    rows.push({ measure: `… of which V8 heap in use, MB (${cached} workflows cached)`, dunwell: heapMb.toFixed(0), bare: '', ratio: '', goal: '', met: null });
    rows.push({ measure: 'worker RSS peak while filling, MB', dunwell: peakRss.toFixed(0), bare: '', ratio: '', goal: '≤ 400 MB', met: peakRss <= 400 });
    rows.push({ measure: 'Temporal server DB (SQLite), MB', dunwell: sqliteMb.toFixed(0), bare: '', ratio: '', goal: '', met: null });
    rows.push({ measure: 'PostgreSQL database, MB', dunwell: pgMb.toFixed(0), bare: '', ratio: '', goal: '', met: null });
    rows.push({ measure: `filling: ${filled.latencies.length} invoices issued and emailed, per second`, dunwell: (filled.latencies.length / fillSeconds).toFixed(1), bare: '', ratio: '', goal: '', met: null });
  }

  console.log(`\nDunwell benchmarks: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${SECONDS} s per load step, email rate ${SHIPPED_EMAIL_RATE}/s while creating, then ${EMAIL_RATE}/s\n`);
  printTable(rows);

  bare.shutdown();
  await running;
  await Promise.all([apiProcess.stop(), worker.stop()]);
  await db.end();
  await client.connection.close();
  await connection.close();
  await temporal.stop();
  await pgServer?.stop();
  if (!process.env.BENCH_KEEP) fs.rmSync(scratch, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
