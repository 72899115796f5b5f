import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env';
import { deriveOwnerLinkSecret } from '../../services/owner-links';

describe('configuration', () => {
  it('refuses to run in production without its secrets, naming them all at once', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' })).toThrow(/DUNWELL_API_KEY[\s\S]*METRICS_TOKEN/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', DUNWELL_API_KEY: 'k'.repeat(32) })).toThrow(/METRICS_TOKEN/);
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', DUNWELL_API_KEY: 'k'.repeat(32), METRICS_TOKEN: 'm'.repeat(32) });
    // Production: no docs unless asked for, no proxy trusted unless told.
    expect(config).toMatchObject({ apiDocs: false, trustProxy: false });
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', DUNWELL_API_KEY: 'k'.repeat(32), METRICS_TOKEN: 'm'.repeat(32), API_DOCS: 'true' }).apiDocs).toBe(true);
  });

  it('takes an empty value as unset (compose passes ${VAR:-} through as "")', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://x/y', PAYMENTS_WEBHOOK_SECRET: '', RESEND_WEBHOOK_SECRET: '', METRICS_TOKEN: '', TRUST_PROXY: '' });
    expect([config.PAYMENTS_WEBHOOK_SECRET, config.RESEND_WEBHOOK_SECRET, config.METRICS_TOKEN, config.trustProxy]).toEqual([undefined, undefined, undefined, false]);
  });

  it('reads TRUST_PROXY as Express does, and refuses what would trust any client', () => {
    const base = { DATABASE_URL: 'postgres://x/y' };
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).trustProxy).toBe('loopback,10.0.0.0/8,fd00::/8');
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY[\s\S]*10\.0\.0\.0\/33/);
  });

  it("signs the owner's task links with their own secret, else one derived from the API key, else none", () => {
    const base = { DATABASE_URL: 'postgres://x/y' };
    expect(loadConfig(base).ownerLinks).toBeNull();
    expect(loadConfig({ ...base, DUNWELL_API_KEY: 'k'.repeat(32) }).ownerLinks).toEqual({ secret: deriveOwnerLinkSecret('k'.repeat(32)), days: 14 });
    expect(loadConfig({ ...base, DUNWELL_API_KEY: 'k'.repeat(32), OWNER_LINK_SECRET: 's'.repeat(32), OWNER_LINK_DAYS: '7' }).ownerLinks).toEqual({ secret: 's'.repeat(32), days: 7 });
    expect(() => loadConfig({ ...base, OWNER_LINK_SECRET: 'short' })).toThrow(/OWNER_LINK_SECRET/);
    expect(() => loadConfig({ ...base, OWNER_LINK_DAYS: '0' })).toThrow(/OWNER_LINK_DAYS/);
  });

  it('names each bad variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', PORT: 'eighty', DUNWELL_API_KEY: 'short' })).toThrow(/PORT[\s\S]*DUNWELL_API_KEY/);
  });

  it('has working defaults for development', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://x/y' });
    expect(config).toMatchObject({ PORT: 3000, TEMPORAL_ADDRESS: '127.0.0.1:7233', TEMPORAL_TASK_QUEUE: 'invoices', EMAIL_RATE_PER_SECOND: 5, publicUrl: 'http://localhost:3000', apiDocs: true, RATE_LIMIT_OWNER_PER_MINUTE: 6000, RATE_LIMIT_PUBLIC_PER_MINUTE: 120, RATE_LIMIT_WEBHOOKS_PER_MINUTE: 6000 });
  });
});
