// docker-compose.yml, checked by the loader Docker Compose itself uses (compose-go, through
// tools/compose-check) since no Docker engine runs here: it loads with the required secrets, has
// production's topology (Temporal as four services on PostgreSQL, its schema and setup jobs, two
// API replicas behind a gateway, two workers), and is refused without DUNWELL_API_KEY or with a
// dangling depends_on. The checker is built once into the user's cache, outside the checkout.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INVOICE_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

const root = path.resolve(__dirname, '../..');
const toolDir = path.join(root, 'tools/compose-check');
const composeFile = path.join(root, 'docker-compose.yml');
const SECRETS = { DUNWELL_API_KEY: 'compose_check_api_key_0123456789', METRICS_TOKEN: 'compose_check_metrics_0123456789' };
const TEMPORAL_SERVICES = { 'temporal-frontend': 'frontend', 'temporal-history': 'history', 'temporal-matching': 'matching', 'temporal-worker': 'worker' };
const CLI_TYPE_NAMES: Record<string, string> = { KEYWORD: 'Keyword', INT: 'Int', DATETIME: 'Datetime', TEXT: 'Text', BOOL: 'Bool', DOUBLE: 'Double', KEYWORD_LIST: 'KeywordList' };

/** The checker's cache folder: compose-go's version and a digest of the sources, so an edit rebuilds. */
function checkerPath(): string {
  const sources = ['go.mod', 'go.sum', 'main.go'].map((f) => fs.readFileSync(path.join(toolDir, f)));
  const composeGo = /github\.com\/compose-spec\/compose-go\/v2 (v\S+)/.exec(sources[0].toString())?.[1];
  if (!composeGo) throw new Error('tools/compose-check/go.mod does not require compose-go/v2');
  const digest = crypto.createHash('sha256').update(Buffer.concat(sources)).digest('hex').slice(0, 12);
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'dunwell', `compose-check-${composeGo}-${digest}`, 'compose-check');
}

function buildChecker(): string {
  const bin = checkerPath();
  if (fs.existsSync(bin)) return bin;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new Error(`Go is needed to build tools/compose-check (go.mod asks for Go 1.26) and "go version" failed: ${go.error?.message ?? go.stderr}`);
  }
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  // Built beside its final name and renamed: a parallel run never sees half a binary.
  const partial = `${bin}.${process.pid}.partial`;
  // go.sum is committed: -mod=readonly fails on a missing checksum instead of editing the checkout.
  const build = spawnSync('go', ['build', '-mod=readonly', '-buildvcs=false', '-o', partial, '.'], { cwd: toolDir, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`go build in tools/compose-check failed (${build.error?.message ?? `exit ${build.status}`}):\n${build.stderr}`);
  fs.renameSync(partial, bin);
  return bin;
}

let checker: string;

/** The checker on `file` with only `env` (and PATH): nothing from this process or a .env leaks in. */
function check(file: string, env: Record<string, string>, ...args: string[]) {
  const run = spawnSync(checker, [...args, file], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', COMPOSE_DISABLE_ENV_FILE: '1', ...env },
  });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
  ports?: { published?: string; target?: number }[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition: string }>;
}

beforeAll(() => {
  checker = buildChecker();
}, 300_000);

