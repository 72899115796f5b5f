// fast-check drives the operations: seeded, so a failure replays from its seed and path, and
// shrunk, so the report shows the shortest sequence that still fails. Each property run starts
// a fresh model and fresh invoices on the same servers. Shrinking replays against real servers,
// which is slow, so it has a time budget: past it, candidates count as passing and the smallest
// failure found so far is reported.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { checkInvoice, emailWatch } from './check';
import { type Ctx } from './context';
import { execLife } from './exec-life';
import { execMoney } from './exec-money';
import { retire } from './retire';
import { clientWorkflowId } from '../../activities/client-reminders';
import { createArbitrary, opArbitrary, show, type Op } from './ops';
import type { System } from './system';

export interface RandomOptions {
  seed: number;
  /** Operations to execute in all before the runs stop (shrinking comes on top). */
  ops: number;
  maxOpsPerRun: number;
  kills: boolean;
  /** Operation kinds left out (e.g. to look past a divergence already found). */
  skip: Set<string>;
  shrinkBudgetMs: number;
  checkTimeoutMs: number;
  /** fast-check's replay path of a reported failure. */
  path?: string;
  log: (line: string) => void;
}

export interface RandomResult { executed: number; runs: number; ms: number; failure: string | null }

async function exec(ctx: Ctx, op: Op): Promise<void> {
  if (op.k === 'kill') {
    // kill -9 while an operation is in flight (or between two); the sender retries a 503.
    const during = op.during?.k === 'pay' && op.during.via === 'manual' ? { ...op.during, via: 'stripe' as const } : op.during;
    ctx.outage = true;
    try {
      const inFlight = during ? exec(ctx, during) : Promise.resolve();
      const caught = inFlight.catch((err) => err);
      await new Promise((r) => setTimeout(r, op.delayMs));
      await ctx.sys.killWorker();
      await ctx.sys.restartWorker();
      const err = await caught;
      if (err) throw err;
    } finally {
      ctx.outage = false;
    }
    return;
  }
  if (op.k === 'pay' || op.k === 'redeliver' || op.k === 'refund' || op.k === 'dispute' || op.k === 'pending' || op.k === 'settlePending') return execMoney(ctx, op);
  return execLife(ctx, op);
}

async function runSequence(sys: System, ops: Op[], opts: RandomOptions, counter: { executed: number }): Promise<void> {
  const ctx: Ctx = { sys, run: randomBytes(4).toString('hex'), invoices: [], events: [], outage: false, created: 0, touched: new Set() };
  for (const [i, op] of ops.entries()) {
    const verify = emailWatch(ctx);
    ctx.touched.clear();
    try {
      if (process.env.RANDOM_VERBOSE) opts.log(`    ${ctx.run} ${i + 1}. ${show(op)}`);
      await exec(ctx, op);
      // A worker just restarted replays its workflows first: give the views longer to agree.
      const timeoutMs = op.k === 'kill' ? Math.max(opts.checkTimeoutMs, 30_000) : opts.checkTimeoutMs;
      const everything = op.k === 'skip' || op.k === 'kill' || op.k === 'redeliver';
      for (const m of everything ? ctx.invoices : [...ctx.touched]) await checkInvoice(ctx, m, { timeoutMs });
      verify();
    } catch (err) {
      throw Object.assign(new Error(`step ${i + 1}/${ops.length} ${show(op)}\n  ${(err as Error).message}`, { cause: err }), { step: i + 1 });
    }
    counter.executed += 1;
    // A long run shows how far it got, so a run stopped early still says what it checked.
    if (counter.executed % 250 === 0) opts.log(`  [progress] ${counter.executed} operations checked, no divergence`);
  }
  // The invoices' workflows, and their clients' (which gather reminders) once they exist.
  await retire(sys, ctx.invoices.flatMap((m) => (m.workflowId ? [m.workflowId, clientWorkflowId(m.email, sys.workflowIdPrefix)] : [])));
}

export async function runRandom(sys: System, opts: RandomOptions): Promise<RandomResult> {
  const started = Date.now();
  const counter = { executed: 0 };
  let runs = 0;
  let shrinkDeadline = Infinity;
  const property = fc.asyncProperty(
    // Every run starts by issuing an invoice, so that its first operations have one to act on.
    fc.tuple(createArbitrary, fc.array(opArbitrary(opts.skip, opts.kills), { maxLength: opts.maxOpsPerRun - 1, size: 'max' })).map(([first, rest]) => [first, ...rest]),
    async (ops) => {
      if (Date.now() > shrinkDeadline) return true;
      if (shrinkDeadline === Infinity && counter.executed >= opts.ops) return true;
      runs += 1;
      try {
        await runSequence(sys, ops, opts, counter);
      } catch (err) {
        if (shrinkDeadline === Infinity) shrinkDeadline = Date.now() + opts.shrinkBudgetMs;
        opts.log(`  [${Math.round((Date.now() - started) / 1000)}s] failing run of ${ops.length} ops: ${(err as Error).message.split('\n').slice(0, 2).join(' | ')}`);
        throw err;
      }
      return true;
    },
  );
  const details = await fc.check(property, {
    seed: opts.seed,
    numRuns: opts.path ? 1 : Math.max(1, Math.ceil(opts.ops / 2)),
    ...(opts.path ? { path: opts.path } : {}),
    endOnFailure: false,
  });
  const ms = Date.now() - started;
  if (!details.failed) return { executed: counter.executed, runs, ms, failure: null };
  const error = details.errorInstance as (Error & { step?: number }) | undefined;
  // What follows the failing step played no part: the report stops there.
  const shrunk = ((details.counterexample?.[0] ?? []) as Op[]).slice(0, error?.step);
  const replay = `npm run test:random -- --seed ${opts.seed} --path "${details.counterexamplePath}" --max-ops-per-run ${opts.maxOpsPerRun}${opts.kills ? '' : ' --no-kills'}${process.env.RANDOM_HOSTILE === '0' ? ' --no-hostile' : ''}${opts.skip.size ? ` --skip ${[...opts.skip].join(',')}` : ''}`;
  const failure = [
    `RANDOM TESTER FOUND A DIVERGENCE (seed ${opts.seed}, path ${details.counterexamplePath}, shrunk ${details.numShrinks} times)`,
    `replay: ${replay}`,
    `shrunk sequence (${shrunk.length} operations):`,
    ...shrunk.map((op, i) => `  ${i + 1}. ${show(op)}`),
    `failure: ${error?.message ?? String(details.errorInstance)}`,
  ].join('\n');
  return { executed: counter.executed, runs, ms, failure };
}

export function optionsFromEnv(log: (line: string) => void): RandomOptions {
  const env = process.env;
  return {
    seed: env.RANDOM_SEED ? Number(env.RANDOM_SEED) : Math.floor(Math.random() * 2 ** 31),
    ops: Number(env.RANDOM_OPS ?? 300),
    maxOpsPerRun: Number(env.RANDOM_MAX_OPS_PER_RUN ?? 40),
    kills: env.RANDOM_KILLS !== '0',
    skip: new Set((env.RANDOM_SKIP ?? '').split(',').filter(Boolean)),
    shrinkBudgetMs: Number(env.RANDOM_SHRINK_SECONDS ?? 90) * 1000,
    checkTimeoutMs: Number(env.RANDOM_CHECK_TIMEOUT_MS ?? 15_000),
    path: env.RANDOM_PATH || undefined,
    log,
  };
}
