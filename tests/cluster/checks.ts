// What every cluster test asserts once its traffic is done: each invoice settled with API,
// workflow, row and ledger in agreement (the random tester's agreement check), one ledger row
// each, every email sent once, gapless distinct numbers, and no answer but 2xx or "try again".
import type { Client } from '@temporalio/client';
import { expect } from 'vitest';
import type { Orm } from '../../db/orm';
import { TEST_API_KEY } from '../support/api';
import { agreementProblems, observeInvoice } from '../support/agreement';
import type { FakeResend } from '../support/fake-resend';
import { waitFor } from '../support/wait';
import type { Traffic } from './traffic';

export async function expectSettledOnce(deps: { apiUrl: string; client: Client; orm: Orm; resend: FakeResend }, t: Traffic): Promise<void> {
  expect(t.refusals).toEqual([]);
  expect([...t.statuses.keys()].filter((s) => s >= 500 && s !== 502 && s !== 503)).toEqual([]);
  const agreement = {
    call: async (method: string, path: string) => {
      const r = await fetch(`${deps.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${TEST_API_KEY}` } });
      const text = await r.text();
      return { status: r.status, text, body: r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
    },
    client: deps.client,
    db: deps.orm.em.fork().getConnection(),
  };
  for (const inv of t.issued) {
    await waitFor(async () => {
      const problems = agreementProblems(await observeInvoice(agreement, inv.id, inv.workflowId), { status: 'paid', amountPaid: inv.total, amountDue: 0 });
      if (problems.length) throw new Error(`${inv.number}: ${problems.join('; ')}`);
      return true;
    }, 120_000, `${inv.number} settled in agreement`);
  }
  const ids = t.issued.map((i) => i.id);
  const rows = await deps.orm.em.fork().getConnection().execute<{ invoice_id: string; n: string }[]>(
    `select invoice_id, count(*) as n from payment where invoice_id in (${ids.map(() => '?').join(', ')}) group by invoice_id`, ids);
  expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
  expect(rows).toHaveLength(ids.length);
  // Every invoice was sent the same emails (its invoice, its receipt), each once: a second send
  // under another key would show as an extra kind for that invoice.
  const kinds = (workflowId: string) => deps.resend.deliveries.filter((d) => d.idempotencyKey?.startsWith(`${workflowId}:`)).map((d) => d.idempotencyKey!.slice(workflowId.length + 1)).sort().join(',');
  // An email whose activity died with its worker, or met the database away, is retried after its
  // timeout and backoff: minutes at worst.
  await waitFor(() => {
    const missing = t.issued.filter((i) => !kinds(i.workflowId).includes('invoice')).map((i) => i.number);
    if (missing.length) throw new Error(`no invoice email yet for ${missing.join(', ')}`);
    return true;
  }, 240_000, 'every invoice email');
  const byKinds = new Map<string, string[]>();
  for (const inv of t.issued) byKinds.set(kinds(inv.workflowId), [...(byKinds.get(kinds(inv.workflowId)) ?? []), inv.number]);
  expect([...byKinds.keys()]).toHaveLength(1);
  expect(new Set(t.issued.map((i) => i.number)).size).toBe(t.issued.length);
}
