import { describe, expect, it } from 'vitest';
import { redact } from '../../observability/logger';

describe('log masking', () => {
  it('masks link tokens and emails in paths and URLs, keeping route patterns and assets', () => {
    expect(redact({ path: '/i/AbCdEfGhIjKlMnOpQrStUvWxYz012345/pdf', url: 'https://billing.example.com/c/AbCdEfGhIjKlMnOpQrStUvWxYz012345?x=1' }))
      .toEqual({ path: '/i/[token]/pdf', url: 'https://billing.example.com/c/[token]?x=1' });
    expect(redact({ route: '/i/:token', path: '/i/assets/page.css', client: '/v1/clients/ann%40acme.test' }))
      .toEqual({ route: '/i/:token', path: '/i/assets/page.css', client: '/v1/clients/[email]' });
    // The owner's task links and the client's statement links are keys as well.
    const owner = '/o/1f0c6b1e-8d2a-4c4e-9a57-5b8f1f2a3c4d.mxyz12.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde/complete';
    expect(redact({ path: owner, url: 'http://localhost:3000/s/AbCdEfGhIjKlMnOpQrStUvWxYz012345', route: '/o/:token/complete', css: '/o/assets/owner.css' }))
      .toEqual({ path: '/o/[token]/complete', url: 'http://localhost:3000/s/[token]', route: '/o/:token/complete', css: '/o/assets/owner.css' });
  });

  it('drops SQL text, its values and the row PostgreSQL quotes back, keeping the reason and state', () => {
    const err = Object.assign(new Error(`insert into "invoice" ("client") values ('{"name":"Ann Lee","email":"ann@acme.test"}') - new row violates check constraint "x"\n - detail: Failing row contains (Ann Lee, ann@acme.test).`), { code: '23514', sql: 'insert …', parameters: ['Ann Lee'] });
    expect(redact(err)).toEqual({ name: 'Error', message: '[query] - new row violates check constraint "x"', code: '23514' });
    expect(redact({ sql: 'select 1', query: 'select 1', parameters: ['Ann Lee'], bindings: ['x'], detail: 'Key (email)=(ann@acme.test)' }))
      .toEqual({ sql: '[redacted]', query: '[redacted]', parameters: '[redacted]', bindings: '[redacted]', detail: '[redacted]' });
    expect(redact('invalid input syntax for type uuid: "Ann Lee"')).toBe('invalid input syntax for type uuid: [value]');
  });
});
