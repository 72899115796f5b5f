// The tests' outside judge of e-invoices: the Mustang validator (org.mustangproject:Mustang-CLI),
// which checks CII, XRechnung, UBL and Factur-X/ZUGFeRD PDFs against the XML schemas and the
// EN 16931 Schematron rules. Fetched with Maven once per version into a cache outside the checkout.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDir, locked } from '../../cluster/binaries';
import { JVM_OPTIONS, javaCommand, validateInResident } from './mustang-resident';

const TOOL_DIR = path.resolve(__dirname, '../../tools/mustang');
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/mustang');

export interface EInvoiceVerdict {
  valid: boolean;
  /** The text of each error (and fatal/exception) message, e.g. "[BR-CO-15]-Invoice total amount with VAT …". */
  errors: string[];
  /** Mustang's XML report as it printed it. */
  report: string;
}

/** The version pinned in tools/mustang/pom.xml, the one place it is written. */
export function mustangVersion(): string {
  const pom = fs.readFileSync(path.join(TOOL_DIR, 'pom.xml'), 'utf8');
  const version = /<mustang\.version>([^<]+)<\/mustang\.version>/.exec(pom)?.[1];
  if (!version) throw new Error('tools/mustang/pom.xml has no <mustang.version>');
  return version;
}

function run(cmd: string, args: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'w');
    // Maven takes its home (and ~/.m2) from the password file; follow $HOME like the cache folder does.
    const env = { ...process.env, MAVEN_OPTS: `${process.env.MAVEN_OPTS ?? ''} -Duser.home=${os.homedir()}`.trim() };
    const child = spawn(cmd, args, { cwd: TOOL_DIR, env, stdio: ['ignore', out, out] });
    child.on('error', (err) => reject(new Error(`cannot run '${cmd}' (${err.message}): Mustang is fetched with Maven; install Maven and a Java runtime`)));
    child.on('exit', (code) => {
      fs.closeSync(out);
      if (code === 0) return resolve();
      const tail = fs.readFileSync(logFile, 'utf8').slice(-3000);
      reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code}); see ${logFile}:\n${tail}`));
    });
  });
}

async function fetchOnce(dir: string, jar: string, version: string): Promise<void> {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  await locked(`${dir}.lock`, async () => {
    if (fs.existsSync(jar)) return;
    const staging = `${dir}.fetching`;
    fs.rmSync(staging, { recursive: true, force: true });
    process.stderr.write(`[mustang] fetching Mustang-CLI ${version} with Maven (first time only, about 60 MB)…\n`);
    // -B: never prompt (CI has no input); Maven's own cache (~/.m2) is reused across clones.
    await run('mvn', ['-B', '-q', '-f', path.join(TOOL_DIR, 'pom.xml'), 'dependency:copy', `-Dmustang.dir=${staging}`], `${dir}.fetch.log`);
    if (!fs.existsSync(path.join(staging, path.basename(jar)))) throw new Error(`Maven finished but ${path.basename(jar)} is not in ${staging}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
  });
}

let provisioning: Promise<string> | undefined;

/** Fetches the Mustang CLI jar if this machine has none of the pinned version; returns its path. */
export function ensureMustang(): Promise<string> {
  provisioning ??= (async () => {
    const version = mustangVersion();
    const dir = path.join(cacheDir(), `mustang-${version}`);
    const jar = path.join(dir, `Mustang-CLI-${version}.jar`);
    if (!fs.existsSync(jar)) await fetchOnce(dir, jar, version);
    return jar;
  })();
  // A failed fetch may be retried by the next caller.
  provisioning.catch(() => (provisioning = undefined));
  return provisioning;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/**
 * Reads Mustang's report: the last <summary status> is the whole file's verdict (PDF and XML parts
 * have their own). A Java stack trace stays in the report, out of the error's text.
 */
export function parseMustangReport(report: string): Omit<EInvoiceVerdict, 'report'> {
  const statuses = [...report.matchAll(/<summary\s+status="([^"]*)"/g)].map((m) => m[1]);
  const errors = [...report.matchAll(/<(error|fatal|exception)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => decodeXml(m[2].replace(/<stacktrace>[\s\S]*?<\/stacktrace>/g, '')).trim());
  return { valid: statuses.at(-1) === 'valid', errors };
}

/** A Buffer is written to a scratch file named `name` (Mustang tells PDF from XML by content, the name is for the report). */
function sourceFile(file: string | Buffer, name: string | undefined): { path: string; name: string; cleanup: () => void } {
  if (typeof file === 'string') return { path: path.resolve(file), name: name ?? path.basename(file), cleanup: () => {} };
  const fallback = file.subarray(0, 5).toString('latin1') === '%PDF-' ? 'invoice.pdf' : 'invoice.xml';
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dunwell-mustang-'));
  const target = path.join(scratch, path.basename(name ?? fallback));
  fs.writeFileSync(target, file);
  return { path: target, name: path.basename(target), cleanup: () => fs.rmSync(scratch, { recursive: true, force: true }) };
}

/** Keeps the report of a rejected invoice where a person can read it after the run. */
function keepReport(name: string, report: string): void {
  const base = path.basename(name, path.extname(name)).replace(/[^\w.-]+/g, '_');
  try {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, `${base}.mustang.xml`), report);
  } catch (err) {
    // A checkout we may not write to still gets its verdict; the report is in the result too.
    process.stderr.write(`[mustang] could not keep the report of ${name}: ${(err as Error).message}\n`);
  }
}

async function judge(file: string | Buffer, name: string | undefined, validate: (jar: string, file: string) => Promise<string>): Promise<EInvoiceVerdict> {
  const jar = await ensureMustang();
  const source = sourceFile(file, name);
  try {
    const report = await validate(jar, source.path);
    const verdict = { ...parseMustangReport(report), report };
    if (!verdict.valid) keepReport(source.name, report);
    return verdict;
  } finally {
    source.cleanup();
  }
}

/**
 * Validates an e-invoice (CII/XRechnung/UBL XML or a Factur-X/ZUGFeRD PDF) as Mustang's
 * `--action validate --no-notices` does, in a JVM kept for this test process (about 0.5 s a file
 * once warm). A rejected invoice's report is also written to test-artifacts/mustang/.
 */
export function validateEInvoice(file: string | Buffer, name?: string): Promise<EInvoiceVerdict> {
  return judge(file, name, async (jar, source) => (await validateInResident(jar, source)).report);
}

/** The same judgement through the CLI itself, one JVM per call (about 7 s): the reference the resident JVM must agree with. */
export function validateEInvoiceWithCli(file: string | Buffer, name?: string): Promise<EInvoiceVerdict> {
  return judge(file, name, (jar, source) => new Promise((resolve, reject) => {
    const child = spawn(javaCommand(), [...JVM_OPTIONS, '-jar', jar, '--action', 'validate', '--no-notices', '--source', source], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-8000)));
    child.on('error', (err) => reject(new Error(`cannot run '${javaCommand()}' for Mustang (${err.message})`)));
    // The CLI exits non-zero for an invalid invoice; only a missing report is a failure of the judge.
    child.on('close', (code) => {
      const start = stdout.indexOf('<?xml');
      if (start >= 0 && stdout.includes('</validation>')) resolve(stdout.slice(start).trim());
      else reject(new Error(`Mustang CLI printed no report (exit ${code}):\n${stderr}`));
    });
  }));
}
