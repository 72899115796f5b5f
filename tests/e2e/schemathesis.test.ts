// schemathesis (from PyPI) fuzzes the API from /openapi.json with the API key: no server errors,
// no response outside the spec, no invalid input accepted. Every phase runs: the spec's examples,
// its coverage of edge values and negative data (wrong types, missing fields, NUL and other
// strings PostgreSQL cannot keep), random fuzzing, and stateful sequences that follow the spec's
// links (create an invoice, then pay, pause, promise, void, decide…). A fixed seed keeps runs
// repeatable; a time budget bounds it in CI.
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_API_KEY } from '../support/api';
import { useE2E } from '../support/e2e';
import { ISSUER } from '../support/fixtures';

const ctx = useE2E();

beforeAll(async () => {
  expect((await ctx.api.call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

/** The run's time budget: fuzzing and stateful sequences repeat until it is spent. */
const SECONDS = Number(process.env.SCHEMATHESIS_SECONDS ?? 120);

describe('API fuzzing', () => {
  it('finds no failure in any operation', async () => {
    const st = process.env.SCHEMATHESIS_PATH;
    if (!st) throw new Error('schemathesis is not installed; "npm test" installs it into .tools/venv');
    const args = ['run', `${ctx.api.url}/openapi.json`, '-H', `Authorization: Bearer ${TEST_API_KEY}`, '-n', '30', '--seed', '20261201',
      '--phases', 'examples,coverage,fuzzing,stateful', '--mode', 'all', '--generation-allow-x00', 'true', '--max-time', String(SECONDS),
      '--checks', 'all', '--exclude-checks', 'positive_data_acceptance', '--continue-on-failure', '--no-color'];
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(st, args, { env: { ...process.env, SCHEMATHESIS_HOOKS: '' } });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('exit', (c) => resolve({ code: c, output }));
    });
    const summary = output.slice(output.indexOf('SUMMARY'));
    expect(summary).toMatch(/Tested: \d+/);
    console.log(`[schemathesis] ${summary.split('\n').filter((l) => /Tested|Test cases|API Operations|Phases|Stateful|passed|failed/i.test(l)).join(' | ')}`);
    expect(code, summary).toBe(0);
  }, (SECONDS + 240) * 1000);
});
