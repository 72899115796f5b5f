import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env';

describe('configuration', () => {
  it('refuses to run in production without an API key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' })).toThrow(/DUNWELL_API_KEY must be set/);
  });

  it('names each bad variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', PORT: 'eighty', DUNWELL_API_KEY: 'short' })).toThrow(/PORT[\s\S]*DUNWELL_API_KEY/);
  });

  it('has working defaults for development', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://x/y' });
    expect(config).toMatchObject({ PORT: 3000, TEMPORAL_ADDRESS: '127.0.0.1:7233', TEMPORAL_TASK_QUEUE: 'invoices', EMAIL_RATE_PER_SECOND: 2, publicUrl: 'http://localhost:3000' });
  });
});
