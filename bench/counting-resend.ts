// A stand-in for Resend's HTTP API (POST /emails) that the worker's real Resend mailer talks to
// through RESEND_BASE_URL. It answers at once and keeps, per idempotency key, how many requests
// arrived and when the first did: what the spike measures (when each email went out, and that
// each went out once). Lighter than tests/support/fake-resend.ts: no bodies are kept.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface CountingResend {
  url: string;
  apiKey: string;
  /** Idempotency key → requests received with it, and when the first arrived (epoch ms). */
  byKey: Map<string, { requests: number; firstAt: number }>;
  stop(): Promise<void>;
}

export async function startCountingResend(): Promise<CountingResend> {
  const apiKey = `re_bench_${randomUUID()}`;
  const byKey = new Map<string, { requests: number; firstAt: number }>();
  const server = http.createServer((req, res) => {
    const at = Date.now();
    req.resume();
    req.on('end', () => {
      const reply = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/emails') return reply(404, { name: 'not_found', message: 'Not found', statusCode: 404 });
      if (req.headers.authorization !== `Bearer ${apiKey}`) return reply(401, { name: 'invalid_api_key', message: 'API key is invalid', statusCode: 401 });
      const key = (req.headers['idempotency-key'] as string | undefined) ?? `none-${randomUUID()}`;
      const seen = byKey.get(key);
      if (seen) seen.requests += 1;
      else byKey.set(key, { requests: 1, firstAt: at });
      reply(200, { id: randomUUID() });
    });
  });
  // Many sends in flight from one worker: no idle-socket churn in the way.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    apiKey,
    byKey,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
