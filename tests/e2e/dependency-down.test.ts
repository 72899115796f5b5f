// With Temporal or PostgreSQL unreachable the API says so plainly: 503 with a clear body, never a
// 500 with a stack, and nothing half-written.
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/app';
import { createOrm, type Orm } from '../../db/orm';
import { Invoice } from '../../db/entities';
import { TEST_API_KEY } from '../support/api';
import { createTestDatabase } from '../support/database';
import { invoiceInput, saveIssuer } from '../support/fixtures';

let orm: Orm;
let deadDb: Orm;
let temporalDown: Client;
const servers: Server[] = [];

async function serve(app: ReturnType<typeof createApp>) {
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const auth = { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' };
const base = { taskQueue: 'nowhere', apiKey: TEST_API_KEY, publicUrl: 'http://127.0.0.1', outbox: false };

beforeAll(async () => {
  orm = await createTestDatabase();
  await saveIssuer(orm);
  // A pool that points at a port where no PostgreSQL listens.
  deadDb = await createOrm('postgres://postgres:postgres@127.0.0.1:1/none', { connect: false });
  temporalDown = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 300 }) });
});
afterAll(async () => {
  for (const s of servers) s.close();
  await Promise.all([orm?.close(), deadDb?.close(true).catch(() => {})]);
});

describe('a dependency down', () => {
  it('Temporal down: health is 503 and a command needing the workflow is a clear 503', async () => {
    const url = await serve(createApp({ ...base, orm, temporal: temporalDown }));
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'unavailable', database: 'ok', temporal: 'unavailable' });
    // Issuing still works: the row is committed and the reconciler starts its workflow later.
    const created = await fetch(`${url}/v1/invoices`, { method: 'POST', headers: auth, body: JSON.stringify(invoiceInput()) });
    expect(created.status).toBe(201);
    const invoice = (await created.json()) as { id: string };
    expect(invoice).toMatchObject({ status: 'open', workflow: { reachable: false } });
    // A command that needs the workflow cannot be done now, and says so.
    const res = await fetch(`${url}/v1/invoices/${invoice.id}/void`, { method: 'POST', headers: auth, body: '{}' });
    const text = await res.text();
    expect(res.status, text).toBe(503);
    expect(JSON.parse(text).error.type).toBe('service_unavailable');
    expect((await orm.em.fork().findOneOrFail(Invoice, { id: invoice.id })).status).toBe('open');
  }, 60_000);

  it('PostgreSQL down: 503 with a clear body, no stack', async () => {
    const url = await serve(createApp({ ...base, orm: deadDb, temporal: temporalDown }));
    for (const [method, path] of [['GET', '/v1/invoices'], ['GET', '/v1/issuer'], ['POST', '/v1/invoices']] as const) {
      const res = await fetch(`${url}${path}`, { method, headers: auth, body: method === 'POST' ? JSON.stringify({ client: { name: 'A', email: 'a@b.test', address: 'x' }, currency: 'EUR', termsDays: 30, lines: [{ description: 'x', quantity: 1, unitAmount: 100 }] }) : undefined });
      const text = await res.text();
      expect(res.status, `${method} ${path}: ${text}`).toBe(503);
      expect(JSON.parse(text).error).toMatchObject({ type: 'service_unavailable', message: expect.stringContaining('retry') });
      expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    expect(await orm.em.fork().count(Invoice, {})).toBe(1); // only the one issued above
  }, 60_000);
});
