// The system under test for the random tester: the time-skipping Temporal test server (so a
// time skip moves invoices along their reminder ladder), the real API over HTTP, the real worker
// as a separate process (so it can be killed with SIGKILL and restarted), a fresh database and
// the fake Resend. The API starts invoices without search attributes, which that server lacks.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { inject } from 'vitest';
import { createApp } from '../../api/app';
import type { Orm } from '../../db/orm';
import { freePortPair, startWorkerProcess, type WorkerProcess } from '../../scripts/worker-process';
import { freePort } from '../../scripts/services';
import { TEST_API_KEY, TEST_PAYMENTS_SECRET, TEST_RESEND_SECRET, TEST_STRIPE_SECRET } from '../support/api';
import { createTestDatabase } from '../support/database';
import { startTimeSkippingServer } from '../support/time-skipping-server';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { ISSUER } from '../support/fixtures';

export interface Reply { status: number; body: any; text: string; headers: Headers }

export interface System {
  env: TestWorkflowEnvironment;
  orm: Orm;
  resend: FakeResend;
  url: string;
  /** Every workflow of this run starts with it (invoices' and clients'). */
  workflowIdPrefix: string;
  /** The server's clock: the wall clock plus every skip so far. */
  now(): number;
  /** Moves the server's clock (and every workflow timer) forward. */
  skip(ms: number): Promise<void>;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** A form post as a browser sends it (no API key), with redirects left unfollowed. */
  form(path: string, encodedBody: string): Promise<Reply>;
  killWorker(): Promise<void>;
  restartWorker(): Promise<void>;
  workerLives: number;
  stop(): Promise<void>;
}

const LOG_FILE = path.resolve(__dirname, '../../test-artifacts/random-worker.log');
// A fresh clone has no test-artifacts/ yet, and this file may be the first to run.
fs.mkdirSync(path.dirname(LOG_FILE), { recursive: true });

export async function startSystem(): Promise<System> {
  const [env, orm, resend] = await Promise.all([
    startTimeSkippingServer(),
    createTestDatabase(),
    startFakeResend(),
  ]);
  // The test server's clock runs with the wall clock between skips; the offset is what was skipped.
  let offset = (await env.currentTimeMs()) - Date.now();
  const taskQueue = `random-${randomUUID()}`;
  const workflowIdPrefix = `r${randomBytes(4).toString('hex')}-invoice-`;
  const port = await freePort();
  const deps = {
    orm, temporal: env.client, taskQueue, apiKey: TEST_API_KEY, stripeWebhookSecret: TEST_STRIPE_SECRET,
    paymentsWebhookSecret: TEST_PAYMENTS_SECRET, resendWebhookSecret: TEST_RESEND_SECRET, publicUrl: `http://127.0.0.1:${port}`,
    workflowIdPrefix, outbox: false,
    // Thousands of form posts from one address: the public pages' rate limit is not under test.
    publicRateLimitPerMinute: 1_000_000,
    // Not in AppDeps, but createInvoice reads both from the deps it is handed: the time-skipping
    // server knows no custom search attributes, and invoices are issued on the server's date.
    searchAttributes: false,
    now: () => new Date(Date.now() + offset),
  };
  const server: Server = await new Promise((resolve) => {
    const s = createApp(deps).listen(port, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let worker: WorkerProcess | undefined;
  const startWorker = async () => {
    worker = await startWorkerProcess({
      logFile: LOG_FILE,
      readyTimeoutMs: 180_000,
      env: {
        DATABASE_URL: orm.config.getClientUrl(), TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue,
        WORKFLOW_ID_PREFIX: workflowIdPrefix, RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url, EMAIL_RATE_PER_SECOND: '1000',
        WORKER_METRICS_PORT: String(await freePortPair()), PUBLIC_URL: url, EMAIL_FROM: 'Studio Ivanova <billing@ivanova.studio>',
        HOST: '127.0.0.1', WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
        // No sticky queues: the test server does not time out a task on a dead worker's sticky
        // queue, so after a kill -9 a cached workflow would wait forever, and time could not skip.
        WORKER_MAX_CACHED_WORKFLOWS: '0',
      },
    });
  };

  const request = async (method: string, p: string, body: string | undefined, headers: Record<string, string>): Promise<Reply> => {
    const response = await fetch(`${url}${p}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, body: parsed, text, headers: response.headers };
  };

  const system: System = {
    env, orm, resend, url, workflowIdPrefix, workerLives: 0,
    now: () => Date.now() + offset,
    async skip(ms) {
      // The server skips only while nothing is in flight (after a kill -9, an activity of the dead
      // worker stays in flight until its timeout, a minute for emails); one that never ends is a finding.
      let timer: NodeJS.Timeout | undefined;
      const stuck = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`time skip of ${ms} ms did not complete within 180 s (something stays in flight)`)), 180_000);
      });
      await Promise.race([env.sleep(ms), stuck]).finally(() => clearTimeout(timer));
      offset = (await env.currentTimeMs()) - Date.now();
    },
    call: (method, p, body, headers = {}) => request(method, p, body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), {
      authorization: `Bearer ${TEST_API_KEY}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers,
    }),
    form: (p, encoded) => request('POST', p, encoded, { 'content-type': 'application/x-www-form-urlencoded' }),
    async killWorker() {
      await worker?.kill('SIGKILL');
      worker = undefined;
    },
    async restartWorker() {
      await startWorker();
      system.workerLives += 1;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await worker?.kill('SIGTERM');
      await Promise.all([env.teardown(), orm.close(), resend.stop()]);
    },
  };
  await system.restartWorker();
  const issuer = await system.call('PUT', '/v1/issuer', ISSUER);
  if (issuer.status !== 200) throw new Error(`issuer not saved: ${issuer.status} ${issuer.text}`);
  return system;
}
