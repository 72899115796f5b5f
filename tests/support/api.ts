// The real API on a free loopback port, talking to the run's dev server and this file's database.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import { freePort } from '../../scripts/services';
import type { Orm } from '../../db/orm';
import type { AppDeps } from '../../api/deps';
import { DEFAULT_OWNER_LINK_DAYS, deriveOwnerLinkSecret } from '../../services/owner-links';

export const TEST_API_KEY = 'dw_test_0123456789abcdef0123456789';
export const TEST_STRIPE_SECRET = 'whsec_test_secret_for_dunwell_e2e';
export const TEST_PAYMENTS_SECRET = `whsec_${Buffer.from('dunwell-test-payments-secret-0123').toString('base64')}`;
export const TEST_RESEND_SECRET = `whsec_${Buffer.from('dunwell-test-resend-secret-456789').toString('base64')}`;

/** What the API derives from its key when no OWNER_LINK_SECRET is set: the test workers sign with the same. */
export const TEST_OWNER_LINKS = { secret: deriveOwnerLinkSecret(TEST_API_KEY), days: DEFAULT_OWNER_LINK_DAYS };

export interface TestApi {
  url: string;
  workflowIdPrefix: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

/** `deps` overrides what the app is given (a production shape, limits, a trusted proxy). */
export async function startTestApi(opts: { orm: Orm; temporal: Client; taskQueue: string; port?: number; workflowIdPrefix?: string; deps?: Partial<AppDeps & { outbox: boolean }> }): Promise<TestApi> {
  const port = opts.port ?? (await freePort());
  const workflowIdPrefix = opts.workflowIdPrefix ?? `t${randomBytes(4).toString('hex')}-invoice-`;
  const app = createApp({
    orm: opts.orm,
    temporal: opts.temporal,
    taskQueue: opts.taskQueue,
    apiKey: TEST_API_KEY,
    stripeWebhookSecret: TEST_STRIPE_SECRET,
    paymentsWebhookSecret: TEST_PAYMENTS_SECRET,
    resendWebhookSecret: TEST_RESEND_SECRET,
    publicUrl: `http://127.0.0.1:${port}`,
    // Test files share one dev server; their invoice numbers would otherwise collide.
    workflowIdPrefix,
    outbox: true,
    ...opts.deps,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    workflowIdPrefix,
    async call(method, path, body, headers = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${TEST_API_KEY}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: response.status, body: parsed, headers: response.headers };
    },
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
