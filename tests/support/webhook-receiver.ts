// A business's webhook receiver on a loopback port: it checks every delivery's signature with the
// standardwebhooks package (the scheme's reference code, not ours), keeps what it accepted, and
// can be taken down and brought back on the same address, or made to answer with an error.
import http from 'node:http';
import { Webhook } from 'standardwebhooks';
import { freePort } from '../../scripts/services';

export interface Received {
  webhookId: string;
  type: string;
  invoiceId: string;
  body: { id: string; type: string; timestamp: string; data: { invoice: { id: string; status: string; stage: string; amountDue: number }; message: string } };
}

export interface WebhookReceiver {
  url: string;
  /** Deliveries it answered 2xx, in arrival order. */
  accepted: Received[];
  /** Deliveries whose signature the package refused. */
  refused: string[];
  /** Requests it answered with an error on purpose. */
  failedOnPurpose: number;
  setSecret(secret: string): void;
  /** The next `n` requests get a 503. */
  failNext(n: number): void;
  /** Every request gets a 500 until told otherwise. */
  failAll(on: boolean): void;
  up(): Promise<void>;
  down(): Promise<void>;
}

export async function startWebhookReceiver(options: { startDown?: boolean } = {}): Promise<WebhookReceiver> {
  const port = await freePort();
  let verifier: Webhook | null = null;
  let failing = 0;
  let failAll = false;
  let server: http.Server | null = null;
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/hooks/dunwell`,
    accepted: [],
    refused: [],
    failedOnPurpose: 0,
    setSecret: (secret) => {
      verifier = new Webhook(secret);
    },
    failNext: (n) => {
      failing = n;
    },
    failAll: (on) => {
      failAll = on;
    },
    up: () => new Promise((resolve) => {
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          if (failAll || failing > 0) {
            failing = Math.max(0, failing - 1);
            receiver.failedOnPurpose++;
            res.writeHead(failAll ? 500 : 503).end('not now');
            return;
          }
          try {
            const body = verifier!.verify(raw, req.headers as Record<string, string>) as Received['body'];
            receiver.accepted.push({ webhookId: String(req.headers['webhook-id']), type: body.type, invoiceId: body.data.invoice.id, body });
            res.writeHead(204).end();
          } catch (err) {
            receiver.refused.push(`${req.headers['webhook-id']}: ${(err as Error).message}`);
            res.writeHead(400).end('bad signature');
          }
        });
      });
      server.listen(port, '127.0.0.1', () => resolve());
    }),
    down: () => new Promise((resolve) => {
      if (!server) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
      server = null;
    }),
  };
  if (!options.startDown) await receiver.up();
  return receiver;
}