describe('docker-compose.yml, as compose-go loads it', () => {
  it('loads with the required secrets and has the production topology', () => {
    const names = check(composeFile, SECRETS);
    expect(names.code, names.stderr).toBe(0);
    expect(names.stdout.trim().split('\n')).toContain('api-gateway');

    const run = check(composeFile, SECRETS, '-json');
    expect(run.code, run.stderr).toBe(0);
    const services = (JSON.parse(run.stdout) as { services: Record<string, Service> }).services;
    expect(Object.keys(services).sort()).toEqual([
      'api', 'api-gateway', 'migrate', 'postgres', 'temporal-frontend', 'temporal-history', 'temporal-matching',
      'temporal-schema', 'temporal-setup', 'temporal-ui', 'temporal-worker', 'worker',
    ]);
    expect(services.postgres.image).toBe('postgres:16');

    // Temporal on PostgreSQL, one server service per container, after its schema job.
    const schema = services['temporal-schema'];
    expect(schema.image).toBe('temporalio/admin-tools:1.32.2');
    // Both databases, each updated from its own versioned schema directory.
    const schemaScript = (schema.command ?? []).join('\n');
    expect(schemaScript).toContain('schemas=/etc/temporal/schema/postgresql/v12');
    expect(schemaScript).toContain('for pair in temporal:temporal temporal_visibility:visibility');
    for (const step of ['create-database', 'setup-schema -v 0.0', 'update-schema -d "$schemas/$dir/versioned"']) expect(schemaScript).toContain(step);
    expect(schema.environment?.SQL_PLUGIN).toBe('postgres12');
    const shards = new Set<string>();
    for (const [name, role] of Object.entries(TEMPORAL_SERVICES)) {
      const s = services[name];
      expect(s.image, name).toBe('temporalio/server:1.32.2');
      expect(s.environment?.TEMPORAL_SERVICES, name).toBe(role);
      expect(s.environment?.DB, name).toBe('postgres12');
      expect(s.environment?.POSTGRES_SEEDS, name).toBe('postgres');
      expect(Number(s.environment?.NUM_HISTORY_SHARDS), name).toBeGreaterThanOrEqual(4);
      shards.add(s.environment?.NUM_HISTORY_SHARDS ?? '');
      expect(s.depends_on?.['temporal-schema']?.condition, name).toBe('service_completed_successfully');
    }
    expect(shards.size, 'every Temporal service agrees on the shard count').toBe(1);
    expect(services['temporal-frontend'].healthcheck?.test?.length).toBeGreaterThan(0);

    // The namespace and exactly the search attributes the workflows set, once the frontend is up.
    const setup = services['temporal-setup'];
    expect(setup.depends_on?.['temporal-frontend']?.condition).toBe('service_healthy');
    const script = (setup.command ?? []).join('\n').replace(/\\\n\s*/g, '');
    expect(script).toContain('temporal operator namespace create --namespace default');
    const registered = [...script.matchAll(/--name (\w+) --type (\w+)/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(registered).toEqual(INVOICE_SEARCH_ATTRIBUTES.map((key) => `${key.name}=${CLI_TYPE_NAMES[key.type]}`));
    expect(services['temporal-ui'].environment?.TEMPORAL_ADDRESS).toBe('temporal-frontend:7233');

    // Dunwell: two API replicas reachable only through the gateway, two workers, production mode.
    for (const name of ['api', 'worker']) {
      expect(services[name].deploy?.replicas, name).toBe(2);
      expect(services[name].environment?.NODE_ENV, name).toBe('production');
      expect(services[name].environment?.TEMPORAL_ADDRESS, name).toBe('temporal-frontend:7233');
      expect(services[name].depends_on?.['temporal-setup']?.condition, name).toBe('service_completed_successfully');
      expect(services[name].depends_on?.migrate?.condition, name).toBe('service_completed_successfully');
    }
    expect(services.api.ports ?? []).toEqual([]);
    expect(services['api-gateway'].ports).toMatchObject([{ published: '3000', target: 3000 }]);
    expect(services['api-gateway'].depends_on?.api?.condition).toBe('service_healthy');
  });

  it('is refused without DUNWELL_API_KEY, naming it', () => {
    const run = check(composeFile, { METRICS_TOKEN: SECRETS.METRICS_TOKEN });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('required variable DUNWELL_API_KEY is missing a value');
  });

  it('is refused when a service depends on one that does not exist', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-check-'));
    try {
      const broken = path.join(dir, 'docker-compose.yml');
      const text = fs.readFileSync(composeFile, 'utf8');
      const edited = text.replace(/(depends_on:\n\s+)api:\n/, '$1api-typo:\n');
      expect(edited).not.toBe(text);
      fs.writeFileSync(broken, edited);
      const run = check(broken, SECRETS);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('depends on undefined service "api-typo"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
