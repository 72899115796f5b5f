// The committed client types must be what the API's OpenAPI document generates today: a route,
// field or enum added to the API without regenerating fails CI here, not in a client's build.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_SCHEMA_PATH, generateClientSchema } from '../../scripts/generate-client';

/** Where two texts first part, as a line number and both lines, so the failure says what moved. */
function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  const at = a.findIndex((line, i) => line !== b[i]);
  const line = at === -1 ? a.length : at;
  return `first difference at line ${line + 1}:\n  committed: ${a[line] ?? '(end of file)'}\n  generated: ${b[line] ?? '(end of file)'}`;
}

describe('typed client', () => {
  it('client/schema.d.ts matches the OpenAPI document the API serves', async () => {
    const generated = await generateClientSchema();
    const committed = fs.existsSync(CLIENT_SCHEMA_PATH) ? fs.readFileSync(CLIENT_SCHEMA_PATH, 'utf8') : '';
    const message = `client/schema.d.ts has drifted from the API's OpenAPI document: run npm run client:generate and commit the result (${firstDifference(committed, generated)})`;
    expect(committed === generated, message).toBe(true);
  });

  it('generates the same bytes from the same document', async () => {
    expect(await generateClientSchema()).toBe(await generateClientSchema());
  });
});
