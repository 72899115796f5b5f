// The real worker process (worker/main.ts) as a child: the bench reads its memory, and a test can
// SIGKILL it as the kernel's OOM killer or a lost machine would (no shutdown hook, no grace time).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort } from './services';

const ROOT = path.resolve(__dirname, '..');
const live = new Set<ChildProcess>();
// A failed or interrupted test must not leave workers polling the shared dev server.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface WorkerProcess {
  pid: number;
  logFile: string;
  /** Resolves with the signal or code the process ended with. */
  exited: Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<string>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** WORKER_METRICS_PORT: the worker also takes the next port for the SDK's exporter. */
export async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port < 65_535 && (await portIsFree(port + 1))) return port;
  }
}

/**
 * Starts `node --import tsx worker/main.ts` (not the tsx CLI, which would put a second process in
 * between and leave the real worker running after a SIGKILL) and waits for its "worker running"
 * line. Its output goes to `logFile`, appended, so the lives of all workers in a test read in order.
 */
export async function startWorkerProcess(opts: { env: Record<string, string>; logFile: string; readyTimeoutMs?: number }): Promise<WorkerProcess> {
  const startAt = fs.existsSync(opts.logFile) ? fs.statSync(opts.logFile).size : 0;
  const out = fs.openSync(opts.logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: ROOT,
    // Only what the worker is configured by: nothing of the test runner's environment leaks in.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test', ...opts.env },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  live.add(child);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve(signal ?? `exit ${code}`);
    });
  });
  const ended = { value: null as string | null };
  void exited.then((how) => (ended.value = how));

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 120_000);
  for (;;) {
    const log = fs.readFileSync(opts.logFile, 'utf8').slice(startAt);
    if (log.includes('"msg":"worker running"')) break;
    if (ended.value) throw new Error(`worker ${child.pid} ended (${ended.value}) before it ran; see ${opts.logFile}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`worker ${child.pid} not running after ${opts.readyTimeoutMs ?? 120_000} ms; see ${opts.logFile}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: child.pid!,
    logFile: opts.logFile,
    exited,
    kill: (signal = 'SIGKILL') => {
      if (ended.value === null) child.kill(signal);
      return exited;
    },
  };
}
