// Requests that make the database fail are logged without the client's link token, email or
// name: paths are masked, SQL text and its values dropped. PostgreSQL is made to refuse on purpose
// (this file's own database): a check constraint on the client, then the tables the pages read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLogSink } from '../../observability/logger';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';

const ctx = useE2E();
const lines: string[] = [];
let restore: () => void;
const NAME = 'Zelda Quillfeather';
const EMAIL = 'zelda.quill@secret-client.test';
const TOKEN = 'Tk9wZXJzb25hbFRva2VuUGxhbnRlZDAx'; // 32 characters, a link token's shape

beforeAll(async () => {
  restore = setLogSink((line) => lines.push(line));
  expect((await ctx.api.call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});
afterAll(() => restore?.());

const sql = (text: string) => ctx.orm.em.fork().getConnection().execute(text);

describe('logged errors', () => {
  it('carry neither a client token nor personal data', async () => {
    await sql(`alter table invoice add constraint planted_refusal check (client->>'name' <> '${NAME}')`);
    const refused = await ctx.api.call('POST', '/v1/invoices', { ...invoiceInput(), client: { ...invoiceInput().client, name: NAME, email: EMAIL } });
    expect(refused.status).toBe(409);

    // The pages' own tables gone: every lookup by token fails with its SQL in the error.
    await sql('alter table invoice_link rename to invoice_link_gone; alter table change_order rename to change_order_gone; alter table client_profile rename to client_profile_gone');
    for (const path of [`/i/${TOKEN}`, `/i/${TOKEN}/pdf`, `/c/${TOKEN}`]) {
      expect((await fetch(`${ctx.api.url}${path}`)).status, path).toBe(500);
    }
    const post = await fetch(`${ctx.api.url}/c/${TOKEN}`, { method: 'POST', body: new URLSearchParams({ name: NAME, decision: 'approve' }), redirect: 'manual' });
    expect(post.status).toBe(500);
    expect((await ctx.api.call('PUT', `/v1/clients/${encodeURIComponent(EMAIL)}`, { paymentDay: 15 })).status).toBe(500);

    const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 'warn' || l.level === 'error');
    // The lines are there, and say where and what: a masked path, the SQL state.
    expect(errors.filter((l) => l.msg === 'unhandled request error').map((l) => l.path)).toEqual(expect.arrayContaining(['/i/[token]', '/i/[token]/pdf', '/c/[token]']));
    expect(errors.find((l) => l.msg === 'a write conflicted with what is stored')?.error).toMatchObject({ code: '23514' });
    const all = lines.join('\n');
    for (const planted of [TOKEN, EMAIL, NAME, 'Zelda', encodeURIComponent(EMAIL)]) {
      expect(all.includes(planted), `a log line contains ${planted}`).toBe(false);
    }
    expect(all).not.toMatch(/insert into|select .* from/i);
  });
});
