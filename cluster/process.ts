// One process of the cluster under a supervisor, as systemd or Kubernetes would keep it: started,
// watched until ready, restarted when it dies (kill -9 included), restarted on purpose (rolling),
// stopped with SIGTERM and a grace time. Its output is appended to its own log file.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
  /** Polled until true after each start; `logFrom` is where this start's output begins in the log. */
  ready: (logFrom: number) => Promise<boolean>;
  readyTimeoutMs?: number;
  /** A graceful stop that takes longer is ended with SIGKILL. */
  graceMs?: number;
}

export interface Supervised {
  readonly name: string;
  readonly logFile: string;
  /** Starts after the first: each restart, planned or not. */
  readonly restarts: number;
  pid(): number | undefined;
  /** Resolves when the current (or next) start is ready. */
  ready(): Promise<void>;
  /** SIGKILL, no grace: the supervisor brings it back after its restart delay. Resolves when ready again. */
  crash(): Promise<void>;
  /** SIGTERM, then a fresh start: one step of a rolling restart. Resolves when ready again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
// However the starting process ends, nothing it started keeps running.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

const RESTART_DELAY_MS = 1000;

// Where util-linux's setpriv is there, each child also gets SIGKILL from the kernel when the
// process that started it dies, even by SIGKILL itself: no cluster is left behind a killed test.
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
const command = (spec: ProcessSpec): [string, string[]] => (SETPRIV ? [SETPRIV, ['--pdeathsig', 'SIGKILL', '--', spec.command, ...spec.args]] : [spec.command, spec.args]);

export async function supervise(spec: ProcessSpec): Promise<Supervised> {
  let child: ChildProcess | undefined;
  let stopped = false;
  let restarts = 0;
  let readyNow: Promise<void> = Promise.resolve();

  /** The last lines of the log, for an error that outlives the log's folder. */
  const tail = () => fs.readFileSync(spec.logFile, 'utf8').trimEnd().split('\n').slice(-5).map((l) => `    ${l.slice(0, 400)}`).join('\n');
  const ended = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
  // While a start is not yet ready, a crash is restarted under the same deadline, as an
  // orchestrator retries a failing start until its patience runs out.
  let pendingDeadline: number | null = null;

  const waitReady = async (started: ChildProcess, logFrom: number, deadline: number): Promise<void> => {
    for (;;) {
      if (ended(started)) {
        if (Date.now() > deadline || stopped) throw new Error(`${spec.name} kept ending before it was ready; the end of ${spec.logFile}:\n${tail()}`);
        while (child === started && !stopped) await new Promise((r) => setTimeout(r, 100));
        return readyNow;
      }
      if (await spec.ready(logFrom).catch(() => false)) {
        pendingDeadline = null;
        return;
      }
      if (Date.now() > deadline) throw new Error(`${spec.name} not ready after ${spec.readyTimeoutMs ?? 120_000} ms; the end of ${spec.logFile}:\n${tail()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  const start = () => {
    const out = fs.openSync(spec.logFile, 'a');
    fs.writeSync(out, `--- ${new Date().toISOString()} ${spec.name} starting\n`);
    const logFrom = fs.fstatSync(out).size;
    const [cmd, args] = command(spec);
    const started = spawn(cmd, args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    live.add(started);
    child = started;
    started.once('exit', () => {
      live.delete(started);
      // Died on its own (or by kill -9): back after a moment, unless stopping or replaced.
      if (!stopped && child === started) {
        restarts += 1;
        setTimeout(() => {
          if (!stopped && child === started) start();
        }, RESTART_DELAY_MS);
      }
    });
    pendingDeadline ??= Date.now() + (spec.readyTimeoutMs ?? 120_000);
    readyNow = waitReady(started, logFrom, pendingDeadline);
    readyNow.catch(() => {});
  };

  const terminate = (target: ChildProcess, signal: NodeJS.Signals) => new Promise<void>((resolve) => {
    if (target.exitCode !== null || target.signalCode !== null) return resolve();
    const kill = setTimeout(() => target.kill('SIGKILL'), spec.graceMs ?? 15_000);
    target.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    target.kill(signal);
  });

  start();
  await readyNow;
  return {
    name: spec.name,
    logFile: spec.logFile,
    get restarts() {
      return restarts;
    },
    pid: () => child?.pid,
    ready: async () => {
      // After a crash the new start is a moment away.
      while (!stopped && (child?.exitCode !== null || child?.signalCode !== null)) await new Promise((r) => setTimeout(r, 100));
      await readyNow;
    },
    async crash() {
      const target = child!;
      await terminate(target, 'SIGKILL');
      await new Promise((r) => setTimeout(r, RESTART_DELAY_MS + 50));
      while (child === target) await new Promise((r) => setTimeout(r, 100));
      await readyNow;
    },
    async restart() {
      const target = child!;
      child = undefined;
      await terminate(target, 'SIGTERM');
      restarts += 1;
      start();
      await readyNow;
    },
    async stop() {
      stopped = true;
      if (child) await terminate(child, 'SIGTERM');
    },
  };
}
