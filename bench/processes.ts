// The API and the worker as the separate processes they are in production, so the benchmark
// measures what a deployment gets (and the worker's memory is its own, readable from /proc).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startWorkerProcess } from '../scripts/worker-process';
import { rssMb } from './proc';

const root = path.resolve(__dirname, '..');

export interface BenchProcess {
  pid: number;
  /** Resident memory in MB, as the kernel counts it. */
  rssMb(): number;
  stop(): Promise<void>;
}

function startNode(entry: string, env: Record<string, string>, logFile: string): ChildProcess {
  const out = fs.openSync(logFile, 'a');
  // `node --import tsx` rather than the tsx CLI: one process, so its pid is the one doing the work.
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  process.once('exit', () => child.kill('SIGKILL'));
  return child;
}

function wrap(child: ChildProcess): BenchProcess {
  return {
    pid: child.pid!,
    rssMb: () => rssMb(child.pid!),
    stop: () =>
      new Promise((resolve) => {
        // Ended already, by itself or by a signal (a kill -9 leaves exitCode null): nothing to wait for.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

async function until(check: () => Promise<boolean>, what: string, child: ChildProcess, logFile: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} ended (${child.exitCode ?? child.signalCode}); see ${logFile}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} not ready in ${timeoutMs / 1000} s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The worker through the same launcher the kill -9 test uses, plus its resident memory. */
export async function startBenchWorker(env: Record<string, string>, logFile: string): Promise<BenchProcess> {
  const worker = await startWorkerProcess({ env, logFile });
  return {
    pid: worker.pid,
    rssMb: () => rssMb(worker.pid),
    stop: async () => {
      const forced = setTimeout(() => void worker.kill('SIGKILL'), 15_000);
      await worker.kill('SIGTERM');
      clearTimeout(forced);
    },
  };
}

export async function startApiProcess(env: Record<string, string>, logFile: string): Promise<BenchProcess> {
  const child = startNode('api/main.ts', env, logFile);
  await until(async () => (await fetch(`http://127.0.0.1:${env.PORT}/healthz`)).ok, 'API', child, logFile);
  return wrap(child);
}
