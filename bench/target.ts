// Dunwell as deployed, on one of the bench's servers: one API process and one worker process
// (the worker with the workflow bundle built ahead, sending through a counting Resend stand-in),
// beside the bench's own bare Temporal worker for the baselines. Started and stopped the same way
// on both servers, so what differs between them is the server.
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import pg from 'pg';
import { createOrm, migrate } from '../db/orm';
import { workerNodeOptions } from '../worker/node-options';
import { freePortPair } from '../scripts/worker-process';
import { freePort } from '../scripts/services';
import { bareActivities } from './bare-activities';
import { API_KEY, BARE_QUEUE, STRIPE_SECRET, TASK_QUEUE } from './config';
import { startCountingResend, type CountingResend } from './counting-resend';
import { startApiProcess, startBenchWorker, type BenchProcess } from './processes';
import type { BenchServer } from './servers';

export interface Target {
  server: BenchServer;
  apiUrl: string;
  headers: Record<string, string>;
  client: Client;
  db: pg.Client;
  resend: CountingResend;
  /** The worker process running now (restartWorker replaces it). */
  worker(): BenchProcess;
  /** Stops the worker and starts a fresh one whose email queue runs at `emailRate` per second. */
  restartWorker(emailRate: number): Promise<void>;
  /** A series of the worker's /metrics (Node's own heap figures, the SDK's cache size). */
  workerMetric(name: string): Promise<number>;
  count(sql: string, params?: unknown[]): Promise<number>;
  createInvoice(i: number): Promise<{ id: string; total: number }>;
  /** Until every issued invoice's first email is out: the workflows are idle on their timers. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTarget(server: BenchServer, opts: { dir: string; workflowBundlePath: string; bareBundle: { code: string }; emailRate: number }): Promise<Target> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    // Each step bounded, so one stuck stop cannot hold up the others (or the next server).
    for (const cleanup of cleanups.reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise((resolve) => (timer = setTimeout(() => resolve(console.error('bench cleanup: a step took over 60 s; going on')), 60_000)));
      await Promise.race([cleanup().catch((err) => console.error(`bench cleanup: ${String(err)}`)), late]);
      clearTimeout(timer);
    }
    cleanups.length = 0;
  };
  try {
    const orm = await createOrm(server.databaseUrl);
    await migrate(orm);
    await orm.close();
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    cleanups.push(() => db.end());
    const resend = await startCountingResend();
    cleanups.push(() => resend.stop());

    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const common = {
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2', NODE_ENV: 'production', DUNWELL_API_KEY: API_KEY, METRICS_TOKEN: API_KEY,
      RATE_LIMIT_OWNER_PER_MINUTE: '1000000', RATE_LIMIT_WEBHOOKS_PER_MINUTE: '1000000', DATABASE_URL: server.databaseUrl,
      TEMPORAL_ADDRESS: server.temporalAddress, TEMPORAL_TASK_QUEUE: TASK_QUEUE, PUBLIC_URL: apiUrl,
      // The outgoing-webhooks part's receiver is on loopback, which production refuses.
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    };
    const metricsPort = await freePortPair();
    const startWorker = (emailRate: number) => startBenchWorker({
      ...common, NODE_OPTIONS: workerNodeOptions(process.env.NODE_OPTIONS), WORKFLOW_BUNDLE_PATH: opts.workflowBundlePath,
      EMAIL_RATE_PER_SECOND: String(emailRate), WORKER_METRICS_PORT: String(metricsPort), RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url,
    }, path.join(opts.dir, 'worker.log'));
    let worker = await startWorker(opts.emailRate);
    cleanups.push(() => worker.stop());
    const api = await startApiProcess({ ...common, PORT: String(apiPort), STRIPE_WEBHOOK_SECRET: STRIPE_SECRET }, path.join(opts.dir, 'api.log'));
    cleanups.push(() => api.stop());

    const connection = await NativeConnection.connect({ address: server.temporalAddress });
    cleanups.push(() => connection.close());
    const client = new Client({ connection: await Connection.connect({ address: server.temporalAddress }) });
    cleanups.push(() => client.connection.close());
    // The same workflow cache bound as Dunwell's worker (WORKER_MAX_CACHED_WORKFLOWS, 100).
    const bare = await Worker.create({ connection, taskQueue: BARE_QUEUE, workflowBundle: opts.bareBundle, activities: bareActivities, maxCachedWorkflows: 100 });
    const running = bare.run();
    cleanups.push(async () => {
      bare.shutdown();
      await running;
    });

    const headers = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
    const issuer = await fetch(`${apiUrl}/v1/issuer`, { method: 'PUT', headers, body: JSON.stringify({ name: 'Bench Ltd', taxId: 'BG1', address: 'Sofia', email: 'b@bench.test', phone: '+359' }) });
    if (!issuer.ok) throw new Error(`issuer: ${issuer.status} ${await issuer.text()}`);
    const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params)).rows[0].n);
    const invoiceBody = (i: number) => JSON.stringify({ client: { name: 'Client', email: `c${i % 50}@bench.test`, address: 'London' }, currency: 'EUR', termsDays: 30, policy: 'standard', lines: [{ description: 'Work', quantity: 1, unitAmount: 100_000 }] });

    return {
      server, apiUrl, headers, client, db, resend,
      worker: () => worker,
      restartWorker: async (emailRate) => {
        await worker.stop();
        worker = await startWorker(emailRate);
      },
      workerMetric: async (name) => {
        const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: { authorization: `Bearer ${API_KEY}` } })).text();
        const line = text.split('\n').find((l) => l.startsWith(name) && !l.startsWith('#'));
        return line ? Number(line.split(' ').pop()) : NaN;
      },
      count,
      createInvoice: async (i) => {
        const res = await fetch(`${apiUrl}/v1/invoices`, { method: 'POST', headers, body: invoiceBody(i) });
        if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
        return (await res.json()) as { id: string; total: number };
      },
      settle: async () => {
        const deadline = Date.now() + 30 * 60_000;
        while (await count('select count(*) n from invoice i where not exists (select 1 from email_message m where m.invoice_id = i.id)') > 0) {
          if (Date.now() > deadline) throw new Error('invoice emails did not all go out in 30 minutes');
          await new Promise((r) => setTimeout(r, 500));
        }
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
