// Traffic against the cluster as its real callers make it: the owner's system issues invoices
// with an Idempotency-Key and retries what failed for want of a server; Stripe delivers signed
// payment events and retries until a 2xx. Every answer is counted, so a test can say that no
// request got a 500, whichever process died under it.
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { TEST_API_KEY, TEST_STRIPE_SECRET } from '../support/api';
import { invoiceInput } from '../support/fixtures';

export interface Issued { id: string; number: string; total: number; workflowId: string }

export interface Traffic {
  /** Answers by status (0: the connection failed: the process behind it died mid-request). */
  statuses: Map<number, number>;
  /** Bodies of answers that are neither 2xx nor a declared "try again" (0, 502, 503, 409 for the Idempotency-Key). */
  refusals: string[];
  issued: Issued[];
  paid: Set<string>;
}

export function newTraffic(): Traffic {
  return { statuses: new Map(), refusals: [], issued: [], paid: new Set() };
}

const RETRYABLE = new Set([0, 502, 503]);

async function send(t: Traffic, url: string, init: RequestInit, what: string, deadlineMs = 300_000): Promise<any> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) }).then(
      async (r) => ({ status: r.status, text: await r.text() }),
      (err: Error) => ({ status: 0, text: err.message }),
    );
    t.statuses.set(res.status, (t.statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 200 && res.status < 300) return JSON.parse(res.text);
    // 409 for the key: still running elsewhere (or its process died: a lease frees it), or its
    // claim was released by a failed attempt a moment ago: both say "retry".
    const inFlight = res.status === 409 && /"idempotency_(key_in_flight|conflict)"/.test(res.text);
    if (!RETRYABLE.has(res.status) && !inFlight) {
      t.refusals.push(`${what}: ${res.status} ${res.text.slice(0, 300)}`);
      throw new Error(`${what} answered ${res.status}: ${res.text.slice(0, 300)}`);
    }
    if (Date.now() > deadline) throw new Error(`${what} never accepted; last answer ${res.status} ${res.text.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function issue(t: Traffic, api: string, i: number): Promise<Issued> {
  const body = JSON.stringify(invoiceInput({ client: { ...invoiceInput().client, email: `client-${i % 7}@cluster.test` }, lines: [{ description: `Work ${i}`, quantity: 1, unitAmount: 10_000 + i }] }));
  const key = `cluster-${randomBytes(8).toString('hex')}`;
  const created = await send(t, `${api}/v1/invoices`, {
    method: 'POST', body, headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json', 'idempotency-key': key },
  }, `create #${i}`);
  const issued = { id: created.id, number: created.number, total: created.total, workflowId: created.workflowId };
  t.issued.push(issued);
  return issued;
}

/** Stripe's delivery: signed afresh on each attempt, retried until a 2xx; delivered twice at once. */
export async function pay(t: Traffic, api: string, invoice: Issued): Promise<void> {
  const eventId = `evt_${randomBytes(8).toString('hex')}`;
  const intent = `pi_${randomBytes(8).toString('hex')}`;
  const deliver = () => {
    const payload = JSON.stringify({
      id: eventId, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000),
      data: { object: { id: intent, object: 'payment_intent', amount: invoice.total, amount_received: invoice.total, currency: 'eur', metadata: { invoice_id: invoice.id }, payment_method_types: ['card'] } },
    });
    return send(t, `${api}/v1/webhooks/stripe`, {
      method: 'POST', body: payload, headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_STRIPE_SECRET }) },
    }, `payment of ${invoice.number}`);
  };
  await Promise.all([deliver(), deliver()]);
  t.paid.add(invoice.id);
}

/** `count` invoices issued and paid by `concurrency` callers at once; `onProgress` after each. */
export async function issueAndPay(t: Traffic, api: string, count: number, concurrency: number, onProgress?: (done: number) => void): Promise<void> {
  let next = 0;
  let done = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      await pay(t, api, await issue(t, api, i));
      onProgress?.(++done);
    }
  }));
}
