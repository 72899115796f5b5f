// A business's webhook receiver for the outgoing-webhooks part, on loopback. It checks every
// signature with the standardwebhooks package (the scheme's reference code, not ours), as a real
// receiver would, and notes when each event arrived. Lighter than tests/support/webhook-receiver.ts:
// no bodies kept but one (the bare lanes copy its size), and it answers 204 at once.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Arrival {
  /** Arrival order, from 0 (two arrivals may share a millisecond). */
  seq: number;
  /** The webhook-id header: the event's id. */
  id: string;
  type: string;
  invoiceId: string;
  /** When the request's body was in (epoch ms). */
  at: number;
  /** The event's own timestamp (epoch ms): when the change it records was made. */
  eventAt: number;
}

export interface BenchReceiver {
  url: string;
  /** webhook-id → its first arrival. */
  byId: Map<string, Arrival>;
  /** Requests for an id already received (at least once allows them; the bench counts them). */
  repeats: number;
  /** Requests whose signature the package refused: must stay 0. */
  refused: number;
  /** One body as Dunwell sent it. */
  sample: string | null;
  setSecret(secret: string): void;
  /** Until `count()` reaches `n`, or throws after `timeoutMs`. */
  waitFor(count: () => number, n: number, what: string, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchReceiver(): Promise<BenchReceiver> {
  let verifier: Webhook | null = null;
  const receiver: Omit<BenchReceiver, 'url' | 'stop'> = {
    byId: new Map(),
    repeats: 0,
    refused: 0,
    sample: null,
    setSecret: (secret) => void (verifier = new Webhook(secret)),
    waitFor: async (count, n, what, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (count() < n) {
        if (Date.now() > deadline) throw new Error(`outgoing webhooks: ${count()} of ${n} ${what} received in ${timeoutMs / 1000} s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: { type: string; timestamp: string; data: { invoice: { id: string } } };
      try {
        body = verifier!.verify(raw, req.headers as Record<string, string>) as typeof body;
      } catch {
        receiver.refused += 1;
        res.writeHead(400).end('bad signature');
        return;
      }
      const id = String(req.headers['webhook-id']);
      if (receiver.byId.has(id)) receiver.repeats += 1;
      else receiver.byId.set(id, { seq: receiver.byId.size, id, type: body.type, invoiceId: body.data.invoice.id, at, eventAt: Date.parse(body.timestamp) });
      receiver.sample ??= raw;
      res.writeHead(204).end();
    });
  });
  // A lane posts many times to the same host: no idle-socket churn in the way (as the Resend stand-in).
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  });
}
