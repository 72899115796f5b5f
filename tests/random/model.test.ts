// Model-based random testing of the whole product: random sequences of operations through the
// real HTTP API, signed webhooks and the client's pages, with time skips and kill -9 of the
// worker, checked after every step against a small reference model (model.ts, check.ts).
// In CI: at least 300 operations, a random seed printed at the start. Longer or replayed runs:
// `npm run test:random -- --ops 20000 --seed N` (scripts/random-test.ts sets the RANDOM_* env).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { optionsFromEnv, runRandom } from './runner';
import { startSystem, type System } from './system';

const log = (line: string) => process.stdout.write(`${line}\n`);
const options = optionsFromEnv(log);
let sys: System;

beforeAll(async () => {
  sys = await startSystem();
}, 300_000);

afterAll(async () => {
  await sys?.stop();
});

// About 0.5 s an operation on 2 cores, a worker restart a few seconds, plus the shrink budget.
const timeout = options.ops * 1_500 + options.shrinkBudgetMs + 120_000;

it(`random operations keep the API, the workflow, the row, the ledger and the model in agreement (seed ${options.seed})`, async () => {
  log(`random tester: seed ${options.seed}, ${options.ops} operations, up to ${options.maxOpsPerRun} a run, kills ${options.kills ? 'on' : 'off'}${options.skip.size ? `, skipping ${[...options.skip].join(',')}` : ''}${options.path ? `, replaying path ${options.path}` : ''}`);
  const result = await runRandom(sys, options);
  log(`random tester: ${result.executed} operations in ${result.runs} runs, ${Math.round(result.ms / 1000)} s, ${sys.workerLives - 1} worker kills survived`);
  if (result.failure) log(result.failure);
  expect(result.failure).toBeNull();
}, timeout);
