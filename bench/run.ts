// `npm run bench`: Dunwell against bare Temporal on the same dev server, in the same run, so the
// ratios hold on a noisy machine. Prints a table of figures beside their goals.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import Stripe from 'stripe';
import { createApp } from '../api/app';
import { createOutboxMailer } from '../activities/mailer';
import { createOrm, migrate } from '../db/orm';
import { setLogSink } from '../observability/logger';
import { freePort, startEmbeddedPostgres, startTemporalDevServer, withDatabase, ensureDatabase } from '../scripts/services';
import { createWorkers } from '../worker/create-workers';
import { paidSignal } from './workflows';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const API_KEY = 'dw_bench_0123456789abcdef';
const STRIPE_SECRET = 'whsec_bench_secret';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Runs `op` from `concurrency` loops for `seconds`; returns operations per second and latencies. */
async function load(concurrency: number, seconds: number, op: (i: number) => Promise<void>) {
  const deadline = Date.now() + seconds * 1000;
  const latencies: number[] = [];
  let n = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < deadline) {
      const started = performance.now();
      await op(n++);
      latencies.push(performance.now() - started);
    }
  }));
  return { perSecond: latencies.length / seconds, latencies };
}

async function main() {
  setLogSink(() => {});
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dunwell-bench-'));
  fs.chmodSync(scratch, 0o755);
  const temporal = await startTemporalDevServer({ port: await freePort() });
  const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port: await freePort(), database: 'postgres' });
  const server = process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, 'postgres') : pg!.url;
  await ensureDatabase(server, 'dunwell_bench');
  const orm = await createOrm(withDatabase(server, 'dunwell_bench'), { poolMax: 40 });
  await migrate(orm);

  const connection = await NativeConnection.connect({ address: temporal.address });
  const client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
  const taskQueue = 'bench-invoices';
  const workers = await createWorkers({ connection, namespace: 'default', taskQueue, orm, mailer: createOutboxMailer(), emailFrom: 'bench@dunwell.local', emailRatePerSecond: 10_000, publicUrl: 'http://127.0.0.1', temporal: client });
  const bare = await Worker.create({ connection, taskQueue: 'bench-bare', workflowsPath: require.resolve('./workflows') });
  const running = Promise.all([...workers, bare].map((w) => w.run()));

  const port = await freePort();
  const app = createApp({ orm, temporal: client, taskQueue, apiKey: API_KEY, stripeWebhookSecret: STRIPE_SECRET, publicUrl: `http://127.0.0.1:${port}`, outbox: false, publicRateLimitPerMinute: 1_000_000 });
  const http = app.listen(port, '127.0.0.1');
  const api = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
  await fetch(`${api}/v1/issuer`, { method: 'PUT', headers, body: JSON.stringify({ name: 'Bench Ltd', taxId: 'BG1', address: 'Sofia', email: 'b@bench.test', phone: '+359' }) });
  const invoiceBody = (i: number) => JSON.stringify({ client: { name: 'Client', email: `c${i % 50}@bench.test`, address: 'London' }, currency: 'EUR', termsDays: 30, policy: 'standard', lines: [{ description: 'Work', quantity: 1, unitAmount: 100_000 }] });

  const rows: string[][] = [];
  // 1. Creation throughput.
  for (const concurrency of [1, 8, 32]) {
    const dunwell = await load(concurrency, SECONDS, async (i) => {
      const res = await fetch(`${api}/v1/invoices`, { method: 'POST', headers, body: invoiceBody(i) });
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
    });
    const bareRun = await load(concurrency, SECONDS, async () => {
      await client.workflow.start('noopWorkflow', { taskQueue: 'bench-bare', workflowId: `noop-${randomBytes(8).toString('hex')}` });
    });
    const ratio = dunwell.perSecond / bareRun.perSecond;
    rows.push([`invoices created/s at ${concurrency}`, dunwell.perSecond.toFixed(1), bareRun.perSecond.toFixed(1), ratio.toFixed(2), concurrency === 32 ? '≥ 0.6 of bare' : '', concurrency === 32 ? (ratio >= 0.6 ? 'met' : 'not met') : '']);
  }

  // 2. Signed webhook → invoice paid and visible through the API, against a bare signal round trip.
  const webhookLatencies: number[] = [];
  for (let i = 0; i < 60; i++) {
    const created = (await (await fetch(`${api}/v1/invoices`, { method: 'POST', headers, body: invoiceBody(i) })).json()) as { id: string; total: number };
    const payload = JSON.stringify({ id: `evt_${randomBytes(8).toString('hex')}`, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), data: { object: { id: `pi_${randomBytes(8).toString('hex')}`, amount: created.total, amount_received: created.total, currency: 'eur', metadata: { invoice_id: created.id } } } });
    const started = performance.now();
    await fetch(`${api}/v1/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET }) }, body: payload });
    for (;;) {
      const state = (await (await fetch(`${api}/v1/invoices/${created.id}`, { headers })).json()) as { status: string };
      if (state.status === 'paid') break;
    }
    webhookLatencies.push(performance.now() - started);
  }
  const signalLatencies: number[] = [];
  for (let i = 0; i < 60; i++) {
    const handle = await client.workflow.start('waitForPaymentWorkflow', { taskQueue: 'bench-bare', workflowId: `wait-${randomBytes(8).toString('hex')}` });
    const started = performance.now();
    await handle.signal(paidSignal);
    await handle.result();
    signalLatencies.push(performance.now() - started);
  }
  const p50 = percentile(webhookLatencies, 50), p99 = percentile(webhookLatencies, 99);
  const bp50 = percentile(signalLatencies, 50), bp99 = percentile(signalLatencies, 99);
  rows.push(['webhook → paid visible, p50 ms', p50.toFixed(1), bp50.toFixed(1), (p50 / bp50).toFixed(2), '', '']);
  rows.push(['webhook → paid visible, p99 ms', p99.toFixed(1), bp99.toFixed(1), (p99 / bp99).toFixed(2), '≤ 100 ms and ≤ 1.5× bare', p99 <= 100 && p99 / bp99 <= 1.5 ? 'met' : 'not met']);

  const header = ['measure', 'Dunwell', 'bare Temporal', 'ratio', 'goal', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\nDunwell benchmarks (${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${SECONDS} s per load step)\n`);
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));

  http.close();
  for (const w of [...workers, bare]) w.shutdown();
  await running;
  await client.connection.close();
  await connection.close();
  await orm.close();
  await temporal.stop();
  await pg?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
