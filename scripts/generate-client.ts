// `npm run client:generate`: client/schema.d.ts, the types of the typed client (client/), from the
// very document the API serves at /openapi.json, built in-process (no server needed). The drift
// test (tests/unit/client-schema.test.ts) regenerates it in memory and fails when it differs.
import fs from 'node:fs';
import path from 'node:path';
import openapiTS, { type OpenAPI3 } from 'openapi-typescript';
import { buildOpenApiDocument } from '../api/openapi';

export const CLIENT_SCHEMA_PATH = path.resolve(__dirname, '../client/schema.d.ts');

const HEADER = `/**
 * Generated: do not edit. Made by \`npm run client:generate\` (scripts/generate-client.ts, with
 * openapi-typescript 6) from the OpenAPI document the API serves at /openapi.json.
 */

`;

/**
 * openapi-typescript 6 writes a response without a body as \`content: never\`; openapi-fetch 0.17
 * is written for version 7's \`content?: never\`. With the former such a call's \`data\` is \`never\`,
 * which the compiler lets you assign anywhere (a silent hole); with the latter it is \`undefined\`,
 * which says what the spec says: no documented body. (Version 7 needs TypeScript 5's compiler API.)
 */
function adaptToOpenapiFetch(types: string): string {
  return types.replace(/^(\s*)content: never;$/gm, '$1content?: never;');
}

/** The file's text; same document in, byte-identical text out (no dates, no paths, no host). */
export async function generateClientSchema(): Promise<string> {
  // The server URL does not reach the types; a fixed one keeps the input itself fixed.
  const document = buildOpenApiDocument('http://localhost:3000') as unknown as OpenAPI3;
  const types = await openapiTS(document, {
    commentHeader: HEADER,
    // A bare `{ type: 'object' }` (an invoice's lines, its timeline) is open, not empty: without
    // this it becomes Record<string, never> and no field of it could be read.
    emptyObjectsUnknown: true,
    silent: true,
  });
  return adaptToOpenapiFetch(types);
}

if (require.main === module) {
  generateClientSchema().then(
    (text) => {
      fs.writeFileSync(CLIENT_SCHEMA_PATH, text);
      console.log(`wrote ${path.relative(process.cwd(), CLIENT_SCHEMA_PATH)}`);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
