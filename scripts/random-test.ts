// `npm run test:random -- --ops 20000 --seed N [--path P] [--no-kills] [--no-hostile] [--skip kind,kind]
//  [--max-ops-per-run 40] [--shrink-seconds 90]`: the random tester of tests/random/ run long or
// replayed. It runs the same vitest file as CI (so the same servers start the same way), passing
// the options as RANDOM_* environment variables through `npm test`'s bootstrap (which also finds
// the Temporal test server binary).
import { spawn } from 'node:child_process';
import path from 'node:path';

const FLAGS: Record<string, string> = {
  '--ops': 'RANDOM_OPS', '--seed': 'RANDOM_SEED', '--path': 'RANDOM_PATH', '--skip': 'RANDOM_SKIP',
  '--max-ops-per-run': 'RANDOM_MAX_OPS_PER_RUN', '--shrink-seconds': 'RANDOM_SHRINK_SECONDS', '--check-timeout-ms': 'RANDOM_CHECK_TIMEOUT_MS',
};

const env: NodeJS.ProcessEnv = { ...process.env };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--no-kills') env.RANDOM_KILLS = '0';
  else if (args[i] === '--no-hostile') env.RANDOM_HOSTILE = '0';
  else if (FLAGS[args[i]] && args[i + 1] !== undefined) env[FLAGS[args[i]]] = args[++i];
  else {
    process.stderr.write(`unknown option ${args[i]}; options: ${Object.keys(FLAGS).join(' ')} --no-kills --no-hostile\n`);
    process.exit(2);
  }
}
const root = path.resolve(__dirname, '..');
const child = spawn(process.execPath, [path.join(root, 'scripts/bootstrap.cjs'), 'test', 'tests/random/model.test.ts'], { cwd: root, env, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
