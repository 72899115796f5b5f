// Creation: POST /v1/invoices from 1, 8 and 32 clients against two bare baselines on the same
// server: a no-op workflow start, and an invoice-shaped one (the five search attributes and a
// static summary and details as Dunwell starts an invoice with, then one activity and a 30-day
// timer). Run at the shipped email rate, so the invoice emails queue behind the burst as in
// production; one more step repeats 32 clients with the emails going out alongside.
import { randomBytes } from 'node:crypto';
import * as attributes from '../../workflows/search-attributes';
import { BARE_QUEUE, type Knobs } from '../config';
import { load } from '../stats';
import { ratio, type Figure } from '../table';
import type { Target } from '../target';

const run = randomBytes(4).toString('hex');

function startNoop(t: Target) {
  return t.client.workflow.start('noopWorkflow', { taskQueue: BARE_QUEUE, workflowId: `noop-${randomBytes(8).toString('hex')}` });
}

function startInvoiceShaped(t: Target, i: number) {
  const number = `B-${run}-${String(i).padStart(6, '0')}`;
  return t.client.workflow.start('invoiceShapedWorkflow', {
    taskQueue: BARE_QUEUE,
    workflowId: `shaped-${run}-${i}`,
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    staticSummary: `${number} · Client · €1,000.00 · due 2026-12-31`,
    staticDetails: `Invoice ${number} to Client <c${i % 50}@bench.test>, €1,000.00, due 2026-12-31. Invoice id ${randomBytes(16).toString('hex')}.`,
    typedSearchAttributes: [
      { key: attributes.InvoiceNumber, value: number },
      { key: attributes.ClientEmail, value: `c${i % 50}@bench.test` },
      { key: attributes.Stage, value: 'issued' },
      { key: attributes.AmountDue, value: 100_000 },
      { key: attributes.DueDate, value: new Date('2026-12-31T00:00:00Z') },
    ],
  });
}

let shaped = 0;

async function rates(t: Target, concurrency: number, seconds: number, baselines: ('noop' | 'shaped')[]) {
  const dunwell = (await load(concurrency, seconds, async (i) => void (await t.createInvoice(i)))).perSecond;
  const bare: Partial<Record<'noop' | 'shaped', number>> = {};
  for (const b of baselines) {
    bare[b] = (await load(concurrency, seconds, async () => void (b === 'noop' ? await startNoop(t) : await startInvoiceShaped(t, shaped++)))).perSecond;
  }
  return { dunwell, bare };
}

export async function createPart(t: Target, k: Knobs, out: Figure[]): Promise<void> {
  for (const concurrency of [1, 8, 32]) {
    const r = await rates(t, concurrency, k.seconds, ['noop', 'shaped']);
    const goal = concurrency === 32;
    out.push({ measure: `invoices created per second, ${concurrency} concurrent; bare: no-op start`, dunwell: r.dunwell.toFixed(1), bare: r.bare.noop!.toFixed(1), ratio: ratio(r.dunwell, r.bare.noop!), goal: goal ? '≥ 0.6 of bare' : '', met: goal ? r.dunwell / r.bare.noop! >= 0.6 : null });
    out.push({ measure: `… ${concurrency} concurrent; bare: invoice-shaped start`, dunwell: r.dunwell.toFixed(1), bare: r.bare.shaped!.toFixed(1), ratio: ratio(r.dunwell, r.bare.shaped!), goal: goal ? '≥ 0.8 of bare' : '', met: goal ? r.dunwell / r.bare.shaped! >= 0.8 : null });
  }
  await t.restartWorker(k.emailRate);
  await t.settle();
  // The same burst with every invoice email going out at once on the same two cores.
  const r = await rates(t, 32, k.seconds, ['shaped']);
  out.push({ measure: `… 32 concurrent, invoice emails sent alongside (${k.emailRate}/s); bare: invoice-shaped`, dunwell: r.dunwell.toFixed(1), bare: r.bare.shaped!.toFixed(1), ratio: ratio(r.dunwell, r.bare.shaped!), goal: '', met: null });
  await t.settle();
}
