// schemathesis (from PyPI) fuzzes the API from /openapi.json with the API key: no server errors,
// no response outside the spec, no invalid input accepted. A fixed seed keeps runs repeatable.
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_API_KEY } from '../support/api';
import { useE2E } from '../support/e2e';
import { ISSUER } from '../support/fixtures';

const ctx = useE2E();

beforeAll(async () => {
  expect((await ctx.api.call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

describe('API fuzzing', () => {
  it('finds no failure in any operation', async () => {
    const st = process.env.SCHEMATHESIS_PATH;
    if (!st) throw new Error('schemathesis is not installed; "npm test" installs it into .tools/venv');
    const args = ['run', `${ctx.api.url}/openapi.json`, '-H', `Authorization: Bearer ${TEST_API_KEY}`, '-n', '10', '--seed', '20261128',
      '--checks', 'all', '--exclude-checks', 'positive_data_acceptance', '--no-color'];
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(st, args, { env: { ...process.env, SCHEMATHESIS_HOOKS: '' } });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('exit', (c) => resolve({ code: c, output }));
    });
    const summary = output.slice(output.indexOf('SUMMARY'));
    expect(summary).toMatch(/Tested: \d+/);
    expect(code, summary).toBe(0);
  }, 240_000);
});
