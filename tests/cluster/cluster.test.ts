// Dunwell on the production topology: PostgreSQL; Temporal's frontend, history, matching and
// worker services as four processes (4 history shards, persistence and visibility on PostgreSQL);
// the Web UI server; two Dunwell workers; two API processes behind a load balancer; production
// mode. The README's "Try it" runs unchanged against it, then faults only a cluster has.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clusterPort, startCluster, type Cluster } from '../../cluster/topology';
import { createOrm, type Orm } from '../../db/orm';
import { ensureDatabase, withDatabase } from '../../scripts/services';
import { TEST_API_KEY, TEST_PAYMENTS_SECRET, TEST_RESEND_SECRET, TEST_STRIPE_SECRET } from '../support/api';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { ISSUER } from '../support/fixtures';
import { waitFor } from '../support/wait';
import { expectEventsDelivered, expectSettledOnce } from './checks';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { issueAndPay, newTraffic } from './traffic';

const ROOT = path.resolve(__dirname, '../..');
let cluster: Cluster;
let resend: FakeResend;
let client: Client;
let orm: Orm;
let receiver: WebhookReceiver;
async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `dunwell_cluster_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(withDatabase(serverUrl, 'postgres'), name);
  return withDatabase(serverUrl, name);
}

const log = (line: string) => process.stdout.write(`[cluster test] ${line}\n`);

beforeAll(async () => {
  resend = await startFakeResend();
  const dir = path.join(inject('clusterScratch'), 'cluster');
  cluster = await startCluster({
    // An external PostgreSQL (DATABASE_URL) gets a fresh database for Dunwell; Temporal's two go beside it.
    databaseUrl: process.env.DATABASE_URL ? await freshDatabase(process.env.DATABASE_URL) : undefined,
    dir, apiPort: await clusterPort(), uiPort: await clusterPort(), frontendPort: await clusterPort(), workers: 2, apis: 2,
    env: {
      NODE_ENV: 'production', METRICS_TOKEN: 'cluster-test-metrics-token', DUNWELL_API_KEY: TEST_API_KEY,
      STRIPE_WEBHOOK_SECRET: TEST_STRIPE_SECRET, PAYMENTS_WEBHOOK_SECRET: TEST_PAYMENTS_SECRET, RESEND_WEBHOOK_SECRET: TEST_RESEND_SECRET,
      RESEND_API_KEY: resend.apiKey, RESEND_BASE_URL: resend.url, EMAIL_RATE_PER_SECOND: '100',
      WORKFLOW_BUNDLE_PATH: inject('clusterWorkflowBundle'), EMAIL_FROM: 'Studio Ivanova <billing@ivanova.studio>',
      // The business's webhook receiver is on loopback here; retries within seconds.
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_RETRY_INITIAL_SECONDS: '1', WEBHOOK_RETRY_MAX_SECONDS: '5',
    },
    log,
  });
  client = new Client({ connection: await Connection.connect({ address: cluster.temporalAddress }) });
  orm = await createOrm(cluster.databaseUrl);
  const issuer = await fetch(`${cluster.apiUrl}/v1/issuer`, { method: 'PUT', body: JSON.stringify(ISSUER), headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' } });
  expect(issuer.status).toBe(200);
  receiver = await startWebhookReceiver();
  const endpoint = await fetch(`${cluster.apiUrl}/v1/webhook-endpoints`, { method: 'POST', body: JSON.stringify({ url: receiver.url, events: ['*'] }), headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' } });
  expect(endpoint.status).toBe(201);
  receiver.setSecret(((await endpoint.json()) as { secret: string }).secret);
});

afterAll(async () => {
  await client?.connection.close();
  await orm?.close();
  await cluster?.stop();
  await resend?.stop();
  await receiver?.down();
});

const deps = () => ({ apiUrl: cluster.apiUrl, client, orm, resend });

describe('the production topology', () => {
  it('runs README "Try it" unchanged; an operator finds the invoice in the Web UI by number and by stage', async () => {
    // The README's own shell blocks, with only the API's address changed; the secrets where npm start keeps them.
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Try it'), readme.indexOf('\n## ', readme.indexOf('## Try it') + 3));
    const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
    const script = blocks.slice(0, 2).join('\n').split('\n').filter((line) => !line.startsWith('npm run pay')).join('\n')
      .replaceAll('http://localhost:3000', cluster.apiUrl);
    const cwd = path.join(inject('clusterScratch'), 'try-it');
    fs.mkdirSync(path.join(cwd, '.data'), { recursive: true });
    fs.writeFileSync(path.join(cwd, '.data/dev-api-key'), TEST_API_KEY);
    fs.writeFileSync(path.join(cwd, '.data/dev-stripe-webhook-secret'), TEST_STRIPE_SECRET);
    // Not execFileSync: the load balancer runs in this process and must keep serving meanwhile.
    const out = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', `${script}\necho "ID=$ID"`], { cwd, encoding: 'utf8', timeout: 60_000 }).then((r) => r.stdout);
    const id = /ID=(\S+)/.exec(out)![1];
    expect(out).toContain('"outcome":"applied"');
    const invoice: any = await waitFor(async () => {
      const body: any = await (await fetch(`${cluster.apiUrl}/v1/invoices/${id}`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } })).json();
      return body.status === 'paid' ? body : undefined;
    }, 30_000, 'the README invoice paid');
    expect(invoice).toMatchObject({ amountDue: 0, amountPaid: 144000 });
    // The Web UI server's own API (what its pages call), through to the frontend and PostgreSQL visibility.
    const find = async (query: string) => {
      const r = await fetch(`${cluster.uiUrl}/api/v1/namespaces/default/workflows?query=${encodeURIComponent(query)}`);
      return (((await r.json()) as any).executions ?? []).map((e: { execution: { workflowId: string } }) => e.execution.workflowId);
    };
    await waitFor(async () => (await find(`InvoiceNumber = "${invoice.number}"`)).includes(invoice.workflowId), 30_000, 'found by number');
    await waitFor(async () => (await find(`Stage = "paid" AND ClientEmail = "ap@acme.test"`)).includes(invoice.workflowId), 30_000, 'found by stage and client');
    expect((await fetch(`${cluster.uiUrl}/namespaces/default/workflows`)).status).toBe(200);
  });

  it('kill -9 of the history service, the matching service, one of two workers and one of two APIs mid-traffic: nothing lost, nothing twice', async () => {
    const t = newTraffic();
    let done = 0;
    const traffic = issueAndPay(t, cluster.apiUrl, 60, 4, (n) => (done = n));
    const at = async (n: number) => waitFor(() => done >= n || undefined, 300_000, `${n} invoices settled`);
    for (const [n, victim] of [[8, cluster.temporal.history], [20, cluster.temporal.matching], [32, cluster.workers[0]], [44, cluster.apis[0]]] as const) {
      await at(n);
      const started = Date.now();
      await victim.crash();
      log(`kill -9 ${victim.name} after ${n} invoices; back in ${Date.now() - started} ms`);
    }
    await traffic;
    log(`answers: ${JSON.stringify(Object.fromEntries(t.statuses))}`);
    await expectSettledOnce(deps(), t);
    await expectEventsDelivered(deps(), t, receiver);
    log(`webhooks: ${receiver.accepted.length} deliveries accepted, ${new Set(receiver.accepted.map((a) => a.webhookId)).size} distinct events`);
  });

  it('a rolling restart of every worker and API while 200 invoices are issued and paid', async () => {
    const t = newTraffic();
    let done = 0;
    const traffic = issueAndPay(t, cluster.apiUrl, 200, 8, (n) => (done = n));
    for (const process of [...cluster.workers, ...cluster.apis]) {
      await waitFor(() => done >= 20 * (1 + [...cluster.workers, ...cluster.apis].indexOf(process)) || undefined, 300_000, 'traffic under way');
      const started = Date.now();
      await process.restart();
      log(`restarted ${process.name} (SIGTERM, then a fresh start) in ${Date.now() - started} ms, ${done} invoices settled`);
    }
    await traffic;
    log(`answers: ${JSON.stringify(Object.fromEntries(t.statuses))}`);
    await expectSettledOnce(deps(), t);
  });

  it('PostgreSQL restarted under Temporal and Dunwell at once', async () => {
    if (!cluster.restartPostgres) return void log('DATABASE_URL is set: PostgreSQL is not ours to restart');
    const t = newTraffic();
    let done = 0;
    const traffic = issueAndPay(t, cluster.apiUrl, 40, 4, (n) => (done = n));
    await waitFor(() => done >= 10 || undefined, 300_000, 'traffic under way');
    const started = Date.now();
    await cluster.restartPostgres();
    log(`PostgreSQL stopped and started again in ${Date.now() - started} ms`);
    await traffic;
    log(`answers: ${JSON.stringify(Object.fromEntries(t.statuses))}`);
    // The test's own pool lost its connections with the server.
    await orm.close();
    orm = await createOrm(cluster.databaseUrl);
    await expectSettledOnce(deps(), t);
  });
});
