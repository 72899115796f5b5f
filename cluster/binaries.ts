// Builds the Temporal server, temporal-sql-tool and the Web UI server from their Go modules, once
// per version, into a cache outside the checkout (a second clone reuses them). The server's
// PostgreSQL schemas are copied beside its binary from the same module.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLUSTER_VERSIONS } from './versions';

export interface ClusterBinaries {
  server: string;
  sqlTool: string;
  uiServer: string;
  /** schema/postgresql/v12 of the server's module: temporal/ and visibility/ with versioned/ under each. */
  schemaDir: string;
}

export function cacheDir(): string {
  return process.env.DUNWELL_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'dunwell');
}

const log = (line: string) => process.stderr.write(`[cluster] ${line}\n`);

function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: CLUSTER_VERSIONS.goToolchain, GOFLAGS: '-buildvcs=false' };
}

function go(args: string[], env: NodeJS.ProcessEnv, logFile: string, cwd = os.tmpdir()): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    const child = spawn('go', args, { env, cwd, stdio: ['ignore', out, out] });
    child.on('error', (err) => reject(new Error(`cannot run 'go' (${err.message}): the cluster's Temporal server is built from its Go module; install Go`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go ${args.join(' ')} failed (exit ${code}); see ${logFile}`))));
  });
}

/** Holds a lock folder while `build` runs, so two processes never build into the same place (also used by tests/support/mustang.ts). */
export async function locked<T>(lockDir: string, build: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      // A lock older than the longest build belongs to a process that died mid-build.
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 30 * 60_000) fs.rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited 30 minutes for ${lockDir}; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await build();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** `go install module/cmd@version` for each command into `dir`, as `names`; nothing if all are there. */
async function installOnce(dir: string, installs: { pkg: string; name: string }[], extra?: (staging: string) => void): Promise<void> {
  if (installs.every((i) => fs.existsSync(path.join(dir, i.name)))) return;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  await locked(`${dir}.lock`, async () => {
    if (installs.every((i) => fs.existsSync(path.join(dir, i.name)))) return;
    const staging = `${dir}.building`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    const logFile = `${dir}.build.log`;
    for (const { pkg, name } of installs) {
      const bin = path.join(staging, 'bin');
      log(`building ${pkg} (first time only, some minutes on 2 cores; log: ${logFile})…`);
      const started = Date.now();
      await go(['install', pkg], { ...goEnv(), GOBIN: bin }, logFile);
      const built = fs.readdirSync(bin);
      fs.renameSync(path.join(bin, built[0]), path.join(staging, name));
      fs.rmSync(bin, { recursive: true });
      log(`built ${name} in ${Math.round((Date.now() - started) / 1000)} s`);
    }
    extra?.(staging);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
  });
}

const UI_BUILD = path.resolve(__dirname, '..', 'tools', 'temporal-ui-build');

/** The UI server is built inside tools/temporal-ui-build, whose go.mod pins it and two of its dependencies. */
async function buildUiOnce(dir: string): Promise<void> {
  const required = /github\.com\/temporalio\/ui-server\/v2 v(\S+)/.exec(fs.readFileSync(path.join(UI_BUILD, 'go.mod'), 'utf8'))?.[1];
  if (required !== CLUSTER_VERSIONS.uiServer) throw new Error(`tools/temporal-ui-build/go.mod requires ui-server ${required}, cluster/versions.ts says ${CLUSTER_VERSIONS.uiServer}: make them agree`);
  const target = path.join(dir, 'temporal-ui-server');
  if (fs.existsSync(target)) return;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  await locked(`${dir}.lock`, async () => {
    if (fs.existsSync(target)) return;
    const staging = `${dir}.building`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    log(`building the Temporal UI server ${CLUSTER_VERSIONS.uiServer} (first time only; log: ${dir}.build.log)…`);
    await go(['build', '-mod=mod', '-o', path.join(staging, 'temporal-ui-server'), 'github.com/temporalio/ui-server/v2/cmd/server'], goEnv(), `${dir}.build.log`, UI_BUILD);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
  });
}

function moduleDir(module: string, version: string): string {
  const result = spawnSync('go', ['mod', 'download', '-json', `${module}@${version}`], { env: goEnv(), cwd: os.tmpdir(), encoding: 'utf8' });
  const dir = result.status === 0 ? (JSON.parse(result.stdout) as { Dir?: string }).Dir : undefined;
  if (!dir) throw new Error(`go mod download ${module}@${version} failed: ${result.stderr || result.stdout}`);
  return dir;
}

export async function ensureClusterBinaries(): Promise<ClusterBinaries> {
  const { temporalServer, uiServer } = CLUSTER_VERSIONS;
  const serverDir = path.join(cacheDir(), `temporal-server-${temporalServer}`);
  const uiDir = path.join(cacheDir(), `temporal-ui-server-${uiServer}`);
  await installOnce(serverDir, [
    { pkg: `go.temporal.io/server/cmd/server@v${temporalServer}`, name: 'temporal-server' },
    { pkg: `go.temporal.io/server/cmd/tools/sql@v${temporalServer}`, name: 'temporal-sql-tool' },
  ], (staging) => {
    const source = path.join(moduleDir('go.temporal.io/server', `v${temporalServer}`), 'schema', 'postgresql', 'v12');
    fs.cpSync(source, path.join(staging, 'schema'), { recursive: true });
    // Module files are read-only; the copy must stay removable.
    spawnSync('chmod', ['-R', 'u+w', path.join(staging, 'schema')]);
  });
  await buildUiOnce(uiDir);
  return {
    server: path.join(serverDir, 'temporal-server'),
    sqlTool: path.join(serverDir, 'temporal-sql-tool'),
    uiServer: path.join(uiDir, 'temporal-ui-server'),
    schemaDir: path.join(serverDir, 'schema'),
  };
}
