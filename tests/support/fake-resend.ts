// A local stand-in for Resend's HTTP API (POST /emails), driven by the real resend SDK through
// RESEND_BASE_URL. It keeps what it was sent and, like Resend, honours Idempotency-Key.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  id: string;
  idempotencyKey: string | null;
  apiKey: string | null;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** As the API receives them: the content base64-encoded. */
  attachments: { filename: string; content: string; contentType: string | null }[];
}

export interface FakeResend {
  url: string;
  apiKey: string;
  /** Emails accepted once each; a repeated Idempotency-Key is answered but not delivered again. */
  deliveries: Delivery[];
  /** Every POST /emails, repeats included. */
  requests: number;
  /** The next requests are answered with these errors, in order (rate limit, outage, a bad address). */
  failNext(...statuses: number[]): void;
  /** Requests to this address are refused with 422, as Resend does for an invalid recipient. */
  rejectAddress(address: string): void;
  stop(): Promise<void>;
}

export async function startFakeResend(): Promise<FakeResend> {
  const apiKey = `re_test_${randomUUID()}`;
  const byKey = new Map<string, string>();
  const state = { deliveries: [] as Delivery[], requests: 0, failures: [] as number[], rejected: new Set<string>() };
  const ERRORS: Record<number, string> = { 429: 'rate_limit_exceeded', 500: 'internal_server_error', 503: 'application_error', 422: 'validation_error' };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const reply = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/emails') return reply(404, { name: 'not_found', message: 'Not found', statusCode: 404 });
      state.requests += 1;
      const auth = req.headers.authorization ?? null;
      if (auth !== `Bearer ${apiKey}`) return reply(401, { name: 'invalid_api_key', message: 'API key is invalid', statusCode: 401 });
      const failure = state.failures.shift();
      if (failure) return reply(failure, { name: ERRORS[failure] ?? 'application_error', message: `fake failure ${failure}`, statusCode: failure });
      const body = JSON.parse(raw);
      if ([].concat(body.to).some((to: string) => state.rejected.has(to))) return reply(422, { name: 'validation_error', message: 'Invalid `to` field', statusCode: 422 });
      if (!body.from || !body.to || !body.subject) return reply(422, { name: 'validation_error', message: 'Missing required field', statusCode: 422 });
      const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
      if (key && byKey.has(key)) return reply(200, { id: byKey.get(key) });
      const id = randomUUID();
      if (key) byKey.set(key, id);
      state.deliveries.push({
        id, idempotencyKey: key, apiKey: auth, from: body.from, to: [].concat(body.to), subject: body.subject, html: body.html ?? '', text: body.text ?? '',
        attachments: ((body.attachments ?? []) as { filename: string; content: string; content_type?: string }[]).map((a) => ({ filename: a.filename, content: a.content, contentType: a.content_type ?? null })),
      });
      reply(200, { id });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    deliveries: state.deliveries,
    get requests() {
      return state.requests;
    },
    failNext: (...statuses: number[]) => void state.failures.push(...statuses),
    rejectAddress: (address: string) => void state.rejected.add(address),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
