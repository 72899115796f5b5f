// The secrets `npm start` and `npm run start:cluster` run with: from the environment when given
// (used, never printed), otherwise made once and kept under .data/ so the next start keeps them.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SECRETS = [
  ['DUNWELL_API_KEY', 'dev-api-key', () => `dw_dev_${randomBytes(24).toString('hex')}`],
  ['STRIPE_WEBHOOK_SECRET', 'dev-stripe-webhook-secret', () => `whsec_${randomBytes(24).toString('base64')}`],
  ['PAYMENTS_WEBHOOK_SECRET', 'dev-payments-webhook-secret', () => `whsec_${randomBytes(24).toString('base64')}`],
  ['RESEND_WEBHOOK_SECRET', 'dev-resend-webhook-secret', () => `whsec_${randomBytes(24).toString('base64')}`],
] as const;

export type SecretName = (typeof SECRETS)[number][0];

export interface DevSecrets {
  values: Record<SecretName, string>;
  /** Made here (not given): printed in development so the user can use them. */
  made: Set<SecretName>;
  /** How a secret appears in the start banner. */
  shown(name: SecretName): string;
}

export function devSecrets(dataDir: string, production: boolean): DevSecrets {
  fs.mkdirSync(dataDir, { recursive: true });
  const made = new Set<SecretName>();
  const values = {} as Record<SecretName, string>;
  for (const [name, file, make] of SECRETS) {
    const given = process.env[name];
    if (given) {
      values[name] = given;
      continue;
    }
    made.add(name);
    const kept = path.join(dataDir, file);
    if (!fs.existsSync(kept)) fs.writeFileSync(kept, `${make()}\n`, { mode: 0o600 });
    values[name] = fs.readFileSync(kept, 'utf8').trim();
  }
  return { values, made, shown: (name) => (made.has(name) && !production ? values[name] : `(from ${name}; not printed)`) };
}
