// One long-lived Mustang JVM per test process (tools/mustang/MustangResident.java): the CLI spends
// about 7 s compiling Schematron on every start, the resident JVM pays that once.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

const RESIDENT_SOURCE = path.resolve(__dirname, '../../tools/mustang/MustangResident.java');
// Generous: the first request compiles the stylesheets, on a machine that may be busy with other tests.
const REQUEST_TIMEOUT_MS = 5 * 60_000;

export interface ResidentAnswer {
  verdict: 'valid' | 'invalid';
  report: string;
}

interface Pending {
  resolve: (answer: ResidentAnswer) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

type Refable = { ref?: () => void; unref?: () => void };

export function javaCommand(): string {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** JVM options shared with the CLI runs: quiet logs (Mustang logs every rule at INFO) and a bounded heap. */
export const JVM_OPTIONS = ['-Xmx1g', '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn'];

class ResidentValidator {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private stdoutBuffer = '';
  private stderrTail = '';
  exited = false;

  constructor(jar: string) {
    this.child = spawn(javaCommand(), [...JVM_OPTIONS, '-cp', jar, RESIDENT_SOURCE], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.onStdout(chunk));
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-8000);
    });
    this.child.stdin.on('error', () => {}); // a dead JVM is reported by 'exit' below
    this.child.on('error', (err) => this.fail(new Error(`cannot run '${javaCommand()}' for Mustang (${err.message}); install a Java 11+ runtime or set JAVA_HOME`)));
    this.child.on('exit', (code, signal) => this.fail(new Error(`the Mustang JVM exited (${signal ?? code}) with requests pending; its last output:\n${this.stderrTail}`)));
    this.setHeld(false);
  }

  validate(file: string): Promise<ResidentAnswer> {
    if (this.exited) return Promise.reject(new Error('the Mustang JVM has exited'));
    const id = String(this.nextId++);
    return new Promise<ResidentAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new Error(`Mustang gave no answer for ${file} within ${REQUEST_TIMEOUT_MS / 1000} s; its last output:\n${this.stderrTail}`));
        this.child.kill('SIGKILL');
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      this.setHeld(true);
      this.child.stdin.write(`${id}\t${file}\n`);
    });
  }

  private onStdout(chunk: string): void {
    this.stdoutBuffer += chunk;
    let newline: number;
    while ((newline = this.stdoutBuffer.indexOf('\n')) >= 0) {
      const line = this.stdoutBuffer.slice(0, newline).trim();
      this.stdoutBuffer = this.stdoutBuffer.slice(newline + 1);
      const match = /^@@mustang (\S+) (valid|invalid|crash) (\S*)$/.exec(line);
      if (!match) continue; // Mustang's own prints
      const [, id, verdict, encoded] = match;
      const waiter = this.pending.get(id);
      if (!waiter) continue;
      this.pending.delete(id);
      clearTimeout(waiter.timer);
      const body = Buffer.from(encoded, 'base64').toString('utf8');
      if (verdict === 'crash') waiter.reject(new Error(`Mustang crashed while validating:\n${body}`));
      else waiter.resolve({ verdict: verdict as 'valid' | 'invalid', report: body });
    }
    this.setHeld(this.pending.size > 0);
  }

  private fail(err: Error): void {
    this.exited = true;
    for (const waiter of this.pending.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(err);
    }
    this.pending.clear();
  }

  /** An idle JVM must not keep the test process alive; it exits by itself when our end of stdin closes. */
  private setHeld(held: boolean): void {
    for (const handle of [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as Refable[]) {
      if (held) handle.ref?.();
      else handle.unref?.();
    }
  }
}

let resident: ResidentValidator | undefined;

/** Validates `file` (an absolute path) in this process's resident Mustang JVM, starting it if needed. */
export function validateInResident(jar: string, file: string): Promise<ResidentAnswer> {
  if (!resident || resident.exited) resident = new ResidentValidator(jar);
  return resident.validate(file);
}
